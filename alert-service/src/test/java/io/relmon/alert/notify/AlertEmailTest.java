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

  @Test
  void shouldNameTheSignalInASignalAlert() {
    var base = AlertFixtures.alert("x", "https://x.example");
    var signal = io.relmon.schemas.avro.Signal.newBuilder()
        .setSignalId("s1").setType(io.relmon.schemas.avro.SignalType.TIMED_PROVOCATION).setActor("PRK")
        .setTargets(java.util.List.of("CHN", "KOR")).setDate("2026-01-04").setWeight(-4)
        .setExplanation("PRK missile test on 2026-01-04, timed to the KOR state visit to CHN on 2026-01-04")
        .setCitedEventIds(java.util.List.of("e1", "e2")).setEventTime(java.time.Instant.parse("2026-01-04T00:00:00Z")).build();
    var alert = io.relmon.schemas.avro.Alert.newBuilder(base).setWarmth(null).setSignal(signal)
        .setRuleKind(io.relmon.schemas.avro.RuleKind.SIGNAL).setHistory(java.util.List.of()).build();

    AlertEmail email = AlertEmail.render(alert);

    assertThat(email.subject()).isEqualTo("[relmon] China–North Korea: timed provocation by North Korea on 2026-01-04");
    assertThat(email.text()).contains("timed to the KOR state visit to CHN").contains("e1, e2");
    assertThat(email.chartPng()).isNull();
  }

  @Test
  void shouldListEveryAlertOfADigestWithItsEvidenceAndEscapeIt() {
    var calm = AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1");
    var hostile = io.relmon.schemas.avro.Alert.newBuilder(AlertFixtures.alert("<img src=x onerror=alert(1)>\r\nBcc: x@example.org", "javascript:alert(1)"))
        .setAlertId("a2").build();

    AlertEmail digest = AlertEmail.digest("korea-desk", java.time.LocalDate.of(2026, 11, 28), java.util.List.of(calm, hostile));

    assertThat(digest.subject()).isEqualTo("[relmon] Daily digest 2026-11-28: 2 alerts for korea-desk");
    assertThat(digest.text()).contains("China–North Korea warmth −38 (−30 in 30 days)", "Pyongyang criticised Beijing on Jan. 14.",
        "https://news.example/1", "Alert a2").doesNotContain("\r\nBcc:");
    assertThat(digest.html()).contains("&lt;img src=x").doesNotContain("<img src=x").doesNotContain("href=\"javascript:")
        .contains("<a href=\"https://news.example/1\">");
    assertThat(digest.chartPng()).isNull();
  }
}
