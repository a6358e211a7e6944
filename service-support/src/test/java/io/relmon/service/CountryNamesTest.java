package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountryNamesTest {

  @Test
  void namesEveryIsoCountryAndPrefersTheNamesNewsUses() {
    assertThat(CountryNames.of("PRK")).isEqualTo("North Korea");
    assertThat(CountryNames.of("XKX")).isEqualTo("Kosovo");
    assertThat(CountryNames.of("GUY")).isEqualTo("Guyana");
    assertThat(CountryNames.of("ETH")).isEqualTo("Ethiopia");
    assertThat(CountryNames.dyad("CHN-PRK")).isEqualTo("China–North Korea");
  }

  @Test
  void anUnknownCodeStaysACode() {
    assertThat(CountryNames.of("QQQ")).isEqualTo("QQQ");
    assertThat(CountryNames.known("QQQ")).isFalse();
    assertThat(CountryNames.known("FRA")).isTrue();
  }
}
