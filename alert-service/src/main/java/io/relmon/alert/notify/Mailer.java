package io.relmon.alert.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends alert e-mails through SMTP with Angus Mail: multipart/alternative with the text, then the
 * HTML — with the warmth chart as an inline image (multipart/related) when there is one — marked
 * {@code Auto-Submitted: auto-generated}, under the Message-ID the caller gives.
 */
public final class Mailer implements AutoCloseable {

  private final SmtpSettings settings;
  private final Session session;
  private Transport transport;

  /** @throws io.relmon.service.ConfigException when the settings would send the password in cleartext */
  public Mailer(SmtpSettings settings) {
    this.settings = settings.checked();
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.port()));
    props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    if (settings.startTls()) {
      // Jakarta Mail does not check that the certificate names the host unless asked to.
      props.put("mail.smtp.ssl.checkserveridentity", "true");
      if (settings.trustStore() != null) {
        props.put("mail.smtp.ssl.socketFactory", socketFactory(settings.trustStore(), settings.trustStorePassword()));
      }
    }
    props.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "10000");
    props.put("mail.smtp.writetimeout", "10000");
    this.session = Session.getInstance(props);
  }

  /** An SSL socket factory trusting exactly the certificates of {@code trustStore}. */
  private static javax.net.ssl.SSLSocketFactory socketFactory(java.nio.file.Path trustStore, String password) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(trustStore)) {
      String name = trustStore.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      java.security.KeyStore store = java.security.KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
      store.load(in, password == null ? null : password.toCharArray());
      javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the SMTP trust store " + trustStore + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends one e-mail with the given Message-ID (the idempotency key: a receiver that sees the same
   * Message-ID twice knows it is the same alert).
   */
  /** The header naming when ingest accepted the article behind an alert e-mail. */
  public static final String ACCEPTED_AT_HEADER = "Relmon-Article-Accepted-At";

  public void send(List<String> to, AlertEmail email, String messageId) throws MessagingException {
    send(to, email, messageId, java.util.OptionalLong.empty());
  }

  /**
   * As above; where {@code acceptedAt} is known (when ingest accepted the article behind the
   * alert), the header {@value #ACCEPTED_AT_HEADER} holds it as an ISO-8601 instant, so a receiver
   * can measure the pipeline's latency per e-mail, exactly (the bench does).
   */
  public void send(List<String> to, AlertEmail email, String messageId, java.util.OptionalLong acceptedAt) throws MessagingException {
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress(settings.from()));
    for (String address : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
    }
    message.setSubject(email.subject(), "UTF-8");
    message.setSentDate(new Date());
    // RFC 3834: no out-of-office or other automatic reply to an alert; mail loops between relmon and a responder cannot start.
    message.setHeader("Auto-Submitted", "auto-generated");
    if (acceptedAt.isPresent()) {
      message.setHeader(ACCEPTED_AT_HEADER, java.time.Instant.ofEpochMilli(acceptedAt.getAsLong()).toString());
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    if (email.chartPng() != null) {
      // HTML and the chart it shows travel together: multipart/related inside the alternative.
      MimeBodyPart chart = new MimeBodyPart();
      chart.setDataHandler(new jakarta.activation.DataHandler(
          new jakarta.mail.util.ByteArrayDataSource(email.chartPng(), "image/png")));
      chart.setContentID("<" + AlertEmail.CHART_CID + ">");
      chart.setDisposition(MimeBodyPart.INLINE);
      chart.setFileName("warmth.png");
      MimeMultipart related = new MimeMultipart("related");
      related.addBodyPart(html);
      related.addBodyPart(chart);
      MimeBodyPart relatedPart = new MimeBodyPart();
      relatedPart.setContent(related);
      alternative.addBodyPart(relatedPart);
    } else {
      alternative.addBodyPart(html);
    }
    message.setContent(alternative);
    message.saveChanges();
    deliver(message);
  }

  /**
   * Sends over one SMTP connection kept open between e-mails (a new connection per e-mail cost a
   * TCP and SMTP handshake, and STARTTLS, for each alert). A connection the server has closed
   * meanwhile is opened again once; a failure on a fresh connection is the caller's to retry.
   */
  private synchronized void deliver(MimeMessage message) throws MessagingException {
    boolean fresh = transport == null || !transport.isConnected();
    if (fresh) {
      connect();
    }
    try {
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      closeQuietly();
      if (fresh) {
        throw e;
      }
      connect();
      try {
        transport.sendMessage(message, message.getAllRecipients());
      } catch (MessagingException again) {
        closeQuietly();
        throw again;
      }
    }
  }

  private void connect() throws MessagingException {
    transport = session.getTransport("smtp");
    if (settings.username() != null) {
      transport.connect(settings.username(), settings.password());
    } else {
      transport.connect();
    }
  }

  private void closeQuietly() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        // already gone
      }
      transport = null;
    }
  }

  /** Closes the SMTP connection, if one is open. */
  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
