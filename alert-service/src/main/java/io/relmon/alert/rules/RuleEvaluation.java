package io.relmon.alert.rules;

import java.util.Optional;

/**
 * Decides, for one rule, one dyad and one warmth value, whether an alert fires and what the rule
 * remembers next. Plain Java: the hysteresis and cooldown edges are tested here directly.
 */
public final class RuleEvaluation {
  private RuleEvaluation() {}

  /** The outcome: the next state, and whether this update fires. */
  public record Outcome(RuleState next, boolean fires) {}

  public static Outcome evaluate(Rule.WarmthBelow rule, RuleState state, double value, long asOf) {
    if (state.armed()) {
      boolean coolingDown = state.lastFiredAt() != 0 && asOf < state.lastFiredAt() + rule.cooldown().toMillis();
      if (value < rule.threshold() && !coolingDown) {
        return new Outcome(new RuleState(false, asOf), true);
      }
      return new Outcome(state, false);
    }
    if (value > rule.rearm()) {
      return new Outcome(new RuleState(true, state.lastFiredAt()), false);
    }
    return new Outcome(state, false);
  }

  static Optional<Rule.WarmthBelow> asWarmthBelow(Rule rule) {
    return rule instanceof Rule.WarmthBelow w ? Optional.of(w) : Optional.empty();
  }
}
