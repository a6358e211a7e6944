package io.relmon.scoring.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.relmon.service.Json;
import io.relmon.service.ServiceHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asking the other scoring instances (interactive queries across instances): a question about a
 * dyad is relayed to the instance that owns it; a question about all dyads is asked of each
 * instance ({@code local=true}) and merged by the caller.
 */
final class Instances {

  /** The owner's headers a relayed answer keeps (a page's security policy, a retry hint). */
  private static final List<String> RELAYED_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
      "Referrer-Policy", "Cache-Control", "Retry-After");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** Answers the exchange with what {@code owner} answers to {@code pathAndQuery}; 503 when it does not. */
  void relay(HttpExchange exchange, HostInfo owner, String pathAndQuery) throws IOException {
    try {
      HttpResponse<String> response = http.send(request(owner, pathAndQuery), HttpResponse.BodyHandlers.ofString());
      for (String header : RELAYED_HEADERS) {
        response.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().set(header, value));
      }
      ServiceHttpServer.respond(exchange, response.statusCode(),
          response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
    } catch (IOException e) {
      exchange.getResponseHeaders().set("Retry-After", "2");
      ServiceHttpServer.respondErrors(exchange, 503, List.of("the instance owning this dyad (" + owner + ") did not answer: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ServiceHttpServer.respondErrors(exchange, 503, List.of("interrupted"));
    }
  }

  /** Another instance's JSON answer; an instance that does not answer 200 makes the store unqueryable for now. */
  JsonNode fetch(HostInfo host, String pathAndQuery) {
    try {
      HttpResponse<String> response = http.send(request(host, pathAndQuery), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new InvalidStateStoreException("instance " + host + " answered " + response.statusCode());
      }
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new InvalidStateStoreException("instance " + host + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidStateStoreException("interrupted");
    }
  }

  private static HttpRequest request(HostInfo host, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(5)).build();
  }
}
