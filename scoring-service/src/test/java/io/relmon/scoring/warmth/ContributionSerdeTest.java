package io.relmon.scoring.warmth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.service.JsonSerde;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ContributionSerdeTest {

  private static final String TOPIC = "relmon-scoring-signals-by-dyad-repartition";
  private final Serde<Contribution> serde = ContributionSerde.serde();

  private static Contribution contribution(String evidence) {
    return new Contribution("e-1", "STATEMENT_HOSTILE", "PRK", List.of("CHN", "KOR"), "2026-01-04", 1_767_484_800_000L, -3.5, 2,
        evidence, List.of("https://news.example/1", "https://news.example/ü"));
  }

  @Test
  void shouldReadBackWhatItWrote() {
    for (Contribution c : List.of(contribution("Pyongyang criticised Beijing — «sharply»."), contribution(null),
        new Contribution("s-1", "TIMED_PROVOCATION", "PRK", List.of(), null, 0, 0, 1, "", List.of()))) {
      byte[] bytes = serde.serializer().serialize(TOPIC, c);
      assertThat(bytes[0]).isEqualTo(ContributionSerde.VERSION);
      assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(c);
    }
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void shouldCarrySourcesModalityAndASignalsCitedEvents() {
    Contribution.Source first = new Contribution.Source("a-1", "Daily «Example»", "Kim <b>visits</b>", "https://news.example/1", 1_767_484_800_000L);
    Contribution.Source second = new Contribution.Source("a-2", "Wire", null, null, 1_767_571_200_000L);
    Contribution event = new Contribution("e-1", "STATE_VISIT", "KOR", List.of("CHN"), null, 1_767_484_800_000L, 2.4, 2,
        "Lee arrived in Beijing.", List.of("https://news.example/1"), "HEDGED", List.of(first, second), List.of());
    Contribution signal = new Contribution("s-1", "TIMED_PROVOCATION", "PRK", List.of("CHN", "KOR"), "2026-01-04", 1_767_484_800_000L,
        -4, 1, "PRK missile test on 2026-01-04, timed to the KOR state visit", List.of(), "FACT", List.of(), List.of(event, event));

    for (Contribution c : List.of(event, signal)) {
      assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, c))).isEqualTo(c);
    }
  }

  @Test
  void shouldReadTheFirstBinaryFormWithoutSources() {
    // Version 1, as written before sources and cited events were carried.
    io.relmon.scoring.StateFormat.Writer v1 = new io.relmon.scoring.StateFormat.Writer(128, (byte) 1);
    v1.putString("e-1").putString("SUMMIT").putString("CHN").putStrings(List.of("RUS")).putString("2026-01-04")
        .putLong(1_767_484_800_000L).putDouble(3).putInt(1).putString("Xi met Putin.").putStrings(List.of("https://news.example/2"));

    Contribution read = serde.deserializer().deserialize(TOPIC, v1.toByteArray());

    assertThat(read).isEqualTo(new Contribution("e-1", "SUMMIT", "CHN", List.of("RUS"), "2026-01-04", 1_767_484_800_000L, 3, 1,
        "Xi met Putin.", List.of("https://news.example/2")));
    assertThat(read.sources()).isEmpty();
    assertThat(read.modality()).isEqualTo("FACT");
  }

  @Test
  void shouldStillReadTheJsonThatEarlierBuildsWroteToTheTopic() {
    Contribution c = contribution("Pyongyang criticised Beijing.");
    byte[] json = new JsonSerde<>(Contribution.class).serializer().serialize(TOPIC, c);

    assertThat(serde.deserializer().deserialize(TOPIC, json)).isEqualTo(c);
    assertThat(serde.serializer().serialize(TOPIC, c).length).isLessThan(json.length);
  }

  @Test
  void shouldSayWhatIsWrongWithADamagedRecord() {
    byte[] bytes = serde.serializer().serialize(TOPIC, contribution("x"));

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 5)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("contribution: truncated or damaged");
    byte[] otherVersion = bytes.clone();
    otherVersion[0] = 9;
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, otherVersion))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown state version 9");
  }
}
