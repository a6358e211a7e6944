package io.relmon.coder;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the date expression nearest to an event's trigger in its sentence and resolves it against
 * the article's local publication date. Gives YYYY-MM-DD for a day, YYYY-MM when the text gives
 * only a month ("earlier this month"), YYYY for a year ("last year"), and null when the sentence
 * says nothing about when.
 */
final class DateResolver {

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
      Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
      Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
      Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
      Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10),
      Map.entry("nov", 11), Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

  private static final String MONTH =
      "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

  // The lookahead admits only word starts that can open a date form, so the engine tries the
  // branches below at few positions (the coder's hot path: see CoderBenchmark).
  private static final Pattern DATE = Pattern.compile(
      "(?=(?<![\\p{L}\\d])(?:[0-9JFMASONDTW]|on |last |this |next |at the |by the |beginning|middle|start|yesterday|today|the (?:previous|day)|at the end|end of|late|earl|in |a |an |its |their "
          + "|one |two |three |four |five |six |seven |eight |nine |ten ))(?:"
          + "\\b(?<iso>\\d{4}-\\d{2}-\\d{2})\\b"
          + "|\\b(?<agoN>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)|\\d{1,2}) (?<agoU>day|week|month|year)s? ago\\b"
          + "|\\b(?<m>" + MONTH + ")\\.? (?<d>\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? (?<y>\\d{4})\\b)?(?<rel> last year| this year)?"
          + "|\\b(?:on |last |this )?(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b"
          + "|\\b(?<yd>yesterday|today|the previous day|the day before|a day earlier|a day before|one day earlier)\\b"
          + "|\\b(?:in |early |late )?(?<mly>" + MONTH + ") (?:of )?(?<rely>last year|this year)\\b"
          + "|\\b(?<endly>(?:at the )?end of last year|late last year)\\b"
          + "|\\b(?<lw>last week)\\b"
          + "|\\b(?:at the |by the )?(?:end|beginning|start|middle) of (?<emo>" + MONTH + ")\\b(?: (?<emoy>\\d{4}))?"
          + "|\\b(?<nw>next week)\\b"
          + "|\\b(?<we>this weekend|over the weekend|last weekend)\\b"
          + "|\\blast (?<lmo>" + MONTH + ")\\b"
          + "|\\b(?:a|its|their) (?<yadj>(?:19|20)\\d{2})\\b(?! ?%)"
          + "|\\b(?<tm>(?:earlier |later |late |early )?this month)\\b"
          + "|\\b(?<lm>last month)\\b"
          + "|\\b(?<nm>next month)\\b"
          + "|\\b(?<ny>next year)\\b"
          + "|\\bin (?<mo>" + MONTH + ")\\b(?: (?<moy>\\d{4}))?"
          + "|\\b(?<ly>last year)\\b"
          + "|\\b(?<ty>(?:earlier |early )?this year)\\b"
          + "|\\bin (?<yr>\\d{4})\\b)");

  private static final Pattern FUTURE_PHRASE = Pattern.compile(
      "\\b(set|scheduled|due|slated|expected) (to (begin|start|open|take place|run|end)|for)( on)? $", Pattern.CASE_INSENSITIVE);

  private static final Pattern OTHER_NOUN = Pattern.compile(
      "['’]s (remarks|comments|statement|claims?|announcement|speech|report)( made)? (on|of) $", Pattern.CASE_INSENSITIVE);

  private DateResolver() {}

  /** The resolved date nearest to {@code anchor} (an offset in {@code sentence}), or null. */
  static String resolve(String sentence, int anchor, LocalDate published) {
    return resolve(sentence, anchor, anchor, published);
  }

  /** The resolved date nearest to the span {@code start..end} (a trigger), or null. */
  static String resolve(String sentence, int start, int end, LocalDate published) {
    return resolve(sentence, start, end, published, false);
  }

  /**
   * As {@link #resolve(String, int, int, LocalDate)}; for an event ahead ({@code future}), a
   * weekday is the next one ("will meet on Monday"), not the last.
   */
  static String resolve(String sentence, int start, int end, LocalDate published, boolean future) {
    return resolve(sentence, start, end, published, future, false);
  }

  /** Within a trigger's own phrase: "set to begin Aug. 18" is its date, not someone else's. */
  static String resolveOwn(String phrase, int start, int end, LocalDate published, boolean future) {
    return resolve(phrase, start, end, published, future, true);
  }

  /** The date of the sentence when it holds exactly one date expression, else null. */
  static String onlyDate(String sentence, LocalDate published) {
    if (!mayHoldDate(sentence)) {
      return null;
    }
    Matcher m = DATE.matcher(sentence);
    String found = null;
    int count = 0;
    while (m.find()) {
      String lead = sentence.substring(Math.max(0, m.start() - 30), m.start());
      if (FUTURE_PHRASE.matcher(lead).find() || OTHER_NOUN.matcher(lead).find()) {
        count++;
        continue;
      }
      String resolved = resolveMatch(m, published, false);
      if (resolved != null) {
        found = resolved;
        count++;
      }
    }
    return count == 1 ? found : null;
  }

  private static String resolve(String sentence, int start, int end, LocalDate published, boolean future, boolean own) {
    if (!mayHoldDate(sentence)) {
      return null;
    }
    Matcher m = DATE.matcher(sentence);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    while (m.find()) {
      String lead = sentence.substring(Math.max(0, m.start() - 30), m.start());
      boolean nextToTrigger = m.start() >= end && m.start() - end <= 25;
      if (!nextToTrigger && !own && (FUTURE_PHRASE.matcher(lead).find() || OTHER_NOUN.matcher(lead).find())) {
        // "the exercise, set to begin Aug. 18", "Lee's remarks on Aug. 12": the date of something
        // else, or of someone else's words — unless it follows the trigger itself.
        continue;
      }
      String resolved = resolveMatch(m, published, future);
      if (resolved == null) {
        continue;
      }
      int distance = end <= m.start() ? m.start() - end : Math.max(0, start - m.end());
      if (distance < bestDistance) {
        best = resolved;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * Every date form has a digit, a capitalised month, or one of "day", "month", "year": a
   * sentence with none of them is not searched (most sentences of an article).
   */
  static boolean mayHoldDate(String sentence) {
    for (int i = 0; i < sentence.length(); i++) {
      if (Character.isDigit(sentence.charAt(i))) {
        return true;
      }
    }
    for (String hint : DATE_HINTS) {
      if (sentence.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] DATE_HINTS = {
    "day", "month", "year", "week", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
      Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
      Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10));

  private static String resolveMatch(Matcher m, LocalDate published, boolean future) {
    if (m.group("iso") != null) {
      return m.group("iso");
    }
    if (m.group("agoN") != null) {
      // "three days ago" is a day; "two months ago" a month; "a year ago" only a year.
      String n = m.group("agoN").toLowerCase(Locale.ROOT);
      int count = NUMBERS.containsKey(n) ? NUMBERS.get(n) : Integer.parseInt(n);
      return switch (m.group("agoU")) {
        case "day" -> published.minusDays(count).toString();
        case "week" -> published.minusWeeks(count).toString();
        case "month" -> YearMonth.from(published).minusMonths(count).toString();
        default -> String.valueOf(published.getYear() - count);
      };
    }
    if (m.group("m") != null) {
      int month = month(m.group("m"));
      int day = Integer.parseInt(m.group("d"));
      int year = published.getYear();
      if (m.group("y") != null) {
        year = Integer.parseInt(m.group("y"));
      } else if (" last year".equals(m.group("rel"))) {
        year -= 1;
      }
      if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
        return null;
      }
      LocalDate date = LocalDate.of(year, month, day);
      // News reports the past: a bare "Dec. 28" in a January article is last December.
      if (m.group("y") == null && m.group("rel") == null && date.isAfter(published.plusDays(31))) {
        date = date.minusYears(1);
      }
      return date.toString();
    }
    if (m.group("wd") != null) {
      DayOfWeek day = DayOfWeek.valueOf(m.group("wd").toUpperCase(Locale.ROOT));
      return published.with(future ? TemporalAdjusters.nextOrSame(day) : TemporalAdjusters.previousOrSame(day)).toString();
    }
    if (m.group("yd") != null) {
      return ("today".equalsIgnoreCase(m.group("yd")) ? published : published.minusDays(1)).toString();
    }
    if (m.group("mly") != null) {
      int year = published.getYear() - ("last year".equals(m.group("rely")) ? 1 : 0);
      return YearMonth.of(year, month(m.group("mly"))).toString();
    }
    if (m.group("endly") != null) {
      return YearMonth.of(published.getYear() - 1, 12).toString();
    }
    if (m.group("emo") != null) {
      int year = m.group("emoy") != null ? Integer.parseInt(m.group("emoy")) : published.getYear();
      YearMonth ym = YearMonth.of(year, month(m.group("emo")));
      if (m.group("emoy") == null && !future && ym.isAfter(YearMonth.from(published))) {
        ym = ym.minusYears(1);
      }
      return ym.toString();
    }
    if (m.group("lw") != null) {
      // The middle of the calendar week before: its Thursday.
      return published.minusWeeks(1).with(DayOfWeek.THURSDAY).toString();
    }
    if (m.group("nw") != null) {
      return published.plusWeeks(1).with(DayOfWeek.MONDAY).toString();
    }
    if (m.group("we") != null) {
      String which = m.group("we");
      LocalDate saturday = which.startsWith("last") || (which.startsWith("over") && !future)
          ? published.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY))
          : published.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
      return saturday.toString();
    }
    if (m.group("lmo") != null) {
      YearMonth ym = YearMonth.of(published.getYear(), month(m.group("lmo")));
      if (!ym.isBefore(YearMonth.from(published))) {
        ym = ym.minusYears(1);
      }
      return ym.toString();
    }
    if (m.group("yadj") != null) {
      return m.group("yadj");
    }
    if (m.group("tm") != null) {
      return YearMonth.from(published).toString();
    }
    if (m.group("lm") != null) {
      return YearMonth.from(published).minusMonths(1).toString();
    }
    if (m.group("nm") != null) {
      return YearMonth.from(published).plusMonths(1).toString();
    }
    if (m.group("ny") != null) {
      return Integer.toString(published.getYear() + 1);
    }
    if (m.group("mo") != null) {
      int month = month(m.group("mo"));
      int year = m.group("moy") != null ? Integer.parseInt(m.group("moy")) : published.getYear();
      YearMonth ym = YearMonth.of(year, month);
      // A month without its year is the last one for what happened, the next one for a plan
      // ("will meet in October" in a November report is next October).
      if (m.group("moy") == null && !future && ym.isAfter(YearMonth.from(published))) {
        ym = ym.minusYears(1);
      } else if (m.group("moy") == null && future && ym.isBefore(YearMonth.from(published))) {
        ym = ym.plusYears(1);
      }
      return ym.toString();
    }
    if (m.group("ly") != null) {
      return Integer.toString(published.getYear() - 1);
    }
    if (m.group("ty") != null) {
      return Integer.toString(published.getYear());
    }
    if (m.group("yr") != null) {
      return m.group("yr");
    }
    return null;
  }

  private static int month(String name) {
    return MONTHS.get(name.toLowerCase(Locale.ROOT).replace(".", ""));
  }
}
