package io.relmon.local;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline phase's articles, plain text the coder reads: a summit on each of 120 dates first,
 * then every twentieth article a provocation on one of those dates by a state not at its summit
 * (the TIMED_PROVOCATION rule fires: two alert e-mails each), and everyday news between them —
 * one state praising or denouncing another — of which three in ten re-report a recent one, as
 * other outlets do (the dev set and {@link SyntheticArticles}).
 *
 * <p>The same mix in every minute for as long as a bench runs: no event comes back as if new. The
 * fresh everyday events are all different for the first 144,000 of them (240 ordered pairs of 16
 * states × 300 dates × two tones, dates spread over the year within every 300 articles), the
 * provocations for the first 5,040 (three kinds × 120 dates × 14 provokers): at 200 articles/s,
 * 18 and 8.4 minutes. A load that repeated itself after 96 s (everyday events) and 168 s
 * (provocations) made every later article a re-report and every later provocation an old one, so
 * a warm-up longer than a minute measured idle services (docs/benchmarks.md, tenth session).
 */
final class PipelineArticles {

  /** States the coder knows by name, for everyday events and as the provokers. */
  static final String[] STATES = {"China", "Russia", "Japan", "South Korea", "North Korea", "Vietnam", "India",
      "Iran", "Ukraine", "Mongolia", "Taiwan", "Singapore", "Belarus", "Cuba", "Laos", "Tajikistan"};
  /** Summit partners: pairs that never include a provoker of their own date. */
  static final String[][] SUMMITS = {{"China", "Russia"}, {"Japan", "India"}, {"Vietnam", "Singapore"},
      {"Mongolia", "Laos"}, {"Cuba", "Belarus"}};
  /** Dates three days apart (one summit each) back from the first, so that no two ±1-day windows meet. */
  static final int DATES = 120;
  /** Untargeted provocations the coder reads, and the event type each one is. */
  static final String[][] PROVOCATIONS = {{"test-fired a ballistic missile", "MISSILE_TEST"},
      {"conducted a nuclear test", "NUCLEAR_TEST"}, {"staged live-fire military drills", "MILITARY_EXERCISE"}};
  /** Days back over which everyday events are dated. */
  static final int EVERYDAY_DAYS = 300;
  /** Of every ten everyday articles, these re-report a recent event. */
  private static final int RE_REPORTS_PER_TEN = 3;
  /** How many recent fresh events a re-report draws from. */
  private static final int RECENT = 64;
  private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH);

  /**
   * One article: its JSON for the ingest API, and what it reports, for tests.
   *
   * @param kind what the article is
   * @param event the event it reports: type, actor, target (empty when none) and date, '|'-separated
   */
  record Article(Kind kind, String event, String json) {}

  enum Kind { SUMMIT, PROVOCATION, EVERYDAY, RE_REPORT }

  private final LocalDate first;
  private final String[] recentBodies = new String[RECENT];
  private final String[] recentEvents = new String[RECENT];
  private int n;
  private int provocations;
  private int everyday;
  private int fresh;

  /** Articles whose latest dates lie two days before today (UTC). */
  PipelineArticles() {
    this(LocalDate.now(ZoneOffset.UTC).minusDays(2));
  }

  PipelineArticles(LocalDate first) {
    this.first = first;
  }

  /** The next article's JSON. */
  String next() {
    return nextArticle().json();
  }

  Article nextArticle() {
    int i = n++;
    if (i < DATES) {
      LocalDate date = first.minusDays(3L * i);
      String[] pair = SUMMITS[i % SUMMITS.length];
      return article(i, Kind.SUMMIT, date, "The leaders of " + pair[0] + " and " + pair[1] + " held a summit on " + spoken(date) + ".",
          "SUMMIT|" + pair[0] + "|" + pair[1] + "|" + date);
    }
    if (i % 20 == 0) {
      // Kind fastest, then date, then provoker: every minute has all three kinds and many dates.
      int p = provocations++;
      String[] kind = PROVOCATIONS[p % PROVOCATIONS.length];
      int dateIndex = (p / PROVOCATIONS.length) % DATES;
      LocalDate date = first.minusDays(3L * dateIndex);
      String provoker = provoker(p / (PROVOCATIONS.length * DATES), SUMMITS[dateIndex % SUMMITS.length]);
      return article(i, Kind.PROVOCATION, date, provoker + " " + kind[0] + " on " + spoken(date) + ", the defence ministry said.",
          kind[1] + "|" + provoker + "||" + date);
    }
    int e = everyday++;
    if (e % 10 >= 10 - RE_REPORTS_PER_TEN && fresh > 0) {
      // Another outlet's report of one of the last fresh events (not always the same one back).
      int back = 1 + e % Math.min(fresh, RECENT);
      int slot = Math.floorMod(fresh - back, RECENT);
      return article(i, Kind.RE_REPORT, null, recentBodies[slot], recentEvents[slot]);
    }
    // A bijection of the fresh count onto (ordered pair, date, tone): consecutive events cycle
    // through the pairs, their dates step one day each (241 is prime to 300), so every few hundred
    // articles span all pairs and the whole year; a pair's tone alternates from one cycle to the
    // next, and is the other way round in the second 72,000.
    int f = fresh++;
    int pairs = STATES.length * (STATES.length - 1);
    int pair = f % pairs;
    int day = (f + f / pairs) % EVERYDAY_DAYS;
    boolean praise = (f / pairs + f / (pairs * EVERYDAY_DAYS)) % 2 == 0;
    String actor = STATES[pair / (STATES.length - 1)];
    int t = pair % (STATES.length - 1);
    String target = STATES[t >= pair / (STATES.length - 1) ? t + 1 : t];
    LocalDate date = first.minusDays(day);
    String body = actor + (praise ? " praised " : " denounced ") + target + " on " + spoken(date) + " over its trade policy.";
    String event = (praise ? "STATEMENT_FRIENDLY" : "STATEMENT_HOSTILE") + "|" + actor + "|" + target + "|" + date;
    recentBodies[f % RECENT] = body;
    recentEvents[f % RECENT] = event;
    return article(i, Kind.EVERYDAY, date, body, event);
  }

  private Article article(int i, Kind kind, LocalDate date, String body, String event) {
    // A re-report is published a day after the event too; its own URL and title make it another article.
    LocalDate day = date != null ? date : LocalDate.parse(event.substring(event.lastIndexOf('|') + 1));
    String published = day.plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC).toString();
    var json = io.relmon.service.Json.MAPPER.createObjectNode()
        .put("url", "https://bench.example/pipeline/" + i).put("source", "Bench Wire").put("title", "Bench " + i)
        .put("body", body).put("published", published);
    return new Article(kind, event, json.toString());
  }

  private static String spoken(LocalDate date) {
    return date.format(SPOKEN);
  }

  /** The k-th provoker of a date: a state not at its summit (the rule drops a provoker who takes part). */
  private static String provoker(int k, String[] summit) {
    List<String> others = new ArrayList<>();
    for (String s : STATES) {
      if (!s.equals(summit[0]) && !s.equals(summit[1])) {
        others.add(s);
      }
    }
    return others.get(k % others.size());
  }
}
