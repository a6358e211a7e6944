package io.relmon.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store for values read and rewritten often (a dyad's warmth and a state's partners on
 * every update, an event's identity at each report and for its details): it keeps them decoded and
 * writes them behind. A put holds the value, decoded, until Streams commits the task; then every
 * key put since the last commit is encoded and written once to the store beneath, and so to its
 * changelog, inside the commit's transaction. Encoding the
 * warmth state on every event took 31% of the stream thread (docs/benchmarks.md); Streams'
 * record cache coalesces the changelog writes but stores bytes, so it encodes on every put.
 *
 * <p>Why this is exact under exactly_once_v2: before a task's offsets and transaction are
 * committed — at the commit interval, before a rebalance hands the task over, at a clean close —
 * Streams calls {@code flushCache()} on every store that is a {@code CachedStateStore}, which this
 * store is (as Streams' own wrappers are, through {@link WrappedStateStore}, an internal class of
 * Kafka Streams 4.4: {@code ScoringTopologyTest} fails if a later release stops calling it, and the
 * restart and failover ITs if it comes after the commit). A crash loses the held values together with the uncommitted
 * offsets that produced them; a task whose state is discarded ({@code clearCache}, close) drops
 * them. Deletes are rare (retention) and go through at once.
 *
 * <p>Reads see the held values: {@code get} looks at them first, then at the most recently
 * used values, kept decoded (at most {@code capacity}, least recently used out first), then reads
 * the store beneath and keeps what it decoded. The decoded copies cannot go stale: a store's
 * values change beneath it only by a restore, and a store is restored before it is opened
 * ({@code init} empties them). Until 2026-12-06 only writes filled them, and a dyad's top drivers,
 * read for every publication of its warmth, were decoded from RocksDB each time once a few
 * thousand newer events had been written (docs/benchmarks.md). Ranges merge the held
 * values into the store's own order (keys compared by code point, as their UTF-8 bytes are). Interactive
 * queries read from other threads, so the maps are guarded by this store's lock; like Streams' own
 * cache, they see values not yet committed. A value must not change after it is put (relmon's are
 * records and Avro records built anew): the held instance is what gets encoded at the commit.
 */
public final class WriteBehindStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
    implements KeyValueStore<String, V> {

  /** Keys in the order of their UTF-8 bytes, which is the store's: code point by code point. */
  static final Comparator<String> STORE_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  /**
   * Held values past which they are written at once, still inside the open transaction (as
   * Streams' cache evicts): memory stays bounded whatever the commit interval (up to ten minutes)
   * or the rate. At the default 100 ms a task holds a few hundred.
   */
  static final int MAX_HELD = 2_000;

  private final Map<String, V> held = new HashMap<>();
  private final Map<String, V> recent;

  public WriteBehindStore(KeyValueStore<String, V> beneath, int capacity) {
    super(beneath);
    this.recent = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Builds {@code beneath} (caching off: this store coalesces the writes itself) wrapped in a
   * write-behind store keeping {@code capacity} recently written values decoded.
   */
  public static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> beneath, int capacity) {
    return new Builder<>(beneath.withCachingDisabled(), capacity);
  }

  @Override
  public synchronized void init(StateStoreContext context, StateStore root) {
    // A store opened again holds what its changelog restored, not what was held before.
    held.clear();
    recent.clear();
    super.init(context, root);
  }

  @Override
  public synchronized V get(String key) {
    V value = held.get(key);
    if (value == null) {
      value = recent.get(key);
    }
    if (value == null) {
      value = wrapped().get(key);
      if (value != null) {
        recent.put(key, value);
      }
    }
    return value;
  }

  @Override
  public synchronized void put(String key, V value) {
    if (value == null) {
      delete(key);
      return;
    }
    held.put(key, value);
    recent.put(key, value);
    if (held.size() > MAX_HELD) {
      writeHeld();
    }
  }

  @Override
  public synchronized V putIfAbsent(String key, V value) {
    V known = get(key);
    if (known == null) {
      put(key, value);
    }
    return known;
  }

  @Override
  public synchronized void putAll(List<KeyValue<String, V>> entries) {
    entries.forEach(entry -> put(entry.key, entry.value));
  }

  @Override
  public synchronized V delete(String key) {
    V known = get(key);
    held.remove(key);
    recent.remove(key);
    wrapped().delete(key);
    return known;
  }

  /**
   * Writes every held value to the store beneath (and its changelog). Only here: a value written
   * after the task's transaction is committed would belong to the next one, so this is not done
   * again in {@code commit(Map)}, which Streams calls after it (and {@code ScoringTopologyTest}
   * then sees whether the flush before the commit still comes).
   */
  private synchronized void writeHeld() {
    if (held.isEmpty()) {
      return;
    }
    List<KeyValue<String, V>> entries = new ArrayList<>(held.size());
    held.forEach((key, value) -> entries.add(KeyValue.pair(key, value)));
    held.clear();
    wrapped().putAll(entries);
  }

  @Override
  public void flushCache() {
    writeHeld();
    super.flushCache();
  }

  @Override
  public synchronized void clearCache() {
    held.clear();
    recent.clear();
    super.clearCache();
  }

  @Override
  public synchronized void close() {
    held.clear();
    recent.clear();
    super.close();
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return merged(wrapped().range(from, to), from, to, false);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    return merged(wrapped().reverseRange(from, to), from, to, true);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return merged(wrapped().all(), null, null, false);
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    return merged(wrapped().reverseAll(), null, null, true);
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
    if (!(prefix instanceof String text)) {
      throw new UnsupportedOperationException("prefix scans of " + name() + " take a String prefix");
    }
    return merged(wrapped().prefixScan(prefix, prefixKeySerializer), key -> key.startsWith(text), STORE_ORDER);
  }

  @Override
  public synchronized long approximateNumEntries() {
    return wrapped().approximateNumEntries() + held.size();
  }

  private KeyValueIterator<String, V> merged(KeyValueIterator<String, V> beneath, String from, String to, boolean reverse) {
    return merged(beneath,
        key -> (from == null || STORE_ORDER.compare(key, from) >= 0) && (to == null || STORE_ORDER.compare(key, to) <= 0),
        reverse ? STORE_ORDER.reversed() : STORE_ORDER);
  }

  /** {@code beneath} (in {@code order}) with a snapshot of the held values {@code wanted} merged in. */
  private KeyValueIterator<String, V> merged(KeyValueIterator<String, V> beneath, java.util.function.Predicate<String> wanted,
      Comparator<String> order) {
    List<KeyValue<String, V>> mine = new ArrayList<>();
    synchronized (this) {
      held.forEach((key, value) -> {
        if (wanted.test(key)) {
          mine.add(KeyValue.pair(key, value));
        }
      });
    }
    mine.sort((a, b) -> order.compare(a.key, b.key));
    return new MergedIterator<>(beneath, mine, order);
  }

  /** The store's entries in its order with the held ones (a snapshot, sorted alike) in place of or between them. */
  static final class MergedIterator<V> implements KeyValueIterator<String, V> {
    private final KeyValueIterator<String, V> beneath;
    private final List<KeyValue<String, V>> held;
    private final Comparator<String> order;
    private int next;

    MergedIterator(KeyValueIterator<String, V> beneath, List<KeyValue<String, V>> held, Comparator<String> order) {
      this.beneath = beneath;
      this.held = held;
      this.order = order;
    }

    @Override
    public boolean hasNext() {
      return next < held.size() || beneath.hasNext();
    }

    @Override
    public KeyValue<String, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (next >= held.size()) {
        return beneath.next();
      }
      KeyValue<String, V> mine = held.get(next);
      if (!beneath.hasNext()) {
        next++;
        return mine;
      }
      int c = order.compare(mine.key, beneath.peekNextKey());
      if (c > 0) {
        return beneath.next();
      }
      if (c == 0) {
        beneath.next(); // the held value replaces the older one beneath
      }
      next++;
      return mine;
    }

    @Override
    public String peekNextKey() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (next >= held.size()) {
        return beneath.peekNextKey();
      }
      String mine = held.get(next).key;
      if (!beneath.hasNext()) {
        return mine;
      }
      String theirs = beneath.peekNextKey();
      return order.compare(mine, theirs) <= 0 ? mine : theirs;
    }

    @Override
    public void close() {
      beneath.close();
    }
  }

  private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> beneath, int capacity)
      implements StoreBuilder<KeyValueStore<String, V>> {

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
      throw new UnsupportedOperationException("a write-behind store coalesces its writes itself");
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
      return new Builder<>(beneath.withLoggingEnabled(config), capacity);
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
      return new Builder<>(beneath.withLoggingDisabled(), capacity);
    }

    @Override
    public KeyValueStore<String, V> build() {
      return new WriteBehindStore<>(beneath.build(), capacity);
    }

    @Override
    public Map<String, String> logConfig() {
      return beneath.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return beneath.loggingEnabled();
    }

    @Override
    public String name() {
      return beneath.name();
    }
  }
}
