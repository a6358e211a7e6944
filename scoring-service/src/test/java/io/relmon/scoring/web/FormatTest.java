package io.relmon.scoring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.scoring.history.HistoryView.Event;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void shouldSignValuesWithARealMinusAndNeverSignZero() {
    assertThat(Format.signed(12.34, 1)).isEqualTo("+12.3");
    assertThat(Format.signed(-4, 1)).isEqualTo("−4.0");
    assertThat(Format.signed(-0.04, 1)).isEqualTo("0.0");
    assertThat(Format.signed(0, 0)).isEqualTo("0");
    assertThat(Format.signed(Double.NaN, 1)).isEqualTo("n/a");
  }

  @Test
  void shouldFormatNumbersTheSameWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertThat(Format.signed(1.5, 1)).isEqualTo("+1.5");
      assertThat(Format.plain(-2.25)).isEqualTo("-2.250");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void shouldSayAnEventWithoutADateIsUndatedAndWhenItWasPublished() {
    Event dated = WebFixtures.event("e1", "2026-01-05", 3);
    Event undated = new Event("e2", "SUMMIT", "CHN", List.of("PRK"), null, Instant.parse("2026-01-07T15:00:00Z"), "FACT", 3, 2, 1, "x",
        List.of());

    assertThat(Format.eventDate(dated)).isEqualTo("2026-01-05");
    assertThat(Format.eventDate(undated)).isEqualTo("undated (published 2026-01-07)");
  }
}
