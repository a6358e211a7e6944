package io.relmon.scoring.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceRef;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class IdentityStateCodecTest {

  private static DedupedEvent everyFieldSet() {
    CodedEvent coded = new CodedEvent(EventType.MISSILE_TEST, "PRK", List.of("JPN", "KOR"), "2026-11-30", Modality.PLANNED,
        -7.5, 0.83, "ASSAULT", "coerce", "138", "Pyongyang fired a ballistic missile — état-major says — into the sea.", 4, 61);
    SourceRef first = new SourceRef("a1", "https://news.example/a1", "Example Wire", Instant.ofEpochMilli(1_764_460_800_123L),
        "Missile fired");
    SourceRef second = new SourceRef("a2", "https://daily.example/a2", "Example Daily", Instant.ofEpochMilli(1_764_464_400_000L),
        "Second report");
    return new DedupedEvent("id-1", "MISSILE_TEST|PRK|JPN,KOR|2026-11-30", coded, Instant.ofEpochMilli(1_764_460_800_000L),
        first, 3, List.of(first, second), Instant.ofEpochMilli(1_764_464_400_456L));
  }

  @Test
  void shouldReadBackEveryField() {
    DedupedEvent event = everyFieldSet();

    assertThat(IdentityStateCodec.decode(IdentityStateCodec.encode(event))).isEqualTo(event);
  }

  @Test
  void shouldReadBackAbsentOptionalFields() {
    DedupedEvent event = everyFieldSet();
    event.getEvent().setDate(null);
    event.getEvent().setPloverMode(null);
    event.getFirstSeen().setUrl(null);
    event.getFirstSeen().setTitle(null);
    event.setSources(List.of());
    event.getEvent().setTargets(List.of());

    assertThat(IdentityStateCodec.decode(IdentityStateCodec.encode(event))).isEqualTo(event);
  }

  @Test
  void shouldReadTheAvroFormTheStoreHeldBefore() {
    DedupedEvent event = everyFieldSet();
    byte[] before = AvroSerde.of(DedupedEvent.class).encode(event);

    assertThat(IdentityStateCodec.decode(before)).isEqualTo(event);
    assertThat(IdentityStateCodec.encode(event)[0]).isNotEqualTo(before[0]);
  }

  @Test
  void shouldTakeARegistryFramedValueForTheAvroForm() {
    // Where a schema registry was configured, the Avro store values were framed 00 + id + datum:
    // they go to Avro's decoder (here, without a registry, it says what it would need).
    byte[] framed = {0, 0, 0, 0, 7, 2, 'x'};

    assertThatThrownBy(() -> IdentityStateCodec.decode(framed)).hasMessageContaining("registry-framed");
  }

  @Test
  void shouldNameTheStoreForBytesOfNoFormItKnows() {
    assertThatThrownBy(() -> IdentityStateCodec.decode(new byte[] {9, 9, 9}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("event-identity-store");
  }

  @Test
  void shouldRefuseADamagedStateWithTheStoresName() {
    byte[] data = IdentityStateCodec.encode(everyFieldSet());

    for (int cut = 1; cut < data.length; cut += 7) {
      int length = cut;
      assertThatThrownBy(() -> IdentityStateCodec.decode(Arrays.copyOf(data, length)))
          .as("cut at %d of %d bytes", cut, data.length)
          .hasMessageContaining("event-identity-store");
    }
    assertThatThrownBy(() -> IdentityStateCodec.decode(Arrays.copyOf(data, data.length + 3)))
        .hasMessageContaining("event-identity-store").hasMessageContaining("past its end");
  }

  @Test
  void shouldNameAnEventTypeThisBuildLacks() {
    byte[] data = IdentityStateCodec.encode(everyFieldSet());
    String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1).replace("MISSILE_TEST", "MISSILE_XXXX");

    assertThatThrownBy(() -> IdentityStateCodec.decode(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("event-identity-store").hasMessageContaining("MISSILE_XXXX");
  }

  /** Fails when a schema gains, loses or reorders a field: the codec must then follow it. */
  @Test
  void shouldKnowEveryFieldOfTheSchemasItWrites() {
    assertThat(names(DedupedEvent.getClassSchema())).containsExactly(
        "eventId", "identity", "event", "eventTime", "firstSeen", "corroboration", "sources", "updatedAt");
    assertThat(names(CodedEvent.getClassSchema())).containsExactly("type", "actor", "targets", "date", "modality", "weight",
        "confidence", "plover", "ploverMode", "cameo", "evidence", "evidenceStart", "evidenceEnd");
    assertThat(names(SourceRef.getClassSchema())).containsExactly("articleId", "url", "source", "published", "title");
  }

  private static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }
}
