package io.relmon.service;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process. Kafka Streams' default gives each
 * store its own 50 MB block cache and three 16 MB memtables, and a service has a store per task
 * (scoring: 27 of them), so resident memory grows far past a container's limit under load. Here
 * every store shares one block cache of {@code relmon.rocksdb.memory.mb} (default 64 MB) that
 * also counts the memtables (half of it at most) and the index and filter blocks — the pattern of
 * the Kafka Streams memory-management guide. Every level keeps its Bloom filters (see
 * {@link #setConfig}).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** Streams config key of the budget, in MB. */
  public static final String MEMORY_MB = "relmon.rocksdb.memory.mb";
  public static final int DEFAULT_MEMORY_MB = 64;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  private static synchronized void create(long bytes) {
    if (cache == null) {
      cache = new LRUCache(bytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(bytes / 2, cache);
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object mb = configs.getOrDefault(MEMORY_MB, DEFAULT_MEMORY_MB);
    create(Long.parseLong(mb.toString()) * 1024 * 1024);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    // Indexes and filters in partitions of a few KB under a small top level that stays pinned:
    // whole, a store of a few hundred MB has an index and a filter of several MB each, which the
    // cache's high-priority share could not keep for every store, so lookups read and checksummed
    // them again and again (docs/benchmarks.md).
    table.setIndexType(IndexType.kTwoLevelIndexSearch);
    table.setPartitionFilters(true);
    table.setPinTopLevelIndexAndFilter(true);
    // Kafka Streams turns optimize_filters_for_hits on, which leaves the last level without Bloom
    // filters: right for a store read for keys it holds, wrong for one asked mostly about keys it
    // has never seen — scoring's event identities, looked up once for every new event. Each such
    // lookup then read and checksummed an index and a data block of the largest files, over half
    // of the stream thread's CPU once the store held a year of events (docs/benchmarks.md). The
    // filters cost ~10 bits a key of the shared cache.
    options.setOptimizeFiltersForHits(false);
    options.setWriteBufferManager(writeBuffers);
    options.setWriteBufferSize(4L * 1024 * 1024);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write buffer manager are shared by every store of the process: never closed here.
  }
}
