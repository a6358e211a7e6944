package io.relmon.alert.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's bearer token (the same check as ingest's {@code io.relmon.ingest.BearerToken}). The check compares SHA-256 digests with
 * {@link MessageDigest#isEqual} (constant time): how long it takes says nothing about how much
 * of a guess was right, not even its length.
 */
public final class BearerToken {

  private final byte[] digest;

  public BearerToken(String token) {
    this.digest = sha256(token);
  }

  /** True when the {@code Authorization} header carries this token ({@code Bearer <token>}). */
  public boolean admits(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorizationHeader.substring(7).strip()));
  }

  /** A new random token: 32 bytes, base64url. */
  public static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
