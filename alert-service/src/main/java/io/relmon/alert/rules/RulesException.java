package io.relmon.alert.rules;

import java.util.List;

/** A rules file has problems; the message lists each as "file:line: problem". */
public final class RulesException extends io.relmon.service.ConfigException {

  public RulesException(List<String> problems) {
    super("invalid rules file", problems);
  }
}
