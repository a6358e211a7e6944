package io.relmon.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No text can hold the coder: pathological spacing, a megabyte of one character, random Unicode
 * either code within the time budget or are refused with a reason. The generous timeouts only
 * catch a super-linear blow-up (the old dateline expression took 7 s for 800 spaces and grew
 * cubically); they are no measure of speed, which CoderBenchmark measures.
 */
class ClauseCoderBoundsTest {

  private static final ClauseCoder CODER = new ClauseCoder();
  private static final OffsetDateTime PUBLISHED = OffsetDateTime.parse("2026-01-25T09:00:00+09:00");

  private static Coding code(String body) {
    return CODER.code(new ArticleText("t", body, PUBLISHED));
  }

  @Test
  void shouldReadTheDatelineOfARunOfSpacesInLinearTime() {
    String body = "A" + " ".repeat(200_000) + "x.";
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThat(Dateline.end(body)).isZero());
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> code("A" + " ".repeat(800) + "x."));
  }

  @Test
  void shouldStillFindARealDateline() {
    assertThat(Dateline.end("SEOUL, Jan. 18 (Yonhap) -- North Korea fired")).isEqualTo("SEOUL, Jan. 18 (Yonhap) -- ".length());
    assertThat(Dateline.end("WASHINGTON (Reuters) - The United States")).isEqualTo("WASHINGTON (Reuters) - ".length());
    assertThat(Dateline.end("SEOUL/BEIJING — North Korea")).isEqualTo("SEOUL/BEIJING — ".length());
    assertThat(Dateline.end("North Korea fired a missile.")).isZero();
  }

  @Test
  void shouldCodeOrRefuseAMegabyteOfOneCharacter() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try {
        assertThat(code("a".repeat(1 << 20)).events()).isEmpty();
      } catch (CodingRefused refused) {
        assertThat(refused.getMessage()).contains("budget");
      }
    });
  }

  @Test
  void shouldCodeOrRefuseAMegabyteOfNewsLikeSentences() {
    String sentence = "On Jan. 4, Pyongyang fired a ballistic missile, and Seoul condemned the launch. ";
    String body = sentence.repeat((1 << 20) / sentence.length());
    assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
      try {
        assertThat(code(body).events()).isNotEmpty();
      } catch (CodingRefused refused) {
        assertThat(refused.getMessage()).contains("budget");
      }
    });
  }

  @Test
  void shouldRefuseWhenTheBudgetIsSpent() {
    ClauseCoder stingy = new ClauseCoder(1, 0);
    String body = "North Korea criticised South Korea. ".repeat(50);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stingy.code(new ArticleText("t", body, PUBLISHED)))
        .isInstanceOf(CodingRefused.class).hasMessageContaining("budget");
  }

  @Test
  void shouldSurviveRandomUnicode() {
    Random random = new Random(42);
    for (int round = 0; round < 30; round++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(3000);
      for (int i = 0; i < length; i++) {
        int cp = random.nextInt(10) < 7 ? 32 + random.nextInt(95) : random.nextInt(0x2FFFF);
        if (Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)) {
          text.appendCodePoint(cp);
        }
        if (random.nextInt(40) == 0) {
          text.append(random.nextBoolean() ? ". " : "\n");
        }
      }
      String body = text.toString();
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        try {
          code(body);
        } catch (CodingRefused refused) {
          assertThat(refused.getMessage()).contains("budget");
        }
      });
    }
  }

  @Test
  void shouldSurvivePathologicalSpacingAndPunctuation() {
    String[] bodies = {
      " ".repeat(100_000),
      "\n".repeat(100_000),
      ".".repeat(100_000),
      "A. ".repeat(30_000),
      "SEOUL" + " -".repeat(50_000),
      "\"" + "“".repeat(20_000) + "North Korea said",
      "(" .repeat(20_000) + "China" + ")".repeat(20_000),
    };
    for (String body : bodies) {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        try {
          code(body);
        } catch (CodingRefused refused) {
          assertThat(refused.getMessage()).contains("budget");
        }
      });
    }
  }
}
