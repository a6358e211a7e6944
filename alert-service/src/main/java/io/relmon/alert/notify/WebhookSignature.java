package io.relmon.alert.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature, scheme {@code v1}: {@code X-Relmon-Timestamp: <Unix seconds>} and
 * {@code X-Relmon-Signature: v1=<hex HMAC-SHA256 of timestamp + "." + body>} under the channel's
 * secret. Signing the time with the body makes a captured request worthless once it is older than
 * the receiver's window: it cannot be replayed later, and the time cannot be changed without the
 * secret.
 *
 * <p>For receivers: this class needs only the JDK; copy it. Verify the exact bytes received,
 * before parsing them:
 * <pre>{@code
 * boolean ok = WebhookSignature.verify(secret, request.header("X-Relmon-Timestamp"), rawBody,
 *     request.header("X-Relmon-Signature"), Instant.now(), WebhookSignature.DEFAULT_WINDOW);
 * }</pre>
 * then drop a second request with the same {@code Idempotency-Key} (a retry inside the window).
 */
public final class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "X-Relmon-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Relmon-Signature";
  /** How far a request's timestamp may be from the receiver's clock, either way. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  private WebhookSignature() {}

  /** The signature header's value for {@code body} sent at {@code timestamp} (Unix seconds). */
  public static String sign(String secret, String timestamp, byte[] body) {
    return "v1=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
  }

  /**
   * True only when {@code signatureHeader} holds a {@code v1=} signature of {@code timestamp} and
   * {@code body} under {@code secret}, and {@code timestamp} is within {@code window} of
   * {@code now} (either way: a clock ahead is no licence to send requests for later). Other
   * elements of the header ({@code sha256=…}, later schemes) are ignored.
   */
  public static boolean verify(String secret, String timestamp, byte[] body, String signatureHeader, Instant now, Duration window) {
    if (secret == null || timestamp == null || body == null || signatureHeader == null || !timestamp.matches("[0-9]{1,12}")) {
      return false;
    }
    long sent = Long.parseLong(timestamp);
    if (Math.abs(now.getEpochSecond() - sent) > window.toSeconds()) {
      return false;
    }
    byte[] expected = mac(secret, timestamp, body);
    for (String element : signatureHeader.split(",")) {
      String value = element.strip();
      if (value.startsWith("v1=") && value.length() == 3 + 64 && value.substring(3).matches("[0-9a-fA-F]+")
          && MessageDigest.isEqual(expected, HexFormat.of().parseHex(value.substring(3)))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] mac(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
