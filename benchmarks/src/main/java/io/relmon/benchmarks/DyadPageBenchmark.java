package io.relmon.benchmarks;

import io.relmon.scoring.history.DyadHistoryReader;
import io.relmon.scoring.history.HistoryKeys;
import io.relmon.scoring.history.HistoryView;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.ContributionSerde;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.web.WebPages;
import io.relmon.service.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Server time of a busy dyad's page and history (issue: ≤ 200 ms with 10,000 events in the
 * window): the range scan of its {@code dyad-history-store} entries in RocksDB (the engine
 * Kafka Streams' persistent stores use, with relmon's key and value forms), decoding them,
 * the daily series and event list ({@link DyadHistoryReader}), then the HTML page or the JSON.
 * Not included: Streams' store wrappers and the HTTP exchange.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class DyadPageBenchmark {

  private static final long DAY = 86_400_000L;
  private static final long START = 1_767_225_600_000L; // 2026-01-01
  private static final String DYAD = "CHN-USA";

  /** Events of the dyad in its 90-day window. */
  @Param({"1000", "10000"})
  int events;

  private final WarmthParameters parameters = WarmthParameters.defaults();
  private final Deserializer<Contribution> decoder = ContributionSerde.serde().deserializer();
  private Path dir;
  private Options options;
  private RocksDB db;
  private DyadWarmth state;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    RocksDB.loadLibrary();
    dir = Files.createTempDirectory("relmon-dyad-page");
    options = new Options().setCreateIfMissing(true);
    db = RocksDB.open(options, dir.toString());
    Serializer<Contribution> encoder = ContributionSerde.serde().serializer();
    Random random = new Random(15);
    List<Contribution> all = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      long time = START + (long) (random.nextDouble() * 89 * DAY);
      double weight = random.nextBoolean() ? -(1 + random.nextInt(8)) : 1 + random.nextInt(6);
      List<Contribution.Source> sources = List.of(
          new Contribution.Source("a" + i, "Example Wire", "Officials trade words over port fees and chip exports, day " + i,
              "https://news.example/" + i, time + 3_600_000L),
          new Contribution.Source("b" + i, "Example Daily", "Second report of event " + i, "https://daily.example/" + i, time + 7_200_000L));
      all.add(new Contribution("e" + i, weight < 0 ? "STATEMENT_HOSTILE" : "STATEMENT_FRIENDLY", i % 2 == 0 ? "CHN" : "USA",
          List.of(i % 2 == 0 ? "USA" : "CHN"), null, time, weight * 0.8, 1 + random.nextInt(4),
          "The foreign ministry spokesperson said on Tuesday that the other side's latest measures on shipping and "
              + "semiconductors were a serious mistake, and called for talks to resume at the working level, report " + i + ".",
          List.of("https://news.example/" + i), "FACT", sources, List.of()));
    }
    all.sort(java.util.Comparator.comparingLong(Contribution::eventTime));
    state = DyadWarmth.empty();
    for (Contribution c : all) {
      state = state.with(c, parameters);
      db.put(HistoryKeys.of(DYAD, c.eventTime(), c.eventId()).getBytes(StandardCharsets.UTF_8), encoder.serialize("", c));
    }
    db.compactRange();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    db.close();
    options.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private HistoryView.Dyad history() {
    try (Slice upper = new Slice(HistoryKeys.after(DYAD).getBytes(StandardCharsets.UTF_8));
         ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
         RocksIterator it = db.newIterator(read)) {
      it.seek(HistoryKeys.from(DYAD, 0).getBytes(StandardCharsets.UTF_8));
      Iterator<Contribution> entries = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.isValid();
        }

        @Override
        public Contribution next() {
          Contribution c = decoder.deserialize("", it.value());
          it.next();
          return c;
        }
      };
      return DyadHistoryReader.read(DYAD, state, entries, parameters, 90);
    }
  }

  @Benchmark
  public String page() {
    return WebPages.dyad(history());
  }

  @Benchmark
  public byte[] json() throws Exception {
    return Json.MAPPER.writeValueAsBytes(history());
  }
}
