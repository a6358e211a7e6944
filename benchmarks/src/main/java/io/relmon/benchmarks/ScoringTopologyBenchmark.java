package io.relmon.benchmarks;

import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.scoring.ScoringParameters;
import io.relmon.scoring.ScoringTopology;
import io.relmon.scoring.load.SyntheticArticles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole scoring topology per article (five coded events), on one thread, without a broker:
 * {@link TopologyTestDriver} runs every processor, serde and RocksDB store the service runs, but
 * no producer, consumer or transaction. What it costs per event is the CPU floor of
 * {@code relmon bench}'s scoring rate; the difference is the broker's and exactly-once's share.
 * The wall clock moves 100 ms every 1,000 articles — the publication interval at 50,000 events/s —
 * so warmth is published coalesced as in the service.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ScoringTopologyBenchmark {

  private static final Topics TOPICS = Topics.defaults();
  private static final int ARTICLES_PER_INTERVAL = 1_000;

  private Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ArticleEvent> articles;
  private SyntheticArticles load;
  private int sent;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    stateDir = Files.createTempDirectory("relmon-jmh-scoring");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "relmon-jmh-scoring");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    ScoringParameters parameters = ScoringParameters.eventTimeOnly().publishingEvery(ScoringParameters.DEFAULT_PUBLISH_INTERVAL);
    driver = new TopologyTestDriver(ScoringTopology.build(TOPICS, parameters, props), props);
    articles = driver.createInputTopic(TOPICS.articles().name(), Serdes.String().serializer(), TOPICS.articles().valueSerde().serializer());
    load = new SyntheticArticles(2026);
  }

  /** One article of five coded events through every processor of the topology. */
  @Benchmark
  public void scoreOneArticle() {
    ArticleEvent article = load.next();
    articles.pipeInput(article.getArticleId(), article, article.getPublished());
    if (++sent % ARTICLES_PER_INTERVAL == 0) {
      driver.advanceWallClockTime(Duration.ofMillis(100));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
