package io.relmon.alert.rules;

import java.util.List;
import java.util.Optional;

/**
 * A named notification channel from the rules file. A channel delivers each alert as it fires,
 * or, with a {@link DailyDigest}, gathers them and delivers them together once a day.
 */
public sealed interface Channel permits Channel.Email, Channel.Webhook {
  String name();

  /** The daily digest this channel delivers in, or empty when it delivers each alert at once. */
  Optional<DailyDigest> digest();

  /** Sends to a list of e-mail addresses. */
  record Email(String name, List<String> to, Optional<DailyDigest> digest) implements Channel {
    public Email(String name, List<String> to) {
      this(name, to, Optional.empty());
    }
  }

  /**
   * POSTs the alert as JSON to {@code url}, signed with HMAC-SHA256 under the secret held in the
   * environment variable {@code secretEnv} (the rules file names the variable, never the secret).
   */
  record Webhook(String name, java.net.URI url, String secretEnv, Optional<DailyDigest> digest) implements Channel {
    public Webhook(String name, java.net.URI url, String secretEnv) {
      this(name, url, secretEnv, Optional.empty());
    }

    @Override
    public String toString() {
      return "Webhook[" + name + " → " + url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + url.getPath() + "]";
    }
  }
}
