package io.relmon.service;

import java.util.Optional;

/**
 * A pair of states, the unit warmth is kept for: two ISO3 codes in alphabetical order, written
 * {@code CHN-PRK} in record keys, URLs and rules files. One type for every place that builds or
 * reads such a key, so that "PRK-CHN" is refused the same way everywhere.
 */
public record Dyad(String first, String second) {

  public Dyad {
    if (first == null || second == null || first.compareTo(second) > 0) {
      throw new IllegalArgumentException("a dyad's states are in alphabetical order: " + first + ", " + second);
    }
  }

  /** The dyad of two states, in either order (a key is built from any actor and target). */
  public static Dyad of(String a, String b) {
    return a.compareTo(b) <= 0 ? new Dyad(a, b) : new Dyad(b, a);
  }

  /** The key of two states in either order: {@code of(a, b).key()}. */
  public static String key(String a, String b) {
    return of(a, b).key();
  }

  /**
   * A dyad as written by a user or another service: two distinct ISO3 codes in capitals, in
   * alphabetical order, joined by '-'. Empty for anything else ("PRK-CHN", "chn-prk", "CHN-CHN").
   */
  public static Optional<Dyad> parse(String key) {
    if (key == null || key.length() != 7 || key.charAt(3) != '-') {
      return Optional.empty();
    }
    String a = key.substring(0, 3);
    String b = key.substring(4);
    if (!isCountryCode(a) || !isCountryCode(b) || a.compareTo(b) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new Dyad(a, b));
  }

  /** Three capital letters A–Z: the shape of an ISO 3166 alpha-3 code (validity aside). */
  public static boolean isCountryCode(String code) {
    if (code == null || code.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = code.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  public String key() {
    return first + "-" + second;
  }

  /** Whether the state is one of the two. */
  public boolean has(String state) {
    return first.equals(state) || second.equals(state);
  }

  @Override
  public String toString() {
    return key();
  }
}
