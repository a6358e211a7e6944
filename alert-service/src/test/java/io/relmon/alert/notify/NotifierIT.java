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
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.relmon.service.BearerToken;
import io.relmon.alert.admin.RedeliverHandler;
import io.relmon.service.ServiceHttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notifier against a real broker and a real SMTP server: outages, restarts, no duplicates. */
class NotifierIT {

  private static final Topics TOPICS = Topics.defaults();
  private static final int WEBHOOK_PORT = freePortUnchecked();
  private static final String OPS_SECRET = "ops-secret-for-the-test";
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
  /** An e-mail channel and a webhook channel: one can be down while the other is up. */
  private static final RuleSet MIXED_RULES = RulesFile.parse("""
      channels:
        desk:
          email:
            to: [desk@example.org]
        ops:
          webhook:
            url: http://127.0.0.1:%d/hook
            secret_env: OPS_SECRET
      rules:
        - name: cooling
          kind: warmth_below
          dyads: all
          threshold: -20
          rearm: -10
          severity: WARNING
          channels: [desk]
      """.formatted(WEBHOOK_PORT), "test");
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
    ManualClock clock = new ManualClock(Instant.parse("2026-01-10T07:00:00Z"));
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
        assertThat(digest.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        String digestText = (String) ((jakarta.mail.internet.MimeMultipart) digest.getContent()).getBodyPart(0).getContent();
        assertThat(digestText).contains("See the relationship: http://localhost:8082/dyads/CHN-PRK");
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


  @Test
  void shouldDeliverTwoHundredAlertsExactlyOnceAcrossATenMinuteSmtpOutageWhilePollingGoesOn() throws Exception {
    int port = freePort();
    GreenMail smtp = smtp(port);
    Webhook hook = Webhook.start(WEBHOOK_PORT);
    ManualClock clock = new ManualClock(Instant.now());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // Retry budget in minutes on the test's clock: the outage below is ten minutes of that clock.
    Notifier.Options options = Notifier.Options.defaults()
        .withRetry(new RetryPolicy(1_000, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(30)))
        .withStallBound(Duration.ofSeconds(60));
    String prefix = "ten-" + System.nanoTime() + "-";
    GreenMail back = null;
    try (Notifier notifier = notifier(MIXED_RULES, port, "notifier-ten-minutes", clock, options, meters)) {
      notifier.start();
      publish(alerts(prefix + "before-", 1, "desk"));
      await().atMost(Duration.ofSeconds(60)).until(() -> received(smtp, prefix).size() == 1);

      smtp.stop();
      List<RecordMetadata> outage = publish(alerts(prefix + "out-", 200, "desk"));
      await().atMost(Duration.ofSeconds(60)).until(() -> notifier.pending() == 200);
      double retriesAtStart = retries(meters);

      // Polling goes on: an alert for the webhook, which is up, is delivered during the outage.
      publish(alerts(prefix + "hook-", 1, "ops"));
      await().atMost(Duration.ofSeconds(30)).until(() -> hook.received.size() == 1);
      assertThat(hook.verified).as("signed v1 with a fresh timestamp").containsExactly(true);
      assertThat(notifier.live()).isTrue();
      assertThat(notifier.pending()).isEqualTo(200);
      // Nothing committed past an alert still waiting: a crash now would lose none of them.
      Map<TopicPartition, Long> firstWaiting = new java.util.HashMap<>();
      outage.forEach(m -> firstWaiting.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::min));
      Map<TopicPartition, OffsetAndMetadata> committed = committed("notifier-ten-minutes");
      firstWaiting.forEach((partition, offset) -> assertThat(committed.getOrDefault(partition, new OffsetAndMetadata(0)).offset())
          .as("committed offset of %s", partition).isLessThanOrEqualTo(offset));

      // Ten minutes of the retry clock pass with the server down: the channel is probed, nothing given up.
      for (int minute = 0; minute < 10; minute++) {
        double before = retries(meters);
        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> retries(meters) > before);
      }
      assertThat(notifier.pending()).isEqualTo(200);
      assertThat(retries(meters) - retriesAtStart).as("one probe per backoff step, not one per alert").isLessThan(50);

      back = smtp(port);
      clock.advance(Duration.ofMinutes(1));
      GreenMail server = back;
      await().atMost(Duration.ofSeconds(120)).until(() -> received(server, prefix + "out-").size() >= 200);
      Thread.sleep(2_000);
      List<String> ids = received(back, prefix + "out-");
      assertThat(ids).as("each of the 200 arrived").hasSize(200).doesNotHaveDuplicates();
      await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(prefix).size() == 202);
      assertThat(deliveries(prefix)).allSatisfy(d -> assertThat(d.getStatus()).isEqualTo(DeliveryStatus.DELIVERED));
      assertThat(notifier.pending()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> lag("notifier-ten-minutes") == 0);
      System.out.println("NOTIFIER-IT ten-minute outage: 200 alerts queued, 200 delivered once after it, 1 webhook alert delivered"
          + " during it, " + (long) (retries(meters) - retriesAtStart) + " probes, duplicates: 0");
    } finally {
      if (back != null) {
        back.stop();
      }
      hook.stop();
    }
  }

  @Test
  void shouldStopReadingAtThePendingBoundAndLoseNothing() throws Exception {
    int port = freePort();
    GreenMail smtp = smtp(port);
    smtp.stop();
    ManualClock clock = new ManualClock(Instant.now());
    Notifier.Options options = Notifier.Options.defaults()
        .withRetry(new RetryPolicy(1_000, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(30)))
        .withMaxPending(20);
    String prefix = "bound-" + System.nanoTime() + "-";
    GreenMail back = null;
    try (Notifier notifier = notifier(RULES, port, "notifier-bound", clock, options, new SimpleMeterRegistry())) {
      notifier.start();
      publish(alerts(prefix, 60, "desk"));
      await().atMost(Duration.ofSeconds(60)).until(() -> notifier.pending() == 20);
      for (int i = 0; i < 10; i++) {
        Thread.sleep(300);
        assertThat(notifier.pending()).as("never more than the bound").isLessThanOrEqualTo(20);
      }

      back = smtp(port);
      clock.advance(Duration.ofMinutes(1)); // past the channel's rest: the next probe finds the server back
      GreenMail server = back;
      // Paused partitions resume as room is made.
      await().atMost(Duration.ofSeconds(120)).until(() -> received(server, prefix).size() >= 60);
      Thread.sleep(2_000);
      assertThat(received(back, prefix)).hasSize(60).doesNotHaveDuplicates();
      await().atMost(Duration.ofSeconds(30)).until(() -> lag("notifier-bound") == 0);
    } finally {
      if (back != null) {
        back.stop();
      }
    }
  }

  @Test
  void shouldSendAFailedDeliveryAgainOnRequestOnceAndDeadLetterWhatItCannotRead() throws Exception {
    Webhook hook = Webhook.start(WEBHOOK_PORT);
    hook.status.set(500);
    String prefix = "again-" + System.nanoTime() + "-";
    Notifier.Options options = Notifier.Options.defaults().withRetry(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100)));
    String token = "admin-token-0123456789";
    try (Notifier notifier = notifier(MIXED_RULES, freePort(), "notifier-again", java.time.Clock.systemUTC(), options,
        new SimpleMeterRegistry());
        ServiceHttpServer http = ServiceHttpServer.start("alert-test", "127.0.0.1", 0,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), notifier::live, notifier::ready,
            new ServiceHttpServer.Route(RedeliverHandler.PATH, new RedeliverHandler(notifier, new BearerToken(token))))) {
      notifier.start();
      Instant since = Instant.now().minusSeconds(5);
      publishRaw("not an alert".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      publish(alerts(prefix, 1, "ops"));
      await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(prefix).size() == 1);
      assertThat(deliveries(prefix).get(0).getStatus()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(hook.received).as("tried twice, answered 500").hasSize(2);
      assertThat(deadLetters()).as("the record it could not read, dead-lettered; the loop went on")
          .anySatisfy(reason -> assertThat(reason).startsWith("cannot handle alert"));

      hook.status.set(200);
      String url = "http://127.0.0.1:" + http.port() + RedeliverHandler.PATH + "?since=" + since + "&channel=ops";
      HttpResponse<String> first = post(url, token);
      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(first.body()).contains(prefix);
      await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(prefix).size() == 2);
      assertThat(deliveries(prefix)).extracting(DeliveryRecord::getStatus).containsExactly(DeliveryStatus.FAILED, DeliveryStatus.DELIVERED);
      assertThat(hook.received).hasSize(3);

      HttpResponse<String> second = post(url, token);
      assertThat(second.statusCode()).isEqualTo(202);
      assertThat(second.body()).as("nothing FAILED any more").doesNotContain(prefix);
      assertThat(post(url, "wrong-token-0123456789").statusCode()).isEqualTo(401);
      Thread.sleep(2_000);
      assertThat(hook.received).as("sent again once").hasSize(3);
    } finally {
      hook.stop();
    }
  }

  @Test
  void shouldAnswerNotLiveWhileARoundTakesLongerThanTheBoundAndOnceTheThreadEnded() throws Exception {
    Webhook hook = Webhook.start(WEBHOOK_PORT);
    hook.delayMillis.set(8_000);
    String prefix = "slow-" + System.nanoTime() + "-";
    Notifier.Options options = Notifier.Options.defaults().withStallBound(Duration.ofSeconds(2));
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Notifier notifier = notifier(MIXED_RULES, freePort(), "notifier-slow", java.time.Clock.systemUTC(), options, meters);
    try (ServiceHttpServer http = ServiceHttpServer.start("alert-test", "127.0.0.1", 0, meters, notifier::live, notifier::ready)) {
      String live = "http://127.0.0.1:" + http.port() + ServiceHttpServer.LIVE_PATH;
      try {
        notifier.start();
        await().atMost(Duration.ofSeconds(60)).until(notifier::ready);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(live) == 200);

        publish(alerts(prefix, 1, "ops"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(live) == 503);
        // What RelmonNotifierStalled (deploy/prometheus/alerts.yml) watches, past the bound while stalled.
        assertThat(heartbeatAge(meters.scrape())).isGreaterThan(2.0);
        // The receiver answers after 8 s: the round then completes and the heartbeat is fresh again.
        await().atMost(Duration.ofSeconds(60)).until(() -> !hook.received.isEmpty() && get(live) == 200);
      } finally {
        notifier.close();
      }
      assertThat(get(live)).as("the notifier's thread has ended").isEqualTo(503);
    } finally {
      hook.stop();
    }
  }

  @Test
  void shouldGoOnAfterABrokerOutageFailsItsRoundsAndSendNothingTwice() throws Exception {
    int port = freePort();
    GreenMail smtp = smtp(port);
    Webhook hook = Webhook.start(WEBHOOK_PORT);
    hook.status.set(500);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    String prefix = "broker-" + System.nanoTime() + "-";
    // Clients that give up within seconds, so that the outage below fails rounds instead of waiting it out.
    Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers(), "default.api.timeout.ms", 3_000,
        "request.timeout.ms", 1_500, "delivery.timeout.ms", 4_000, "max.block.ms", 3_000);
    Notifier.Options options = Notifier.Options.defaults()
        .withRetry(new RetryPolicy(1_000, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    ChannelSender senders = ChannelSenders.of(new Mailer(new SmtpSettings("127.0.0.1", port, false, null, null, "relmon@relmon.example")),
        new WebhookSender(Map.of("OPS_SECRET", OPS_SECRET)));
    try (Notifier notifier = new Notifier(TOPICS, MIXED_RULES, senders, options, client, "notifier-broker", meters,
        java.time.Clock.systemUTC())) {
      notifier.start();
      publish(alerts(prefix + "hook-", 1, "ops"));
      await().atMost(Duration.ofSeconds(60)).until(() -> !hook.received.isEmpty());

      // The broker goes away while the webhook comes back: the delivery record cannot be written.
      kafka.stopNode(0);
      try {
        hook.status.set(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> meters.counter("relmon.notifier.round.failures").count() >= 2);
        assertThat(hook.accepted).as("delivered during the outage").hasSize(1);
      } finally {
        kafka.startNode(0);
        kafka.awaitReady(Duration.ofSeconds(60));
      }

      publish(alerts(prefix + "mail-", 2, "desk"));
      await().atMost(Duration.ofSeconds(90)).until(() -> received(smtp, prefix).size() == 2);
      await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(prefix).size() >= 3);
      Thread.sleep(2_000);
      assertThat(notifier.live()).as("the thread went on").isTrue();
      assertThat(hook.accepted).as("not sent again after the failed rounds").hasSize(1);
      assertThat(received(smtp, prefix)).hasSize(2);
      assertThat(deliveries(prefix).stream().filter(d -> d.getStatus() == DeliveryStatus.DELIVERED)
          .map(d -> d.getAlertId() + "/" + d.getChannel()).distinct())
          .as("the delivery record written during the outage, written again after it").hasSize(3)
          .anySatisfy(key -> assertThat(key).startsWith(prefix + "hook-"));
      await().atMost(Duration.ofSeconds(30)).until(() -> lag("notifier-broker") == 0);
      System.out.println("NOTIFIER-IT broker outage: " + (long) meters.counter("relmon.notifier.round.failures").count()
          + " failed rounds, thread alive, 3 alerts delivered once each");
    } finally {
      smtp.stop();
      hook.stop();
    }
  }

  /** A webhook receiver: records each request, checks its signature, answers with {@code status} after {@code delayMillis}. */
  private static final class Webhook {
    final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Boolean> verified = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Keys of the requests answered 2xx. */
    final List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(200);
    final java.util.concurrent.atomic.AtomicLong delayMillis = new java.util.concurrent.atomic.AtomicLong();
    private HttpServer server;

    static Webhook start(int port) throws Exception {
      Webhook hook = new Webhook();
      hook.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      hook.server.createContext("/hook", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        hook.received.add(exchange.getRequestHeaders().getFirst(WebhookSender.IDEMPOTENCY_HEADER));
        hook.verified.add(WebhookSignature.verify(OPS_SECRET, exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER), body,
            exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER), Instant.now(), WebhookSignature.DEFAULT_WINDOW));
        try {
          Thread.sleep(hook.delayMillis.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        int status = hook.status.get();
        if (status / 100 == 2) {
          hook.accepted.add(exchange.getRequestHeaders().getFirst(WebhookSender.IDEMPOTENCY_HEADER));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      hook.server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
      hook.server.start();
      return hook;
    }

    void stop() {
      server.stop(0);
    }
  }

  /** The value of relmon_notifier_last_loop_seconds in a Prometheus scrape. */
  private static double heartbeatAge(String scrape) {
    return scrape.lines().filter(line -> line.startsWith("relmon_notifier_last_loop_seconds ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip()))
        .orElseThrow(() -> new AssertionError("relmon_notifier_last_loop_seconds is not exported:\n" + scrape));
  }

  private static double retries(io.micrometer.core.instrument.MeterRegistry meters) {
    return meters.counter("relmon.alert.delivery.retries", "channel", "desk").count();
  }

  /** Message-IDs GreenMail received for alerts whose id starts with {@code prefix}. */
  private static List<String> received(GreenMail smtp, String prefix) {
    return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return m.getMessageID();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).filter(id -> id.startsWith("<" + prefix)).toList();
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
    try (var admin = kafka.admin()) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
  }

  /** Records on relmon.alerts.v1 the group has not committed yet. */
  private static long lag(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
    try (var admin = kafka.admin()) {
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
      for (int p = 0; p < TOPICS.alerts().partitions(); p++) {
        latest.put(new TopicPartition(TOPICS.alerts().name(), p), org.apache.kafka.clients.admin.OffsetSpec.latest());
      }
      long lag = 0;
      for (var entry : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata at = committed.get(entry.getKey());
        lag += entry.getValue().offset() - (at == null ? 0 : at.offset());
      }
      return lag;
    }
  }

  private static List<String> deadLetters() {
    return TopicReader.values(kafka.bootstrapServers(), TOPICS.alertDlq()).stream().map(d -> d.getReason().toString()).toList();
  }

  private static void publishRaw(byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(TOPICS.alerts().name(), "garbage-" + System.nanoTime(), value)).get();
    }
  }

  private static HttpResponse<String> post(String url, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePortUnchecked() {
    try {
      return freePort();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Notifier notifier(int smtpPort, String group) {
    return notifier(RULES, smtpPort, group, java.time.Clock.systemUTC());
  }

  private static Notifier notifier(RuleSet rules, int smtpPort, String group, java.time.Clock clock) {
    return notifier(rules, smtpPort, group, clock,
        Notifier.Options.defaults().withRetry(new RetryPolicy(200, Duration.ofMillis(200), Duration.ofSeconds(2))), new SimpleMeterRegistry());
  }

  private static Notifier notifier(RuleSet rules, int smtpPort, String group, java.time.Clock clock, Notifier.Options options,
      io.micrometer.core.instrument.MeterRegistry meters) {
    ChannelSender senders = ChannelSenders.of(new Mailer(new SmtpSettings("127.0.0.1", smtpPort, false, null, null, "relmon@relmon.example")),
        new WebhookSender(Map.of("OPS_SECRET", OPS_SECRET)));
    return new Notifier(TOPICS, rules, senders, options, Map.of("bootstrap.servers", kafka.bootstrapServers()), group, meters, clock);
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

  private static List<RecordMetadata> publish(List<Alert> alerts) throws Exception {
    List<RecordMetadata> written = new ArrayList<>();
    try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        TOPICS.alerts().keySerde().serializer(), TOPICS.alerts().valueSerde().serializer())) {
      for (Alert alert : alerts) {
        written.add(producer.send(new ProducerRecord<>(TOPICS.alerts().name(), alert.getAlertId(), alert)).get());
      }
    }
    return written;
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
