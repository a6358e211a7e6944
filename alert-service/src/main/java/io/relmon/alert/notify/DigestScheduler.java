package io.relmon.alert.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.alert.rules.Channel;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.DeliveryStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily digests: holds each alert for a digest channel in the {@link DigestQueue} (written to the
 * journal first, so a restart finds it again) and, at the channel's digest time, sends every alert
 * queued up to then in one message; then each gets its delivery outcome and leaves the queue. A
 * digest that fails waits for its next attempt without holding anything else up.
 */
final class DigestScheduler {

  private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

  /** A digest whose last attempt failed: when to try it again. */
  private record Retrying(String digestId, int attempts, Instant since, Instant next) {}

  private final Map<String, Channel> channels;
  private final DigestQueue queue;
  private final ChannelSender sender;
  private final RetryPolicy policy;
  private final DeliveryOutcomes outcomes;
  private final DeliveryJournal journal;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, Retrying> failing = new HashMap<>();

  DigestScheduler(Map<String, Channel> channels, DigestQueue queue, ChannelSender sender, RetryPolicy policy,
      DeliveryOutcomes outcomes, DeliveryJournal journal, MeterRegistry meters, Clock clock) {
    this.channels = channels;
    this.queue = queue;
    this.sender = sender;
    this.policy = policy;
    this.outcomes = outcomes;
    this.journal = journal;
    this.meters = meters;
    this.clock = clock;
  }

  /** Holds {@code alert} for {@code channel}'s next digest, once. */
  void queue(Channel channel, Alert alert) {
    if (queue.holds(channel.name(), alert.getAlertId())) {
      return;
    }
    Instant now = clock.instant();
    journal.queuedForDigest(channel.name(), alert, now);
    queue.put(channel.name(), alert, now);
    meters.counter("relmon.alert.deliveries", "channel", channel.name(), "result", "queued").increment();
  }

  /**
   * Sends each digest that is due and not waiting for a retry: for a channel, the alerts queued
   * up to its latest digest time. The digest's id comes from the channel and that time, and its
   * content from what was queued before it, so a digest sent again after a crash (before its
   * delivery records were written) is the same message under the same Message-ID / Idempotency-Key.
   */
  void sendDue() {
    Instant now = clock.instant();
    for (String name : queue.channels()) {
      Channel channel = channels.get(name);
      Instant due = channel.digest().orElseThrow().latestAtOrBefore(now);
      List<Alert> alerts = queue.queuedUpTo(name, due);
      if (alerts.isEmpty()) {
        continue;
      }
      Outgoing.Digest digest = Outgoing.Digest.of(channel, due, alerts);
      Retrying retrying = failing.get(name);
      if (retrying != null && !retrying.digestId().equals(digest.digestId())) {
        retrying = null; // a later digest time took these alerts and more: a new digest
      }
      if (retrying != null && now.isBefore(retrying.next())) {
        continue;
      }
      int attempts = retrying == null ? 1 : retrying.attempts() + 1;
      try {
        sender.send(channel, digest);
        finish(channel, digest, DeliveryStatus.DELIVERED, attempts, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        finish(channel, digest, DeliveryStatus.FAILED, attempts, "cannot be sent: " + describe(e));
      } catch (Exception e) {
        meters.counter("relmon.alert.delivery.retries", "channel", name).increment();
        Instant since = retrying == null ? now : retrying.since();
        log.warn("digest {} ({} alerts) to {} failed (attempt {}/{}): {}", digest.digestId(), alerts.size(), name, attempts,
            policy.attempts(), describe(e));
        if (policy.givesUp(attempts, since, now)) {
          finish(channel, digest, DeliveryStatus.FAILED, attempts, "gave up after " + attempts + " attempts: " + describe(e));
        } else {
          failing.put(name, new Retrying(digest.digestId(), attempts, since, now.plus(policy.delayAfter(attempts))));
        }
      }
    }
  }

  private void finish(Channel channel, Outgoing.Digest digest, DeliveryStatus status, int attempts, String reason) {
    failing.remove(channel.name());
    for (Alert alert : digest.alerts()) {
      outcomes.record(alert, channel, digest.idempotencyKey(), status, attempts, reason);
      journal.leftDigestQueue(channel.name(), alert.getAlertId());
      queue.remove(channel.name(), alert.getAlertId());
    }
    meters.counter("relmon.alert.digests", "channel", channel.name(), "result", status.name().toLowerCase()).increment();
    log.info("digest {} of {} alerts to {}: {}", digest.digestId(), digest.alerts().size(), channel.name(), status);
  }

  static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
