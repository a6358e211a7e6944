package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.relmon.alert.AlertFixtures;
import io.relmon.alert.rules.Channel;
import io.relmon.alert.rules.RuleSet;
import io.relmon.alert.rules.RulesFile;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.DeliveryRecord;
import io.relmon.schemas.avro.DeliveryStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The notifier's scheduling without a broker or a mail server: a sender whose channels the test
 * takes down and brings back, a journal that keeps what would be written, a clock moved by hand.
 */
class DeliverySchedulerTest {

  private static final RuleSet RULES = RulesFile.parse("""
      channels:
        desk:
          email:
            to: [desk@example.org]
        ops:
          webhook:
            url: http://127.0.0.1:9/hook
            secret_env: OPS_SECRET
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
          channels: [desk]
      """, "test");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T07:00:00Z"));
  private final FakeSender sender = new FakeSender();
  private final ListJournal journal = new ListJournal();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final DeliveryLog log = new DeliveryLog(Duration.ofDays(30), 10_000);

  private DeliveryScheduler scheduler(RetryPolicy policy, int maxPending) {
    return new DeliveryScheduler(RULES.channels(), sender, policy, log, new DigestQueue(Set.of("brief")), journal, meters, clock,
        maxPending, Duration.ofSeconds(10));
  }

  @Test
  void shouldDeliverAtOnceAndLetTheOffsetMovePast() {
    DeliveryScheduler scheduler = scheduler(RetryPolicy.defaults(), 100);
    scheduler.accept(alert("a0", "desk", "ops"), new RecordPosition(0, 7), OptionalLong.empty());
    assertThat(scheduler.committable(0, 8)).as("not before it is delivered").isEqualTo(7);

    scheduler.deliverDue();

    assertThat(sender.sent).containsExactly("desk <a0.desk@relmon>", "ops a0/ops");
    assertThat(journal.status("a0/desk")).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(journal.status("a0/ops")).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(scheduler.committable(0, 8)).isEqualTo(8);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void shouldProbeADownChannelOncePerBackoffStepAndNeverWaitForIt() {
    DeliveryScheduler scheduler = scheduler(new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1)), 100);
    sender.down.add("desk");
    for (int i = 0; i < 50; i++) {
      scheduler.accept(alert("a" + i, "desk"), new RecordPosition(0, i), OptionalLong.empty());
    }

    long started = System.nanoTime();
    scheduler.deliverDue();
    scheduler.deliverDue();
    assertThat(sender.attempts).as("one attempt, then the channel rests; the others wait without an attempt").isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("nothing sleeps").isLessThan(Duration.ofSeconds(5));
    assertThat(scheduler.pending()).isEqualTo(50);
    assertThat(scheduler.committable(0, 50)).isZero();

    clock.advance(Duration.ofSeconds(1));
    scheduler.deliverDue();
    assertThat(sender.attempts).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    scheduler.deliverDue();
    assertThat(sender.attempts).as("resting 2 s after the second failure").isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    scheduler.deliverDue();
    assertThat(sender.attempts).isEqualTo(3);

    sender.down.remove("desk");
    clock.advance(Duration.ofSeconds(4));
    scheduler.deliverDue();

