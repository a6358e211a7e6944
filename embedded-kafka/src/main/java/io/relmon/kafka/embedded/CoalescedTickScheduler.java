package io.relmon.kafka.embedded;

import com.yammer.metrics.core.MetricsRegistry;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks the in-process broker's Yammer meters: every fixed-rate task of one period runs in one
 * batch, so all of them cost one wake-up per period.
 *
 * <p>Why: Kafka's broker keeps ~370 Yammer meters (per request type, per topic), and Yammer 2.2
 * schedules each meter's 5-s tick as a fixed-rate task of its own on a two-thread pool. Their
 * phases differ by the milliseconds between the meters' creations, so an idle broker woke ~74
 * times a second to tick them: ~4,400 wake-ups and 0.10–0.14 s of CPU a minute, a tenth of the
 * idle local stack's budget (docs/benchmarks.md, "Cost at rest"). A meter's rates need a tick
 * every period, not at a particular phase: a meter made between two batches has its first tick at
 * the next one (sooner than a period after it was made, which only means its first interval
 * counted fewer events).
 *
 * <p>Everything else the pool is asked to do runs as in any {@link ScheduledThreadPoolExecutor}.
 * A task that throws is not run again, as there; the others of its batch go on.
 */
final class CoalescedTickScheduler extends ScheduledThreadPoolExecutor {

  private static final Logger log = LoggerFactory.getLogger(CoalescedTickScheduler.class);

  /** The name under which Yammer's registry keeps the pool its meters tick on. */
  static final String METER_TICK_POOL = "meter-tick";

  private final Map<Long, Batch> batches = new ConcurrentHashMap<>();

  CoalescedTickScheduler() {
    super(1, runnable -> {
      Thread thread = new Thread(runnable, "metrics-meter-tick-thread");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Makes {@code registry} tick its meters on a scheduler of this kind, unless it has already
   * made its pool (meters made before then keep Yammer's own). Kafka's broker registry is one per
   * JVM ({@code KafkaYammerMetrics.defaultRegistry()}); the pool is reached by reflection because
   * Yammer 2.2 (frozen since 2013) offers no way to supply it. Failure costs only the wake-ups.
   *
   * @return whether the registry's meters now tick here
   */
  static boolean install(MetricsRegistry registry) {
    try {
      Field poolsField = MetricsRegistry.class.getDeclaredField("threadPools");
      poolsField.setAccessible(true);
      Object pools = poolsField.get(registry);
      Field mapField = pools.getClass().getDeclaredField("threadPools");
      mapField.setAccessible(true);
      @SuppressWarnings("unchecked")
      ConcurrentMap<String, ScheduledExecutorService> byName =
          (ConcurrentMap<String, ScheduledExecutorService>) mapField.get(pools);
      // Yammer's ThreadPools makes a missing pool while holding its own monitor.
      synchronized (pools) {
        ScheduledExecutorService existing = byName.get(METER_TICK_POOL);
        if (existing != null && !existing.isShutdown()) {
          if (!(existing instanceof CoalescedTickScheduler)) {
            log.info("Kafka's meters were made before the broker started; they tick on Yammer's own pool");
            return false;
          }
          return true;
        }
        byName.put(METER_TICK_POOL, new CoalescedTickScheduler());
        return true;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Kafka's meters tick on Yammer's own pool, one wake-up per meter: {}", e.toString());
      return false;
    }
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(unit, "unit");
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    Tick tick = new Tick(command);
    // Under the lock shutdown takes to end the ticks: none joins a batch that will not run again.
    synchronized (batches) {
      if (isShutdown()) {
        return super.scheduleAtFixedRate(command, initialDelay, period, unit); // rejected as usual
      }
      batches.computeIfAbsent(unit.toNanos(period), Batch::new).add(tick);
    }
    return tick;
  }

  @Override
  public void shutdown() {
    super.shutdown();
    cancelTicks();
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> neverRun = super.shutdownNow();
    cancelTicks();
    return neverRun;
  }

  /** Periodic tasks end with the executor, as in any {@link ScheduledThreadPoolExecutor}. */
  private void cancelTicks() {
    synchronized (batches) {
      batches.values().forEach(batch -> batch.ticks.forEach(tick -> tick.cancel(false)));
    }
  }

  /** How many fixed-rate tasks of any period are waiting for their next run. */
  int ticksScheduled() {
    return batches.values().stream().mapToInt(batch -> batch.ticks.size()).sum();
  }

  /** The fixed-rate tasks of one period, run in turn by one task of the executor. */
  private final class Batch implements Runnable {
    private final List<Tick> ticks = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> future;

    Batch(long periodNanos) {
      future = CoalescedTickScheduler.super.scheduleAtFixedRate(this, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    void add(Tick tick) {
      tick.batch = this;
      ticks.add(tick);
    }

    @Override
    public void run() {
      for (Tick tick : ticks) {
        tick.runOnce();
      }
    }
  }

  /** One fixed-rate task, as its caller sees it: runs each period until cancelled or it throws. */
  private static final class Tick implements ScheduledFuture<Object> {
    private final Runnable command;
    private final CountDownLatch finished = new CountDownLatch(1);
    private static final int RUNNING = 0;
    private static final int CANCELLED = 1;
    private static final int FAILED = 2;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile Batch batch;
    private volatile Throwable failure;

    Tick(Runnable command) {
      this.command = command;
    }

    void runOnce() {
      if (isDone()) {
        return;
      }
      try {
        command.run();
      } catch (Throwable t) {
        failure = t;
        end(FAILED);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return end(CANCELLED);
    }

    /** Moves a running task to its end state, once: whether this call did. */
    private boolean end(int how) {
      if (!state.compareAndSet(RUNNING, how)) {
        return false;
      }
      batch.ticks.remove(this);
      finished.countDown();
      return true;
    }

    @Override
    public boolean isCancelled() {
      return state.get() == CANCELLED;
    }

    @Override
    public boolean isDone() {
      return state.get() != RUNNING;
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      finished.await();
      return outcome();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      if (!finished.await(timeout, unit)) {
        throw new TimeoutException();
      }
      return outcome();
    }

    private Object outcome() throws ExecutionException {
      if (isCancelled()) {
        throw new CancellationException();
      }
      throw new ExecutionException(failure);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return batch.future.getDelay(unit);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
