package io.relmon.scoring.signals;

import io.relmon.schemas.avro.DedupedEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gives each record entering one side of the TIMED_PROVOCATION join a timestamp of its own: its
 * event time, or the first free millisecond after it. Why: every record of the join has the one
 * timing key, and event times fall on day starts, so without this many records would share key
 * and timestamp. A stream-stream join's window store keeps such duplicates apart by a sequence
 * number that restarts at zero when the store is opened again, so after a crash and restore a
 * new record overwrote a restored one with the same key, timestamp and sequence number — and a
 * provocation silently lost its signal (ScoringRestartIT caught it). With unique timestamps no
 * two records of a side share a store key. The assignment is state in {@code storeName} (a
 * logged store: replays under exactly-once see the same assignments), keyed by the millisecond
 * it took, so re-processing a record finds its own slot again. Slots older than {@code retention}
 * behind the newest are forgotten: the join has forgotten those records too.
 */
public final class JoinTimeStamper implements FixedKeyProcessor<String, DedupedEvent, DedupedEvent> {

  private final String storeName;
  private final long retentionMs;
  private FixedKeyProcessorContext<String, DedupedEvent> context;
  private KeyValueStore<String, String> slots;
  private long newest = Long.MIN_VALUE;

  public JoinTimeStamper(String storeName, Duration retention) {
    this.storeName = storeName;
    this.retentionMs = retention.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, DedupedEvent> context) {
    this.context = context;
    this.slots = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, DedupedEvent> record) {
    String eventId = record.value().getEventId();
    long slot = record.value().getEventTime().toEpochMilli();
    for (String holder = slots.get(key(slot)); holder != null && !holder.equals(eventId); holder = slots.get(key(slot))) {
      slot++;
    }
    slots.put(key(slot), eventId);
    forgetBefore(slot);
    context.forward(record.withTimestamp(slot));
  }

  private void forgetBefore(long slot) {
    if (slot <= newest) {
      return;
    }
    newest = slot;
    long horizon = newest - retentionMs;
    if (horizon <= 0) {
      return;
    }
    java.util.List<String> expired = new java.util.ArrayList<>();
    try (KeyValueIterator<String, String> old = slots.range(key(0), key(horizon - 1))) {
      old.forEachRemaining(kv -> expired.add(kv.key));
    }
    expired.forEach(slots::delete);
  }

  /** Zero-padded so that the store's byte order is time order (the range above relies on it). */
  static String key(long millis) {
    return String.format("%015d", millis);
  }
}
