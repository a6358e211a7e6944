package io.relmon.ingest;

import io.relmon.ingest.feed.AddressPolicy;
import io.relmon.ingest.feed.FetchSettings;
import io.relmon.service.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the ingest service. Keys and defaults:
 *
 * <ul>
 *   <li>{@code relmon.kafka.bootstrap} ({@code localhost:9092}) — Kafka bootstrap servers
 *   <li>{@code relmon.ingest.host} ({@code 0.0.0.0}) and {@code relmon.ingest.port} ({@code 8081})
 *   <li>{@code relmon.ingest.token} or {@code relmon.ingest.token.file} (required) — the bearer
 *       token of the HTTP API; from the environment: {@code RELMON_INGEST_TOKEN},
 *       {@code RELMON_INGEST_TOKEN_FILE}; at least 16 characters
 *   <li>{@code relmon.ingest.publish.timeout.ms} ({@code 5000}) — how long a request waits for
 *       Kafka's acknowledgement before it is answered 503 with Retry-After
 *   <li>{@code relmon.ingest.max.request.bytes} ({@code 1048576}) — larger requests get 413
 *   <li>{@code relmon.ingest.max.batch.items} ({@code 1000}) — a batch with more articles gets 413
 *       at once, before any is parsed
 *   <li>{@code relmon.ingest.max.concurrent.requests} ({@code 2 × cores}, at least 4) — requests
 *       coding at once; one that finds no slot within the publish timeout gets 503
 *   <li>{@code relmon.ingest.published.max.ahead.minutes} ({@code 60}) — how far past the
 *       server's clock an article's "published" may lie (400 beyond it; keep it at or below the
 *       broker's {@code log.message.timestamp.after.max.ms}); before 1970 is always 400
 *   <li>{@code relmon.ingest.duplicates.remembered} ({@code 300000}) — how many of the latest
 *       article ids the service remembers to report a re-submission as a duplicate
 *   <li>{@code relmon.ingest.feeds} (none) — the feeds file (see {@link io.relmon.ingest.feed.FeedsFile})
 *   <li>{@code relmon.ingest.sources} (none) — more outlets, in the format of the bundled
 *       {@code sources.tsv}, added to it (a known name or domain is replaced)
 *   <li>{@code relmon.ingest.drop.dir} (none) — a folder whose article files are imported (see {@link DropFolder})
 *   <li>{@code relmon.ingest.drop.max.file.bytes} ({@code 10485760}) — larger dropped files are
 *       refused unread (dead-lettered with the reason, moved to {@code rejected/})
 *   <li>{@code relmon.ingest.feed.allow.hosts} (none) — comma-separated host names and address
 *       ranges ({@code 127.0.0.1/32}, {@code 10.1.0.0/16}) the feed poller may fetch from besides
 *       public addresses (tests, labs); see {@link io.relmon.ingest.feed.AddressPolicy}
 *   <li>{@code relmon.ingest.feed.timeout.ms} ({@code 20000}) — the most one fetch of a feed or a
 *       page may take, redirects, headers and body included, before it is aborted
 *   <li>{@code relmon.ingest.feed.max.feed.bytes} ({@code 5242880}) and
 *       {@code relmon.ingest.feed.max.page.bytes} ({@code 2097152}) — larger feeds and pages are
 *       refused (reading stops at the cap)
 *   <li>{@code relmon.ingest.feed.concurrency} ({@code 4}) — how many feeds are polled at once
 * </ul>
 *
 * Environment variables override keys ({@code RELMON_INGEST_PORT}); {@code KAFKA_*} variables pass
 * straight to the Kafka producer.
 */
public record IngestConfig(
    String bootstrapServers, String host, int port, String token, Duration publishTimeout, int maxRequestBytes,
    int duplicatesRemembered, Path feeds, Path dropDir, Path sources, Map<String, Object> kafkaClient,
    int maxBatchItems, int maxConcurrentRequests, PublishedRange publishedRange,
    FetchSettings feedFetching, int dropMaxFileBytes) {

  /** Shortest token accepted: a guessable token is no lock. */
  public static final int MIN_TOKEN_LENGTH = 16;

  @Override
  public String toString() {
    return "IngestConfig[bootstrap=" + bootstrapServers + ", port=" + port + ", token=***, feeds=" + feeds + "]";
  }

  public static IngestConfig from(Settings settings, Map<String, String> environment) {
    String bootstrap = settings.string("relmon.kafka.bootstrap", "localhost:9092");
    IngestConfig config = new IngestConfig(
        bootstrap,
        settings.string("relmon.ingest.host", "0.0.0.0"),
        settings.integer("relmon.ingest.port", 8081, 0, 65535),
        token(settings),
        Duration.ofMillis(settings.integer("relmon.ingest.publish.timeout.ms", 5000, 100, 600_000)),
        settings.integer("relmon.ingest.max.request.bytes", 1 << 20, 1024, 64 << 20),
        settings.integer("relmon.ingest.duplicates.remembered", 300_000, 1, 50_000_000),
        settings.path("relmon.ingest.feeds", null),
        settings.path("relmon.ingest.drop.dir", null),
        settings.path("relmon.ingest.sources", null),
        io.relmon.service.KafkaSettings.clientProperties(bootstrap, settings, environment),
        settings.integer("relmon.ingest.max.batch.items", 1000, 1, 100_000),
        settings.integer("relmon.ingest.max.concurrent.requests",
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 1, 1024),
        new PublishedRange(Duration.ofMinutes(settings.integer("relmon.ingest.published.max.ahead.minutes", 60, 0, 525_600))),
        feedFetching(settings),
        settings.integer("relmon.ingest.drop.max.file.bytes", 10 << 20, 1024, 1 << 30));
    settings.validate();
    return config;
  }

  private static FetchSettings feedFetching(Settings settings) {
    AddressPolicy addresses = AddressPolicy.publicOnly();
    try {
      addresses = AddressPolicy.allowing(settings.string(AddressPolicy.ALLOW_SETTING, ""));
    } catch (IllegalArgumentException e) {
      settings.error(AddressPolicy.ALLOW_SETTING + ": " + e.getMessage());
    }
    return new FetchSettings(addresses,
        Duration.ofMillis(settings.integer("relmon.ingest.feed.timeout.ms", (int) FetchSettings.DEFAULT_DEADLINE.toMillis(), 1000, 600_000)),
        settings.integer("relmon.ingest.feed.max.feed.bytes", FetchSettings.DEFAULT_MAX_FEED_BYTES, 1024, 256 << 20),
        settings.integer("relmon.ingest.feed.max.page.bytes", FetchSettings.DEFAULT_MAX_PAGE_BYTES, 1024, 256 << 20),
        settings.integer("relmon.ingest.feed.concurrency", FetchSettings.DEFAULT_CONCURRENCY, 1, 64),
        FetchSettings.MAX_REDIRECTS);
  }

  private static String token(Settings settings) {
    String token = settings.secret("relmon.ingest.token");
    if (token == null || token.isBlank()) {
      settings.error("relmon.ingest.token: required — the bearer token clients send; set RELMON_INGEST_TOKEN or RELMON_INGEST_TOKEN_FILE");
      return null;
    }
    if (token.length() < MIN_TOKEN_LENGTH) {
      settings.error("relmon.ingest.token: at least " + MIN_TOKEN_LENGTH + " characters");
    } else if (placeholder(token)) {
      settings.error("relmon.ingest.token: looks like a placeholder (a sample value, or fewer than "
          + io.relmon.service.BearerToken.MIN_DISTINCT_CHARACTERS + " different characters); generate one, e.g. openssl rand -base64 32");
    }
    return token;
  }

  /** True for a sample value left in place (see {@link io.relmon.service.BearerToken#placeholder}). */
  public static boolean placeholder(String token) {
    return io.relmon.service.BearerToken.placeholder(token);
  }
}
