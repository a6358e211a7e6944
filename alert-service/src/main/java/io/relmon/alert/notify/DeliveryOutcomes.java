package io.relmon.alert.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.alert.rules.Channel;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.ChannelKind;
import io.relmon.schemas.avro.DeliveryRecord;
import io.relmon.schemas.avro.DeliveryStatus;
import java.time.Clock;

/**
 * Writes down how a delivery ended, in the three places that need it: the delivery log in memory
 * (nothing is sent twice), the journal (relmon.deliveries.v1, before the offset is committed) and
 * the {@code relmon.alert.deliveries} counter.
 */
final class DeliveryOutcomes {

  private final DeliveryLog log;
  private final DeliveryJournal journal;
  private final MeterRegistry meters;
  private final Clock clock;

  DeliveryOutcomes(DeliveryLog log, DeliveryJournal journal, MeterRegistry meters, Clock clock) {
    this.log = log;
    this.journal = journal;
    this.meters = meters;
    this.clock = clock;
  }

  static String key(String alertId, String channel) {
    return alertId + "/" + channel;
  }

  void record(Alert alert, Channel channel, String idempotencyKey, DeliveryStatus status, int attempts, String reason) {
    ChannelKind kind = channel instanceof Channel.Email ? ChannelKind.EMAIL : ChannelKind.WEBHOOK;
    String recipient = channel instanceof Channel.Email email ? String.join(",", email.to()) : channel.toString();
    record(alert, channel.name(), kind, recipient, idempotencyKey, status, attempts, reason);
  }

  /** An alert for a channel the rules do not define: FAILED at once. */
  void undefinedChannel(Alert alert, String channel) {
    record(alert, channel, ChannelKind.OTHER, "", key(alert.getAlertId(), channel), DeliveryStatus.FAILED, 0,
        "channel '" + channel + "' is not defined");
  }

  private void record(Alert alert, String channel, ChannelKind kind, String recipient, String idempotencyKey,
      DeliveryStatus status, int attempts, String reason) {
    String key = key(alert.getAlertId(), channel);
    java.time.Instant now = clock.instant();
    journal.delivery(key, DeliveryRecord.newBuilder()
        .setAlertId(alert.getAlertId())
        .setChannel(channel)
        .setChannelKind(kind)
        .setRecipient(recipient)
        .setIdempotencyKey(idempotencyKey)
        .setStatus(status)
        .setAttempts(attempts)
        .setReason(reason)
        .setAt(now)
        .build());
    log.record(key, status, now, now);
    meters.counter("relmon.alert.deliveries", "channel", channel, "result", status.name().toLowerCase()).increment();
  }
}
