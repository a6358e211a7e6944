package io.relmon.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.relmon.coder.Coding;
import io.relmon.coder.CodingRefused;
import io.relmon.coder.EventCoder;
import io.relmon.schemas.avro.ArticleEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Codes an accepted article and hands the article event to the publisher; counts each outcome.
 * Shared by every source (HTTP, files), so they all code and publish the same way.
 */
public final class ArticleIngestor {

  private final EventCoder coder;
  private final SourceRegistry sources;
  private final Function<ArticleEvent, CompletableFuture<?>> publisher;
  private final MeterRegistry meters;
  private final Timer codingTime;
  private final Counter codingCpu;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Clock clock;
  private final SeenArticles seen;
  private final java.util.Map<String, CompletableFuture<ArticleEvent>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
  private final PublishedRange publishedRange;

  public ArticleIngestor(EventCoder coder, SourceRegistry sources, ArticlePublisher publisher, SeenArticles seen,
      MeterRegistry meters, Clock clock, PublishedRange publishedRange) {
    this(coder, sources, publisher::publish, seen, meters, clock, publishedRange);
  }

  /**
   * As the public constructor, with {@code publisher} any function whose future completes once
   * the article event is on the topic (tests publish without a broker).
   */
  ArticleIngestor(EventCoder coder, SourceRegistry sources, Function<ArticleEvent, CompletableFuture<?>> publisher,
      SeenArticles seen, MeterRegistry meters, Clock clock, PublishedRange publishedRange) {
    this.publishedRange = publishedRange;
    this.coder = coder;
    this.seen = seen;
    this.sources = sources;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
    this.codingTime = Timer.builder("relmon.ingest.coding.time")
        .description("Time to code one article")
        .publishPercentileHistogram()
        .register(meters);
    // CPU, not wall time: on a busy machine the coding thread waits for a core, and issue 16's
    // target counts the services' CPU per article beyond the coder's own (the bench reads it).
    this.codingCpu = Counter.builder("relmon.ingest.coding.cpu")
        .baseUnit("seconds")
        .description("CPU time of the threads coding articles, spent coding")
        .register(meters);
    // Known at zero from the start, so that dashboards and alert rules see the series before the
    // first article arrives (a counter that does not exist yet is "no data", not 0).
    for (String source : java.util.List.of("http", "file", "feed")) {
      for (String result : java.util.List.of("accepted", "duplicate", "rejected", "failed")) {
        meters.counter("relmon.ingest.articles", "source", source, "result", result);
      }
    }
    for (String reason : java.util.List.of("unauthorized", "too_large", "not_utf8", "not_json", "invalid_fields", "empty",
        "too_many_items", "busy", PUBLISHED_OUT_OF_RANGE)) {
      meters.counter("relmon.ingest.rejections", "source", "http", "reason", reason);
    }
    meters.counter("relmon.ingest.rejections", "source", "file", "reason", "invalid_fields");
    meters.counter("relmon.ingest.rejections", "source", "feed", "reason", "feed_item");
    for (String source : java.util.List.of("http", "file", "feed")) {
      meters.counter("relmon.ingest.rejections", "source", source, "reason", CODING_REFUSED);
      meters.counter("relmon.ingest.rejections", "source", source, "reason", PUBLISHED_OUT_OF_RANGE);
    }
  }

  /** The rejection reason (metric tag) of an article the coder refused. */
  public static final String CODING_REFUSED = "coding_refused";
  /** The rejection reason (metric tag) of an article published before 1970 or too far ahead. */
  public static final String PUBLISHED_OUT_OF_RANGE = "published_out_of_range";

  /** What became of a submitted article. */
  public sealed interface Submission permits Duplicate, Publishing, Refused {}

  /** Seen before (see {@link SeenArticles}): not published again. */
  public record Duplicate(String articleId) implements Submission {}

  /** Being published: the future completes with the article event once Kafka acknowledged. */
  public record Publishing(CompletableFuture<ArticleEvent> acknowledged) implements Submission {}

  /**
   * Not published, and not remembered, so it is no duplicate when sent again: the coder refused
   * the article ({@link CodingRefused}: it would take longer to code than its time budget), or
   * its publication time is outside the range Kafka and the scores accept. The source rejects it
   * with {@code reason} (HTTP 422 or 400, a dead letter) and counts it with
   * {@link #reject}{@code (channel, cause.tag())}.
   *
   * @param reason what to tell the sender, e.g. "the coder refused the article: " and the coder's reason
   */
  public record Refused(String articleId, String reason, Cause cause) implements Submission {
    /** Refused by the coder. */
    public Refused(String articleId, String reason) {
      this(articleId, reason, Cause.CODING_BUDGET);
    }
  }

