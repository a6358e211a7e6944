package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

class BoundedRocksDbMemoryTest {

  @Test
  void shouldGiveEveryStoreSmallMemtablesAndTheSharedCacheForIndexesAndFilters() {
    RocksDB.loadLibrary();
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());

      new BoundedRocksDbMemory().setConfig("dyad-warmth-store", options, Map.of(BoundedRocksDbMemory.MEMORY_MB, "32"));

      assertThat(options.writeBufferSize()).isEqualTo(4L * 1024 * 1024);
      assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
      BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      // Partitioned, so that a large store's index and filter are read a few KB at a time.
      assertThat(table.indexType()).isEqualTo(org.rocksdb.IndexType.kTwoLevelIndexSearch);
      assertThat(table.partitionFilters()).isTrue();
      assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
    }
  }

  @Test
  void shouldAnswerForAbsentKeysFromTheBloomFiltersOfEveryLevel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    RocksDB.loadLibrary();
    try (Options options = new Options(); Statistics statistics = new Statistics()) {
      // As Kafka Streams opens a store before the config setter runs.
      BlockBasedTableConfig table = new BlockBasedTableConfig();
      table.setFilterPolicy(new BloomFilter());
      options.setTableFormatConfig(table);
      options.setCompactionStyle(CompactionStyle.UNIVERSAL);
      options.setOptimizeFiltersForHits(true);
      options.setCreateIfMissing(true);
      options.setStatistics(statistics);

      new BoundedRocksDbMemory().setConfig("event-identity-store", options, Map.of(BoundedRocksDbMemory.MEMORY_MB, "32"));

      try (RocksDB db = RocksDB.open(options, dir.toString())) {
        for (int i = 0; i < 20_000; i++) {
          db.put(("seen-" + i).getBytes(StandardCharsets.UTF_8), new byte[100]);
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
          db.flush(flush);
        }
        db.compactRange(); // everything in the last level, where Streams' setting keeps no filter
        long before = statistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL);
        for (int i = 0; i < 1_000; i++) {
          assertThat(db.get(("seen-" + i + "-gone").getBytes(StandardCharsets.UTF_8))).isNull(); // within the file's key range
        }
        assertThat(statistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL) - before)
            .as("absent keys answered by the filter, without reading a data block").isGreaterThan(950);
        assertThat(db.get("seen-7".getBytes(StandardCharsets.UTF_8))).hasSize(100);
      }
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
