package io.relmon.alert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.avro.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleEvaluationTest {
  private static final long DAY = 86_400_000L;
  private static final Rule.WarmthBelow RULE =
      new Rule.WarmthBelow("r", Set.of(), -20, -10, Severity.WARNING, List.of("c"), Duration.ZERO);

  private static int fires(Rule.WarmthBelow rule, double... values) {
    RuleState state = RuleState.INITIAL;
    int fired = 0;
    long t = DAY;
    for (double value : values) {
      RuleEvaluation.Outcome outcome = RuleEvaluation.evaluate(rule, state, value, t += DAY);
      state = outcome.next();
      fired += outcome.fires() ? 1 : 0;
    }
    return fired;
  }

  @Test
  void shouldFireOnlyStrictlyBelowTheThreshold() {
    assertThat(fires(RULE, -20)).isZero();
    assertThat(fires(RULE, -20.01)).isOne();
  }

  @Test
  void shouldNotFlapWhileHoveringAroundTheThreshold() {
    assertThat(fires(RULE, -21, -19, -21, -15, -22, -10, -25)).isOne();
  }

  @Test
  void shouldFireAgainOnlyAfterRisingAboveTheRearmLevel() {
    assertThat(fires(RULE, -21, -9.99, -21)).isEqualTo(2);
  }

  @Test
  void shouldHoldBackARefireWithinTheCooldown() {
    Rule.WarmthBelow cooled = new Rule.WarmthBelow("r", Set.of(), -20, -10, Severity.WARNING, List.of("c"), Duration.ofDays(3));
    // fired on day 2; re-armed on day 3; day 4 is within 3 days of day 2; day 5 is not.
    assertThat(fires(cooled, -21, -5, -21)).isOne();
    assertThat(fires(cooled, -21, -5, -21, -22)).isEqualTo(2);
  }

  @Test
  void shouldFireADropFromTheWindowsHighAndReArmWhenItHalves() {
    Rule.Drop drop = new Rule.Drop("d", Set.of(), 20, Duration.ofDays(30), Severity.CRITICAL, List.of("c"), Duration.ZERO);
    RuleEvaluation.Outcome first = RuleEvaluation.evaluate(drop, RuleState.INITIAL, 10, -9.99, DAY);
    assertThat(first.fires()).isFalse();
    RuleEvaluation.Outcome second = RuleEvaluation.evaluate(drop, first.next(), 10, -10, 2 * DAY);
    assertThat(second.fires()).isTrue();
    RuleEvaluation.Outcome stillDown = RuleEvaluation.evaluate(drop, second.next(), 10, -15, 3 * DAY);
    assertThat(stillDown.fires()).isFalse();
    RuleEvaluation.Outcome recovered = RuleEvaluation.evaluate(drop, stillDown.next(), 10, 0.01, 4 * DAY);
    assertThat(recovered.next().armed()).isTrue();
  }
}
