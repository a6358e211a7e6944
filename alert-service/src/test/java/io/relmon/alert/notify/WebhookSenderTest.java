package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.relmon.alert.AlertFixtures;
import io.relmon.alert.rules.Channel;
import io.relmon.service.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Webhooks against a local HTTP server: the body, the idempotency key, the signature, failures. */
class WebhookSenderTest {

  record Received(String body, String key, String signature, String timestamp) {}

  @Test
  void shouldPostTheAlertSignedWithItsIdempotencyKey() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer server = receiver(received, new AtomicInteger(200));
    try {
      Channel.Webhook hook = new Channel.Webhook("ops", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), "HOOK_SECRET");
      new WebhookSender(Map.of("HOOK_SECRET", "s3cret")).send(hook, AlertFixtures.alert("x", "https://x.example"), "a1/ops");

      Received r = received.get(0);
      assertThat(r.key()).isEqualTo("a1/ops");
      byte[] bytes = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(r.signature()).matches("v1=[0-9a-f]{64}");
      assertThat(WebhookSignature.verify("s3cret", r.timestamp(), bytes, r.signature(), java.time.Instant.now(), WebhookSignature.DEFAULT_WINDOW))
          .as("the receiver's check passes").isTrue();
      assertThat(WebhookSignature.verify("s3cret", r.timestamp(), bytes, r.signature(), java.time.Instant.now().plus(java.time.Duration.ofMinutes(6)),
          WebhookSignature.DEFAULT_WINDOW)).as("the same request replayed six minutes later").isFalse();
      JsonNode body = Json.MAPPER.readTree(r.body());
      assertThat(body.path("alertId").asText()).isEqualTo("a1");
      assertThat(body.path("dyad").asText()).isEqualTo("CHN-PRK");
      assertThat(body.path("warmth").path("drivers")).isNotEmpty();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldSignWithTheSendersClockAndAddTheLegacyElementOnlyWhenAsked() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer server = receiver(received, new AtomicInteger(200));
    try {
      Channel.Webhook hook = new Channel.Webhook("ops", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), "HOOK_SECRET");
      java.time.Instant at = java.time.Instant.parse("2026-12-01T10:00:00Z");
      java.time.Clock clock = java.time.Clock.fixed(at, java.time.ZoneOffset.UTC);
      new WebhookSender(Map.of("HOOK_SECRET", "s3cret"), clock, true).send(hook, AlertFixtures.alert("x", "https://x.example"), "a1/ops");

      Received r = received.get(0);
      byte[] body = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(r.timestamp()).isEqualTo(Long.toString(at.getEpochSecond()));
      assertThat(r.signature()).isEqualTo(WebhookSignature.sign("s3cret", r.timestamp(), body) + ",sha256=" + WebhookSender.hmacSha256("s3cret", body));
      assertThat(WebhookSignature.verify("s3cret", r.timestamp(), body, r.signature(), at.plusSeconds(299), WebhookSignature.DEFAULT_WINDOW)).isTrue();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldFailOnAnErrorAnswerOrAMissingSecret() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer server = receiver(received, new AtomicInteger(503));
    try {
      Channel.Webhook hook = new Channel.Webhook("ops", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), "HOOK_SECRET");
      assertThatThrownBy(() -> new WebhookSender(Map.of("HOOK_SECRET", "s")).send(hook, AlertFixtures.alert("x", "https://x.example"), "k"))
          .isInstanceOf(IOException.class).hasMessageContaining("503");
      assertThatThrownBy(() -> new WebhookSender(Map.of()).send(hook, AlertFixtures.alert("x", "https://x.example"), "k"))
          .isInstanceOf(IOException.class).hasMessageContaining("HOOK_SECRET is not set");
    } finally {
      server.stop(0);
    }
  }

  private static HttpServer receiver(List<Received> received, AtomicInteger status) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      received.add(new Received(body, exchange.getRequestHeaders().getFirst(WebhookSender.IDEMPOTENCY_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER)));
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    server.start();
    return server;
  }
}
