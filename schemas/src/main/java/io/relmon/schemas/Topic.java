package io.relmon.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic bundled with its key and value serdes and its layout, so that a producer and a consumer
 * of the same topic cannot disagree about what is on it.
 *
 * @param name topic name
 * @param keySerde serde of the key
 * @param valueSerde serde of the value
 * @param partitions partitions to create it with
 * @param config topic-level configs to create it with (cleanup policy, retention)
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> config) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    config = Map.copyOf(config);
  }

  /** The same topic under another name (e.g. a per-environment prefix). */
  public Topic<K, V> renamed(String newName) {
    return new Topic<>(newName, keySerde, valueSerde, partitions, config);
  }

  @Override
  public String toString() {
    return name;
  }
}
