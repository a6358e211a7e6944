package io.relmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decoded copies never stand in for the store: written through, dropped at init, bounded. */
class DecodedStatesTest {

  private KeyValueStore<String, String> store;

  @BeforeEach
  void open() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String())
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void writesGoThroughToTheStore() {
    DecodedStates<String> states = new DecodedStates<>(10);
    states.init(store);
    states.put("CHN-PRK", "cool");
    assertThat(store.get("CHN-PRK")).isEqualTo("cool");
    assertThat(states.get("CHN-PRK")).isEqualTo("cool");
    assertThat(states.get("KOR-JPN")).isNull();
  }

  @Test
  void aReinitialisedProcessorReadsTheStoreAgain() {
    DecodedStates<String> states = new DecodedStates<>(10);
    states.init(store);
    states.put("CHN-PRK", "cool");
    // As a restore leaves it: the store holds what the changelog says, not what was cached.
    store.put("CHN-PRK", "restored");
    assertThat(states.get("CHN-PRK")).as("before init, the decoded copy").isEqualTo("cool");
    states.init(store);
    assertThat(states.get("CHN-PRK")).isEqualTo("restored");
  }

  @Test
  void keepsOnlyTheMostRecentlyUsed() {
    DecodedStates<String> states = new DecodedStates<>(2);
    states.init(store);
    states.put("a", "1");
    states.put("b", "2");
    states.get("a");
    states.put("c", "3");
    // Changed behind the copies' back: "b", the least recently used, is read from the store again.
    store.put("a", "1'");
    store.put("b", "2'");
    assertThat(states.get("a")).isEqualTo("1");
    assertThat(states.get("b")).isEqualTo("2'");
  }
}
