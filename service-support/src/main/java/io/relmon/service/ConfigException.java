package io.relmon.service;

import java.util.List;

/**
 * A service's configuration is invalid — its settings, or a file they name (rules, feeds); the
 * message lists every problem, one a line. {@link ServiceMain} reports it without a stack trace.
 */
public class ConfigException extends IllegalArgumentException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    this("invalid configuration", problems);
  }

  /** {@code heading} names what is invalid ("invalid rules file"); the problems follow, one a line. */
  protected ConfigException(String heading, List<String> problems) {
    super(heading + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
