package io.relmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<Signal> serde = AvroSerde.of(Signal.class);

  private static Signal signal() {
    return Signal.newBuilder()
        .setSignalId("sig-1")
        .setType(SignalType.TIMED_PROVOCATION)
        .setActor("PRK")
        .setTargets(List.of("CHN", "KOR"))
        .setDate("2026-01-04")
        .setWeight(-4)
        .setExplanation("PRK missile test on the day of the KOR state visit to CHN")
        .setCitedEventIds(List.of("e1", "e2"))
        .setEventTime(Instant.parse("2026-01-04T00:00:00Z"))
        .build();
  }

  @Test
  void shouldRoundTripWithSingleObjectHeader() {
    byte[] bytes = serde.serializer().serialize("t", signal());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(signal());
  }

  @Test
  void shouldKeepEachEncodingItsOwnWhenTheThreadEncodesAgain() {
    // Avro's buffer is per thread and reused: an encoding handed out must not be a view of it.
    Signal longer = Signal.newBuilder(signal()).setSignalId("sig-2").setExplanation("x".repeat(5_000)).build();
    byte[] first = serde.encode(signal());
    byte[] copy = first.clone();
    byte[] second = serde.encode(longer);

    assertThat(first).isEqualTo(copy);
    assertThat(serde.decode(first)).isEqualTo(signal());
    assertThat(serde.decode(second)).isEqualTo(longer);
  }

  @Test
  void shouldPassNullThroughForTombstones() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldRejectBytesWithoutHeaderWithAReason() {
    assertThatThrownBy(() -> serde.decode("{\"json\": true}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bad header");
  }

  @Test
  void shouldRejectAnotherRecordTypeAsUnknownWriterSchema() {
    CodedEvent event = CodedEvent.newBuilder()
        .setType(EventType.MISSILE_TEST).setActor("PRK").setTargets(List.of())
        .setModality(Modality.FACT).setWeight(-7).setConfidence(0.9).setPlover("MOBILIZE")
        .setCameo("15x").setEvidence("x").setEvidenceStart(0).setEvidenceEnd(1).build();
    byte[] bytes = AvroSerde.of(CodedEvent.class).encode(event);

    assertThatThrownBy(() -> serde.decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown writer schema");
  }

  @Test
  void shouldRejectTruncatedDatum() {
    byte[] bytes = serde.encode(signal());
    byte[] truncated = Arrays.copyOf(bytes, 14);

    assertThatThrownBy(() -> serde.decode(truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("corrupt");
  }
}
