package io.relmon.coder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  void shouldNotSplitAtAbbreviationsAndAlwaysSplitAtLineBreaks() {
    assertThat(Sentences.split("On Jan. 4, Mr. Lee left. He flew to the U.S. on Sunday.\nA new line"))
        .extracting(Sentences.Sentence::text)
        .containsExactly("On Jan. 4, Mr. Lee left.", "He flew to the U.S. on Sunday.", "A new line");
  }

  @Test
  void shouldKeepClosingQuotesWithTheirSentence() {
    assertThat(Sentences.split("\"We will respond.\" The ministry said so."))
        .extracting(Sentences.Sentence::text)
        .containsExactly("\"We will respond.\"", "The ministry said so.");
  }
}
