package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.alert.AlertFixtures;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * STARTTLS and SMTP AUTH against a real server that speaks both (SubEthaSMTP; GreenMail has no
 * STARTTLS), with a certificate made for the test by the JDK's keytool: the mailer upgrades to
 * TLS, checks the certificate against the configured trust store and the host, authenticates,
 * and never falls back to cleartext.
 */
class MailerTlsTest {

  private static final String STORE_PASSWORD = "changeit";

  @TempDir
  static Path keys;

  private SMTPServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();

  /** A server key pair for 127.0.0.1 and a trust store holding only its certificate. */
  @BeforeAll
  static void makeCertificates() throws Exception {
    keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keys.resolve("server.p12").toString(), "-storepass", STORE_PASSWORD);
    keytool("-exportcert", "-alias", "smtp", "-keystore", keys.resolve("server.p12").toString(),
        "-storepass", STORE_PASSWORD, "-file", keys.resolve("smtp.cer").toString());
    keytool("-importcert", "-noprompt", "-alias", "smtp", "-file", keys.resolve("smtp.cer").toString(),
        "-storetype", "PKCS12", "-keystore", keys.resolve("trust.p12").toString(), "-storepass", STORE_PASSWORD);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void shouldUpgradeToTlsAuthenticateAndDeliver() throws Exception {
    start(true);

    mailer(true, "relmon", "s3cret", keys.resolve("trust.p12")).send(List.of("desk@example.org"), email(), "<tls1.desk@relmon>");

    assertThat(received).hasSize(1);
    assertThat(received.get(0)).contains("Message-ID: <tls1.desk@relmon>").contains("user=relmon");
  }

  @Test
  void shouldSendOverTheKeptConnectionAndOpenItAgainWhenTheServerClosedIt() throws Exception {
    start(true);
    Mailer mailer = mailer(true, "relmon", "s3cret", keys.resolve("trust.p12"));
    mailer.send(List.of("desk@example.org"), email(), "<keep1.desk@relmon>");
    mailer.send(List.of("desk@example.org"), email(), "<keep2.desk@relmon>");

    // The server goes away and comes back on its port: the kept connection is dead.
    int port = server.getPortAllocated();
    server.stop();
    start(true, port);
    mailer.send(List.of("desk@example.org"), email(), "<keep3.desk@relmon>");
    mailer.close();

    assertThat(received).hasSize(3);
    assertThat(peer(received.get(1))).as("the second e-mail came over the first one's connection").isEqualTo(peer(received.get(0)));
    assertThat(received.get(2)).contains("Message-ID: <keep3.desk@relmon>").contains("user=relmon");
  }

  @Test
  void shouldFailWithAWrongPasswordAndDeliverNothing() throws Exception {
    start(true);

    assertThatThrownBy(() -> mailer(true, "relmon", "wrong", keys.resolve("trust.p12"))
        .send(List.of("desk@example.org"), email(), "<tls2.desk@relmon>"))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void shouldRefuseToSendInCleartextWhenTheServerOffersNoStartTls() throws Exception {
    start(false);

    assertThatThrownBy(() -> mailer(true, "relmon", "s3cret", keys.resolve("trust.p12"))
        .send(List.of("desk@example.org"), email(), "<tls3.desk@relmon>"))
        .isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS");
    assertThat(received).isEmpty();
  }

  @Test
  void shouldRefuseAServerWhoseCertificateIsNotTrusted() throws Exception {
    start(true);

    // The JVM's own trust store does not know the test's self-made certificate.
    assertThatThrownBy(() -> mailer(true, "relmon", "s3cret", null).send(List.of("desk@example.org"), email(), "<tls4.desk@relmon>"))
        .isInstanceOf(MessagingException.class);
    assertThat(received).isEmpty();
  }

  private static String peer(String message) {
    return message.lines().filter(line -> line.startsWith("peer=")).findFirst().orElseThrow();
  }

  private void start(boolean offerTls) throws Exception {
    start(offerTls, 0);
  }

  private void start(boolean offerTls, int port) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keys.resolve("server.p12").toFile())) {
      keyStore.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    server = SMTPServer.port(port)
        .bindAddress(java.net.InetAddress.getLoopbackAddress())
        .enableTLS(offerTls)
        .requireTLS(offerTls)
        .startTlsSocketFactory(tls)
        .requireAuth()
        .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
          if (!("relmon".equals(user) && "s3cret".equals(password))) {
            throw new LoginFailedException("bad credentials");
          }
        }))
        // With requireTLS the server refuses MAIL before STARTTLS: a message that arrives came over TLS.
        .messageHandler((context, from, to, data) -> received.add(
            "user=" + context.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity())).orElse("none") + "\n"
                + "peer=" + context.getRemoteAddress() + "\n"
                + new String(data, StandardCharsets.UTF_8)))
        .build();
    server.start();
  }

  private Mailer mailer(boolean startTls, String user, String password, Path trustStore) {
    return new Mailer(new SmtpSettings("127.0.0.1", server.getPortAllocated(), startTls, user, password, "relmon@relmon.example",
        trustStore, STORE_PASSWORD));
  }

  private static AlertEmail email() {
    return AlertEmail.render(AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1"));
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
