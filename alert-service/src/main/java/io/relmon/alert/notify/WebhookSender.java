package io.relmon.alert.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relmon.alert.rules.Channel;
import io.relmon.schemas.avro.Alert;
import io.relmon.service.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers an alert to a webhook: a POST of the alert as JSON with an {@code Idempotency-Key}
 * header (the receiver drops a second delivery of the same key) and {@code X-Relmon-Signature:
 * sha256=<hex>}, the HMAC-SHA256 of the exact body under the channel's shared secret.
 */
public final class WebhookSender {

  public static final String SIGNATURE_HEADER = "X-Relmon-Signature";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> environment;

  public WebhookSender(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Sends; returns normally only when the receiver answered 2xx. */
  public void send(Channel.Webhook channel, Alert alert, String idempotencyKey) throws IOException, InterruptedException {
    post(channel, body(alert), idempotencyKey);
  }

  /**
   * Sends a day's digest: {@code {"digestId": ..., "channel": ..., "day": "2026-11-28", "alerts":
   * [alert, ...]}}, each alert as {@link #send} would post it; same headers and signature.
   */
  public void sendDigest(Channel.Webhook channel, String digestId, java.time.LocalDate day, java.util.List<Alert> alerts,
      String idempotencyKey) throws IOException, InterruptedException {
    ObjectNode digest = Json.MAPPER.createObjectNode();
    digest.put("digestId", digestId);
    digest.put("channel", channel.name());
    digest.put("day", day.toString());
    var array = digest.putArray("alerts");
    for (Alert alert : alerts) {
      array.add(Json.MAPPER.readTree(body(alert)));
    }
    post(channel, digest.toString(), idempotencyKey);
  }

  private void post(Channel.Webhook channel, String json, String idempotencyKey) throws IOException, InterruptedException {
    String secret = environment.get(channel.secretEnv());
    if (secret == null || secret.isEmpty()) {
      throw new IOException("the secret environment variable " + channel.secretEnv() + " is not set");
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(channel.url())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_HEADER, idempotencyKey)
            .header(SIGNATURE_HEADER, "sha256=" + hmacSha256(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("webhook answered " + response.statusCode());
    }
  }

  /** The JSON body: the alert's fields, with its warmth update and signal as nested objects. */
  static String body(Alert alert) {
    try {
      ObjectNode node = (ObjectNode) Json.MAPPER.readTree(alert.toString());
      return node.toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot render alert as JSON", e);
    }
  }

  /** Hex HMAC-SHA256 of {@code body} under {@code secret}: what receivers recompute to verify. */
  public static String hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
