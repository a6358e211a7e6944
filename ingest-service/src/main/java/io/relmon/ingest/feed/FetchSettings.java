package io.relmon.ingest.feed;

import java.time.Duration;

/**
 * How the feed poller fetches: from which addresses, within what time, how much, how many at
 * once. Read from {@code relmon.ingest.feed.*} (see {@code IngestConfig}).
 *
 * @param addresses where fetching is allowed (public addresses, plus the allow-list)
 * @param deadline the most one fetch (a feed or a page, every redirect, connection, headers and
 *     body) may take before it is aborted
 * @param maxFeedBytes the largest feed document read
 * @param maxPageBytes the largest item page read
 * @param concurrency how many feeds are polled at once (a slow one holds one thread, not all)
 * @param maxRedirects redirects followed per fetch
 */
public record FetchSettings(AddressPolicy addresses, Duration deadline, int maxFeedBytes, int maxPageBytes,
    int concurrency, int maxRedirects) {

  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);
  public static final int DEFAULT_MAX_FEED_BYTES = 5 << 20;
  public static final int DEFAULT_MAX_PAGE_BYTES = 2 << 20;
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int MAX_REDIRECTS = 5;

  /** Public addresses only, and the default limits. */
  public static FetchSettings defaults() {
    return new FetchSettings(AddressPolicy.publicOnly(), DEFAULT_DEADLINE, DEFAULT_MAX_FEED_BYTES,
        DEFAULT_MAX_PAGE_BYTES, DEFAULT_CONCURRENCY, MAX_REDIRECTS);
  }
}
