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
 * header (the receiver drops a second delivery of the same key), {@code X-Relmon-Timestamp} (Unix
 * seconds) and {@code X-Relmon-Signature: v1=<hex>}, the HMAC-SHA256 of the timestamp, a dot and
 * the exact body under the channel's shared secret ({@link WebhookSignature}; receivers reject a
 * request outside their replay window).
 *
 * <p>Until 2026-12 the signature was {@code sha256=<hex>} of the body alone, which a captured
 * request carries for ever. With {@code legacyBodySignature} that element is appended
 * ({@code v1=<hex>,sha256=<hex>}) for receivers not yet moved to {@code v1}; it is off by default.
 */
public final class WebhookSender implements ChannelSender {

  public static final String SIGNATURE_HEADER = WebhookSignature.SIGNATURE_HEADER;
  public static final String TIMESTAMP_HEADER = WebhookSignature.TIMESTAMP_HEADER;
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> environment;
  private final java.time.Clock clock;
  private final boolean legacyBodySignature;

  public WebhookSender(Map<String, String> environment) {
    this(environment, java.time.Clock.systemUTC(), false);
  }

  /** As above, timestamping with {@code clock}; {@code legacyBodySignature} adds the old {@code sha256=} element. */
  public WebhookSender(Map<String, String> environment, java.time.Clock clock, boolean legacyBodySignature) {
    this.environment = environment;
    this.clock = clock;
    this.legacyBodySignature = legacyBodySignature;
  }

  @Override
  public void send(Channel channel, Outgoing message) throws IOException, InterruptedException {
    Channel.Webhook webhook = (Channel.Webhook) channel;
    if (message instanceof Outgoing.Digest digest) {
      sendDigest(webhook, digest.digestId(), digest.day(), digest.alerts(), digest.idempotencyKey());
    } else {
      send(webhook, ((Outgoing.OneAlert) message).alert(), message.idempotencyKey());
    }
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
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String signature = WebhookSignature.sign(secret, timestamp, body)
        + (legacyBodySignature ? ",sha256=" + hmacSha256(secret, body) : "");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(channel.url())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_HEADER, idempotencyKey)
            .header(TIMESTAMP_HEADER, timestamp)
            .header(SIGNATURE_HEADER, signature)
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

  /** Hex HMAC-SHA256 of {@code body} alone under {@code secret}: the legacy {@code sha256=} element. */
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
