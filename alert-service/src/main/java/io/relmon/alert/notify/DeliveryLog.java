package io.relmon.alert.notify;

import io.relmon.schemas.avro.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the notifier remembers of relmon.deliveries.v1: for each {@code alertId/channel}, whether
 * it was DELIVERED or FAILED, so that an alert read again (a restart before a commit, a rewound
 * group) is not sent twice, and a FAILED one can be sent again on request.
 *
 * <p>Bounded two ways, oldest first: a key is forgotten once its outcome is older than
 * {@code retention} (an alert read again that long after its delivery is a deliberate replay, and
 * its e-mail keeps its Message-ID, so a mail client still folds it), and the oldest keys go when
 * there are more than {@code maxKeys}. Outcomes are kept in the order they were recorded; one
 * recorded again moves to the end. Thread-safe: the redelivery endpoint reads it while the
 * notifier writes.
 */
public final class DeliveryLog {

  /** 30 days, and a million keys (about 150 MB at most). */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  public static final int DEFAULT_MAX_KEYS = 1_000_000;

  private record Outcome(DeliveryStatus status, Instant at) {}

  private final Duration retention;
  private final int maxKeys;
  private final LinkedHashMap<String, Outcome> outcomes = new LinkedHashMap<>();

  public DeliveryLog(Duration retention, int maxKeys) {
    if (maxKeys < 1 || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("need a positive retention and key bound: " + retention + ", " + maxKeys);
    }
    this.retention = retention;
    this.maxKeys = maxKeys;
  }

  /** Records {@code key}'s outcome known at {@code at}, then forgets what is past the bounds at {@code now}. */
  public synchronized void record(String key, DeliveryStatus status, Instant at, Instant now) {
    outcomes.remove(key);
    outcomes.put(key, new Outcome(status, at));
    forget(now);
  }

  /** The outcome of {@code key}, if it is remembered. */
  public synchronized Optional<DeliveryStatus> status(String key) {
    Outcome outcome = outcomes.get(key);
    return outcome == null ? Optional.empty() : Optional.of(outcome.status());
  }

  /** True when {@code key} was delivered or given up on (and is still remembered). */
  public boolean done(String key) {
    return status(key).isPresent();
  }

  public synchronized int size() {
    return outcomes.size();
  }

  /** Forgets the oldest keys while there are too many or they are older than the retention. */
  public synchronized void forget(Instant now) {
    Instant oldest = now.minus(retention);
    Iterator<Map.Entry<String, Outcome>> it = outcomes.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Outcome> eldest = it.next();
      if (outcomes.size() > maxKeys || eldest.getValue().at().isBefore(oldest)) {
        it.remove();
      } else {
        break;
      }
    }
  }
}
