package io.relmon.benchmarks;

import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.scoring.StateFormat;
import io.relmon.scoring.dedupe.DedupeProcessor;
import io.relmon.scoring.dedupe.EventIdentity;
import io.relmon.scoring.dedupe.IdentityStateCodec;
import io.relmon.scoring.history.DyadHistoryReader;
import io.relmon.scoring.history.HistoryEntries;
import io.relmon.scoring.history.HistoryView;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthProcessor;
import java.time.Instant;
import java.util.Collections;
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
 * window): the scan of the dyad's events where the history reads them — {@code
 * event-identity-store} under the dyad's route, in RocksDB (the engine Kafka Streams' persistent
 * stores use, with relmon's key and value forms) — decoding them and putting them in time order
 * ({@link HistoryEntries#merged}), the daily series and event list ({@link DyadHistoryReader}),
 * then the HTML page or the JSON. Not included: Streams' store wrappers and the HTTP exchange.
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
  private final Deserializer<DedupedEvent> decoder = StateFormat.serde(IdentityStateCodec::encode, IdentityStateCodec::decode).deserializer();
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
    Serializer<DedupedEvent> encoder = StateFormat.serde(IdentityStateCodec::encode, IdentityStateCodec::decode).serializer();
    Random random = new Random(15);
    List<DedupedEvent> all = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      long time = START + (long) (random.nextDouble() * 89 * DAY);
      double weight = random.nextBoolean() ? -(1 + random.nextInt(8)) : 1 + random.nextInt(6);
      List<SourceRef> sources = List.of(
          source("a" + i, "Example Wire", "Officials trade words over port fees and chip exports, day " + i,
              "https://news.example/" + i, time + 3_600_000L),
          source("b" + i, "Example Daily", "Second report of event " + i, "https://daily.example/" + i, time + 7_200_000L));
      String evidence = "The foreign ministry spokesperson said on Tuesday that the other side's latest measures on shipping and "
          + "semiconductors were a serious mistake, and called for talks to resume at the working level, report " + i + ".";
      String actor = i % 2 == 0 ? "CHN" : "USA";
      CodedEvent coded = CodedEvent.newBuilder()
          .setType(weight < 0 ? EventType.STATEMENT_HOSTILE : EventType.STATEMENT_FRIENDLY).setActor(actor)
          .setTargets(List.of(i % 2 == 0 ? "USA" : "CHN")).setDate(null).setModality(Modality.FACT).setWeight(weight)
          .setConfidence(0.8).setPlover("").setCameo("").setEvidence(evidence).setEvidenceStart(0).setEvidenceEnd(evidence.length())
          .build();
      // Undated: the identity takes the publication week, and "e<i>" in the type's place keeps them apart.
      String identity = "e" + i + "|" + EventIdentity.of(coded.getType().name(), actor, coded.getTargets(), null, Instant.ofEpochMilli(time));
      all.add(DedupedEvent.newBuilder().setEventId(EventIdentity.id(identity)).setIdentity(identity).setEvent(coded)
          .setEventTime(Instant.ofEpochMilli(time)).setFirstSeen(sources.get(0)).setCorroboration(1 + random.nextInt(4))
          .setSources(sources).setUpdatedAt(Instant.ofEpochMilli(time)).build());
    }
    all.sort(java.util.Comparator.comparing(DedupedEvent::getEventTime));
    state = DyadWarmth.empty();
    for (DedupedEvent e : all) {
      state = state.with(WarmthProcessor.contribution(e), parameters);
      db.put(DedupeProcessor.storeKey(DYAD, e.getIdentity()).getBytes(StandardCharsets.UTF_8), encoder.serialize("", e));
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

  private static SourceRef source(String id, String outlet, String title, String url, long published) {
    return SourceRef.newBuilder().setArticleId(id).setSource(outlet).setTitle(title).setUrl(url)
        .setPublished(Instant.ofEpochMilli(published)).build();
  }

  private HistoryView.Dyad history() {
    // The dyad's route prefix, up to the next character after its separator.
    try (Slice upper = new Slice((DYAD + "}").getBytes(StandardCharsets.UTF_8));
         ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
         RocksIterator it = db.newIterator(read)) {
      it.seek((DYAD + "|").getBytes(StandardCharsets.UTF_8));
      Iterator<DedupedEvent> events = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.isValid();
        }

        @Override
        public DedupedEvent next() {
          DedupedEvent e = decoder.deserialize("", it.value());
          it.next();
          return e;
        }
      };
      List<Contribution> entries = HistoryEntries.merged(events, Collections.emptyIterator(), 0);
      return DyadHistoryReader.read(DYAD, state, entries.iterator(), parameters, 90);
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
