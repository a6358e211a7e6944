package io.relmon.coder;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.coder.ArticleText;
import io.relmon.coder.EventType;
import io.relmon.coder.Modality;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentences we wrote ourselves, each showing one thing the first coder must get right. */
class KeywordCoderTest {

  private static final KeywordCoder CODER = new KeywordCoder();

  private static List<CodedEvent> code(String body, String published) {
    return CODER.code(new ArticleText("t", body, OffsetDateTime.parse(published))).events();
  }

  @Test
  void shouldCodeAnUntargetedLaunchByACapitalWithItsDate() {
    List<CodedEvent> events = code("On Feb. 9, Pyongyang fired two short-range ballistic missiles into the sea.", "2026-02-10T08:00:00+09:00");

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EventType.MISSILE_TEST);
      assertThat(e.actor()).isEqualTo("PRK");
      assertThat(e.targets()).isEmpty();
      assertThat(e.date()).isEqualTo("2026-02-09");
      assertThat(e.modality()).isEqualTo(Modality.FACT);
      assertThat(e.weight()).isEqualTo(-7);
      assertThat(e.plover()).isEqualTo("MOBILIZE");
      assertThat(e.cameo()).isEqualTo("15x");
    });
  }

  @Test
  void shouldResolveLastYearAndTheVisitorAsActor() {
    List<CodedEvent> events = code("Ties were meant to improve after Kim Jong Un's trip to Beijing on Sept. 3 last year.", "2026-01-20T10:00:00+09:00");

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EventType.STATE_VISIT);
      assertThat(e.actor()).isEqualTo("PRK");
      assertThat(e.targets()).containsExactly("CHN");
      assertThat(e.date()).isEqualTo("2025-09-03");
    });
  }

  @Test
  void shouldKnowALeaderOnlyDuringTheirTermOfOffice() {
    String body = "Lee Jae Myung arrived in Tokyo for talks.";

    assertThat(code(body, "2026-03-01T00:00:00Z")).extracting(CodedEvent::actor).containsExactly("KOR");
    assertThat(code(body, "2024-03-01T00:00:00Z")).isEmpty();
  }

  @Test
  void shouldNotCodeANegatedEvent() {
    assertThat(code("Moscow did not condemn Tokyo over the incident.", "2026-01-05T00:00:00Z")).isEmpty();
  }

  @Test
  void shouldMarkHedgedAndPlannedEvents() {
    assertThat(code("Beijing reportedly criticized Seoul on Monday.", "2026-01-07T00:00:00Z"))
        .singleElement().satisfies(e -> {
          assertThat(e.modality()).isEqualTo(Modality.HEDGED);
          assertThat(e.date()).isEqualTo("2026-01-05");
        });
    assertThat(code("Russia will send humanitarian aid to Mongolia next week.", "2026-01-07T00:00:00Z"))
        .singleElement().extracting(CodedEvent::modality).isEqualTo(Modality.PLANNED);
  }

  @Test
  void shouldSkipAnAnalystsOpinion() {
    assertThat(code("Analysts say China criticized North Korea in private.", "2026-01-07T00:00:00Z")).isEmpty();
  }

  @Test
  void shouldNotTakeADatelineForAnActor() {
    List<CodedEvent> events = code("SEOUL/BEIJING — North Korea denounced Japan on Tuesday.", "2026-01-08T00:00:00Z");

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.actor()).isEqualTo("PRK");
      assertThat(e.targets()).containsExactly("JPN");
    });
  }

  @Test
  void shouldTakeACountryAdjectiveBeforeTheTriggerAsTheTarget() {
    assertThat(code("A Russian war memorial opened in the city.", "2026-01-08T00:00:00Z")).isEmpty();
    assertThat(code("On Jan. 6, Kim Jong Un toured a Russian war memorial.", "2026-01-08T00:00:00Z"))
        .singleElement().satisfies(e -> {
          assertThat(e.type()).isEqualTo(EventType.SOLIDARITY_GESTURE);
          assertThat(e.actor()).isEqualTo("PRK");
          assertThat(e.targets()).containsExactly("RUS");
        });
  }

  @Test
  void shouldCodeAnUndirectedStallWithBothParticipants() {
    assertThat(code("The long-delayed rail link between China and North Korea is still closed.", "2026-01-08T00:00:00Z"))
        .singleElement().satisfies(e -> {
          assertThat(e.type()).isEqualTo(EventType.COOPERATION_STALLED);
          assertThat(e.actor()).isEqualTo("CHN");
          assertThat(e.targets()).containsExactly("PRK");
          assertThat(e.date()).isNull();
        });
  }

  @Test
  void shouldCodeAJointEventWhoseParticipantsAreNamedTogether() {
    assertThat(code("Seoul and Tokyo held talks on Jan. 7 about fisheries.", "2026-01-08T00:00:00Z"))
        .singleElement().satisfies(e -> {
          assertThat(e.type()).isEqualTo(EventType.SUMMIT);
          assertThat(e.actor()).isEqualTo("KOR");
          assertThat(e.targets()).containsExactly("JPN");
          assertThat(e.date()).isEqualTo("2026-01-07");
        });
  }

  @Test
  void shouldGiveEvidenceOffsetsIntoTheBody() {
    String body = "First line about weather.\nOn Jan. 2, Tokyo praised Seoul for its help.";
    CodedEvent event = code(body, "2026-01-03T00:00:00Z").get(0);

    assertThat(body.substring(event.evidenceStart(), event.evidenceEnd())).isEqualTo(event.evidence())
        .isEqualTo("On Jan. 2, Tokyo praised Seoul for its help.");
  }
}
