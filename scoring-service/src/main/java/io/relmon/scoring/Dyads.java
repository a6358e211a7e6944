package io.relmon.scoring;

/** Dyad keys: the two ISO3 codes sorted and joined by '-', e.g. CHN-PRK. */
public final class Dyads {
  private Dyads() {}

  public static String key(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a;
  }
}
