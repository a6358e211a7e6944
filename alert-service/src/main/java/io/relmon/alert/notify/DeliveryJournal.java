package io.relmon.alert.notify;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.DeliveryRecord;
import java.time.Instant;

/**
 * What the notifier writes down before it commits the offsets of the alerts it concerns: the
 * Kafka topics, for the notifier; a list, for tests.
 */
public interface DeliveryJournal {

  /** An outcome, DELIVERED or FAILED, for relmon.deliveries.v1 (key {@code alertId/channel}). */
  void delivery(String key, DeliveryRecord record);

  /** An alert held for {@code channel}'s digest, for relmon.digest-queue.v1 (key {@code channel/alertId}). */
  void queuedForDigest(String channel, Alert alert, Instant at);

  /** The alert went out in a digest (or failed in one): its digest-queue entry is removed. */
  void leftDigestQueue(String channel, String alertId);

  /** An alert read at {@code from} that cannot be handled: to the alert service's dead-letter topic. */
  void deadLetter(Alert alert, RecordPosition from, String reason, Throwable error);
}
