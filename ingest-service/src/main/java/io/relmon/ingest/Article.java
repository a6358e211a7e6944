package io.relmon.ingest;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An article as relmon accepts it. {@code published} keeps the offset the source gave, because
 * relative dates ("on Monday", "last year") resolve against the local date of publication.
 *
 * @param id stable id (see {@link ArticleIds})
 * @param url link, or null
 * @param source outlet name
 * @param title headline
 * @param body text, one paragraph a line
 * @param published publication time with its offset
 */
public record Article(String id, String url, String source, String title, String body, OffsetDateTime published) {
  public Article {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(published, "published");
  }

  /** What the coder reads of this article. */
  public io.relmon.coder.ArticleText text() {
    return new io.relmon.coder.ArticleText(title, body, published);
  }
}
