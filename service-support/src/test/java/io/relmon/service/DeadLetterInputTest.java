package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A dead letter's input stays under Kafka's record limit. */
class DeadLetterInputTest {

  @Test
  void shouldKeepAnInputUpToTheBoundWholeAndCutALargerOneSayingSo() {
    byte[] atTheBound = new byte[DeadLetterInput.MAX_BYTES];
    byte[] over = new byte[2 << 20];
    over[0] = 'x';

    DeadLetterInput whole = DeadLetterInput.of("bad", atTheBound);
    DeadLetterInput cut = DeadLetterInput.of("bad", over);

    assertThat(whole.bytes()).isSameAs(atTheBound);
    assertThat(whole.reason()).isEqualTo("bad");
    assertThat(cut.bytes()).hasSize(DeadLetterInput.MAX_BYTES).startsWith((byte) 'x');
    assertThat(cut.reason()).isEqualTo("bad (the input's first 262144 of 2097152 bytes are kept)");
    assertThat(DeadLetterInput.MAX_BYTES).as("well under the producer's 1 MB max.request.size").isLessThanOrEqualTo(512 << 10);
    assertThat(DeadLetterInput.of("refused", null).bytes()).isNull();
  }
}
