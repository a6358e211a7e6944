package io.relmon.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer token of an HTTP API (ingest's articles, the alert service's admin endpoints). The
 * check compares SHA-256 digests with {@link MessageDigest#isEqual} (constant time): how long it takes says nothing about how much
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

  /** Fewest different characters a token must hold: "aaaaaaaaaaaaaaaa" is sixteen characters and no lock. */
  public static final int MIN_DISTINCT_CHARACTERS = 8;

  /** The words sample configurations put where a secret belongs. */
  private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile(
      "(?i)change[-_ ]?me|replace[-_ ]?me|placeholder|example|your[-_ ]?token|secret[-_ ]?here|^x+$|^test[-_]?token$");

  /**
   * True for a sample value left in place: the Kubernetes manifest ships a Secret whose values
   * must be replaced, and applying it as it stands must not give an API that anyone who read the
   * manifest can call.
   */
  public static boolean placeholder(String token) {
    return PLACEHOLDER.matcher(token).find() || token.chars().distinct().count() < MIN_DISTINCT_CHARACTERS;
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
