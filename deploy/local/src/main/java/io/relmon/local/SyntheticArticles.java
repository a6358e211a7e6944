package io.relmon.local;

import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceKind;
import io.relmon.service.Dyad;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic load of already-coded articles for the scoring benchmark ({@code relmon bench}; it
 * lives with the command, out of the scoring service's jar), shaped on the statistics of the dev
 * set's gold codes (39 real articles, 313 events; docs/benchmarks.md says how) rather than on
 * uniform draws, which made every relation swing and the pivot rule fire on every other update:
 *
 * <ul>
 *   <li>events per article drawn from the dev set's counts (2 to 15, mean 8);
 *   <li>an article tells one story: 85% of its fresh events on its main dyad (either direction), 10%
 *       one of its two states with a third, 5% elsewhere — with the re-reports below, 2.7 routes
 *       (dyads, or an actor alone) per article and 80% of its events on the busiest, where the dev
 *       set's articles have 2.7 and 75%; states drawn by a Zipf law over
 *       {@link #STATES} (news is about a few states most of the time, all of them some of the time);
 *   <li>one target for 90% of events, two for 7%, none for 3% (the dev set's 281 / 21 / 11);
 *   <li>types by the dev set's frequencies, friendly or hostile by a tone each dyad keeps (relations
 *       have a character; they do not flip with every article);
 *   <li>news arrives in order: articles are published {@link #ARTICLES_PER_DAY} a day through the
 *       past year (wrapping round after it), 82% of events dated, most on the day or the day
 *       before, some weeks back (late records), the rest undated;
 *   <li>30% of events re-report one of the last {@link #RECENT} events of articles on the same main
 *       dyad (another article on the same news: corroboration, not a new weight). Drawn from any
 *       recent article, as before, each re-report brought a dyad of its own: 5.5 routes per article
 *       where the dev set's articles have 2.7 (docs/benchmarks.md);
 *   <li>the time join's inputs — missile tests and summits — a trickle of one event in
 *       {@link #JOIN_EVERY}: at the dev set's rate of meetings (16% of events, the set leans to
 *       Korean summit news) a provocation would fall within a day of hundreds of meetings
 *       worldwide, which is a question for the rule, not a load shape.
 * </ul>
 * Not a fixture of any test's expectations: its job is volume with a realistic shape.
 */
public final class SyntheticArticles {

  /** The dev set's events per article, one entry per article. */
  static final int[] EVENTS_PER_ARTICLE = {2, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 9,
      9, 9, 9, 10, 10, 11, 11, 12, 13, 13, 14, 15, 15};
  static final int JOIN_EVERY = 200;
  static final int DAYS = 365;
  static final int ARTICLES_PER_DAY = 200;
  /** Events of a story a re-report is drawn from: the last eight articles or so on it (a day's news for the busiest dyads). */
  static final int RECENT = 64;
  static final double REPORTED_AGAIN = 0.30;
  /** Sixty states, most reported first: the Zipf law draws rank r with weight 1/r. */
  static final String[] STATES = {"USA", "CHN", "RUS", "UKR", "ISR", "IRN", "IND", "PRK", "KOR", "JPN", "GBR", "FRA", "DEU",
      "TUR", "PAK", "SAU", "TWN", "PHL", "VNM", "AUS", "CAN", "BRA", "MEX", "EGY", "SYR", "IRQ", "AFG", "POL", "QAT", "ARE",
      "VEN", "CUB", "ZAF", "NGA", "ETH", "IDN", "ITA", "ESP", "GRC", "SRB", "ARM", "AZE", "KAZ", "BLR", "LBN", "YEM", "SDN",
      "COD", "RWA", "DZA", "MAR", "LBY", "GUY", "COL", "ARG", "MMR", "THA", "MYS", "SGP", "NZL"};
  private static final double[] STATE_CDF = zipf(STATES.length);

  /** The dev set's friendly types with their counts there, and their vocabulary weights (BRIEF §3). */
  private static final Kind FRIENDLY = new Kind(
      new EventType[] {EventType.STATEMENT_FRIENDLY, EventType.COOPERATION_STEP, EventType.TREATY, EventType.AID,
          EventType.TROOP_DEPLOYMENT, EventType.SOLIDARITY_GESTURE, EventType.GREETING, EventType.MEDIATION_REQUEST},
      new int[] {43, 33, 16, 7, 5, 3, 3, 1}, new double[] {3, 5, 7, 7, 7, 3, 1, 2});
  private static final Kind HOSTILE = new Kind(
      new EventType[] {EventType.STATEMENT_HOSTILE, EventType.SANCTIONS, EventType.COOPERATION_STALLED, EventType.MILITARY_ATTACK},
      new int[] {69, 26, 10, 8}, new double[] {-3, -6, -3, -9});
  /** OTHER: 15 of the dev set's 313 events, weight 0. */
  private static final double OTHER_SHARE = 15.0 / 313;

  /**
   * The past year, ending two days ago: the broker refuses record times in the future, and the
   * articles topic's 365-day retention may delete records older than a year.
   */
  private final LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 2);
  private final Random random;
  /** Per main dyad (its key), the last {@link #RECENT} events of its articles. */
  private final java.util.Map<String, Story> stories = new java.util.HashMap<>();
  private int next;

  public SyntheticArticles(long seed) {
    this.random = new Random(seed);
  }

  /** The next article, {@code bench-<n>}. */
  public ArticleEvent next() {
    int a = next++;
    int day = (a / ARTICLES_PER_DAY) % DAYS;
    Instant published = firstDay.plusDays(day + 1).atStartOfDay(ZoneOffset.UTC).toInstant()
        .plusSeconds((long) (a % ARTICLES_PER_DAY) * 86_400 / ARTICLES_PER_DAY + random.nextInt(86_400 / ARTICLES_PER_DAY));
    String main = state();
    String partner = other(main);
    int count = EVENTS_PER_ARTICLE[random.nextInt(EVENTS_PER_ARTICLE.length)];
    Story story = stories.computeIfAbsent(Dyad.key(main, partner), key -> new Story());
    List<CodedEvent> coded = new ArrayList<>(count);
    for (int e = 0; e < count; e++) {
      coded.add(story.taken > 0 && random.nextDouble() < REPORTED_AGAIN
          ? story.recent[random.nextInt(Math.min(story.taken, RECENT))]
          : fresh(a, e, day, main, partner));
    }
    // Kept once the article is made: a re-report is of an earlier article's event, not of its own.
    for (CodedEvent event : coded) {
      story.recent[story.taken++ % RECENT] = event;
    }
    return ArticleEvent.newBuilder()
        .setArticleId("bench-" + a).setUrl("https://bench.example/" + a).setSource("bench wire")
        .setSourceKind(SourceKind.WIRE).setTitle("bench " + a).setBody("")
        .setPublished(published).setReceivedAt(published).setCoderVersion("bench")
        .setEvents(coded).setLeaderMentions(List.of()).build();
  }

  private CodedEvent fresh(int article, int index, int day, String main, String partner) {
    double where = random.nextDouble();
    String actor;
    String target;
    if (where < 0.85) {
      boolean forward = random.nextBoolean();
      actor = forward ? main : partner;
      target = forward ? partner : main;
    } else if (where < 0.95) {
      actor = random.nextBoolean() ? main : partner;
      target = other(actor);
    } else {
      actor = state();
      target = other(actor);
    }
    List<String> targets;
    double shape = random.nextDouble();
    if (shape < 0.03) {
      targets = List.of();
    } else if (shape < 0.10) {
      String third = other(actor);
      targets = third.equals(target) ? List.of(target) : List.of(target, third);
    } else {
      targets = List.of(target);
    }
    EventType type;
    double weight;
    if (random.nextInt(JOIN_EVERY) == 0) {
      type = random.nextBoolean() ? EventType.MISSILE_TEST : EventType.SUMMIT;
      weight = type == EventType.MISSILE_TEST ? -7 : 4;
    } else if (random.nextDouble() < OTHER_SHARE) {
      type = EventType.OTHER;
      weight = 0;
    } else {
      Kind kind = random.nextDouble() < 0.5 + 0.45 * tone(actor, target) ? FRIENDLY : HOSTILE;
      int t = kind.draw(random);
      type = kind.types[t];
      weight = kind.weights[t];
    }
    String date;
    double when = random.nextDouble();
    if (when < 0.18) {
      date = null;
    } else if (when < 0.72) {
      date = firstDay.plusDays(day + 1).toString();
    } else if (when < 0.92) {
      date = firstDay.plusDays(Math.max(0, day)).toString();
    } else {
      date = firstDay.plusDays(Math.max(0, day + 1 - 2 - random.nextInt(40))).toString();
    }
    String evidence = actor + " " + type + " " + String.join(",", targets) + ", article " + article + ", event " + index + ".";
    return CodedEvent.newBuilder()
        .setType(type).setActor(actor).setTargets(targets).setDate(date)
        .setModality(Modality.FACT).setWeight(weight).setConfidence(0.8).setPlover("").setCameo("")
        .setEvidence(evidence).setEvidenceStart(0).setEvidenceEnd(evidence.length()).build();
  }

  /** A dyad's lasting character, −1 (hostile) … +1 (friendly), the same in both directions. */
  static double tone(String a, String b) {
    String dyad = Dyad.key(a, b);
    return ((dyad.hashCode() & 0x7fffffff) % 201 - 100) / 100.0;
  }

  private String state() {
    double u = random.nextDouble();
    for (int i = 0; i < STATE_CDF.length; i++) {
      if (u < STATE_CDF[i]) {
        return STATES[i];
      }
    }
    return STATES[STATES.length - 1];
  }

  private String other(String state) {
    String other = state();
    while (other.equals(state)) {
      other = state();
    }
    return other;
  }

  private static double[] zipf(int n) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int r = 1; r <= n; r++) {
      sum += 1.0 / r;
      cdf[r - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    return cdf;
  }

  /** A story's last {@link #RECENT} events, a ring, and how many it has taken. */
  private static final class Story {
    final CodedEvent[] recent = new CodedEvent[RECENT];
    int taken;
  }

  /** Event types of one tone, drawn by their dev-set counts. */
  private record Kind(EventType[] types, int[] counts, double[] weights) {
    int draw(Random random) {
      int total = 0;
      for (int c : counts) {
        total += c;
      }
      int u = random.nextInt(total);
      for (int i = 0; i < counts.length; i++) {
        u -= counts[i];
        if (u < 0) {
          return i;
        }
      }
      return counts.length - 1;
    }
  }
}
