package io.relmon.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor's key-value store with its most recently used values also kept decoded: a value
 * read or written on every record (a dyad's warmth, a state's partners) was decoded each time,
 * which showed in the stream thread's profile (docs/benchmarks.md). The store stays the truth:
 * every write goes through to it, and the decoded copies are dropped whenever the processor is
 * (re)initialised, as after a restore or a task revived under exactly-once.
 */
public final class DecodedStates<V> {

  private final Map<String, V> recent;
  private KeyValueStore<String, V> store;

  /** At most {@code capacity} values are kept decoded. */
  public DecodedStates(int capacity) {
    this.recent = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** In the processor's {@code init}: reads and writes go to {@code store}, nothing is kept from before. */
  public void init(KeyValueStore<String, V> store) {
    this.store = store;
    recent.clear();
  }

  public V get(String key) {
    V value = recent.get(key);
    if (value == null) {
      value = store.get(key);
      if (value != null) {
        recent.put(key, value);
      }
    }
    return value;
  }

  public void put(String key, V value) {
    store.put(key, value);
    recent.put(key, value);
  }
}
