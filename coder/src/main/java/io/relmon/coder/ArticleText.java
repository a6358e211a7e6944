package io.relmon.coder;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What the coder reads of an article. {@code published} keeps the offset the source gave,
 * because relative dates ("on Monday", "last year") resolve against the local date of
 * publication.
 *
 * @param title headline
 * @param body text, one paragraph a line
 * @param published publication time with its offset
 */
public record ArticleText(String title, String body, OffsetDateTime published) {
  public ArticleText {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(published, "published");
  }
}
