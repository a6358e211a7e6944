package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, dates and type names read on the pages: the same everywhere, whatever the locale. */
final class Format {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Format() {}

  /**
   * "+12.3", "−4.0" (a real minus sign) or "0.0": a value rounded to zero carries no sign, so
   * there is no "−0.0"; "n/a" for a value that is not a number.
   */
  static String signed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    String magnitude = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v));
    boolean zero = magnitude.chars().noneMatch(c -> c >= '1' && c <= '9');
    return zero ? magnitude : (v > 0 ? "+" : "−") + magnitude;
  }

  /** A plain number for data attributes a test or a script could read: "12.345", "-4.0". */
  static String plain(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
  }

  /** "2026-01-03" (UTC); "" when unknown. */
  static String day(Instant t) {
    return t == null ? "" : DAY.format(t);
  }

  /** "2026-01-03 14:05 UTC"; "" when unknown. */
  static String minute(Instant t) {
    return t == null ? "" : MINUTE.format(t);
  }

  /**
   * An event's own date as coded, or "undated (published 2026-01-03)": without a date in the text
   * the event is placed at its publication, and the reader should know the date is not the event's.
   */
  static String eventDate(Event e) {
    if (e.date() != null && !e.date().isBlank()) {
      return e.date();
    }
    return e.eventTime() == null ? "undated" : "undated (published " + day(e.eventTime()) + ")";
  }

  /** A signal's or event's date: the coded one, else the day of its time. */
  static String date(String coded, Instant time) {
    return coded != null && !coded.isBlank() ? coded : day(time);
  }

  /** "TIMED_PROVOCATION" reads "timed provocation". */
  static String humanised(String type) {
    return type == null ? "" : type.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** "1 article", "3 articles". */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
