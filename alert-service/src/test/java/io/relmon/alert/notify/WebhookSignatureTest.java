package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The v1 signature: a fresh request passes; a stale, a too-far-future or an altered one does not. */
class WebhookSignatureTest {

  private static final String SECRET = "s3cret";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration WINDOW = WebhookSignature.DEFAULT_WINDOW;
  private static final byte[] BODY = "{\"alertId\":\"a1\",\"value\":-38.2}".getBytes(StandardCharsets.UTF_8);

  private static String ts(Instant at) {
    return Long.toString(at.getEpochSecond());
  }

  @Test
  void shouldPassAFreshRequestSignedWithTheSecret() {
    String timestamp = ts(NOW.minusSeconds(3));
    String signature = WebhookSignature.sign(SECRET, timestamp, BODY);

    assertThat(signature).matches("v1=[0-9a-f]{64}");
    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, signature, NOW, WINDOW)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, signature + ",sha256=00", NOW, WINDOW))
        .as("other elements are ignored").isTrue();
    assertThat(WebhookSignature.verify(SECRET, ts(NOW.plusSeconds(60)), BODY,
        WebhookSignature.sign(SECRET, ts(NOW.plusSeconds(60)), BODY), NOW, WINDOW)).as("a sender clock a minute ahead").isTrue();
  }

  @Test
  void shouldRefuseAStaleRequest() {
    String timestamp = ts(NOW.minus(WINDOW).minusSeconds(1));

    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, WebhookSignature.sign(SECRET, timestamp, BODY), NOW, WINDOW)).isFalse();
  }

  @Test
  void shouldRefuseARequestDatedBeyondTheWindowInTheFuture() {
    String timestamp = ts(NOW.plus(WINDOW).plusSeconds(1));

    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, WebhookSignature.sign(SECRET, timestamp, BODY), NOW, WINDOW)).isFalse();
  }

  @Test
  void shouldRefuseAnAlteredBodyTimestampOrSignatureOrAnotherSecret() {
    String timestamp = ts(NOW);
    String signature = WebhookSignature.sign(SECRET, timestamp, BODY);
    byte[] altered = "{\"alertId\":\"a1\",\"value\":38.2}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.verify(SECRET, timestamp, altered, signature, NOW, WINDOW)).as("altered body").isFalse();
    assertThat(WebhookSignature.verify(SECRET, ts(NOW.plusSeconds(1)), BODY, signature, NOW, WINDOW))
        .as("a replay with a new timestamp and the old signature").isFalse();
    String flipped = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");
    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, flipped, NOW, WINDOW)).as("altered signature").isFalse();
    assertThat(WebhookSignature.verify("other", timestamp, BODY, signature, NOW, WINDOW)).as("another secret").isFalse();
    assertThat(WebhookSignature.verify(SECRET, "1e9", BODY, signature, NOW, WINDOW)).as("not a number").isFalse();
    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, "sha256=" + WebhookSender.hmacSha256(SECRET, BODY), NOW, WINDOW))
        .as("the legacy body-only signature alone").isFalse();
  }
}
