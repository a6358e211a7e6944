package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every dead letter, whatever writes it, stays under Kafka's record limit. */
class DeadLettersTest {

  @Test
  void shouldCutARecordsOversizedKeyAndValueSayingSo() {
    byte[] value = new byte[1 << 20];
    byte[] key = "k".repeat(600_000).getBytes(StandardCharsets.UTF_8);

    var letter = DeadLetters.fromRecord(Topics.defaults().scoringDlq(), "scoring", "cannot decode record", null,
        "relmon.articles.v1", 0, 7, key, value);

    assertThat(letter.value().getOriginalValue().remaining()).isEqualTo(DeadLetterInput.MAX_BYTES);
    assertThat(letter.value().getOriginalKey().remaining()).isEqualTo(DeadLetterInput.MAX_BYTES);
    assertThat(letter.value().getReason()).isEqualTo("cannot decode record (the input's first 262144 of 1048576 bytes are kept)");
    byte[] encoded = Topics.defaults().scoringDlq().valueSerde().serializer().serialize("t", letter.value());
    assertThat(encoded.length).as("well under the producer's 1 MB").isLessThan(600_000);
  }

  @Test
  void shouldCutAnOversizedInputThatWasNeverARecord() {
    var letter = DeadLetters.fromInput(Topics.defaults().ingestDlq(), "ingest", "file too large", "drop/a.txt", new byte[5 << 20]);

    assertThat(letter.value().getOriginalValue().remaining()).isEqualTo(DeadLetterInput.MAX_BYTES);
    assertThat(letter.value().getReason()).startsWith("file too large (the input's first 262144 of");
  }
}
