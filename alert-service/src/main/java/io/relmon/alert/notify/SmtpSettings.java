package io.relmon.alert.notify;

import java.nio.file.Path;

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
 */
public record SmtpSettings(String host, int port, boolean startTls, String username, String password, String from,
    Path trustStore, String trustStorePassword) {

  public SmtpSettings(String host, int port, boolean startTls, String username, String password, String from) {
    this(host, port, startTls, username, password, from, null, null);
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", startTls=" + startTls + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", from=" + from + ", trustStore=" + trustStore + "]";
  }
}
