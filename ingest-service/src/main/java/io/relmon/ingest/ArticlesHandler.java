package io.relmon.ingest;

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
        ServiceHttpServer.respondErrors(exchange, 404, List.of("no such resource: " + exchange.getRequestURI().getPath()));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        ServiceHttpServer.respondErrors(exchange, 405, List.of("use POST"));
        return;
      }
      byte[] body = readLimited(exchange.getRequestBody(), maxRequestBytes);
      if (body == null) {
        ingestor.count("http", "rejected");
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
        ingestor.count("http", "rejected");
        ServiceHttpServer.respondErrors(exchange, 400, List.of("body: not valid UTF-8"));
        return;
      }
      ArticleParser.Parsed parsed = ArticleParser.fromJson(text, "http");
      if (!parsed.ok()) {
        ingestor.count("http", "rejected");
        ServiceHttpServer.respondErrors(exchange, 400, parsed.errors());
        return;
      }
      try {
        ArticleEvent event = ingestor.ingest(parsed.article(), "http").get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode accepted = Json.MAPPER.createObjectNode();
        ObjectNode item = accepted.putArray("accepted").addObject();
        item.put("id", event.getArticleId());
        item.put("events", event.getEvents().size());
        ServiceHttpServer.respondJson(exchange, 202, accepted);
      } catch (TimeoutException | ExecutionException e) {
        exchange.getResponseHeaders().set("Retry-After", "5");
        ServiceHttpServer.respondErrors(exchange, 503,
            List.of("Kafka did not acknowledge the article in time; retry later (the id is stable, a retry is safe)"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ServiceHttpServer.respondErrors(exchange, 503, List.of("shutting down"));
      }
    } catch (RuntimeException e) {
      // Whatever went wrong, the client gets an answer and the server keeps serving.
      ServiceHttpServer.respondErrors(exchange, 500, List.of("internal error: " + e.getClass().getSimpleName()));
    }
  }

  /** The body, or null when it is longer than {@code limit}. */
  private static byte[] readLimited(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    return bytes.length > limit ? null : bytes;
  }
}
