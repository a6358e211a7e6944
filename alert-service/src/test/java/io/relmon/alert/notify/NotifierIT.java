package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.relmon.alert.AlertFixtures;
import io.relmon.alert.rules.RuleSet;
import io.relmon.alert.rules.RulesFile;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.DeliveryRecord;
import io.relmon.schemas.avro.DeliveryStatus;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notifier against a real broker and a real SMTP server: outages, restarts, no duplicates. */
class NotifierIT {

  private static final Topics TOPICS = Topics.defaults();
  private static final RuleSet RULES = RulesFile.parse("""
      channels:
        desk:
          email:
            to: [desk@example.org]
      rules:
        - name: cooling
          kind: warmth_below
          dyads: all
          threshold: -20
          rearm: -10
          severity: WARNING
          channels: [desk]
      """, "test");
  private static final RuleSet DIGEST_RULES = RulesFile.parse("""
      channels:
        brief:
          email:
            to: [brief@example.org]
          digest:
            daily_at: "07:30"
      rules:
        - name: cooling
          kind: warmth_below
          dyads: all
          threshold: -20
          rearm: -10
          severity: WARNING
          channels: [brief]
      """, "test");
  private static EmbeddedKafkaCluster kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaCluster.startSingleNode();
    try (var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
    }
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldDeliverEveryAlertExactlyOnceAcrossAMinuteLongSmtpOutage() throws Exception {
    int port = freePort();
    GreenMail smtp = smtp(port);
    String group = "notifier-outage";
    try (Notifier notifier = notifier(port, group)) {
      notifier.start();
      publish(alerts("outage-a", 2));
      await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 2);

      smtp.stop();
      publish(alerts("outage-b", 3));
      Thread.sleep(60_000);
      GreenMail back = smtp(port);
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> back.getReceivedMessages().length == 3);
        Thread.sleep(2_000);
        assertThat(messageIds(back.getReceivedMessages())).hasSize(3)
            .allSatisfy(id -> assertThat(id).startsWith("<outage-b"));
        assertThat(deliveries("outage-")).hasSize(5).allSatisfy(d -> assertThat(d.getStatus()).isEqualTo(DeliveryStatus.DELIVERED));
      } finally {
        back.stop();
      }
    }
  }

  @Test
  void shouldNotSendAgainAfterARestartThatReadsTheAlertsAgain() throws Exception {
    int port = freePort();
    GreenMail smtp = smtp(port);
    String group = "notifier-restart";
    try {
      try (Notifier first = notifier(port, group)) {
        first.start();
        publish(alerts("restart-", 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("restart-").size() == 3);
      }
      // As if the notifier had crashed before committing: its group starts over from the beginning.
      rewind(group);
      try (Notifier second = notifier(port, group)) {
        second.start();
        publish(alerts("restart-late-", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 4);
        Thread.sleep(3_000);
        assertThat(smtp.getReceivedMessages()).hasSize(4);
        assertThat(deliveries("restart-")).hasSize(4);
      }
    } finally {
      smtp.stop();
    }
  }

  @Test
  void shouldGatherADigestChannelsAlertsIntoOneMessageADayAndNeverSendItTwice() throws Exception {
    int port = freePort();
    GreenMail smtp = smtp(port);
    // Dates in the past: the broker refuses record timestamps far in the future.
    SettableClock clock = new SettableClock(Instant.parse("2026-01-10T07:00:00Z"));
    String group = "notifier-digest";
    try {
      try (Notifier first = notifier(DIGEST_RULES, port, group, clock)) {
        first.start();
        publish(alerts("digest-a", 3, "brief"));
        await().atMost(Duration.ofSeconds(30)).until(() -> queued("digest-a").size() == 3);
        Thread.sleep(1_000);
        assertThat(smtp.getReceivedMessages()).as("nothing before the digest time").isEmpty();

        clock.set(Instant.parse("2026-01-10T07:30:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 1);
        MimeMessage digest = smtp.getReceivedMessages()[0];
        assertThat(digest.getSubject()).isEqualTo("[relmon] Daily digest 2026-01-10: 3 alerts for brief");
        assertThat(digest.getMessageID()).isEqualTo("<digest-" + Instant.parse("2026-01-10T07:30:00Z").toEpochMilli() + ".brief@relmon>");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("digest-a").size() == 3);
        assertThat(deliveries("digest-a")).allSatisfy(d -> {
          assertThat(d.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
          assertThat(d.getIdempotencyKey()).isEqualTo(digest.getMessageID());
        });

        clock.set(Instant.parse("2026-01-10T07:31:00Z"));
        publish(alerts("digest-b", 1, "brief"));
        await().atMost(Duration.ofSeconds(30)).until(() -> queued("digest-b").size() == 1);
      }
      // A restart that reads every alert again: what went in the digest is not queued or sent again.
      rewind(group);
      try (Notifier second = notifier(DIGEST_RULES, port, group, clock)) {
        second.start();
        Thread.sleep(3_000);
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        clock.set(Instant.parse("2026-01-11T07:30:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 2);
        Thread.sleep(2_000);
        assertThat(smtp.getReceivedMessages()[1].getSubject()).isEqualTo("[relmon] Daily digest 2026-01-11: 1 alert for brief");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(deliveries("digest-")).hasSize(4);
      }
      System.out.println("NOTIFIER-IT digest: 4 alerts fired, 2 digests delivered (3 + 1 alerts), duplicates: 0");
    } finally {
      smtp.stop();
    }
  }

  /** A clock the test moves by hand. */
  private static final class SettableClock extends java.time.Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Notifier notifier(int smtpPort, String group) {
    return notifier(RULES, smtpPort, group, java.time.Clock.systemUTC());
  }

  private static Notifier notifier(RuleSet rules, int smtpPort, String group, java.time.Clock clock) {
    return new Notifier(TOPICS, rules,
        new Mailer(new SmtpSettings("127.0.0.1", smtpPort, false, null, null, "relmon@relmon.example")),
        new WebhookSender(Map.of()), new RetryPolicy(200, Duration.ofMillis(200), Duration.ofSeconds(2)),
        Map.of("bootstrap.servers", kafka.bootstrapServers()), group, new SimpleMeterRegistry(), clock);
  }

  /** Alerts held in the digest queue (not yet tombstoned), by alert id prefix. */
  private static List<String> queued(String prefix) {
    Map<String, Alert> latest = new java.util.HashMap<>();
    TopicReader.readAll(kafka.bootstrapServers(), TOPICS.digestQueue()).forEach(r -> latest.put(r.key(), r.value()));
    return latest.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().getAlertId().startsWith(prefix))
        .map(Map.Entry::getKey).toList();
  }

  private static List<Alert> alerts(String prefix, int count) {
    return alerts(prefix, count, "desk");
  }

  private static List<Alert> alerts(String prefix, int count, String channel) {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      alerts.add(Alert.newBuilder(AlertFixtures.alert("evidence " + i, "https://news.example/" + i))
          .setAlertId(prefix + i + "-" + System.nanoTime()).setChannels(List.of(channel)).build());
    }
    return alerts;
  }

  private static void publish(List<Alert> alerts) throws Exception {
    try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        TOPICS.alerts().keySerde().serializer(), TOPICS.alerts().valueSerde().serializer())) {
      for (Alert alert : alerts) {
        producer.send(new ProducerRecord<>(TOPICS.alerts().name(), alert.getAlertId(), alert)).get();
      }
    }
  }

  private static List<DeliveryRecord> deliveries(String prefix) {
    return TopicReader.values(kafka.bootstrapServers(), TOPICS.deliveries()).stream()
        .filter(d -> d.getAlertId().startsWith(prefix)).toList();
  }

  private static void rewind(String group) throws Exception {
    try (var admin = kafka.admin()) {
      Map<TopicPartition, OffsetAndMetadata> start = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
          .keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> new OffsetAndMetadata(0)));
      admin.alterConsumerGroupOffsets(group, start).all().get();
    }
  }

  private static Set<String> messageIds(MimeMessage[] messages) {
    return Arrays.stream(messages).map(m -> {
      try {
        return m.getMessageID();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).collect(Collectors.toSet());
  }

  private static GreenMail smtp(int port) {
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
