package io.relmon.ingest;

import io.relmon.coder.ArticleText;
import io.relmon.coder.Coding;
import io.relmon.coder.CodingRefused;
import io.relmon.coder.EventCoder;
import java.util.List;

/**
 * A test double of the coder: refuses ({@link CodingRefused}, as the real coder does when an
 * article would exceed its time budget) every article whose body contains {@link #MARKER}, and
 * finds no events in the others. The real coder is tested in the coder module.
 */
public final class RefusingCoder implements EventCoder {

  /** In a body, makes the coder refuse the article. */
  public static final String MARKER = "[[refuse-to-code]]";

  /** The coder's reason, as the real one words it. */
  public static final String REASON = "coding stopped after 250 ms: the coder's budget for a 4 KB article is 200 ms";

  @Override
  public String version() {
    return "refusing-test-coder/1";
  }

  @Override
  public Coding code(ArticleText article) {
    if (article.body().contains(MARKER)) {
      throw new CodingRefused(REASON);
    }
    return new Coding(List.of(), List.of());
  }
}
