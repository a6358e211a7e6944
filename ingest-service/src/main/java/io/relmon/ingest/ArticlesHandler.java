package io.relmon.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.relmon.schemas.avro.ArticleEvent;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>For the whole request: 401 without the token (nothing is read), 413 over the size limit,
 * 400 when it is not UTF-8, 405 for other methods.
 */
final class ArticlesHandler implements HttpHandler {

  private static final String CHANNEL = "http";

  private final ArticleIngestor ingestor;
  private final BearerToken token;
  private final Duration publishTimeout;
  private final int maxRequestBytes;

  ArticlesHandler(ArticleIngestor ingestor, BearerToken token, Duration publishTimeout, int maxRequestBytes) {
    this.ingestor = ingestor;
    this.token = token;
    this.publishTimeout = publishTimeout;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
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
        batch(exchange, ndjson(text));
      } else if (text.stripLeading().startsWith("[")) {
        List<ArticleParser.Parsed> items = array(text);
        if (items == null) {
          ingestor.reject(CHANNEL, "not_json");
          ServiceHttpServer.respondErrors(exchange, 400, List.of("body: not valid JSON"));
        } else {
          batch(exchange, items);
        }
      } else {
        single(exchange, ArticleParser.fromJson(text, "body"));
      }
    } catch (RuntimeException e) {
      // Whatever went wrong, the client gets an answer and the server keeps serving.
      ServiceHttpServer.respondErrors(exchange, 500, List.of("internal error: " + e.getClass().getSimpleName()));
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
    switch (outcome.status) {
      case "accepted" -> {
        answer.putArray("accepted").addObject().put("id", outcome.id).put("events", outcome.events);
        ServiceHttpServer.respondJson(exchange, 202, answer);
      }
      case "duplicate" -> {
        answer.putArray("duplicates").addObject().put("id", outcome.id)
            .put("message", "seen before: not published again");
        ServiceHttpServer.respondJson(exchange, 200, answer);
      }
      case "refused" -> {
        ingestor.reject(CHANNEL, ArticleIngestor.CODING_REFUSED);
        ServiceHttpServer.respondErrors(exchange, 422, List.of(outcome.reason));
      }
      default -> {
        exchange.getResponseHeaders().set("Retry-After", "5");
        ServiceHttpServer.respondErrors(exchange, 503, List.of(outcome.reason));
      }
    }
  }

  private void batch(HttpExchange exchange, List<ArticleParser.Parsed> items) throws IOException {
    if (items.isEmpty()) {
      ingestor.reject(CHANNEL, "empty");
      ServiceHttpServer.respondErrors(exchange, 400, List.of("body: no articles in the batch"));
      return;
    }
    // Submit every good item first, then wait: Kafka acknowledges them together.
    // An article twice in one batch is a duplicate of its first item (not a retry to wait on) —
    // unless the coder refused that one: nothing of it is published, so this one is coded anew.
    List<ArticleIngestor.Submission> submissions = new ArrayList<>();
    java.util.Set<String> inThisBatch = new java.util.HashSet<>();
    for (ArticleParser.Parsed item : items) {
      if (!item.ok()) {
        submissions.add(null);
      } else if (!inThisBatch.add(item.article().id())) {
        ingestor.count(CHANNEL, "duplicate");
        submissions.add(new ArticleIngestor.Duplicate(item.article().id()));
      } else {
        ArticleIngestor.Submission submission = ingestor.submit(item.article(), CHANNEL);
        if (submission instanceof ArticleIngestor.Refused) {
          inThisBatch.remove(item.article().id());
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
      ArticleParser.Parsed item = items.get(i);
      int number = itemNumber(item);
      if (!item.ok()) {
        ingestor.reject(CHANNEL, "invalid_fields");
        ObjectNode r = rejected.addObject().put("item", number);
        ArrayNode list = r.putArray("errors");
        item.errors().forEach(list::add);
        item.errors().forEach(e -> errors.add(item.origin() + ": " + e));
        continue;
      }
      Outcome outcome = await(submissions.get(i), deadline);
      switch (outcome.status) {
        case "accepted" -> accepted.addObject().put("item", number).put("id", outcome.id).put("events", outcome.events);
        case "duplicate" -> duplicates.addObject().put("item", number).put("id", outcome.id);
        case "refused" -> {
          ingestor.reject(CHANNEL, ArticleIngestor.CODING_REFUSED);
          rejected.addObject().put("item", number).put("id", outcome.id).putArray("errors").add(outcome.reason);
          errors.add(item.origin() + ": " + outcome.reason);
        }
        default -> failed.addObject().put("item", number).put("id", item.article().id()).put("reason", outcome.reason);
      }
    }
    int status = !failed.isEmpty() ? 503 : !rejected.isEmpty() ? 400 : 202;
    if (status == 503) {
      exchange.getResponseHeaders().set("Retry-After", "5");
    }
    ServiceHttpServer.respondJson(exchange, status, answer);
  }

  /** What became of one article, within the deadline. */
  private record Outcome(String status, String id, int events, String reason) {}

  private Outcome await(ArticleIngestor.Submission submission, long deadlineNanos) {
    if (submission instanceof ArticleIngestor.Duplicate duplicate) {
      return new Outcome("duplicate", duplicate.articleId(), 0, null);
    }
    if (submission instanceof ArticleIngestor.Refused refused) {
      return new Outcome("refused", refused.articleId(), 0, refused.reason());
    }
    var publishing = (ArticleIngestor.Publishing) submission;
    try {
      long wait = Math.max(1, deadlineNanos - System.nanoTime());
      ArticleEvent event = publishing.acknowledged().get(wait, TimeUnit.NANOSECONDS);
      return new Outcome("accepted", event.getArticleId(), event.getEvents().size(), null);
    } catch (TimeoutException | ExecutionException e) {
      return new Outcome("failed", null, 0, "Kafka did not acknowledge the article in time; retry later (the id is stable, a retry is safe)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome("failed", null, 0, "shutting down");
    }
  }

  /** NDJSON: one article a line; blank lines are skipped but counted, so item numbers are line numbers. */
  static List<ArticleParser.Parsed> ndjson(String text) {
    List<ArticleParser.Parsed> items = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        items.add(ArticleParser.fromJson(lines[i].strip(), "line " + (i + 1)));
      }
    }
    return items;
  }

  /** A JSON array of articles, or null when the body is not JSON. */
  static List<ArticleParser.Parsed> array(String text) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    List<ArticleParser.Parsed> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(ArticleParser.fromJsonNode(node.get(i), "item " + (i + 1)));
    }
    return items;
  }

  private static int itemNumber(ArticleParser.Parsed item) {
    return Integer.parseInt(item.origin().substring(item.origin().indexOf(' ') + 1));
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
