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
            "rules.yaml:4: channel 'desk': 'not-an-address' is not an e-mail address",
            "rules.yaml:13: unknown key 'colour' (expected one of [channels, cooldown, delta, dyads, kind, min_weight, name, rearm, severity, signal, threshold, window])",
            "rules.yaml:8: dyad 'PRK-CHN' must be two ISO3 codes in alphabetical order, e.g. CHN-PRK",
            "rules.yaml:10: rearm (-20.0) must be above the threshold (-10.0)",
            "rules.yaml:11: severity 'LOUD' must be INFO, WARNING or CRITICAL",
            "rules.yaml:12: channel 'nowhere' is not defined under 'channels'",
            "rules.yaml:19: 'threshold' does not apply to a drop rule",
            "rules.yaml:17: delta must be within 0..200 (points of warmth), above 0",
            "rules.yaml:18: window must be between one day and 90 days (the warmth history kept)",
            "rules.yaml:25: signal 'SURPRISE' must be TIMED_PROVOCATION, PROMINENCE_SHIFT or PIVOT",
            "rules.yaml:26: min_weight compares with |weight|: it must not be negative",
            "rules.yaml:30: kind 'sulk' is not one of warmth_below, drop, signal"));
  }

  @Test
  void shouldReportBrokenYamlWithItsLine() {
    assertThatThrownBy(() -> RulesFile.parse("rules:\n  - name: [unclosed\n", "r.yaml"))
        .isInstanceOf(RulesException.class)
        .hasMessageContaining("r.yaml:3: not valid YAML");
  }
}