  /** Why an article was refused. */
  public enum Cause {
    /** The coder's time budget: the article as sent will never be coded (HTTP 422). */
    CODING_BUDGET(CODING_REFUSED),
    /** The "published" field is out of range: the sender can correct it (HTTP 400). */
    PUBLISHED_OUT_OF_RANGE(ArticleIngestor.PUBLISHED_OUT_OF_RANGE);

    private final String tag;

    Cause(String tag) {
      this.tag = tag;
    }

    /** The rejection reason in metrics. */
    public String tag() {
      return tag;
    }
  }

  /**
   * A duplicate, refused by the coder, or coded and being published. A refused article or a
   * failed publish forgets the article again, so the client's retry is coded and published and
   * not called a duplicate.
   */
  public Submission submit(Article article, String channel) {
    java.util.Optional<String> outOfRange = publishedRange.check(article.published().toInstant(), clock.instant());
    if (outOfRange.isPresent()) {
      return new Refused(article.id(), outOfRange.get(), Cause.PUBLISHED_OUT_OF_RANGE);
    }
    if (!seen.claim(article.id())) {
      // Still being published (a client retrying before its first attempt was acknowledged): the
      // retry waits on the same publish, so "duplicate" always means "on the topic".
      CompletableFuture<ArticleEvent> pending = inFlight.get(article.id());
      if (pending != null) {
        return new Publishing(pending);
      }
      count(channel, "duplicate");
      return new Duplicate(article.id());
    }
    CompletableFuture<ArticleEvent> acknowledged;
    try {
      acknowledged = ingest(article, channel);
    } catch (CodingRefused e) {
      seen.release(article.id());
      return new Refused(article.id(), "the coder refused the article: " + e.getMessage());
    } catch (RuntimeException e) {
      seen.release(article.id());
      throw e;
    }
    inFlight.put(article.id(), acknowledged);
    acknowledged.whenComplete((event, error) -> {
      if (error != null) {
        seen.release(article.id());
      }
      inFlight.remove(article.id(), acknowledged);
    });
    return new Publishing(acknowledged);
  }

  /**
   * Codes and publishes, duplicate or not; the future completes once Kafka acknowledged.
   *
   * @throws CodingRefused when the coder will not code the article; nothing is published
   */
  CompletableFuture<ArticleEvent> ingest(Article article, String channel) {
    SourceRegistry.Outlet outlet = sources.lookup(article.source(), article.url());
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime(); // -1 where the JVM cannot tell
    Coding coding = forOutlet(coder.code(article.text()), outlet);
    codingTime.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (cpuStart >= 0) {
      codingCpu.increment((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }
    ArticleEvent event = ArticleEvents.of(article, outlet, coding, coder.version(), clock.instant());
    long sent = System.nanoTime();
    return publisher.apply(event).handle((metadata, error) -> {
      Timer.builder("relmon.ingest.publish.latency").tag("source", channel)
          .description("From handing an article event to the producer to Kafka's acknowledgement")
          .publishPercentileHistogram().register(meters)
          .record(System.nanoTime() - sent, java.util.concurrent.TimeUnit.NANOSECONDS);
      if (error != null) {
        count(channel, "failed");
        throw new java.util.concurrent.CompletionException(error);
      }
      count(channel, "accepted");
      meters.counter("relmon.ingest.events.coded", "source", channel).increment(coding.events().size());
      return event;
    });
  }

  /**
   * Leader mentions matter for state media only (PROMINENCE_SHIFT compares how a state's media
   * present foreign leaders): other outlets' articles carry none, and a state's own leaders are
   * left out. Orders are renumbered among those kept.
   */
  static Coding forOutlet(Coding coding, SourceRegistry.Outlet outlet) {
    if (outlet.kind() != io.relmon.schemas.avro.SourceKind.STATE_MEDIA) {
      return new Coding(coding.events(), java.util.List.of());
    }
    java.util.List<io.relmon.coder.LeaderMention> foreign = new java.util.ArrayList<>();
    for (io.relmon.coder.LeaderMention m : coding.leaderMentions()) {
      if (!m.leaderCountry().equals(outlet.country())) {
        foreign.add(new io.relmon.coder.LeaderMention(m.leaderCountry(), m.leader(), foreign.size() + 1,
            m.named(), m.groupSize(), m.textShare()));
      }
    }
    return new Coding(coding.events(), foreign);
  }

  /** Counts one article outcome: accepted, duplicate, failed (rejections: {@link #reject}). */
  public void count(String channel, String result) {
    meters.counter("relmon.ingest.articles", "source", channel, "result", result).increment();
  }

  /**
   * Counts one rejected input with its reason, a short fixed word (unauthorized, too_large,
   * not_utf8, not_json, invalid_fields, unreadable, feed_item, coding_refused, ...): bounded tag
   * values — never the coder's message, which names times and sizes.
   */
  public void reject(String channel, String reason) {
    count(channel, "rejected");
    meters.counter("relmon.ingest.rejections", "source", channel, "reason", reason).increment();
  }
}
