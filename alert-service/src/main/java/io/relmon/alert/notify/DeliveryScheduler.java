package io.relmon.alert.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.relmon.alert.rules.Channel;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.DeliveryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what to send when, without Kafka and without sleeping: each alert's deliveries wait in
 * a pending set, oldest first, until DELIVERED or FAILED; {@link #deliverDue()} sends what is due
 * and returns, so the loop that calls it keeps polling while a channel is down.
 *
 * <p>Backoff is per channel: after a failure the channel rests ({@link RetryPolicy#delayAfter})
 * and every delivery to it waits, so a channel that is down sees one attempt per backoff step,
 * not one per waiting alert, and the loop is never held up by more than one failing attempt per
 * channel. The budget is per delivery: attempts made for it and time since it first had to wait
 * ({@link RetryPolicy#givesUp}); a delivery past its budget is FAILED.
 *
 * <p>Memory is bounded: at most {@code maxPending} deliveries (plus the other channels of the last
 * alert taken) wait; {@link #full()} tells the loop to stop taking alerts.
 */
public final class DeliveryScheduler {

  private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);

  /** A delivery waiting for its channel; {@code from} is empty for a redelivery on request. */
  private record Pending(String key, Alert alert, Channel channel, Optional<RecordPosition> from, OptionalLong acceptedAt,
      int attempts, Instant since, Instant due) {
    Pending after(int attempts, Instant due) {
      return new Pending(key, alert, channel, from, acceptedAt, attempts, since, due);
    }
  }

  /** A channel whose last attempt failed: how many failed in a row, and until when it rests. */
  private record Resting(int failures, Instant until, String lastError) {}

  private final Map<String, Channel> channels;
  private final ChannelSender sender;
  private final RetryPolicy policy;
  private final DeliveryLog deliveryLog;
  private final DeliveryOutcomes outcomes;
  private final DigestScheduler digests;
  private final DeliveryJournal journal;
  private final MeterRegistry meters;
  private final Clock clock;
  private final int maxPending;
  private final Duration roundTime;
  private final Timer endToEnd;
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
  private final Map<String, Resting> resting = new HashMap<>();
  private final OutstandingOffsets outstanding = new OutstandingOffsets();

  /**
   * @param maxPending deliveries that may wait at once
   * @param roundTime how long one {@link #deliverDue()} starts new attempts for (one attempt
   *     takes at most the senders' timeouts more), so the loop polls again in time
   */
  public DeliveryScheduler(Map<String, Channel> channels, ChannelSender sender, RetryPolicy policy, DeliveryLog deliveryLog,
      DigestQueue digestQueue, DeliveryJournal journal, MeterRegistry meters, Clock clock, int maxPending, Duration roundTime) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
    }
    this.channels = channels;
    this.sender = sender;
    this.policy = policy;
    this.deliveryLog = deliveryLog;
    this.journal = journal;
    this.meters = meters;
    this.clock = clock;
    this.maxPending = maxPending;
    this.roundTime = roundTime;
    this.outcomes = new DeliveryOutcomes(deliveryLog, journal, meters, clock);
    this.digests = new DigestScheduler(channels, digestQueue, sender, policy, outcomes, journal, meters, clock);
    this.endToEnd = Timer.builder("relmon.pipeline.latency")
        .description("From the article accepted by ingest to the alert accepted by its channel (SMTP server, webhook)")
        .publishPercentileHistogram()
        .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
        .register(meters);
    meters.gauge("relmon.alert.deliveries.pending", pending, Map::size);
  }

  /** True when no more alerts are to be taken until some pending deliveries end. */
  public boolean full() {
    return pending.size() >= maxPending;
  }

  public int pending() {
    return pending.size();
  }

  /**
   * Takes an alert read at {@code from}: each of its channels not yet done gets a pending
   * delivery, due now (a channel that rests makes it wait); a digest channel queues it instead.
   * The record stays outstanding until every delivery of it ends.
   */
  public void accept(Alert alert, RecordPosition from, OptionalLong acceptedAt) {
    Instant now = clock.instant();
    for (String channelName : alert.getChannels().stream().distinct().toList()) {
      String key = DeliveryOutcomes.key(alert.getAlertId(), channelName);
      if (pending.containsKey(key)) {
        continue;
      }
      if (deliveryLog.done(key)) {
        meters.counter("relmon.alert.deliveries", "channel", channelName, "result", "already_delivered").increment();
        continue;
      }
      Channel channel = channels.get(channelName);
      if (channel == null) {
        outcomes.undefinedChannel(alert, channelName);
      } else if (channel.digest().isPresent()) {
        digests.queue(channel, alert);
      } else {
        pending.put(key, new Pending(key, alert, channel, Optional.of(from), acceptedAt, 0, now, now));
        outstanding.hold(from);
      }
    }
  }

  /**
   * Sends {@code alert} to {@code channelName} again (an operator's request for a FAILED
   * delivery), with a fresh budget; a digest channel queues it for its next digest.
   * False for a channel the rules do not define or a delivery already waiting.
   */
  public boolean redeliver(Alert alert, String channelName) {
    Channel channel = channels.get(channelName);
    String key = DeliveryOutcomes.key(alert.getAlertId(), channelName);
    if (channel == null || pending.containsKey(key)) {
      return false;
    }
    if (channel.digest().isPresent()) {
      digests.queue(channel, alert);
    } else {
      Instant now = clock.instant();
      pending.put(key, new Pending(key, alert, channel, Optional.empty(), OptionalLong.empty(), 0, now, now));
    }
    log.info("redelivering {} on request", key);
    return true;
  }

  /**
   * Attempts the deliveries that are due, oldest first, for at most the round time; then the
   * digests that are due. A delivery whose channel rests waits for it, or is FAILED past its budget.
   */
  public void deliverDue() {
    deliverDue(() -> true);
  }

  /** As {@link #deliverDue()}, starting no new attempt once {@code carryOn} says no (closing). */
  public void deliverDue(java.util.function.BooleanSupplier carryOn) {
    Instant now = clock.instant();
    long stopStarting = System.nanoTime() + roundTime.toNanos();
    for (Pending delivery : new ArrayList<>(pending.values())) {
      if (delivery.due().isAfter(now)) {
        continue;
      }
      Resting rest = resting.get(delivery.channel().name());
      if (rest != null && rest.until().isAfter(now)) {
        if (policy.givesUp(delivery.attempts(), delivery.since(), now)) {
          finish(delivery, DeliveryStatus.FAILED, delivery.attempts(), "gave up after " + delivery.attempts()
              + " attempts and " + Duration.between(delivery.since(), now).toSeconds() + " s: channel failing: " + rest.lastError());
        } else {
          pending.put(delivery.key(), delivery.after(delivery.attempts(), rest.until()));
        }
        continue;
      }
      if (System.nanoTime() - stopStarting > 0 || !carryOn.getAsBoolean()) {
        break; // the rest stay due: the loop polls, then comes back
      }
      if (!attempt(delivery, now)) {
        return; // interrupted: closing
      }
    }
    digests.sendDue();
  }

  /** One attempt; false when interrupted. */
  private boolean attempt(Pending delivery, Instant now) {
    Channel channel = delivery.channel();
    int attempts = delivery.attempts() + 1;
    try {
      sender.send(channel, Outgoing.OneAlert.of(channel, delivery.alert(), delivery.acceptedAt()));
      resting.remove(channel.name());
      finish(delivery, DeliveryStatus.DELIVERED, attempts, null);
      delivery.acceptedAt().ifPresent(acceptedAt ->
          // Article accepted by ingest → alert accepted by the channel (digests left out: they wait by design).
          endToEnd.record(Math.max(0, clock.millis() - acceptedAt), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      // Not the channel's fault, and no retry will change it: this alert cannot be sent.
      String reason = "cannot be sent: " + DigestScheduler.describe(e);
      log.error("delivery of {} failed for good: {}", delivery.key(), reason, e);
      finish(delivery, DeliveryStatus.FAILED, attempts, reason);
      delivery.from().ifPresent(from -> journal.deadLetter(delivery.alert(), from, reason, e));
    } catch (Exception e) {
      String error = DigestScheduler.describe(e);
      meters.counter("relmon.alert.delivery.retries", "channel", channel.name()).increment();
      Resting before = resting.get(channel.name());
      int failures = before == null ? 1 : before.failures() + 1;
      Instant until = now.plus(policy.delayAfter(failures));
      resting.put(channel.name(), new Resting(failures, until, error));
      log.warn("delivery of {} failed (attempt {}/{}; channel rests until {}): {}", delivery.key(), attempts, policy.attempts(), until, error);
      if (policy.givesUp(attempts, delivery.since(), now)) {
        finish(delivery, DeliveryStatus.FAILED, attempts, "gave up after " + attempts + " attempts: " + error);
      } else {
        pending.put(delivery.key(), delivery.after(attempts, until));
      }
    }
    return true;
  }

  private void finish(Pending delivery, DeliveryStatus status, int attempts, String reason) {
    pending.remove(delivery.key());
    Outgoing.OneAlert message = Outgoing.OneAlert.of(delivery.channel(), delivery.alert());
    outcomes.record(delivery.alert(), delivery.channel(), message.idempotencyKey(), status, attempts, reason);
    delivery.from().ifPresent(outstanding::release);
  }

  /** The offset to commit for {@code partition} read up to {@code position}: never past an alert not yet done. */
  public long committable(int partition, long position) {
    return outstanding.committable(partition, position);
  }

  /**
   * Forgets the deliveries of alerts read from {@code partition}: it is no longer assigned, and
   * whoever reads it next starts at the committed offset, before them.
   */
  public void dropPartition(int partition) {
    pending.values().removeIf(p -> p.from().map(f -> f.partition() == partition).orElse(false));
    outstanding.drop(partition);
  }

  /** Forgets every delivery read from the topic (after a failure the loop reads again from the committed offsets). */
  public void dropAllRead() {
    pending.values().removeIf(p -> p.from().isPresent());
    outstanding.clear();
  }

  /** Keys of the deliveries waiting, oldest first (for tests and logs). */
  public List<String> pendingKeys() {
    return List.copyOf(pending.keySet());
  }
}
