package io.relmon.alert.rules;

import java.util.List;
import java.util.Map;

/** The rules and channels of a rules file, validated: every channel a rule names exists. */
public record RuleSet(List<Rule> rules, Map<String, Channel> channels) {
  public RuleSet {
    rules = List.copyOf(rules);
    channels = Map.copyOf(channels);
  }
}
