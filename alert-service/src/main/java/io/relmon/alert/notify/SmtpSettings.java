package io.relmon.alert.notify;

/**
 * Where and how to send e-mail. The password comes from the environment or a file, never from the
 * rules or logs.
 */
public record SmtpSettings(String host, int port, boolean startTls, String username, String password, String from) {
  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", startTls=" + startTls + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", from=" + from + "]";
  }
}
