package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.relmon.alert.AlertFixtures;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The e-mail as an SMTP server (GreenMail) receives it. */
class MailerTest {

  @Test
  void shouldSendTextAndHtmlWithTheChartInlineAndOurMessageId() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      Mailer mailer = new Mailer(new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), false, null, null, "relmon@relmon.example"));
      AlertEmail email = AlertEmail.render(AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1"));

      mailer.send(List.of("desk@example.org"), email, "<a1.desk@relmon>");

      MimeMessage received = smtp.getReceivedMessages()[0];
      assertThat(received.getMessageID()).isEqualTo("<a1.desk@relmon>");
      assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
      assertThat(received.getHeader(Mailer.ACCEPTED_AT_HEADER)).as("no acceptance time known: no header").isNull();
      assertThat(received.getSubject()).isEqualTo("[relmon] WARNING: China–North Korea warmth −38 (−30 in 30 days)");
      MimeMultipart alternative = (MimeMultipart) received.getContent();
      assertThat(alternative.getContentType()).startsWith("multipart/alternative");
      assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
      assertThat((String) alternative.getBodyPart(0).getContent()).contains("See the relationship: http://localhost:8082/dyads/CHN-PRK");
      MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
      assertThat(related.getContentType()).startsWith("multipart/related");
      BodyPart html = related.getBodyPart(0);
      BodyPart chart = related.getBodyPart(1);
      assertThat((String) html.getContent()).contains("cid:" + AlertEmail.CHART_CID)
          .contains("<a href=\"http://localhost:8082/dyads/CHN-PRK\">");
      assertThat(chart.getContentType()).startsWith("image/png");
      assertThat(chart.getHeader("Content-ID")).containsExactly("<" + AlertEmail.CHART_CID + ">");
      byte[] png = chart.getInputStream().readAllBytes();
      assertThat(png).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    } finally {
      smtp.stop();
    }
  }

  @Test
  void shouldNameWhenTheArticleBehindTheAlertWasAccepted() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      Mailer mailer = new Mailer(new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), false, null, null, "relmon@relmon.example"));
      AlertEmail email = AlertEmail.render(AlertFixtures.alert("Pyongyang criticised Beijing on Jan. 14.", "https://news.example/1"));

      mailer.send(List.of("desk@example.org"), email, "<a2.desk@relmon>",
          java.util.OptionalLong.of(java.time.Instant.parse("2026-01-14T08:30:00.125Z").toEpochMilli()));

      assertThat(smtp.getReceivedMessages()[0].getHeader(Mailer.ACCEPTED_AT_HEADER)).containsExactly("2026-01-14T08:30:00.125Z");
    } finally {
      smtp.stop();
    }
  }
}
