package io.relmon.alert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.schemas.avro.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RulesFileTest {

  @Test
  void shouldReadAValidFile() {
    RuleSet set = RulesFile.parse("""
        channels:
          korea-desk:
            email:
              to: [desk@example.org]
        rules:
          - name: cooling
            kind: warmth_below
            dyads: [CHN-PRK]
            threshold: -10
            rearm: -5
            severity: warning
            channels: [korea-desk]
            cooldown: P1D
          - name: anything-cold
            kind: warmth_below
            dyads: all
            threshold: -60
            rearm: -40
            severity: CRITICAL
            channels: [korea-desk]
        """, "rules.yaml");

    assertThat(set.rules()).hasSize(2);
    Rule.WarmthBelow first = (Rule.WarmthBelow) set.rules().get(0);
    assertThat(first.threshold()).isEqualTo(-10);
    assertThat(first.severity()).isEqualTo(Severity.WARNING);
    assertThat(first.cooldown()).isEqualTo(Duration.ofDays(1));
    assertThat(first.watches("CHN-PRK")).isTrue();
    assertThat(first.watches("KOR-PRK")).isFalse();
    assertThat(set.rules().get(1).watches("KOR-PRK")).isTrue();
    assertThat(set.channels()).containsKey("korea-desk");
  }

  @Test
  void shouldReportEveryProblemWithItsLineNumber() {
    assertThatThrownBy(() -> RulesFile.parse("""
        channels:
          desk:
            email:
              to: [not-an-address]
        rules:
          - name: a
            kind: warmth_below
            dyads: [PRK-CHN]
            threshold: -10
            rearm: -20
            severity: LOUD
            channels: [nowhere]
            colour: red
          - name: b
            kind: drop
            dyads: all
            delta: -5
            window: P365D
            threshold: 3
            severity: INFO
            channels: [desk]
          - name: c
            kind: signal
            dyads: all
            signal: SURPRISE
            min_weight: -1
            severity: INFO
            channels: [desk]
          - name: d
            kind: sulk
            dyads: all
            severity: INFO
            channels: [desk]
        """, "rules.yaml"))
        .isInstanceOfSatisfying(RulesException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "rules.yaml:4: channels.desk.email.to: 'not-an-address' is not an e-mail address",
            "rules.yaml:13: rules[0].colour: unknown key (expected one of [channels, cooldown, delta, dyads, kind, min_weight, name, rearm, severity, signal, threshold, window])",
            "rules.yaml:8: rules[0].dyads: 'PRK-CHN' must be two ISO3 codes in alphabetical order, e.g. CHN-PRK",
            "rules.yaml:10: rules[0].rearm: -20.0 must be above the threshold (-10.0)",
            "rules.yaml:11: rules[0].severity: 'LOUD' must be INFO, WARNING or CRITICAL",
            "rules.yaml:12: rules[0].channels: channel 'nowhere' is not defined under 'channels'",
            "rules.yaml:19: rules[1].threshold: does not apply to a drop rule",
            "rules.yaml:17: rules[1].delta: must be within 0..200 (points of warmth), above 0",
            "rules.yaml:18: rules[1].window: must be between one day and 90 days (the warmth history kept)",
            "rules.yaml:25: rules[2].signal: 'SURPRISE' must be TIMED_PROVOCATION, PROMINENCE_SHIFT or PIVOT",
            "rules.yaml:26: rules[2].min_weight: compares with |weight|: it must not be negative",
            "rules.yaml:30: rules[3].kind: 'sulk' is not one of warmth_below, drop, signal"));
  }

  @Test
  void shouldReportBrokenYamlWithItsLine() {
    assertThatThrownBy(() -> RulesFile.parse("rules:\n  - name: [unclosed\n", "r.yaml"))
        .isInstanceOf(RulesException.class)
        .hasMessageContaining("r.yaml:3: not valid YAML");
  }

  @Test
  void shouldReadADailyDigestOfAChannelWithItsZone() {
    RuleSet set = RulesFile.parse("""
        channels:
          morning-brief:
            email:
              to: [brief@example.org]
            digest:
              daily_at: "07:30"
              zone: Asia/Seoul
          ops:
            webhook:
              url: https://hooks.example/relmon
              secret_env: OPS_SECRET
            digest:
              daily_at: 6:00
          desk:
            email:
              to: [desk@example.org]
        rules:
          - name: cooling
            kind: warmth_below
            dyads: all
            threshold: -10
            rearm: -5
            severity: WARNING
            channels: [morning-brief, ops, desk]
        """, "rules.yaml");

    assertThat(set.channels().get("morning-brief").digest())
        .contains(new DailyDigest(java.time.LocalTime.of(7, 30), java.time.ZoneId.of("Asia/Seoul")));
    assertThat(set.channels().get("ops").digest())
        .contains(new DailyDigest(java.time.LocalTime.of(6, 0), java.time.ZoneOffset.UTC));
    assertThat(set.channels().get("desk").digest()).isEmpty();
  }

  @Test
  void shouldReportEveryProblemOfADigestWithItsLine() {
    assertThatThrownBy(() -> RulesFile.parse("""
        channels:
          a:
            email:
              to: [a@example.org]
            digest:
              daily_at: "25:00"
              zone: Mars/Olympus
          b:
            email:
              to: [b@example.org]
            digest: daily
          c:
            email:
              to: [c@example.org]
            digest:
              at: "07:00"
        rules: []
        """, "rules.yaml"))
        .isInstanceOf(RulesException.class)
        .satisfies(e -> assertThat(((RulesException) e).problems()).containsExactly(
            "rules.yaml:6: channels.a.digest.daily_at: '25:00' is not a time of day such as 07:30",
            "rules.yaml:7: channels.a.digest.zone: 'Mars/Olympus' is not a time zone such as Asia/Seoul or UTC",
            "rules.yaml:11: channels.b.digest: must be a mapping with 'daily_at' (HH:MM) and optionally 'zone'",
            "rules.yaml:16: channels.c.digest.at: unknown key (expected one of [daily_at, zone])",
            "rules.yaml:16: channels.c.digest.daily_at: required"));
  }

  @Test
  void shouldPlaceDigestTimesInTheChannelsZone() {
    DailyDigest seoul = new DailyDigest(java.time.LocalTime.of(7, 30), java.time.ZoneId.of("Asia/Seoul"));
    java.time.Instant before = java.time.Instant.parse("2026-11-27T22:29:59Z"); // 07:29:59 in Seoul
    java.time.Instant at = java.time.Instant.parse("2026-11-27T22:30:00Z");

    assertThat(seoul.latestAtOrBefore(before)).isEqualTo(java.time.Instant.parse("2026-11-26T22:30:00Z"));
    assertThat(seoul.latestAtOrBefore(at)).isEqualTo(at);
    assertThat(seoul.nextAfter(before)).isEqualTo(at);
    assertThat(seoul.nextAfter(at)).isEqualTo(java.time.Instant.parse("2026-11-28T22:30:00Z"));
  }

  @Test
  void shouldReportAKeyGivenTwiceAChannelListThatIsNoListAndAnUnreadableFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    assertThatThrownBy(() -> RulesFile.parse("""
        channels:
          desk:
            email:
              to: desk@example.org
        rules:
          - name: a
            name: b
            kind: warmth_below
            dyads: all
            threshold: -10
            rearm: -5
            severity: INFO
            channels: [desk]
        """, "rules.yaml"))
        .isInstanceOfSatisfying(RulesException.class, e -> assertThat(e.problems()).containsExactly(
            "rules.yaml:4: channels.desk.email.to: must be a list of addresses",
            "rules.yaml:4: channels.desk.email.to: needs at least one address",
            "rules.yaml:7: rules[0].name: appears twice"));
    java.nio.file.Path absent = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> RulesFile.read(absent))
        .isInstanceOf(RulesException.class)
        .hasMessageContaining(absent + ": cannot read");
  }
}
