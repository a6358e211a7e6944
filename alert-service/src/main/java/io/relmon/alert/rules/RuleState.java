package io.relmon.alert.rules;

/**
 * What a rule remembers about one dyad.
 *
 * @param armed whether the rule may fire for the dyad
 * @param lastFiredAt epoch millis (warmth as-of time) of the last alert, or 0
 */
public record RuleState(boolean armed, long lastFiredAt) {
  public static final RuleState INITIAL = new RuleState(true, 0);
}
