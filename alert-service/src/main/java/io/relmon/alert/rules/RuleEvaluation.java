package io.relmon.alert.rules;


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

  /**
   * A drop: the fall from the highest value of the window to {@code value}; fires at {@code delta}
   * or more when armed (and out of cooldown), re-arms once the fall is under half of it.
   */
  public static Outcome evaluate(Rule.Drop rule, RuleState state, double highInWindow, double value, long asOf) {
    double fall = highInWindow - value;
    if (state.armed()) {
      boolean coolingDown = state.lastFiredAt() != 0 && asOf < state.lastFiredAt() + rule.cooldown().toMillis();
      if (fall >= rule.delta() && !coolingDown) {
        return new Outcome(new RuleState(false, asOf), true);
      }
      return new Outcome(state, false);
    }
    if (fall < rule.delta() / 2) {
      return new Outcome(new RuleState(true, state.lastFiredAt()), false);
    }
    return new Outcome(state, false);
  }
}
