package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.alert.AlertFixtures;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.CitedEvent;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.Severity;
import io.relmon.schemas.avro.SourceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEmailTest {

  @Test
  void shouldSayWhatMovedInTheSubjectAndWhyInTheBody() {
    AlertEmail email = AlertEmail.render(AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1"));

    assertThat(email.subject()).isEqualTo("[relmon] WARNING: China–North Korea warmth −38 (−30 in 30 days)");
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

    assertThat(email.subject()).isEqualTo("[relmon] WARNING: China–North Korea: timed provocation by North Korea on 2026-01-04");
    assertThat(email.text()).contains("timed to the KOR state visit to CHN").contains("It rests on: e1, e2")
        .as("no heading over no drivers").doesNotContain("What drove it");
    assertThat(email.html()).contains("It rests on: e1, e2").doesNotContain("What drove it");
    assertThat(email.chartPng()).isNull();
  }

  @Test
  void shouldDateAnUndatedSignalByTheTimeItIsScoredAt() {
    var base = AlertFixtures.alert("x", "https://x.example");
    var signal = io.relmon.schemas.avro.Signal.newBuilder()
        .setSignalId("s2").setType(io.relmon.schemas.avro.SignalType.PIVOT).setActor("PRK")
        .setTargets(java.util.List.of("CHN")).setDate(null).setWeight(0).setExplanation("PRK turns from CHN to RUS")
        .setCitedEventIds(java.util.List.of()).setEventTime(java.time.Instant.parse("2026-01-20T10:00:00Z")).build();
    var alert = io.relmon.schemas.avro.Alert.newBuilder(base).setWarmth(null).setSignal(signal)
        .setRuleKind(io.relmon.schemas.avro.RuleKind.SIGNAL).setHistory(java.util.List.of()).build();

    assertThat(AlertEmail.render(alert).subject()).endsWith("pivot by North Korea on 2026-01-20").doesNotContain("null");
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

  @Test
  void shouldLinkToTheRelationshipsPageNearTheTopAndInTheFooter() {
    AlertEmail email = AlertEmail.render(AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1"),
        WebLinks.of("https://relmon.example.org/"));

    String page = "https://relmon.example.org/dyads/CHN-PRK";
    assertThat(email.text().lines().limit(3)).contains("See the relationship: " + page);
    assertThat(email.text().lines().filter(line -> line.equals("See the relationship: " + page))).hasSize(2);
    assertThat(email.html().split("<a href=\"" + page + "\">", -1)).as("two links to the page").hasSize(3);
    assertThat(AlertEmail.render(AlertFixtures.alert("x", "https://x.example")).text())
        .as("the default: the scoring service's port").contains("See the relationship: http://localhost:8082/dyads/CHN-PRK");
  }

  @Test
  void shouldPutTheSeverityInTheSubject() {
    Alert critical = Alert.newBuilder(AlertFixtures.alert("x", "https://x.example")).setSeverity(Severity.CRITICAL).build();

    assertThat(AlertEmail.render(critical).subject()).isEqualTo("[relmon] CRITICAL: China–North Korea warmth −38 (−30 in 30 days)");
  }

  @Test
  void shouldShowTheOutletAndHeadlineOfADriversArticlesHowManyReportedItAndThatItIsUndated() {
    Driver undated = Driver.newBuilder(AlertFixtures.alert("x", "x").getWarmth().getDrivers().get(0))
        .setDate(null).setCorroboration(5).setEvidence("Pyongyang said Beijing had betrayed it.")
        .setUrls(List.of("https://yna.example/1", "https://kcna.example/2"))
        .setSources(List.of(
            AlertFixtures.source("Yonhap", "North Korea accuses China of betrayal", "https://yna.example/1", "2026-01-15"),
            AlertFixtures.source("KCNA", "Statement of the Foreign Ministry", "https://kcna.example/2", "2026-01-16"),
            AlertFixtures.source("NK News", null, "https://nknews.example/3", "2026-01-16"),
            AlertFixtures.source("Reuters", "Pyongyang turns on Beijing", "https://reuters.example/4", "2026-01-17")))
        .build();
    Alert alert = withDrivers(AlertFixtures.alert("x", "x"), undated);

    AlertEmail email = AlertEmail.render(alert);

    assertThat(email.text()).contains("- undated (published 2026-01-15)  PRK STATEMENT_HOSTILE → CHN  (−2)  reported by 5 articles",
        "\"Pyongyang said Beijing had betrayed it.\"",
        "  Yonhap: \"North Korea accuses China of betrayal\" https://yna.example/1",
        "  KCNA: \"Statement of the Foreign Ministry\" https://kcna.example/2",
        "  NK News: https://nknews.example/3",
        "  +2 more").doesNotContain("Reuters").doesNotContain("2026-01-14");
    assertThat(email.html()).contains("undated (published 2026-01-15)", "reported by 5 articles",
        "Yonhap — <a href=\"https://yna.example/1\">North Korea accuses China of betrayal</a>",
        "NK News — <a href=\"https://nknews.example/3\">https://nknews.example/3</a>", "+2 more").doesNotContain("Reuters");
  }

  @Test
  void shouldNotSayReportedByForASingleArticle() {
    AlertEmail email = AlertEmail.render(AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1"));

    assertThat(email.text()).contains("- 2026-01-14  PRK STATEMENT_HOSTILE → CHN  (−2)\n").doesNotContain("reported by").doesNotContain("more");
  }

  @Test
  void shouldShowTheEvidenceOfTheEventsASignalRestsOn() {
    CitedEvent visit = CitedEvent.newBuilder().setEventId("e1").setType(EventType.STATE_VISIT).setActor("KOR").setTargets(List.of("CHN"))
        .setDate("2026-01-04").setModality(Modality.FACT).setCorroboration(2)
        .setEvidence("President Lee arrived in Beijing on Sunday for a state visit.")
        .setSources(List.of(AlertFixtures.source("Yonhap", "Lee arrives in Beijing", "https://yna.example/visit", "2026-01-04"),
            AlertFixtures.source("Xinhua", "Xi welcomes Lee", "https://xinhua.example/visit", "2026-01-04")))
        .build();
    CitedEvent launch = CitedEvent.newBuilder().setEventId("e2").setType(EventType.MISSILE_TEST).setActor("PRK").setTargets(List.of())
        .setDate(null).setModality(Modality.HEDGED).setEvidence("North Korea reportedly fired a ballistic missile.")
        .setSources(List.of(AlertFixtures.source("NHK", "Missile launch suspected", "https://nhk.example/launch", "2026-01-05")))
        .build();

    AlertEmail email = AlertEmail.render(AlertFixtures.signalAlert(List.of(visit, launch)));

    assertThat(email.text()).contains("What it rests on:",
        "- 2026-01-04  KOR STATE_VISIT → CHN  reported by 2 articles",
        "\"President Lee arrived in Beijing on Sunday for a state visit.\"",
        "  Yonhap: \"Lee arrives in Beijing\" https://yna.example/visit",
        "  Xinhua: \"Xi welcomes Lee\" https://xinhua.example/visit",
        "- undated (published 2026-01-05)  PRK MISSILE_TEST  [hedged]",
        "\"North Korea reportedly fired a ballistic missile.\"",
        "  NHK: \"Missile launch suspected\" https://nhk.example/launch")
        .as("the evidence replaces the bare ids").doesNotContain("It rests on: e1, e2")
        .as("a signal alert has no drivers").doesNotContain("What drove it");
    assertThat(email.html()).contains("<h3>What it rests on</h3>", "<q>President Lee arrived in Beijing on Sunday for a state visit.</q>",
        "Xinhua — <a href=\"https://xinhua.example/visit\">Xi welcomes Lee</a>", "PRK MISSILE_TEST <i>(hedged)</i>",
        "undated (published 2026-01-05)").doesNotContain("What drove it");
  }

  @Test
  void shouldEscapeHostileOutletsHeadlinesAndEvidenceOfCitedEventsAndDrivers() {
    SourceRef hostile = AlertFixtures.source("<b onmouseover=alert(1)>Outlet</b>\r\nBcc: x@example.org",
        "<script>steal()</script>\nTitle", "javascript:alert(document.cookie)", "2026-01-04");
    CitedEvent cited = CitedEvent.newBuilder().setEventId("e1").setType(EventType.THREAT).setActor("PRK").setTargets(List.of("KOR"))
        .setModality(Modality.FACT).setEvidence("<img src=x onerror=alert(2)>\u2028Bcc: y@example.org").setSources(List.of(hostile))
        .build();
    Driver driver = Driver.newBuilder(AlertFixtures.alert("x", "x").getWarmth().getDrivers().get(0))
        .setEvidence("<iframe src=\"https://evil.example\"></iframe>").setUrls(List.of("javascript:alert(3)"))
        .setSources(List.of(hostile)).build();

    for (AlertEmail email : List.of(AlertEmail.render(AlertFixtures.signalAlert(List.of(cited))),
        AlertEmail.render(withDrivers(AlertFixtures.alert("x", "x"), driver)))) {
      assertThat(email.html()).doesNotContain("<b onmouseover", "<script>", "<img src=x", "<iframe")
          .doesNotContainIgnoringCase("href=\"javascript:").doesNotContain("href=\"javascript")
          .contains("&lt;script&gt;steal()&lt;/script&gt;");
      assertThat(email.text()).doesNotContain("\r\nBcc:", "\nBcc:", "\u2028", "\nTitle");
      assertThat(email.subject()).doesNotContain("\n").doesNotContain("\r");
    }
  }

  @Test
  void shouldLinkEachAlertOfADigestToItsRelationship() {
    Alert chinaNorthKorea = AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1");
    Alert koreas = Alert.newBuilder(chinaNorthKorea).setAlertId("a2").setDyad("KOR-PRK").build();

    AlertEmail digest = AlertEmail.digest("korea-desk", java.time.LocalDate.of(2026, 11, 28), List.of(chinaNorthKorea, koreas),
        WebLinks.of("https://relmon.example.org"));

    assertThat(digest.text()).contains("See the relationship: https://relmon.example.org/dyads/CHN-PRK",
        "See the relationship: https://relmon.example.org/dyads/KOR-PRK", "WARNING: China–North Korea warmth −38");
    assertThat(digest.html()).contains("<a href=\"https://relmon.example.org/dyads/CHN-PRK\">",
        "<a href=\"https://relmon.example.org/dyads/KOR-PRK\">");
  }

  private static Alert withDrivers(Alert alert, Driver... drivers) {
    return Alert.newBuilder(alert)
        .setWarmth(io.relmon.schemas.avro.WarmthUpdate.newBuilder(alert.getWarmth()).setDrivers(List.of(drivers)).build()).build();
  }
}
