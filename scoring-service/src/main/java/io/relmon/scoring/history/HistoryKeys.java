package io.relmon.scoring.history;

/**
 * Keys of {@code dyad-history-store}: {@code DYAD|event time|event id}, the time as 13 zero-padded
 * digits of epoch milliseconds, so that one dyad's entries are one key range in time order (the
 * store's byte order is the string's for these ASCII keys).
 */
public final class HistoryKeys {
  private HistoryKeys() {}

  public static String of(String dyad, long eventTime, String eventId) {
    return dyad + '|' + padded(eventTime) + '|' + eventId;
  }

  /** The first key of {@code dyad} at or after {@code time}. */
  public static String from(String dyad, long time) {
    return dyad + '|' + padded(time) + '|';
  }

  /** A key after every key of {@code dyad}. */
  public static String after(String dyad) {
    return dyad + '}';
  }

  /** 13 zero-padded digits (String.format here showed in the stream thread's profile). */
  private static String padded(long time) {
    String digits = Long.toString(Math.max(0, time));
    return digits.length() >= 13 ? digits : "0".repeat(13 - digits.length()) + digits;
  }
}
