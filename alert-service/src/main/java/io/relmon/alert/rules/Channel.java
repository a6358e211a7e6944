package io.relmon.alert.rules;

import java.util.List;

/** A named notification channel from the rules file. */
public sealed interface Channel permits Channel.Email, Channel.Webhook {
  String name();

  /** Sends to a list of e-mail addresses. */
  record Email(String name, List<String> to) implements Channel {}

  /**
   * POSTs the alert as JSON to {@code url}, signed with HMAC-SHA256 under the secret held in the
   * environment variable {@code secretEnv} (the rules file names the variable, never the secret).
   */
  record Webhook(String name, java.net.URI url, String secretEnv) implements Channel {
    @Override
    public String toString() {
      return "Webhook[" + name + " → " + url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + url.getPath() + "]";
    }
  }
}
