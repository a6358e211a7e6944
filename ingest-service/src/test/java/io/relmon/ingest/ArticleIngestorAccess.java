package io.relmon.ingest;

import io.relmon.coder.Coding;

/** Test access to the ingestor's outlet filter. */
public final class ArticleIngestorAccess {
  private ArticleIngestorAccess() {}

  public static Coding forOutlet(Coding coding, SourceRegistry.Outlet outlet) {
    return ArticleIngestor.forOutlet(coding, outlet);
  }
}
