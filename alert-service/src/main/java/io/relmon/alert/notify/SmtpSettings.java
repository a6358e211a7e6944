package io.relmon.alert.notify;

import io.relmon.service.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how to send e-mail. The password comes from the environment or a file, never from the
 * rules or logs.
 *
 * @param startTls upgrade to TLS with STARTTLS before anything else is sent, and refuse to send
 *     when the server does not offer it (never a fallback to cleartext); the server's certificate
 *     must be trusted and name the host
 * @param trustStore certificates to trust for STARTTLS instead of the JVM's (a private CA), as a
 *     PKCS12 or JKS file; null for the JVM's trust store
 * @param trustStorePassword the trust store's password, or null
 * @param allowPlaintextAuth allow a username (SMTP AUTH) without STARTTLS: the password then
 *     crosses the network in cleartext, so only for a relay on the same host or a trusted link
 */
public record SmtpSettings(String host, int port, boolean startTls, String username, String password, String from,
    Path trustStore, String trustStorePassword, boolean allowPlaintextAuth) {

  public SmtpSettings(String host, int port, boolean startTls, String username, String password, String from) {
    this(host, port, startTls, username, password, from, null, null, false);
  }

  public SmtpSettings(String host, int port, boolean startTls, String username, String password, String from,
      Path trustStore, String trustStorePassword) {
    this(host, port, startTls, username, password, from, trustStore, trustStorePassword, false);
  }

  /** What makes these settings unsafe to use, each naming the setting to change; empty when none. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (username != null && !startTls && !allowPlaintextAuth) {
      problems.add("relmon.smtp.username is set but relmon.smtp.starttls is false: the SMTP password would cross the network"
          + " in cleartext. Set RELMON_SMTP_STARTTLS=true, or RELMON_SMTP_ALLOW_PLAINTEXT_AUTH=true for a relay you trust"
          + " (on the same host)");
    }
    return problems;
  }

  /** Throws a {@link ConfigException} listing the {@link #problems()}, if there are any. */
  public SmtpSettings checked() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return this;
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", startTls=" + startTls + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", from=" + from + ", trustStore=" + trustStore
        + ", allowPlaintextAuth=" + allowPlaintextAuth + "]";
  }
}
