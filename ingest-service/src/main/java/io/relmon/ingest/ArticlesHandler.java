package io.relmon.ingest;

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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/articles}: one article as a JSON object. Answers 202 with the article id and
 * the number of coded events only after Kafka acknowledged the article event; 400 listing every
 * field error; 413 over the size limit; 405 for other methods; 503 with Retry-After when Kafka did
 * not acknowledge within the publish timeout (the client may retry: the id is stable).
 */
final class ArticlesHandler implements HttpHandler {

  private final ArticleIngestor ingestor;
  private final Duration publishTimeout;
  private final int maxRequestBytes;

  ArticlesHandler(ArticleIngestor ingestor, Duration publishTimeout, int maxRequestBytes) {
    this.ingestor = ingestor;
    this.publishTimeout = publishTimeout;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"/v1/articles".equals(exchange.getRequestURI().getPath())) {
        reply(exchange, 404, error("no such resource: " + exchange.getRequestURI().getPath()));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        reply(exchange, 405, error("use POST"));
        return;
      }
      byte[] body = readLimited(exchange.getRequestBody(), maxRequestBytes);
      if (body == null) {
        ingestor.count("http", "rejected");
        reply(exchange, 413, error("request body larger than " + maxRequestBytes + " bytes"));
        return;
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(body)).toString();
      } catch (CharacterCodingException e) {
        ingestor.count("http", "rejected");
        reply(exchange, 400, errors(List.of("body: not valid UTF-8")));
        return;
      }
      ArticleParser.Parsed parsed = ArticleParser.fromJson(text, "http");
      if (!parsed.ok()) {
        ingestor.count("http", "rejected");
        reply(exchange, 400, errors(parsed.errors()));
        return;
      }
      try {
        ArticleEvent event = ingestor.ingest(parsed.article(), "http").get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode accepted = Json.MAPPER.createObjectNode();
        ObjectNode item = accepted.putArray("accepted").addObject();
        item.put("id", event.getArticleId());
        item.put("events", event.getEvents().size());
        reply(exchange, 202, accepted);
      } catch (TimeoutException | ExecutionException e) {
        exchange.getResponseHeaders().set("Retry-After", "5");
        reply(exchange, 503, error("Kafka did not acknowledge the article in time; retry later (the id is stable, a retry is safe)"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(exchange, 503, error("shutting down"));
      }
    } catch (RuntimeException e) {
      // Whatever went wrong, the client gets an answer and the server keeps serving.
      ServiceHttpServer.respond(exchange, 500, "application/json", error("internal error: " + e.getClass().getSimpleName()).toString());
    }
  }

  /** The body, or null when it is longer than {@code limit}. */
  private static byte[] readLimited(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    return bytes.length > limit ? null : bytes;
  }

  private static ObjectNode error(String message) {
    return errors(List.of(message));
  }

  private static ObjectNode errors(List<String> messages) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    ArrayNode list = node.putArray("errors");
    messages.forEach(list::add);
    return node;
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    ServiceHttpServer.respond(exchange, status, "application/json", body.toString() + "\n");
  }
}
