package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.alert.AlertFixtures;
import org.junit.jupiter.api.Test;

class AlertEmailTest {

  @Test
  void shouldSayWhatMovedInTheSubjectAndWhyInTheBody() {
    AlertEmail email = AlertEmail.render(AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1"));

    assertThat(email.subject()).isEqualTo("[relmon] China–North Korea warmth −38 (−30 in 30 days)");
    assertThat(email.text()).contains("2026-01-14", "Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1", "warmth below -20");
    assertThat(email.html()).contains("<a href=\"https://news.example/1\">");
  }

  @Test
  void shouldEscapeHostileArticleText() {
    AlertEmail email = AlertEmail.render(AlertFixtures.alert("<script>alert(1)</script>\r\nBcc: victim@example.org", "javascript:alert(1)"));

    assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;")
        .doesNotContain("href=\"javascript:");
    assertThat(email.text()).doesNotContain("\r\nBcc:");
    assertThat(email.subject()).doesNotContain("\n").doesNotContain("\r");
  }
}
