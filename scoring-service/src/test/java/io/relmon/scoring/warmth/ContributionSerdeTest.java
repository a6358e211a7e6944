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

  private static final String TOPIC = "relmon-scoring-contributions-by-dyad-repartition";
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
        .isInstanceOf(SerializationException.class).hasMessageContaining("contributions-by-dyad: truncated or damaged");
    byte[] otherVersion = bytes.clone();
    otherVersion[0] = 9;
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, otherVersion))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown state version 9");
  }
}
