package io.relmon.alert.rules;

import java.util.List;

/** A rules file has problems; the message lists each as "file:line: problem". */
public final class RulesException extends IllegalArgumentException {
  private final List<String> problems;

  public RulesException(List<String> problems) {
    super("invalid rules file:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
