package io.relmon.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.BearerToken;
import io.relmon.service.Json;
import io.relmon.service.ServiceHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/articles} with {@code Authorization: Bearer <token>}: one article as a JSON
 * object, or a batch — NDJSON (one article a line; {@code Content-Type: application/x-ndjson})
 * or a JSON array of articles.
 *
 * <p>One article: 202 {@code {"accepted": [{"id", "events"}]}} only after Kafka acknowledged it;
 * 200 {@code {"duplicates": [{"id"}]}} when it was seen before (not published again); 400
 * {@code {"errors": [...]}} listing every field error; 422 {@code {"errors": [reason]}} when the
 * coder refused the article (it would take longer to code than the coder's time budget; nothing
 * is published); 503 with Retry-After when Kafka did not acknowledge within the publish timeout
 * (a retry is safe: the id is stable).
 *
 * <p>A batch: every item is handled on its own and the answer lists each one under
 * {@code accepted}, {@code duplicates}, {@code rejected} (with its errors: field errors, or the
 * coder's refusal, then with the article's {@code id}) or {@code failed} (Kafka did not
 * acknowledge), each with its {@code item} number (the line of NDJSON, counting blank lines; the
 * 1-based index in an array). The status sums it up: 202 when every item was accepted or a
 * duplicate, 503 (Retry-After) when any failed, 400 when any was rejected — the good items of a
 * 400 batch are published all the same, and sending the whole batch again is safe, since what
 * went through comes back as duplicates.
 *
 * <p>For the whole request: 401 without the token (nothing is read), 413 over the size limit or
 * with more items than the batch cap (counted before any is parsed), 400 when it is not UTF-8,
 * 405 for other methods, 503 with Retry-After when every coding slot stayed busy for the publish
 * timeout, or at once when as many requests as allowed already wait for one (a backlog that filled
 * the server's connections would have new ones closed unanswered, health probes' among them). An article published before 1970 or more than the allowed skew ahead of the server's
 * clock is rejected with the range (400; in a batch, under {@code rejected}).
 */
final class ArticlesHandler implements HttpHandler {

  private static final String CHANNEL = "http";

  private final ArticleIngestor ingestor;
  private final BearerToken token;
  private final Duration publishTimeout;
  private final int maxRequestBytes;
  private final int maxBatchItems;
  /**
   * Requests coding at once. Coding is CPU work: more requests than cores only queue inside the
   * JVM, and the HTTP pool's threads must stay free for health probes; a request that finds no
   * slot within the publish timeout is answered 503 with Retry-After.
   */
  private final Semaphore codingSlots;
  /** Requests that may wait for a coding slot at once; each holds a connection and an HTTP thread. */
  private final int maxWaitingRequests;
  private final AtomicInteger waitingRequests = new AtomicInteger();

  ArticlesHandler(ArticleIngestor ingestor, BearerToken token, Duration publishTimeout, int maxRequestBytes,
      int maxBatchItems, int maxConcurrentRequests, int maxWaitingRequests, MeterRegistry meters) {
    this.ingestor = ingestor;
    this.token = token;
    this.publishTimeout = publishTimeout;
    this.maxRequestBytes = maxRequestBytes;
    this.maxBatchItems = maxBatchItems;
    this.codingSlots = new Semaphore(maxConcurrentRequests);
    this.maxWaitingRequests = maxWaitingRequests;
    meters.gauge(WAITING_METER, waitingRequests);
  }

  /** Requests waiting for a coding slot now (docs/metrics.md). */
  static final String WAITING_METER = "relmon.ingest.requests.waiting";

  int waitingRequests() {
    return waitingRequests.get();
  }

