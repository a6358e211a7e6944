package io.relmon.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.relmon.coder.Coding;
import io.relmon.coder.CodingRefused;
import io.relmon.coder.EventCoder;
import io.relmon.schemas.avro.ArticleEvent;
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
  private final Clock clock;
  private final SeenArticles seen;
  private final java.util.Map<String, CompletableFuture<ArticleEvent>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

  public ArticleIngestor(EventCoder coder, SourceRegistry sources, ArticlePublisher publisher, SeenArticles seen,
      MeterRegistry meters, Clock clock) {
    this(coder, sources, publisher::publish, seen, meters, clock);
  }

  /**
   * As the public constructor, with {@code publisher} any function whose future completes once
   * the article event is on the topic (tests publish without a broker).
   */
  ArticleIngestor(EventCoder coder, SourceRegistry sources, Function<ArticleEvent, CompletableFuture<?>> publisher,
      SeenArticles seen, MeterRegistry meters, Clock clock) {
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
    // Known at zero from the start, so that dashboards and alert rules see the series before the
    // first article arrives (a counter that does not exist yet is "no data", not 0).
    for (String source : java.util.List.of("http", "file", "feed")) {
      for (String result : java.util.List.of("accepted", "duplicate", "rejected", "failed")) {
        meters.counter("relmon.ingest.articles", "source", source, "result", result);
      }
    }
    for (String reason : java.util.List.of("unauthorized", "too_large", "not_utf8", "not_json", "invalid_fields", "empty")) {
      meters.counter("relmon.ingest.rejections", "source", "http", "reason", reason);
    }
    meters.counter("relmon.ingest.rejections", "source", "file", "reason", "invalid_fields");
    meters.counter("relmon.ingest.rejections", "source", "feed", "reason", "feed_item");
    for (String source : java.util.List.of("http", "file", "feed")) {
      meters.counter("relmon.ingest.rejections", "source", source, "reason", CODING_REFUSED);
    }
  }

  /** The rejection reason (metric tag) of an article the coder refused. */
  public static final String CODING_REFUSED = "coding_refused";

  /** What became of a submitted article. */
  public sealed interface Submission permits Duplicate, Publishing, Refused {}

  /** Seen before (see {@link SeenArticles}): not published again. */
  public record Duplicate(String articleId) implements Submission {}

  /** Being published: the future completes with the article event once Kafka acknowledged. */
  public record Publishing(CompletableFuture<ArticleEvent> acknowledged) implements Submission {}

  /**
   * The coder refused the article ({@link CodingRefused}: it would take longer to code than its
   * time budget): nothing was published, and the article is not remembered, so it is no
   * duplicate when sent again. The source rejects it with {@code reason} (HTTP 422, a dead
   * letter) and counts it with {@link #reject}{@code (channel, }{@link #CODING_REFUSED}{@code )}.
   *
   * @param reason "the coder refused the article: " and the coder's own reason
   */
  public record Refused(String articleId, String reason) implements Submission {}

  /**
   * A duplicate, refused by the coder, or coded and being published. A refused article or a
   * failed publish forgets the article again, so the client's retry is coded and published and
   * not called a duplicate.
   */
  public Submission submit(Article article, String channel) {
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
    Coding coding = forOutlet(coder.code(article.text()), outlet);
    codingTime.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
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
