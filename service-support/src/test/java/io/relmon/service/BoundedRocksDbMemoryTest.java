package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

  @Test
  void shouldGiveEveryStoreSmallMemtablesAndTheSharedCacheForIndexesAndFilters() {
    RocksDB.loadLibrary();
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());

      new BoundedRocksDbMemory().setConfig("dyad-warmth-store", options, Map.of(BoundedRocksDbMemory.MEMORY_MB, "32"));

      assertThat(options.writeBufferSize()).isEqualTo(4L * 1024 * 1024);
      assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
      assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
    }
  }

  @Test
  void shouldBeTheConfigSetterOfEveryRelmonStreamsApplication() {
    var props = StreamsSettings.of("relmon-test", "test", Map.of("bootstrap.servers", "unused:9092"), java.nio.file.Path.of("/tmp/x"),
        100, -1, "relmon.test.dlq.v1", new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

    assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
    assertThat(props.get(BoundedRocksDbMemory.MEMORY_MB)).isEqualTo(64);
  }
}
