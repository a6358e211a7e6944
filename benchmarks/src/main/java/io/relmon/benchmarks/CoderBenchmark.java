package io.relmon.benchmarks;

import io.relmon.ingest.Article;
import io.relmon.coder.Coding;
import io.relmon.coder.ClauseCoder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Articles per second the event coder codes on one thread (BRIEF §8: at least 2,000 articles of
 * about 4 KB per second on one core). The articles are built from sentences we wrote, in the
 * proportions of news: most sentences hold no event, some hold one or two.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 8, time = 3)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class CoderBenchmark {

  private static final String[] EVENT_SENTENCES = {
    "On Jan. 4, the same day South Korean President Lee Jae Myung arrived in Beijing for a state visit, Pyongyang fired a ballistic missile into the sea.",
    "North Korea criticized China on Jan. 18 for slow progress on tourism, according to officials in Dandong.",
    "Moscow delivered a shipment of humanitarian aid to North Korea on Jan. 20, including flour and fuel.",
    "Seoul and Beijing held talks at the Great Hall of the People on Jan. 5, pledging to expand trade.",
    "The long-delayed New Yalu River Bridge between China and North Korea remained closed on Jan. 12, local traders said.",
    "\"We appreciate the support of our friends,\" Vladimir Putin said at the start of talks with Kim Jong Un.",
    "The United States imposed new sanctions on North Korea and Russia on Monday, the Treasury said.",
    "Kim Yo Jong issued a statement on Jan. 14. She accused Seoul of begging Beijing for help.",
  };
  private static final String[] BACKGROUND = {
    "The weather along the border turned bitterly cold this week, with rivers frozen solid.",
    "Officials declined to give further details, citing the sensitivity of the matter.",
    "The report could not be independently verified by reporters in the region.",
    "Trade figures for the previous quarter are due to be released at the end of the month.",
    "Residents of the border town described long queues at fuel stations and markets.",
    "The two countries have a long and complicated history stretching back decades.",
    "Satellite imagery reviewed by researchers showed new construction near the port.",
    "A spokesperson for the ministry told reporters that consultations would continue.",
  };

  private ClauseCoder coder;
  private List<Article> articles;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    coder = new ClauseCoder();
    articles = articles(64, 4096, new Random(42));
  }

  /** {@code count} articles of about {@code size} characters, one in four sentences holding an event. */
  public static List<Article> articles(int count, int size, Random random) {
    List<Article> built = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder body = new StringBuilder();
      while (body.length() < size) {
        String[] pool = random.nextInt(4) == 0 ? EVENT_SENTENCES : BACKGROUND;
        body.append(pool[random.nextInt(pool.length)]);
        body.append(random.nextInt(3) == 0 ? "\n" : " ");
      }
      built.add(new Article("bench-" + i, null, "relmon bench", "Relations in January", body.toString().strip(),
          OffsetDateTime.parse("2026-01-25T09:00:00+09:00")));
    }
    return built;
  }

  @Benchmark
  public Coding codeOneArticle() {
    Article article = articles.get(next);
    next = (next + 1) % articles.size();
    return coder.code(article.text());
  }
}
