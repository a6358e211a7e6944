package io.relmon.service;

import java.util.Arrays;

/**
 * What of an input a dead letter carries ({@link DeadLetters} applies it to every dead letter). A dead letter is one Kafka record, and a producer
 * refuses records over {@code max.request.size} (1 MB by default): a dead letter holding a 2 MB
 * page or a 5 MB dropped file could never be written, and its input would be tried again forever.
 * So an input over {@link #MAX_BYTES} is cut to its first {@link #MAX_BYTES} (enough to see what
 * it was), and the reason says so.
 */
public record DeadLetterInput(String reason, byte[] bytes) {

  public static final int MAX_BYTES = 256 << 10;

  /** {@code input} whole when small enough (or null), else its beginning, with the reason amended. */
  public static DeadLetterInput of(String reason, byte[] input) {
    if (input == null || input.length <= MAX_BYTES) {
      return new DeadLetterInput(reason, input);
    }
    return new DeadLetterInput(reason + " (the input's first " + MAX_BYTES + " of " + input.length + " bytes are kept)",
        Arrays.copyOf(input, MAX_BYTES));
  }
}
