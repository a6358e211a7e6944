package io.relmon.coder.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relmon.coder.CodedEvent;
import io.relmon.coder.EventType;
import io.relmon.coder.Modality;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching rules of ../shared/eval/README.md, edge by edge. */
class GoldEvaluationTest {

  private static CodedEvent coded(EventType type, String actor, List<String> targets, String date) {
    return new CodedEvent(type, actor, targets, date, Modality.FACT, 1, 1, "", null, "", "e", 0, 1);
  }

  private static GoldEvent gold(List<String> types, List<String> actors, List<String> targets, String date) {
    return new GoldEvent(types, actors, targets, date, false, false, false, "e");
  }

  @Test
  void shouldAcceptAnyListedTypeAndADateWithinOneDay() {
    GoldEvent g = gold(List.of("SUMMIT", "STATE_VISIT"), List.of("PRK"), List.of("CHN"), "2025-09-04");

    assertThat(GoldEvaluation.matches(coded(EventType.STATE_VISIT, "PRK", List.of("CHN"), "2025-09-03"), g)).isTrue();
    assertThat(GoldEvaluation.matches(coded(EventType.STATE_VISIT, "PRK", List.of("CHN"), "2025-09-06"), g)).isFalse();
    assertThat(GoldEvaluation.matches(coded(EventType.TREATY, "PRK", List.of("CHN"), "2025-09-04"), g)).isFalse();
    assertThat(GoldEvaluation.matches(coded(EventType.SUMMIT, "CHN", List.of("PRK"), "2025-09-04"), g)).as("direction").isFalse();
    assertThat(GoldEvaluation.matches(coded(EventType.SUMMIT, "PRK", List.of("CHN"), "2025-09"), g)).as("month for a day").isFalse();
  }

  @Test
  void shouldJudgeUndirectedAndJointEventsOnTheirParticipants() {
    GoldEvent undirected = new GoldEvent(List.of("TREATY"), List.of("RUS"), List.of("PRK"), "2024-06", false, true, false, "e");
    GoldEvent joint = gold(List.of("MILITARY_EXERCISE"), List.of("KOR", "USA"), List.of(), null);

    assertThat(GoldEvaluation.matches(coded(EventType.TREATY, "PRK", List.of("RUS"), "2024-06-19"), undirected)).isTrue();
    assertThat(GoldEvaluation.matches(coded(EventType.MILITARY_EXERCISE, "USA", List.of("KOR"), "2025-08-18"), joint)).isTrue();
    assertThat(GoldEvaluation.matches(coded(EventType.MILITARY_EXERCISE, "USA", List.of(), "2025-08-18"), joint)).isFalse();
  }

  @Test
  void shouldAcceptANullCodedDateOnlyWhereLenient() {
    GoldEvent strict = gold(List.of("AID"), List.of("RUS"), List.of("PRK"), "2026-01");
    GoldEvent lenient = new GoldEvent(List.of("AID"), List.of("RUS"), List.of("PRK"), "2026-01", false, false, true, "e");
    GoldEvent anyDate = gold(List.of("AID"), List.of("RUS"), List.of("PRK"), null);
    CodedEvent undated = coded(EventType.AID, "RUS", List.of("PRK"), null);

    assertThat(GoldEvaluation.matches(undated, strict)).isFalse();
    assertThat(GoldEvaluation.matches(undated, lenient)).isTrue();
    assertThat(GoldEvaluation.matches(coded(EventType.AID, "RUS", List.of("PRK"), "2019"), anyDate)).isTrue();
  }

  @Test
  void shouldMatchOneToOneAndLeaveOptionalEventsOutOfBothFigures() {
    GoldEvent required = gold(List.of("STATEMENT_HOSTILE"), List.of("PRK"), List.of("KOR"), null);
    GoldEvent optional = new GoldEvent(List.of("STATEMENT_HOSTILE"), List.of("PRK"), List.of("KOR"), null, true, false, false, "e");
    List<CodedEvent> codedEvents = List.of(
        coded(EventType.STATEMENT_HOSTILE, "PRK", List.of("KOR"), null),
        coded(EventType.STATEMENT_HOSTILE, "PRK", List.of("KOR"), "2026-01-02"),
        coded(EventType.MISSILE_TEST, "PRK", List.of(), null));

    GoldEvaluation.ArticleResult result = GoldEvaluation.evaluate("a", codedEvents, List.of(optional, required));

    assertThat(result.matchedRequired()).isEqualTo(1);
    assertThat(result.matchedOptional()).isEqualTo(1);
    assertThat(result.falsePositives()).singleElement().extracting(CodedEvent::type).isEqualTo(EventType.MISSILE_TEST);
    GoldEvaluation.Totals totals = GoldEvaluation.totals(List.of(result));
    assertThat(totals.precision()).isCloseTo(0.5, within(1e-9));
    assertThat(totals.recall()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldReseatARequiredMatchSoThatAnOptionalEventAlsoFindsItsOwn() {
    // The summit of 2025-08-20 fits both gold events; the visit only the required one. A greedy
    // matching gives the required event the summit and calls the visit false.
    GoldEvent visit = gold(List.of("STATE_VISIT", "SUMMIT"), List.of("IND"), List.of("CHN"), "2025-08");
    GoldEvent meeting = new GoldEvent(List.of("SUMMIT"), List.of("IND"), List.of("CHN"), "2025-08-19", true, false, false, "e");
    List<CodedEvent> codedEvents = List.of(
        coded(EventType.SUMMIT, "IND", List.of("CHN"), "2025-08-20"),
        coded(EventType.STATE_VISIT, "IND", List.of("CHN"), "2025-08"));

    GoldEvaluation.ArticleResult result = GoldEvaluation.evaluate("a", codedEvents, List.of(visit, meeting));

    assertThat(result.matchedRequired()).isEqualTo(1);
    assertThat(result.matchedOptional()).isEqualTo(1);
    assertThat(result.falsePositives()).isEmpty();
  }
}
