package io.relmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values are held decoded until the commit, written once per key then, seen by every read
 * meanwhile, and dropped with the task's uncommitted state.
 */
class WriteBehindStoreTest {

  private final AtomicInteger encoded = new AtomicInteger();
  private final AtomicInteger decoded = new AtomicInteger();
  private WriteBehindStore<String> store;
  private KeyValueStore<String, String> beneath;

  @BeforeEach
  void open() {
    Serde<String> counting = Serdes.serdeFrom((topic, value) -> {
      encoded.incrementAndGet();
      return value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }, (Deserializer<String>) (topic, data) -> {
      decoded.incrementAndGet();
      return data == null ? null : new String(data, java.nio.charset.StandardCharsets.UTF_8);
    });
    store = (WriteBehindStore<String>) WriteBehindStore.builder(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("warmth"), Serdes.String(), counting).withLoggingDisabled(), 10)
        .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    beneath = store.wrapped();
  }

  @Test
  void holdsPutsUntilTheCommitAndEncodesEachKeyOnceThen() {
    store.put("CHN-PRK", "1");
    store.put("CHN-PRK", "2");
    store.put("CHN-PRK", "3");
    store.put("KOR-PRK", "a");
    assertThat(store.get("CHN-PRK")).isEqualTo("3");
    assertThat(beneath.get("CHN-PRK")).as("nothing written before the commit").isNull();
    assertThat(encoded).hasValue(0);

    store.flushCache(); // what Streams calls before committing the task's transaction

    assertThat(beneath.get("CHN-PRK")).isEqualTo("3");
    assertThat(beneath.get("KOR-PRK")).isEqualTo("a");
    assertThat(encoded).as("one encoding per key and commit").hasValue(2);
    store.flushCache();
    assertThat(encoded).as("nothing held: nothing written again").hasValue(2);
  }

  @Test
  void writesEarlyPastTheHeldBoundSoMemoryStaysBounded() {
    for (int i = 0; i <= WriteBehindStore.MAX_HELD; i++) {
      store.put("K" + i, "v" + i);
    }
    assertThat(beneath.get("K0")).as("written before the commit, inside its transaction").isEqualTo("v0");
    assertThat(beneath.approximateNumEntries()).isEqualTo(WriteBehindStore.MAX_HELD + 1);
  }

  @Test
  void readsTheStoreBeneathForWhatItDoesNotHold() {
    beneath.put("CHN-USA", "restored");
    assertThat(store.get("CHN-USA")).isEqualTo("restored");
    assertThat(store.get("FRA-DEU")).isNull();
  }

  @Test
  void keepsWhatItReadDecodedUntilLessRecentlyUsedValuesPushItOut() {
    beneath.put("CHN-USA", "restored");
    decoded.set(0);
    assertThat(store.get("CHN-USA")).isEqualTo("restored");
    assertThat(store.get("CHN-USA")).isEqualTo("restored");
    assertThat(decoded).as("decoded once, then read from the decoded copies").hasValue(1);

    for (int i = 0; i < 9; i++) { // capacity 10: the read value and nine written ones
      store.put("K" + i, "v" + i);
    }
    assertThat(store.get("CHN-USA")).isEqualTo("restored");
    assertThat(decoded).as("still among the ten most recently used").hasValue(1);
    for (int i = 9; i < 19; i++) {
      store.put("K" + i, "v" + i);
    }
    store.flushCache();
    assertThat(store.get("CHN-USA")).isEqualTo("restored");
    assertThat(decoded).as("pushed out by ten newer values, decoded again").hasValue(2);
    assertThat(store.get("FRA-DEU")).isNull();
  }

  @Test
  void uncommittedValuesAreDroppedWithTheTasksState() {
    beneath.put("CHN-PRK", "committed");
    store.put("CHN-PRK", "uncommitted");
    store.clearCache();
    assertThat(store.get("CHN-PRK")).isEqualTo("committed");
    store.flushCache();
    assertThat(beneath.get("CHN-PRK")).isEqualTo("committed");

    store.put("CHN-PRK", "uncommitted");
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    assertThat(store.get("CHN-PRK")).as("a store opened again reads what was restored").isEqualTo("committed");
  }

  @Test
  void deletesGoThroughAtOnce() {
    beneath.put("CHN-PRK", "old");
    store.put("CHN-PRK", "new");
    assertThat(store.delete("CHN-PRK")).isEqualTo("new");
    assertThat(beneath.get("CHN-PRK")).isNull();
    assertThat(store.get("CHN-PRK")).isNull();
    store.flushCache();
    assertThat(beneath.get("CHN-PRK")).as("the delete is not undone by the held value").isNull();
  }

  @Test
  void rangesMergeHeldValuesIntoTheStoresOrder() {
    beneath.put("A", "a");
    beneath.put("C", "c");
    beneath.put("E", "e");
    store.put("B", "b*");
    store.put("C", "c*");
    store.put("F", "f*");

    assertThat(drain(store.all())).containsExactly("A=a", "B=b*", "C=c*", "E=e", "F=f*");
    assertThat(drain(store.reverseAll())).containsExactly("F=f*", "E=e", "C=c*", "B=b*", "A=a");
    assertThat(drain(store.range("B", "E"))).containsExactly("B=b*", "C=c*", "E=e");
    assertThat(drain(store.reverseRange("B", "E"))).containsExactly("E=e", "C=c*", "B=b*");
    assertThat(drain(store.range(null, "B"))).containsExactly("A=a", "B=b*");
    assertThat(drain(store.prefixScan("C", new StringSerializer()))).containsExactly("C=c*");
    try (KeyValueIterator<String, String> all = store.all()) {
      assertThat(all.peekNextKey()).isEqualTo("A");
      all.next();
      assertThat(all.peekNextKey()).isEqualTo("B");
    }
  }

  @Test
  void keysCompareAsTheirUtf8Bytes() {
    // U+FF21 (three UTF-8 bytes, EF BC A1) sorts before U+1F600 (four, F0 9F 98 80), though its
    // UTF-16 unit is the larger (FF21 against the surrogate D83D).
    assertThat(WriteBehindStore.STORE_ORDER.compare("\uFF21", "\uD83D\uDE00")).isNegative();
    assertThat(WriteBehindStore.STORE_ORDER.compare("AB", "A")).isPositive();
    assertThat(WriteBehindStore.STORE_ORDER.compare("A", "A")).isZero();
  }

  private static List<String> drain(KeyValueIterator<String, String> iterator) {
    List<String> out = new ArrayList<>();
    try (iterator) {
      iterator.forEachRemaining((KeyValue<String, String> kv) -> out.add(kv.key + "=" + kv.value));
    }
    return out;
  }
}
