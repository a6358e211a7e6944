package io.relmon.alert;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.RuleKind;
import io.relmon.schemas.avro.Severity;
import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Instant;
import java.util.List;

/** Alerts for tests. */
public final class AlertFixtures {
  static {
    io.relmon.schemas.AvroTrust.install();
  }

  private AlertFixtures() {}

  /** A CHN-PRK alert whose one driver has the given evidence and link. */
  public static Alert alert(String evidence, String url) {
    Driver driver = Driver.newBuilder()
        .setEventId("e1").setType("STATEMENT_HOSTILE").setActor("PRK").setTargets(List.of("CHN"))
        .setDate("2026-01-14").setEventTime(Instant.parse("2026-01-14T00:00:00Z")).setWeight(-2.4)
        .setContribution(-2.3).setCorroboration(1).setEvidence(evidence).setUrls(List.of(url)).build();
    WarmthUpdate warmth = WarmthUpdate.newBuilder()
        .setDyad("CHN-PRK").setValue(-38.2).setRaw(-10).setChange7d(-5).setChange30d(-30.4).setEventCount(7)
        .setAsOf(Instant.parse("2026-01-20T00:00:00Z")).setHalfLifeDays(30).setScale(25).setDrivers(List.of(driver)).build();
    return Alert.newBuilder()
        .setAlertId("a1").setRule("cooling").setRuleKind(RuleKind.WARMTH_BELOW).setRuleDescription("warmth below -20 (re-arms above -10)")
        .setDyad("CHN-PRK").setSeverity(Severity.WARNING).setFiredAt(warmth.getAsOf()).setValue(-38.2).setThreshold(-20)
        .setChannels(List.of("desk")).setWarmth(warmth)
        .setHistory(List.of(
            io.relmon.schemas.avro.WarmthPoint.newBuilder().setAsOf(Instant.parse("2025-12-01T00:00:00Z")).setValue(5).build(),
            io.relmon.schemas.avro.WarmthPoint.newBuilder().setAsOf(Instant.parse("2026-01-10T00:00:00Z")).setValue(-20).build(),
            io.relmon.schemas.avro.WarmthPoint.newBuilder().setAsOf(Instant.parse("2026-01-20T00:00:00Z")).setValue(-38.2).build()))
        .build();
  }

  /** An article that reported an event, published on {@code day} (YYYY-MM-DD). */
  public static io.relmon.schemas.avro.SourceRef source(String outlet, String title, String url, String day) {
    return io.relmon.schemas.avro.SourceRef.newBuilder().setArticleId("art-" + Math.abs((outlet + title + url).hashCode()))
        .setSource(outlet).setTitle(title).setUrl(url).setPublished(Instant.parse(day + "T06:00:00Z")).build();
  }

  /** A CHN-PRK alert of a signal rule: a PRK timed provocation resting on {@code citedEvents}. */
  public static Alert signalAlert(List<io.relmon.schemas.avro.CitedEvent> citedEvents) {
    var signal = io.relmon.schemas.avro.Signal.newBuilder()
        .setSignalId("s1").setType(io.relmon.schemas.avro.SignalType.TIMED_PROVOCATION).setActor("PRK")
        .setTargets(List.of("CHN", "KOR")).setDate("2026-01-04").setWeight(-4)
        .setExplanation("PRK missile test on 2026-01-04, timed to the KOR state visit to CHN on 2026-01-04")
        .setCitedEventIds(citedEvents.isEmpty() ? List.of("e1", "e2") : citedEvents.stream().map(e -> e.getEventId()).toList())
        .setCitedEvents(citedEvents).setEventTime(Instant.parse("2026-01-04T00:00:00Z")).build();
    return Alert.newBuilder(alert("x", "https://x.example")).setWarmth(null).setSignal(signal)
        .setRuleKind(RuleKind.SIGNAL).setHistory(List.of()).build();
  }
}
