package io.relmon.alert.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts read but not yet DELIVERED or FAILED on every channel, by partition and offset: the
 * notifier never commits an offset past the first of them, so a crash loses none of them (the
 * ones after it that were done are skipped by the delivery log when they are read again).
 */
final class OutstandingOffsets {

  /** Per partition: offset → deliveries of that record still open. */
  private final Map<Integer, TreeMap<Long, Integer>> open = new HashMap<>();

  void hold(RecordPosition at) {
    open.computeIfAbsent(at.partition(), p -> new TreeMap<>()).merge(at.offset(), 1, Integer::sum);
  }

  void release(RecordPosition at) {
    TreeMap<Long, Integer> offsets = open.get(at.partition());
    if (offsets != null) {
      offsets.computeIfPresent(at.offset(), (offset, count) -> count <= 1 ? null : count - 1);
    }
  }

  /** The offset to commit for {@code partition} read up to {@code position}: the first open record, or the position. */
  long committable(int partition, long position) {
    TreeMap<Long, Integer> offsets = open.get(partition);
    return offsets == null || offsets.isEmpty() ? position : Math.min(position, offsets.firstKey());
  }

  /** Records with a delivery still open. */
  int records() {
    return open.values().stream().mapToInt(TreeMap::size).sum();
  }

  /** Forgets a partition no longer assigned (another consumer reads it again from its committed offset). */
  void drop(int partition) {
    open.remove(partition);
  }

  void clear() {
    open.clear();
  }
}
