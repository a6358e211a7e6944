package io.relmon.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.relmon.ingest.ArticleIds;
import io.relmon.ingest.ArticleIngestor;
import io.relmon.ingest.ArticleParser;
import io.relmon.ingest.IngestDeadLetters;
import io.relmon.ingest.SeenArticles;
import io.relmon.ingest.SourceRegistry;
import io.relmon.service.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the RSS/Atom feeds of the feeds file, each on its interval, with conditional GET
 * ({@code If-None-Match} / {@code If-Modified-Since}); fetches each new item's page, extracts its
 * main text ({@link PageText}) and ingests it like any other article (channel {@code feed}).
 *
 * <ul>
 *   <li>Items already published are skipped, also across restarts: their article id (from the
 *       canonical link) is among the ids {@link SeenArticles} reads back from the topic.
 *   <li>Feeds are polled on a small pool of threads ({@link FetchSettings#concurrency}), each feed
 *       by one thread at a time, its items one after the other: a slow feed holds one thread, the
 *       others carry on. One request to a host at a time, and never two to one host closer than
 *       the politeness delay ({@link HostPacer}).
 *   <li>Every fetch, of a feed or a page, goes through {@link SafeFetcher}: public addresses only
 *       (unless allowed), checked on every redirect; one deadline for the whole answer; a cap on
 *       its size. What it refuses is logged with the reason and counted
 *       ({@code relmon.ingest.feed.refusals{fetch,why}}); a refused page's item is dead-lettered
 *       with the reason (nothing of the page was read), a refused feed counts as a failed poll.
 *   <li>A feed that fails (network, status, unparsable, refused) is retried after 30 s, then
 *       doubling up to an hour, and counted in metrics; the others carry on.
 *   <li>An item that cannot become an article (no link, a page answering 4xx, no article text,
 *       invalid fields) or that the coder refused (it would take longer to code than the coder's
 *       time budget) goes to the ingest dead-letter topic with the reason and its origin
 *       ({@code feed URL → item link}), and the next item goes on; a page that fails with 5xx or
 *       a network error (a passed deadline too) is tried again at the next poll.
 * </ul>
 */
public final class FeedPoller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
  private static final String CHANNEL = "feed";
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  private static final Duration MAX_RETRY = Duration.ofHours(1);
  private static final String FETCH_REFUSED = "fetch_refused";
  private static final Map<String, String> HEADERS = Map.of(
      "User-Agent", "relmon/0.1 (event monitor; polite polling)",
      "Accept", "application/rss+xml, application/atom+xml, application/xml, text/html;q=0.9, */*;q=0.5");

  private final FeedsFile.Feeds config;
  private final ArticleIngestor ingestor;
  private final SeenArticles seen;
  private final SourceRegistry sources;
  private final IngestDeadLetters deadLetters;
  private final MeterRegistry meters;
  private final Clock clock;
  private final FetchSettings fetching;
  private final SafeFetcher fetcher;
  private final ExecutorService pollers;
  private final Map<URI, State> states = new HashMap<>();
  /** Items already dead-lettered by this process, so that each poll does not repeat them. */
  private final java.util.Set<String> deadLettered = java.util.Collections.newSetFromMap(
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000).<String, Boolean>build().asMap());
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * What the poller knows of one feed between polls. Written by the thread polling the feed (one
   * at a time: {@code polling}), read by the scheduler.
   */
  private static final class State {
    volatile String etag;
    volatile String lastModified;
    volatile Instant due = Instant.EPOCH;
    final AtomicInteger failures = new AtomicInteger();
    final AtomicBoolean polling = new AtomicBoolean();
  }

  /** A feed the fetcher refused: a failed poll, counted as {@code refused}. */
  private static final class FeedRefused extends IOException {
    FeedRefused(String reason) {
      super(reason);
    }
  }

  public FeedPoller(FeedsFile.Feeds config, ArticleIngestor ingestor, SeenArticles seen, SourceRegistry sources,
      IngestDeadLetters deadLetters, MeterRegistry meters, Clock clock, FetchSettings fetching) {
    this.config = config;
    this.ingestor = ingestor;
    this.seen = seen;
    this.sources = sources;
    this.deadLetters = deadLetters;
    this.meters = meters;
    this.clock = clock;
    this.fetching = fetching;
    this.fetcher = new SafeFetcher(fetching.addresses(),
        new HostPacer(config.politeness(), HostPacer.DEFAULT_MAX_REMEMBERED, clock), fetching.deadline(), fetching.maxRedirects());
    AtomicInteger threads = new AtomicInteger();
    this.pollers = Executors.newFixedThreadPool(fetching.concurrency(), task -> {
      Thread t = new Thread(task, "relmon-feed-poller-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // Known at zero from the start, so that alert rules see the series before the first refusal.
    for (String fetch : List.of("feed", "page")) {
      for (SafeFetcher.Why why : SafeFetcher.Why.values()) {
        meters.counter("relmon.ingest.feed.refusals", "fetch", fetch, "why", why.tag());
      }
    }
    meters.counter("relmon.ingest.rejections", "source", CHANNEL, "reason", FETCH_REFUSED);
    for (FeedsFile.Feed feed : config.feeds()) {
      State state = new State();
      states.put(feed.url(), state);
      meters.gauge("relmon.ingest.feed.consecutive.failures", List.of(Tag.of("feed", feed.url().toString())),
          state.failures, AtomicInteger::get);
    }
    log.info("{} feeds, polled {} at a time; fetching from {}, each fetch within {}, feeds up to {} bytes, pages up to {}",
        config.feeds().size(), fetching.concurrency(), fetching.addresses(), fetching.deadline(), fetching.maxFeedBytes(),
        fetching.maxPageBytes());
    this.thread = new Thread(this::run, "relmon-feed-scheduler");
    this.thread.setDaemon(true);
  }

  public FeedPoller start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      if (!seen.caughtUp()) {
        // Until the ids already on the topic are known, every item would look new: wait, or a
        // restart would fetch and ingest again what went through before it.
        sleep(Duration.ofMillis(100));
        continue;
      }
      Instant now = clock.instant();
      for (FeedsFile.Feed feed : config.feeds()) {
        State state = states.get(feed.url());
        if (running && !now.isBefore(state.due) && state.polling.compareAndSet(false, true)) {
          try {
            pollers.execute(() -> {
              try {
                poll(feed, state);
              } finally {
                state.polling.set(false);
              }
            });
          } catch (java.util.concurrent.RejectedExecutionException e) {
            state.polling.set(false); // closing
          }
        }
      }
      sleep(Duration.ofMillis(200));
    }
  }

  /** Polls one feed now; never throws. */
  void poll(FeedsFile.Feed feed, State state) {
    String result;
    try {
      result = fetchFeed(feed, state);
      state.failures.set(0);
      state.due = clock.instant().plus(feed.interval());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      int failures = state.failures.incrementAndGet();
      Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 16));
      wait = wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
      state.due = clock.instant().plus(wait);
      result = e instanceof FeedRefused ? "refused" : "failed";
      log.warn("feed {} {} ({} in a row), next try in {}: {}", feed.url(), result, failures, wait,
          e instanceof FeedRefused ? e.getMessage() : e.toString());
    }
    meters.counter("relmon.ingest.feed.polls", "feed", feed.url().toString(), "result", result).increment();
  }

  private String fetchFeed(FeedsFile.Feed feed, State state) throws Exception {
    Map<String, String> headers = new HashMap<>(HEADERS);
    if (state.etag != null) {
      headers.put("If-None-Match", state.etag);
    }
    if (state.lastModified != null) {
      headers.put("If-Modified-Since", state.lastModified);
    }
    SafeFetcher.Outcome outcome = fetcher.fetch(feed.url(), headers, fetching.maxFeedBytes());
    if (outcome instanceof SafeFetcher.Refused refused) {
      countRefusal("feed", refused);
      throw new FeedRefused("not fetched: " + refused.reason());
    }
    SafeFetcher.Fetched response = (SafeFetcher.Fetched) outcome;
    if (response.statusCode() == 304) {
      return "not_modified";
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("the feed answered " + response.statusCode());
    }
    SyndFeed parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
    state.etag = response.headers().firstValue("ETag").orElse(null);
    state.lastModified = response.headers().firstValue("Last-Modified").orElse(null);
    for (SyndEntry entry : parsed.getEntries()) {
      if (!running) {
        break;
      }
      item(feed, parsed, entry);
    }
    return "ok";
  }

  /** One item: skipped when seen, else its page fetched, its text extracted and ingested. */
  private void item(FeedsFile.Feed feed, SyndFeed parsed, SyndEntry entry) {
    String link = entry.getLink() != null ? entry.getLink()
        : entry.getLinks() == null || entry.getLinks().isEmpty() ? null : entry.getLinks().get(0).getHref();
    String origin = feed.url() + " → " + (link != null ? link : "item '" + entry.getTitle() + "'");
    if (link == null || ArticleIds.canonicalUrl(link) == null) {
      deadLetter(feed, origin, "feed item without an http(s) link", String.valueOf(entry.getTitle()).getBytes(StandardCharsets.UTF_8));
      return;
    }
    URI page = URI.create(link.strip());
    String id = ArticleIds.forArticle(link, null, null);
    if (seen.contains(id) || deadLettered.contains(origin)) {
      count(feed, "seen");
      return;
    }
    SafeFetcher.Outcome outcome;
    try {
      outcome = fetcher.fetch(page, HEADERS, fetching.maxPageBytes());
    } catch (IOException e) {
      count(feed, "page_failed");
      log.info("page {} of feed {} not fetched, tried again at the next poll: {}", link, feed.url(), e.toString());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (outcome instanceof SafeFetcher.Refused refused) {
      countRefusal("page", refused);
      log.warn("page {} of feed {} refused: {}", link, feed.url(), refused.reason());
      // Nothing of the page was read (or kept): the reason is the whole record.
      deadLetter(feed, origin, "the item's page was not fetched: " + refused.reason(), null, FETCH_REFUSED);
      return;
    }
    SafeFetcher.Fetched response = (SafeFetcher.Fetched) outcome;
    if (response.statusCode() / 100 == 5) {
      count(feed, "page_failed");
      return;
    }
    if (response.statusCode() / 100 != 2) {
      deadLetter(feed, origin, "the item's page answered " + response.statusCode(), response.body());
      return;
    }
    String html = new String(response.body(), StandardCharsets.UTF_8);
    PageText.Extracted extracted = PageText.extract(html, link);
    String text = extracted.text();
    String summary = summary(entry);
    if (text.length() < PageText.MIN_CHARS && summary.length() > text.length()) {
      // A thin page (a teaser, a script-built site): the feed's own content may be the article.
      text = summary;
    }
    if (text.length() < PageText.MIN_CHARS) {
      deadLetter(feed, origin, "no article text on the item's page (" + text.length() + " characters, fewer than "
          + PageText.MIN_CHARS + ")", response.body());
      return;
    }
    Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    Instant published = date != null ? date.toInstant() : clock.instant();
    SourceRegistry.Outlet outlet = sources.lookup(null, link);
    String source = feed.source() != null ? feed.source()
        : outlet.kind() != io.relmon.schemas.avro.SourceKind.OTHER ? outlet.name()
        : parsed.getTitle() != null && !parsed.getTitle().isBlank() ? parsed.getTitle() : page.getHost();
    var node = Json.MAPPER.createObjectNode();
    node.put("url", link.strip());
    node.put("source", source);
    node.put("title", entry.getTitle() != null && !entry.getTitle().isBlank() ? entry.getTitle().strip() : extracted.title());
    node.put("body", text);
    node.put("published", published.atOffset(ZoneOffset.UTC).toString());
    ArticleParser.Parsed article = ArticleParser.fromJsonNode(node, origin);
    if (!article.ok()) {
      deadLetter(feed, origin, "not an article: " + String.join("; ", article.errors()), response.body());
      return;
    }
    ArticleIngestor.Submission submission = ingestor.submit(article.article(), CHANNEL);
    if (submission instanceof ArticleIngestor.Refused refused) {
      deadLetter(feed, origin, refused.reason(), response.body(), refused.cause().tag());
      return;
    }
    count(feed, submission instanceof ArticleIngestor.Duplicate ? "seen" : "ingested");
  }

  private static String summary(SyndEntry entry) {
    List<String> parts = new ArrayList<>();
    if (entry.getContents() != null) {
      for (SyndContent content : entry.getContents()) {
        parts.add(org.jsoup.Jsoup.parse(String.valueOf(content.getValue())).text());
      }
    }
    if (parts.isEmpty() && entry.getDescription() != null) {
      parts.add(org.jsoup.Jsoup.parse(String.valueOf(entry.getDescription().getValue())).text());
    }
    return String.join("\n", parts).strip();
  }

  private void deadLetter(FeedsFile.Feed feed, String origin, String reason, byte[] input) {
    deadLetter(feed, origin, reason, input, "feed_item");
  }

  /** Dead-letters one item, once per process, counted under {@code rejection} (a fixed word). */
  private void deadLetter(FeedsFile.Feed feed, String origin, String reason, byte[] input, String rejection) {
    if (deadLetters.send(reason, origin, input)) {
      deadLettered.add(origin);
      ingestor.reject(CHANNEL, rejection);
      count(feed, "dead_lettered");
    }
  }

  private void count(FeedsFile.Feed feed, String result) {
    meters.counter("relmon.ingest.feed.items", "feed", feed.url().toString(), "result", result).increment();
  }

  private void countRefusal(String fetch, SafeFetcher.Refused refused) {
    meters.counter("relmon.ingest.feed.refusals", "fetch", fetch, "why", refused.why().tag()).increment();
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    // Interrupts the fetches in flight: each aborts its exchange (SafeFetcher) and returns.
    pollers.shutdownNow();
    try {
      thread.join(10_000);
      pollers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
