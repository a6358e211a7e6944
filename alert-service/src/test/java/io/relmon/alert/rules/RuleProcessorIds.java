package io.relmon.alert.rules;

/** Test access to the alert id derivation. */
public final class RuleProcessorIds {
  private RuleProcessorIds() {}

  public static String idOf(String rule, String dyad, long asOf) {
    return RuleProcessor.alertId(rule, dyad, asOf);
  }
}
