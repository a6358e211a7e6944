package io.relmon.ingest;

import io.relmon.ingest.feed.AddressPolicy;
import io.relmon.ingest.feed.FetchSettings;
import io.relmon.service.KafkaSettings;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.Setting;
import io.relmon.service.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configuration of the ingest service. Every key, with its type, default and description, is a
 * {@link Setting} constant below (listed in {@link #SETTINGS}; the README's table is held to them).
 * Environment variables override keys ({@code RELMON_INGEST_PORT}); {@code KAFKA_*} variables pass
 * straight to the Kafka producer.
 */
public record IngestConfig(
    String bootstrapServers, String host, int port, String token, Duration publishTimeout, int maxRequestBytes,
    int duplicatesRemembered, Path feeds, Path dropDir, Path sources, Map<String, Object> kafkaClient,
    int maxBatchItems, int maxConcurrentRequests, PublishedRange publishedRange,
    FetchSettings feedFetching, int dropMaxFileBytes, int maxWaitingRequests) {

  /** Shortest token accepted: a guessable token is no lock. */
  public static final int MIN_TOKEN_LENGTH = 16;

  @Override
  public String toString() {
    return "IngestConfig[bootstrap=" + bootstrapServers + ", port=" + port + ", token=***, feeds=" + feeds + "]";
  }

  public static final Setting<String> HOST = Setting.string("relmon.ingest.host", "0.0.0.0",
      "Address the HTTP API listens on");
  public static final Setting<Integer> PORT = Setting.integer("relmon.ingest.port", 8081, 0, 65535,
      "Port of the HTTP API, /metrics and /health (0: any free port)");
  public static final Setting<String> TOKEN = Setting.secret("relmon.ingest.token", "required",
      "Bearer token of the HTTP API, at least 16 characters (RELMON_INGEST_TOKEN, or the file named by RELMON_INGEST_TOKEN_FILE)");
  public static final Setting<Integer> PUBLISH_TIMEOUT_MS = Setting.integer("relmon.ingest.publish.timeout.ms", 5000, 100, 600_000,
      "How long a request waits for Kafka's acknowledgement (or a coding slot) before it is answered 503 with Retry-After");
  public static final Setting<Integer> MAX_REQUEST_BYTES = Setting.integer("relmon.ingest.max.request.bytes", 1 << 20, 1024, 64 << 20,
      "Larger requests are answered 413");
  public static final Setting<Integer> MAX_BATCH_ITEMS = Setting.integer("relmon.ingest.max.batch.items", 1000, 1, 100_000,
      "A batch with more articles is answered 413 at once, before any is parsed");
  public static final Setting<Integer> MAX_CONCURRENT_REQUESTS = Setting.integer("relmon.ingest.max.concurrent.requests",
      Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 1, 1024,
      "Requests coding at once; one that finds no slot within the publish timeout is answered 503")
      .shownAs("2 × cores, at least 4");
  public static final Setting<Integer> MAX_WAITING_REQUESTS = Setting.integer("relmon.ingest.max.waiting.requests",
      ServiceHttpServer.MAX_CONNECTIONS / 2, 0, ServiceHttpServer.MAX_CONNECTIONS,
      "Requests that may wait for a coding slot; one more is answered 503 with Retry-After at once, so that a backlog"
          + " never fills the server's " + ServiceHttpServer.MAX_CONNECTIONS + " connections (beyond them the JDK closes new"
          + " ones unanswered, health probes' among them)");
  public static final Setting<Integer> PUBLISHED_MAX_AHEAD_MINUTES = Setting.integer("relmon.ingest.published.max.ahead.minutes",
      60, 0, 525_600, "How far past the server's clock an article's published time may lie (400 beyond it); keep it at or below the broker's log.message.timestamp.after.max.ms");
  public static final Setting<Integer> DUPLICATES_REMEMBERED = Setting.integer("relmon.ingest.duplicates.remembered",
      300_000, 1, 50_000_000, "How many of the latest article ids are remembered, to answer a re-submission as a duplicate");
  public static final Setting<Path> FEEDS = Setting.path("relmon.ingest.feeds", null,
      "The feeds file (YAML): RSS and Atom feeds to poll");
  public static final Setting<Path> SOURCES = Setting.path("relmon.ingest.sources", null,
      "More outlets, in the format of the bundled sources.tsv (a known name or domain is replaced)");
  public static final Setting<Path> DROP_DIR = Setting.path("relmon.ingest.drop.dir", null,
      "A folder whose article files are imported");
  public static final Setting<Integer> DROP_MAX_FILE_BYTES = Setting.integer("relmon.ingest.drop.max.file.bytes", 10 << 20, 1024, 1 << 30,
      "Larger dropped files are refused unread (dead-lettered with the reason, moved to rejected/)");
  public static final Setting<String> FEED_ALLOW_HOSTS = Setting.string(AddressPolicy.ALLOW_SETTING, null,
      "Comma-separated host names and address ranges (10.1.0.0/16) the feed poller may fetch from besides public addresses")
      .shownAs("none (public addresses only)");
  public static final Setting<Integer> FEED_TIMEOUT_MS = Setting.integer("relmon.ingest.feed.timeout.ms",
      (int) FetchSettings.DEFAULT_DEADLINE.toMillis(), 1000, 600_000,
      "The most one fetch of a feed or a page may take (every redirect, connect, headers, body) before it is aborted");
  public static final Setting<Integer> FEED_MAX_FEED_BYTES = Setting.integer("relmon.ingest.feed.max.feed.bytes",
      FetchSettings.DEFAULT_MAX_FEED_BYTES, 1024, 256 << 20, "Larger feeds are refused (reading stops at the cap)");
  public static final Setting<Integer> FEED_MAX_PAGE_BYTES = Setting.integer("relmon.ingest.feed.max.page.bytes",
      FetchSettings.DEFAULT_MAX_PAGE_BYTES, 1024, 256 << 20, "Larger article pages are refused (reading stops at the cap)");
  public static final Setting<Integer> FEED_CONCURRENCY = Setting.integer("relmon.ingest.feed.concurrency",
      FetchSettings.DEFAULT_CONCURRENCY, 1, 64, "How many feeds are polled at once");

  /** Every setting of the ingest service, the shared ones first (the README's table, in order). */
  public static final List<Setting<?>> SETTINGS = Stream.concat(Settings.COMMON.stream(), Stream.<Setting<?>>of(
      HOST, PORT, TOKEN, PUBLISH_TIMEOUT_MS, MAX_REQUEST_BYTES, MAX_BATCH_ITEMS, MAX_CONCURRENT_REQUESTS, MAX_WAITING_REQUESTS,
      PUBLISHED_MAX_AHEAD_MINUTES, DUPLICATES_REMEMBERED, FEEDS, SOURCES, DROP_DIR, DROP_MAX_FILE_BYTES,
      FEED_ALLOW_HOSTS, FEED_TIMEOUT_MS, FEED_MAX_FEED_BYTES, FEED_MAX_PAGE_BYTES, FEED_CONCURRENCY)).toList();

  public static IngestConfig from(Settings settings, Map<String, String> environment) {
    String bootstrap = settings.common();
    IngestConfig config = new IngestConfig(
        bootstrap,
        HOST.from(settings),
        PORT.from(settings),
        token(settings),
        Duration.ofMillis(PUBLISH_TIMEOUT_MS.from(settings)),
        MAX_REQUEST_BYTES.from(settings),
        DUPLICATES_REMEMBERED.from(settings),
        FEEDS.from(settings),
        DROP_DIR.from(settings),
        SOURCES.from(settings),
        KafkaSettings.clientProperties(bootstrap, settings, environment),
        MAX_BATCH_ITEMS.from(settings),
        MAX_CONCURRENT_REQUESTS.from(settings),
        new PublishedRange(Duration.ofMinutes(PUBLISHED_MAX_AHEAD_MINUTES.from(settings))),
        feedFetching(settings),
        DROP_MAX_FILE_BYTES.from(settings),
        MAX_WAITING_REQUESTS.from(settings));
    settings.reportUnknownEnvironment("ingest", SETTINGS, List.of("relmon.ingest."));
    settings.validate();
    return config;
  }

  private static FetchSettings feedFetching(Settings settings) {
    AddressPolicy addresses = AddressPolicy.publicOnly();
    try {
      String allowed = FEED_ALLOW_HOSTS.from(settings);
      addresses = AddressPolicy.allowing(allowed == null ? "" : allowed);
    } catch (IllegalArgumentException e) {
      settings.error(AddressPolicy.ALLOW_SETTING + ": " + e.getMessage());
    }
    return new FetchSettings(addresses,
        Duration.ofMillis(FEED_TIMEOUT_MS.from(settings)),
        FEED_MAX_FEED_BYTES.from(settings),
        FEED_MAX_PAGE_BYTES.from(settings),
        FEED_CONCURRENCY.from(settings),
        FetchSettings.MAX_REDIRECTS);
  }

  private static String token(Settings settings) {
    String token = TOKEN.from(settings);
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
