package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebLinksTest {

  @Test
  void shouldMakeTheDyadKeyOnePathSegmentWhateverItHolds() {
    WebLinks links = WebLinks.of("https://relmon.example.org");

    assertThat(links.dyadPage("CHN-PRK")).isEqualTo("https://relmon.example.org/dyads/CHN-PRK");
    assertThat(links.dyadPage("A/B?c=<d>\"é")).isEqualTo("https://relmon.example.org/dyads/A%2FB%3Fc%3D%3Cd%3E%22%C3%A9");
  }
}
