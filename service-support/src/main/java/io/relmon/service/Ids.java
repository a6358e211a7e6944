package io.relmon.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable ids: the first bytes of the SHA-256 of a text, in hex. */
public final class Ids {
  private Ids() {}

  /** The first {@code bytes} bytes of SHA-256({@code text}) as {@code 2 × bytes} hex digits. */
  public static String sha256(String text, int bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
