package io.relmon.local;

import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic load of already-coded articles for the scoring benchmark ({@code relmon bench}; it
 * lives with the command, out of the scoring service's jar): {@link #EVENTS_PER_ARTICLE} events each among thirty states
 * (435 dyads) over the past year (the same sequence relative to the day it runs), everyday event types with their vocabulary weights, and the time
 * join's inputs — missile tests and summits — a trickle of one event in {@link #JOIN_EVERY}, as in
 * news. Not a fixture of any test's expectations: its job is volume with a realistic shape.
 */
public final class SyntheticArticles {

  public static final int EVENTS_PER_ARTICLE = 5;
  static final int JOIN_EVERY = 200;
  static final int DAYS = 365;
  private static final String[] STATES = {"CHN", "PRK", "KOR", "RUS", "JPN", "USA", "TWN", "VNM", "IND", "GBR", "FRA", "DEU",
      "IRN", "ISR", "TUR", "SAU", "UKR", "POL", "PAK", "AFG", "BRA", "MEX", "CAN", "AUS", "IDN", "PHL", "EGY", "ZAF", "NGA", "ITA"};
  private static final EventType[] TYPES = {EventType.STATEMENT_HOSTILE, EventType.STATEMENT_FRIENDLY, EventType.AID,
      EventType.SANCTIONS, EventType.COOPERATION_STALLED, EventType.COOPERATION_STEP};
  private static final double[] WEIGHTS = {-3, 3, 7, -6, -3, 5};
  /**
   * The past year, ending two days ago: the broker refuses record times in the future, and the
   * articles topic's 365-day retention may delete records older than a year.
   */
  private final LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 2);

  private final Random random;
  private int next;

  public SyntheticArticles(long seed) {
    this.random = new Random(seed);
  }

  /** The next article, {@code bench-<n>}. */
  public ArticleEvent next() {
    int a = next++;
    int day = random.nextInt(DAYS);
    Instant published = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(day + 1)).plusSeconds(random.nextInt(86_400));
    List<CodedEvent> coded = new ArrayList<>(EVENTS_PER_ARTICLE);
    for (int e = 0; e < EVENTS_PER_ARTICLE; e++) {
      int t = random.nextInt(TYPES.length);
      EventType type = TYPES[t];
      double weight = WEIGHTS[t];
      if (random.nextInt(JOIN_EVERY) == 0) {
        type = random.nextBoolean() ? EventType.MISSILE_TEST : EventType.SUMMIT;
        weight = type == EventType.MISSILE_TEST ? -7 : 4;
      }
      String actor = STATES[random.nextInt(STATES.length)];
      String target = STATES[random.nextInt(STATES.length)];
      String evidence = actor + " " + type + " " + target + ", article " + a + ", event " + e + ".";
      coded.add(CodedEvent.newBuilder()
          .setType(type).setActor(actor).setTargets(target.equals(actor) ? List.of() : List.of(target))
          .setDate(firstDay.plusDays(Math.max(0, day - random.nextInt(3))).toString())
          .setModality(Modality.FACT).setWeight(weight).setConfidence(0.8).setPlover("").setCameo("")
          .setEvidence(evidence).setEvidenceStart(0).setEvidenceEnd(evidence.length()).build());
    }
    return ArticleEvent.newBuilder()
        .setArticleId("bench-" + a).setUrl("https://bench.example/" + a).setSource("bench wire")
        .setSourceKind(SourceKind.WIRE).setTitle("bench " + a).setBody("")
        .setPublished(published).setReceivedAt(published).setCoderVersion("bench")
        .setEvents(coded).setLeaderMentions(List.of()).build();
  }
}
