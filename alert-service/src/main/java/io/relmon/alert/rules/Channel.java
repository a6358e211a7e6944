package io.relmon.alert.rules;

import java.util.List;

/** A named notification channel from the rules file. */
public sealed interface Channel permits Channel.Email {
  String name();

  /** Sends to a list of e-mail addresses. */
  record Email(String name, List<String> to) implements Channel {}
}