  /** Exceptions are answered by {@link ServiceHttpServer}'s guard (500 with a JSON reason), which also closes the exchange. */
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"/v1/articles".equals(exchange.getRequestURI().getPath())) {
      ServiceHttpServer.respondErrors(exchange, 404, List.of("no such resource: " + exchange.getRequestURI().getPath()));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      ServiceHttpServer.respondErrors(exchange, 405, List.of("use POST"));
      return;
    }
    if (!token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
      ingestor.reject(CHANNEL, "unauthorized");
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"relmon-ingest\"");
      ServiceHttpServer.respondErrors(exchange, 401, List.of("send the ingest token: Authorization: Bearer <token>"));
      return;
    }
    byte[] body = readLimited(exchange.getRequestBody(), maxRequestBytes);
    if (body == null) {
      ingestor.reject(CHANNEL, "too_large");
      ServiceHttpServer.respondErrors(exchange, 413, List.of("request body larger than " + maxRequestBytes + " bytes"));
      return;
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      ingestor.reject(CHANNEL, "not_utf8");
      ServiceHttpServer.respondErrors(exchange, 400, List.of("body: not valid UTF-8"));
      return;
    }
    String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
    if (contentType.contains("ndjson") || contentType.contains("jsonl") || contentType.contains("json-seq")) {
      long lines = text.lines().filter(line -> !line.isBlank()).count();
      if (!tooManyItems(exchange, lines)) {
        withCodingSlot(exchange, () -> batch(exchange, ndjson(text)));
      }
    } else if (text.stripLeading().startsWith("[")) {
      JsonNode array = readJson(text);
      if (array == null) {
        ingestor.reject(CHANNEL, "not_json");
        ServiceHttpServer.respondErrors(exchange, 400, List.of("body: not valid JSON"));
      } else if (!tooManyItems(exchange, array.size())) {
        withCodingSlot(exchange, () -> batch(exchange, array(array)));
      }
    } else {
      withCodingSlot(exchange, () -> single(exchange, ArticleParser.fromJson(text, "body")));
    }
  }

  /** Answers 413 when a batch holds more than the cap: checked before any item is parsed or coded. */
  private boolean tooManyItems(HttpExchange exchange, long items) throws IOException {
    if (items <= maxBatchItems) {
      return false;
    }
    ingestor.reject(CHANNEL, "too_many_items");
    ServiceHttpServer.respondErrors(exchange, 413,
        List.of("batch of " + items + " articles: at most " + maxBatchItems + " a request; send the rest in further requests"));
    return true;
  }

  private interface Work {
    void run() throws IOException;
  }

  private void withCodingSlot(HttpExchange exchange, Work work) throws IOException {
    String busy = codingSlots.tryAcquire() ? null : awaitCodingSlot();
    if (busy != null) {
      ingestor.reject(CHANNEL, "busy");
      exchange.getResponseHeaders().set("Retry-After", "5");
      ServiceHttpServer.respondErrors(exchange, 503, List.of(busy));
      return;
    }
    try {
      work.run();
    } finally {
      codingSlots.release();
    }
  }

  /**
   * Waits up to the publish timeout for a coding slot, unless as many requests as allowed already
   * wait for one. Null once the slot is held; otherwise why there is none.
   */
  private String awaitCodingSlot() {
    if (waitingRequests.incrementAndGet() > maxWaitingRequests) {
      waitingRequests.decrementAndGet();
      return "busy: every coding slot is taken and " + maxWaitingRequests + " requests wait for one; retry later";
    }
    try {
      return codingSlots.tryAcquire(publishTimeout.toMillis(), TimeUnit.MILLISECONDS) ? null : "busy: every coding slot is taken; retry later";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "busy: every coding slot is taken; retry later";
    } finally {
      waitingRequests.decrementAndGet();
    }
  }

  private void single(HttpExchange exchange, ArticleParser.Parsed parsed) throws IOException {
    if (!parsed.ok()) {
      ingestor.reject(CHANNEL, parsed.errors().get(0).startsWith("body: not valid JSON") ? "not_json" : "invalid_fields");
      ServiceHttpServer.respondErrors(exchange, 400, parsed.errors());
      return;
    }
    Outcome outcome = await(ingestor.submit(parsed.article(), CHANNEL), System.nanoTime() + publishTimeout.toNanos());
    ObjectNode answer = Json.MAPPER.createObjectNode();
    if (outcome instanceof Accepted accepted) {
      answer.putArray("accepted").addObject().put("id", accepted.id()).put("events", accepted.events());
      ServiceHttpServer.respondJson(exchange, 202, answer);
    } else if (outcome instanceof Duplicate duplicate) {
      answer.putArray("duplicates").addObject().put("id", duplicate.id())
          .put("message", "seen before: not published again");
      ServiceHttpServer.respondJson(exchange, 200, answer);
    } else if (outcome instanceof Refused refused) {
      ingestor.reject(CHANNEL, refused.cause().tag());
      ServiceHttpServer.respondErrors(exchange, refused.status(), List.of(refused.reason()));
    } else {
      exchange.getResponseHeaders().set("Retry-After", "5");
      ServiceHttpServer.respondErrors(exchange, 503, List.of(((Failed) outcome).reason()));
    }
  }

  /** One item of a batch: its number (NDJSON line, array index from 1) and what it parsed to. */
  record Item(int number, ArticleParser.Parsed parsed) {}

  private void batch(HttpExchange exchange, List<Item> items) throws IOException {
    if (items.isEmpty()) {
      ingestor.reject(CHANNEL, "empty");
      ServiceHttpServer.respondErrors(exchange, 400, List.of("body: no articles in the batch"));
      return;
    }
    // Submit every good item first, then wait: Kafka acknowledges them together.
    // An article twice in one batch is a duplicate of its first item (not a retry to wait on) —
    // unless it was refused: nothing of it is published, so this one is taken anew.
    List<ArticleIngestor.Submission> submissions = new ArrayList<>();
    java.util.Set<String> inThisBatch = new java.util.HashSet<>();
    for (Item item : items) {
      ArticleParser.Parsed parsed = item.parsed();
      if (!parsed.ok()) {
        submissions.add(null);
      } else if (!inThisBatch.add(parsed.article().id())) {
        ingestor.count(CHANNEL, "duplicate");
        submissions.add(new ArticleIngestor.Duplicate(parsed.article().id()));
      } else {
        ArticleIngestor.Submission submission = ingestor.submit(parsed.article(), CHANNEL);
        if (submission instanceof ArticleIngestor.Refused) {
          inThisBatch.remove(parsed.article().id());
        }
        submissions.add(submission);
      }
    }
    long deadline = System.nanoTime() + publishTimeout.toNanos();
    ObjectNode answer = Json.MAPPER.createObjectNode();
    ArrayNode accepted = answer.putArray("accepted");
    ArrayNode duplicates = answer.putArray("duplicates");
    ArrayNode rejected = answer.putArray("rejected");
    ArrayNode failed = answer.putArray("failed");
    ArrayNode errors = answer.putArray("errors");
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      ArticleParser.Parsed parsed = item.parsed();
      if (!parsed.ok()) {
        ingestor.reject(CHANNEL, "invalid_fields");
        ObjectNode r = rejected.addObject().put("item", item.number());
        ArrayNode list = r.putArray("errors");
        parsed.errors().forEach(list::add);
        parsed.errors().forEach(e -> errors.add(parsed.origin() + ": " + e));
        continue;
      }
      Outcome outcome = await(submissions.get(i), deadline);
      if (outcome instanceof Accepted a) {
        accepted.addObject().put("item", item.number()).put("id", a.id()).put("events", a.events());
      } else if (outcome instanceof Duplicate d) {
        duplicates.addObject().put("item", item.number()).put("id", d.id());
      } else if (outcome instanceof Refused r) {
        ingestor.reject(CHANNEL, r.cause().tag());
        rejected.addObject().put("item", item.number()).put("id", r.id()).putArray("errors").add(r.reason());
        errors.add(parsed.origin() + ": " + r.reason());
      } else {
        failed.addObject().put("item", item.number()).put("id", parsed.article().id()).put("reason", ((Failed) outcome).reason());
      }
    }
    int status = !failed.isEmpty() ? 503 : !rejected.isEmpty() ? 400 : 202;
    if (status == 503) {
      exchange.getResponseHeaders().set("Retry-After", "5");
    }
    ServiceHttpServer.respondJson(exchange, status, answer);
  }

  /** What became of one article, within the deadline. */
  sealed interface Outcome permits Accepted, Duplicate, Refused, Failed {}

  /** On the topic, with the number of events coded. */
  record Accepted(String id, int events) implements Outcome {}

  /** Seen before: not published again. */
  record Duplicate(String id) implements Outcome {}

  /** Refused (coder's budget: 422; publication time out of range: 400); nothing published. */
  record Refused(String id, String reason, ArticleIngestor.Cause cause) implements Outcome {
    int status() {
      return cause == ArticleIngestor.Cause.CODING_BUDGET ? 422 : 400;
    }
  }

  /** Kafka did not acknowledge in time (503, a retry is safe). */
  record Failed(String reason) implements Outcome {}

  private Outcome await(ArticleIngestor.Submission submission, long deadlineNanos) {
    if (submission instanceof ArticleIngestor.Duplicate duplicate) {
      return new Duplicate(duplicate.articleId());
    }
    if (submission instanceof ArticleIngestor.Refused refused) {
      return new Refused(refused.articleId(), refused.reason(), refused.cause());
    }
    var publishing = (ArticleIngestor.Publishing) submission;
    try {
      long wait = Math.max(1, deadlineNanos - System.nanoTime());
      ArticleEvent event = publishing.acknowledged().get(wait, TimeUnit.NANOSECONDS);
      return new Accepted(event.getArticleId(), event.getEvents().size());
    } catch (TimeoutException | ExecutionException e) {
      return new Failed("Kafka did not acknowledge the article in time; retry later (the id is stable, a retry is safe)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed("shutting down");
    }
  }

  /** NDJSON: one article a line; blank lines are skipped but counted, so item numbers are line numbers. */
  static List<Item> ndjson(String text) {
    List<Item> items = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        items.add(new Item(i + 1, ArticleParser.fromJson(lines[i].strip(), "line " + (i + 1))));
      }
    }
    return items;
  }

  /** The body as JSON, or null when it is not JSON. */
  private static JsonNode readJson(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The items of a JSON array of articles, numbered from 1. */
  static List<Item> array(JsonNode node) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(new Item(i + 1, ArticleParser.fromJsonNode(node.get(i), "item " + (i + 1))));
    }
    return items;
  }

  /** Most of an oversized body read and dropped, so that the client is still there to read its 413. */
  private static final long DRAIN_LIMIT = 64L << 20;

  /**
   * The body, or null when it is longer than {@code limit}. An oversized body is read to its end
   * (up to 64 MB) and dropped: a client that is still sending when the connection closes never
   * sees the 413 that says why.
   */
  private static byte[] readLimited(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length <= limit) {
      return bytes;
    }
    byte[] sink = new byte[64 * 1024];
    long drained = 0;
    for (int n; drained < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) {
      drained += n;
    }
    return null;
  }
}