    assertThat(sender.sent).hasSize(50).doesNotHaveDuplicates();
    assertThat(sender.sent.get(0)).as("oldest first").isEqualTo("desk <a0.desk@relmon>");
    assertThat(journal.statuses()).hasSize(50).containsOnly(DeliveryStatus.DELIVERED);
    assertThat(journal.records.get("a0/desk").get(0).getAttempts()).isEqualTo(4);
    assertThat(scheduler.committable(0, 50)).isEqualTo(50);
    assertThat(meters.counter("relmon.alert.delivery.retries", "channel", "desk").count()).isEqualTo(3);
  }

  @Test
  void shouldKeepDeliveringToOtherChannelsWhileOneIsDown() {
    DeliveryScheduler scheduler = scheduler(RetryPolicy.defaults(), 100);
    sender.down.add("desk");
    scheduler.accept(alert("a0", "desk"), new RecordPosition(0, 0), OptionalLong.empty());
    scheduler.accept(alert("a1", "ops"), new RecordPosition(1, 0), OptionalLong.empty());

    scheduler.deliverDue();

    assertThat(sender.sent).containsExactly("ops a1/ops");
    assertThat(scheduler.committable(1, 1)).isEqualTo(1);
    assertThat(scheduler.committable(0, 1)).isZero();
  }

  @Test
  void shouldFailEveryWaitingDeliveryOnceItsBudgetIsSpentAndMoveOn() {
    DeliveryScheduler scheduler = scheduler(new RetryPolicy(1_000, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10)), 100);
    sender.down.add("desk");
    for (int i = 0; i < 3; i++) {
      scheduler.accept(alert("a" + i, "desk"), new RecordPosition(0, i), OptionalLong.empty());
    }

    for (int minute = 0; minute < 11; minute++) {
      scheduler.deliverDue();
      clock.advance(Duration.ofMinutes(1));
    }
    scheduler.deliverDue();

    assertThat(journal.statuses()).hasSize(3).containsOnly(DeliveryStatus.FAILED);
    assertThat(journal.records.get("a0/desk").get(0).getReason()).startsWith("gave up after").contains("IOException: desk is down");
    assertThat(journal.records.get("a2/desk").get(0).getReason()).contains("channel failing: IOException: desk is down");
    assertThat(scheduler.pending()).isZero();
    assertThat(scheduler.committable(0, 3)).isEqualTo(3);
    assertThat(log.status("a1/desk")).contains(DeliveryStatus.FAILED);
    assertThat(meters.counter("relmon.alert.deliveries", "channel", "desk", "result", "failed").count()).isEqualTo(3);
  }

  @Test
  void shouldSayWhenFullSoTheLoopStopsTakingAlerts() {
    DeliveryScheduler scheduler = scheduler(RetryPolicy.defaults(), 5);
    sender.down.add("desk");
    int taken = 0;
    while (!scheduler.full() && taken < 100) {
      scheduler.accept(alert("a" + taken, "desk"), new RecordPosition(0, taken), OptionalLong.empty());
      scheduler.deliverDue();
      taken++;
    }

    assertThat(taken).isEqualTo(5);
    assertThat(scheduler.pending()).isEqualTo(5);
    sender.down.remove("desk");
    clock.advance(Duration.ofMinutes(1));
    scheduler.deliverDue();
    assertThat(scheduler.full()).isFalse();
    assertThat(sender.sent).hasSize(5);
  }

  @Test
  void shouldFailAndDeadLetterAnAlertThatCanNeverBeSentAndGoOn() {
    DeliveryScheduler scheduler = scheduler(RetryPolicy.defaults(), 100);
    sender.unsendable.add("bad");
    scheduler.accept(alert("bad", "desk"), new RecordPosition(2, 40), OptionalLong.empty());
    scheduler.accept(alert("good", "desk"), new RecordPosition(2, 41), OptionalLong.empty());

    scheduler.deliverDue();

    assertThat(journal.records.get("bad/desk").get(0).getStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(journal.records.get("bad/desk").get(0).getReason()).startsWith("cannot be sent: IllegalStateException");
    assertThat(journal.deadLetters).containsExactly("bad@2/40");
    assertThat(sender.sent).containsExactly("desk <good.desk@relmon>");
    assertThat(scheduler.committable(2, 42)).isEqualTo(42);
  }

  @Test
  void shouldSendNothingTheLogSaysIsDone() {
    DeliveryScheduler scheduler = scheduler(RetryPolicy.defaults(), 100);
    log.record("a0/desk", DeliveryStatus.DELIVERED, clock.instant(), clock.instant());
    log.record("a1/desk", DeliveryStatus.FAILED, clock.instant(), clock.instant());

    scheduler.accept(alert("a0", "desk"), new RecordPosition(0, 0), OptionalLong.empty());
    scheduler.accept(alert("a1", "desk"), new RecordPosition(0, 1), OptionalLong.empty());
    scheduler.deliverDue();

    assertThat(sender.attempts).isZero();
    assertThat(scheduler.committable(0, 2)).isEqualTo(2);
    assertThat(meters.counter("relmon.alert.deliveries", "channel", "desk", "result", "already_delivered").count()).isEqualTo(2);
  }

  @Test
  void shouldSendAFailedDeliveryAgainOnRequestOnce() {
    DeliveryScheduler scheduler = scheduler(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)), 100);
    sender.down.add("ops");
    Alert alert = alert("a0", "ops");
    scheduler.accept(alert, new RecordPosition(0, 0), OptionalLong.empty());
    scheduler.deliverDue();
    assertThat(log.status("a0/ops")).contains(DeliveryStatus.FAILED);

    sender.down.remove("ops");
    clock.advance(Duration.ofSeconds(1));
    assertThat(scheduler.redeliver(alert, "ops")).isTrue();
    assertThat(scheduler.redeliver(alert, "ops")).as("already waiting").isFalse();
    scheduler.deliverDue();
    scheduler.deliverDue();

    assertThat(sender.sent).containsExactly("ops a0/ops");
    assertThat(log.status("a0/ops")).contains(DeliveryStatus.DELIVERED);
    assertThat(journal.records.get("a0/ops")).extracting(DeliveryRecord::getStatus)
        .containsExactly(DeliveryStatus.FAILED, DeliveryStatus.DELIVERED);
  }

  @Test
  void shouldRetryADigestThatFailedWithoutHoldingUpTheRest() {
    DeliveryScheduler scheduler = scheduler(new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1)), 100);
    for (int i = 0; i < 3; i++) {
      scheduler.accept(alert("d" + i, "brief"), new RecordPosition(0, i), OptionalLong.empty());
    }
    assertThat(journal.queued).hasSize(3);
    assertThat(scheduler.committable(0, 3)).as("held by the digest queue, not by the offset").isEqualTo(3);

    clock.set(Instant.parse("2026-12-01T07:30:00Z"));
    sender.down.add("brief");
    scheduler.deliverDue();
    scheduler.deliverDue();
    assertThat(sender.attempts).isEqualTo(1);
    scheduler.accept(alert("x", "ops"), new RecordPosition(1, 0), OptionalLong.empty());
    scheduler.deliverDue();
    assertThat(sender.sent).containsExactly("ops x/ops");

    sender.down.remove("brief");
    clock.advance(Duration.ofSeconds(1));
    scheduler.deliverDue();
    scheduler.deliverDue();

    String digestKey = "<digest-" + Instant.parse("2026-12-01T07:30:00Z").toEpochMilli() + ".brief@relmon>";
    assertThat(sender.sent).containsExactly("ops x/ops", "brief " + digestKey);
    assertThat(journal.leftQueue).hasSize(3);
    assertThat(journal.records.get("d1/brief").get(0).getIdempotencyKey()).isEqualTo(digestKey);
  }

  private static Alert alert(String id, String... channels) {
    return Alert.newBuilder(AlertFixtures.alert("evidence", "https://news.example/1")).setAlertId(id).setChannels(List.of(channels)).build();
  }

  /** Channels the test takes down ("down": IOException) or alerts it makes unsendable (a RuntimeException). */
  static final class FakeSender implements ChannelSender {
    final Set<String> down = new HashSet<>();
    final Set<String> unsendable = new HashSet<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    int attempts;

    @Override
    public void send(Channel channel, Outgoing message) throws IOException {
      attempts++;
      if (message instanceof Outgoing.OneAlert one && unsendable.contains(one.alert().getAlertId())) {
        throw new IllegalStateException("cannot render " + one.alert().getAlertId());
      }
      if (down.contains(channel.name())) {
        throw new IOException(channel.name() + " is down");
      }
      sent.add(channel.name() + " " + message.idempotencyKey());
    }
  }

  /** Keeps what the notifier would write to Kafka. */
  static final class ListJournal implements DeliveryJournal {
    final Map<String, List<DeliveryRecord>> records = new HashMap<>();
    final List<String> queued = new ArrayList<>();
    final List<String> leftQueue = new ArrayList<>();
    final List<String> deadLetters = new ArrayList<>();

    @Override
    public void delivery(String key, DeliveryRecord record) {
      records.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
    }

    @Override
    public void queuedForDigest(String channel, Alert alert, Instant at) {
      queued.add(channel + "/" + alert.getAlertId());
    }

    @Override
    public void leftDigestQueue(String channel, String alertId) {
      leftQueue.add(channel + "/" + alertId);
    }

    @Override
    public void deadLetter(Alert alert, RecordPosition from, String reason, Throwable error) {
      deadLetters.add(alert.getAlertId() + "@" + from.partition() + "/" + from.offset());
    }

    DeliveryStatus status(String key) {
      List<DeliveryRecord> list = records.get(key);
      return list == null ? null : list.get(list.size() - 1).getStatus();
    }

    List<DeliveryStatus> statuses() {
      return records.values().stream().map(l -> l.get(l.size() - 1).getStatus()).toList();
    }
  }
}
