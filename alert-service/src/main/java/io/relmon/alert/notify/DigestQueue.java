package io.relmon.alert.notify;

import io.relmon.schemas.avro.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts each digest channel holds until its digest time, in the order they were queued; a
 * copy in memory of relmon.digest-queue.v1 (which the notifier writes first and reads back at
 * start). Thread-safe for the gauges that read its sizes.
 */
public final class DigestQueue {

  /** An alert held for a digest, and when it was queued (the time that decides which digest takes it). */
  public record Queued(Alert alert, Instant at) {}

  private final Map<String, Map<String, Queued>> byChannel = new LinkedHashMap<>();

  public DigestQueue(Set<String> digestChannels) {
    digestChannels.forEach(channel -> byChannel.put(channel, Collections.synchronizedMap(new LinkedHashMap<>())));
  }

  public Set<String> channels() {
    return byChannel.keySet();
  }

  /** True when {@code channel} is a digest channel that holds {@code alertId}. */
  public boolean holds(String channel, String alertId) {
    Map<String, Queued> queue = byChannel.get(channel);
    return queue != null && queue.containsKey(alertId);
  }

  /** Holds {@code alert} for {@code channel}'s digest; ignored for a channel that has none. */
  public void put(String channel, Alert alert, Instant at) {
    Map<String, Queued> queue = byChannel.get(channel);
    if (queue != null) {
      queue.put(alert.getAlertId(), new Queued(alert, at));
    }
  }

  public void remove(String channel, String alertId) {
    Map<String, Queued> queue = byChannel.get(channel);
    if (queue != null) {
      queue.remove(alertId);
    }
  }

  /** The alerts {@code channel} holds that were queued at or before {@code upTo}, oldest first. */
  public List<Alert> queuedUpTo(String channel, Instant upTo) {
    Map<String, Queued> queue = byChannel.get(channel);
    if (queue == null) {
      return List.of();
    }
    List<Alert> alerts = new ArrayList<>();
    synchronized (queue) {
      queue.values().forEach(q -> {
        if (!q.at().isAfter(upTo)) {
          alerts.add(q.alert());
        }
      });
    }
    return alerts;
  }

  public int size(String channel) {
    Map<String, Queued> queue = byChannel.get(channel);
    return queue == null ? 0 : queue.size();
  }

  public int size() {
    return byChannel.values().stream().mapToInt(Map::size).sum();
  }
}
