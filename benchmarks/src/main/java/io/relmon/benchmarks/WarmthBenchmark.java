package io.relmon.benchmarks;

import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthSnapshot;
import io.relmon.scoring.warmth.DyadWarmthCodec;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring math per warmth update, on one thread: counting one more event into a dyad that
 * already counted {@code held} events in its 90-day window (sum per event time, fold, keep the
 * driver candidates), ranking its drivers for the published update (snapshot), and the state
 * store's round trip of that state (binary form) — together what {@code update-dyad-warmth}
 * does for a contribution.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class WarmthBenchmark {

  private static final long DAY = 86_400_000L;
  private static final long START = 1_767_225_600_000L; // 2026-01-01

  @Param({"20", "200"})
  int held;

  private final WarmthParameters parameters = WarmthParameters.defaults();
  private DyadWarmth state;
  private byte[] stored;
  private Contribution[] next;
  private int i;

  @Setup
  public void setUp() {
    Random random = new Random(8);
    state = DyadWarmth.empty();
    for (int n = 0; n < held; n++) {
      state = state.with(contribution("e" + n, START + (long) (random.nextDouble() * 89 * DAY), random), parameters);
    }
    stored = DyadWarmthCodec.encode(state);
    next = new Contribution[1024];
    for (int n = 0; n < next.length; n++) {
      next[n] = contribution("n" + n, START + (long) (random.nextDouble() * 90 * DAY), random);
    }
  }

  private static Contribution contribution(String id, long time, Random random) {
    double weight = random.nextBoolean() ? -3 - random.nextInt(5) : 2 + random.nextInt(6);
    return new Contribution(id, "STATEMENT_HOSTILE", "PRK", List.of("CHN"), "2026-01-04", time, weight, 1,
        "North Korea criticised China on Jan. 4, the agency said.", List.of("https://news.example/" + id));
  }

  /** Counting one more event: copy, insert in time order, fold what left the window. */
  @Benchmark
  public DyadWarmth countAnEvent() {
    return state.with(next[i++ & 1023], parameters);
  }

  /** The published update: raw value, 7- and 30-day change, top drivers ranked. */
  @Benchmark
  public WarmthSnapshot rankDrivers() {
    return state.snapshot(parameters);
  }

  /** What the store costs per update: read the state, write it back (binary form). */
  @Benchmark
  public byte[] storeRoundTrip() {
    return DyadWarmthCodec.encode(DyadWarmthCodec.decode(stored));
  }
}
