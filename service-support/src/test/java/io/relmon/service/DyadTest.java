package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DyadTest {

  @Test
  void shouldBuildTheSameKeyFromEitherOrder() {
    assertThat(Dyad.key("PRK", "CHN")).isEqualTo("CHN-PRK");
    assertThat(Dyad.of("CHN", "PRK")).isEqualTo(Dyad.of("PRK", "CHN"));
    assertThat(Dyad.of("PRK", "CHN").has("PRK")).isTrue();
    assertThat(Dyad.of("PRK", "CHN").has("KOR")).isFalse();
  }

  @Test
  void shouldParseOnlyCanonicalKeys() {
    assertThat(Dyad.parse("CHN-PRK")).contains(new Dyad("CHN", "PRK"));
    assertThat(Dyad.parse("PRK-CHN")).isEmpty();
    assertThat(Dyad.parse("chn-prk")).isEmpty();
    assertThat(Dyad.parse("CHN-CHN")).isEmpty();
    assertThat(Dyad.parse("CHN_PRK")).isEmpty();
    assertThat(Dyad.parse("CHN-PRKX")).isEmpty();
    assertThat(Dyad.parse("ÄHN-PRK")).isEmpty();
    assertThat(Dyad.parse(null)).isEmpty();
  }

  @Test
  void shouldRefuseStatesOutOfOrder() {
    assertThatThrownBy(() -> new Dyad("PRK", "CHN")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTellACountryCodeByItsShape() {
    assertThat(Dyad.isCountryCode("XKX")).isTrue();
    assertThat(Dyad.isCountryCode("prk")).isFalse();
    assertThat(Dyad.isCountryCode("PRKA")).isFalse();
  }
}
