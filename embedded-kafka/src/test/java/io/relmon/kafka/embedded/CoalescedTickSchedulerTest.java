package io.relmon.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yammer.metrics.core.Meter;
import com.yammer.metrics.core.MetricName;
import com.yammer.metrics.core.MetricsRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescedTickSchedulerTest {

  private final CoalescedTickScheduler scheduler = new CoalescedTickScheduler();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void shouldRunEveryTaskOfAPeriodFromOneScheduledTask() throws Exception {
    int tasks = 50;
    CountDownLatch ranThrice = new CountDownLatch(tasks);
    for (int i = 0; i < tasks; i++) {
      AtomicInteger runs = new AtomicInteger();
      scheduler.scheduleAtFixedRate(() -> {
        if (runs.incrementAndGet() == 3) {
          ranThrice.countDown();
        }
      }, i, 20, TimeUnit.MILLISECONDS);
    }

    assertThat(ranThrice.await(30, TimeUnit.SECONDS)).isTrue();
    // Yammer's own pool would hold one scheduled task, and one wake-up, per meter. (While the
    // batch runs, its task is out of the queue: wait until it is back.)
    assertThat(queuedOnceBackFrom(scheduler)).isEqualTo(1);
    assertThat(scheduler.ticksScheduled()).isEqualTo(tasks);
  }

  /** The executor's queue length, once its batch task is back in it from a run. */
  static int queuedOnceBackFrom(ScheduledThreadPoolExecutor executor) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (executor.getQueue().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return executor.getQueue().size();
  }

  @Test
  void shouldKeepOneScheduledTaskPerPeriod() {
    scheduler.scheduleAtFixedRate(() -> { }, 0, 5, TimeUnit.SECONDS);
    scheduler.scheduleAtFixedRate(() -> { }, 1, 5000, TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.MINUTES);

    assertThat(scheduler.getQueue()).hasSize(2);
    assertThat(scheduler.ticksScheduled()).isEqualTo(3);
  }

  @Test
  void shouldStopACancelledTaskAndRunTheOthers() throws Exception {
    AtomicInteger cancelledRuns = new AtomicInteger();
    CountDownLatch othersRuns = new CountDownLatch(5);
    ScheduledFuture<?> cancelled = scheduler.scheduleAtFixedRate(cancelledRuns::incrementAndGet, 0, 20, TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(othersRuns::countDown, 0, 20, TimeUnit.MILLISECONDS);

    assertThat(cancelled.cancel(false)).isTrue();
    int runsAtCancel = cancelledRuns.get();
    assertThat(othersRuns.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(cancelledRuns.get()).isEqualTo(runsAtCancel);
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(cancelled.isDone()).isTrue();
    assertThat(cancelled.cancel(false)).isFalse();
    assertThatThrownBy(cancelled::get).isInstanceOf(CancellationException.class);
    assertThat(scheduler.ticksScheduled()).isEqualTo(1);
  }

  @Test
  void shouldStopATaskThatThrowsAndRunTheOthers() throws Exception {
    AtomicInteger failingRuns = new AtomicInteger();
    CountDownLatch othersRuns = new CountDownLatch(5);
    ScheduledFuture<?> failing = scheduler.scheduleAtFixedRate(() -> {
      failingRuns.incrementAndGet();
      throw new IllegalStateException("broken meter");
    }, 0, 20, TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(othersRuns::countDown, 0, 20, TimeUnit.MILLISECONDS);

    assertThat(othersRuns.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(failingRuns.get()).isEqualTo(1);
    assertThat(failing.isDone()).isTrue();
    assertThat(failing.isCancelled()).isFalse();
    assertThatThrownBy(() -> failing.get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("broken meter");
  }

  @Test
  void shouldEndItsTasksWhenShutDown() {
    ScheduledFuture<?> tick = scheduler.scheduleAtFixedRate(() -> { }, 0, 5, TimeUnit.SECONDS);

    scheduler.shutdown();

    assertThat(tick.isCancelled()).isTrue();
    assertThat(scheduler.ticksScheduled()).isZero();
    assertThatThrownBy(() -> scheduler.scheduleAtFixedRate(() -> { }, 0, 5, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
  }

  @Test
  void shouldCancelATaskOnce() {
    ScheduledFuture<?> tick = scheduler.scheduleAtFixedRate(() -> { }, 0, 5, TimeUnit.SECONDS);

    assertThat(tick.getDelay(TimeUnit.MILLISECONDS)).isBetween(0L, 5_000L);
    assertThat(tick.cancel(false)).isTrue();
    assertThat(tick.cancel(true)).isFalse();
  }

  @Test
  void shouldRunOtherSchedulingAsAnyScheduledExecutor() throws Exception {
    ScheduledFuture<String> once = scheduler.schedule(() -> "done", 10, TimeUnit.MILLISECONDS);

    assertThat(once.get(30, TimeUnit.SECONDS)).isEqualTo("done");
  }

  @Test
  void shouldTickTheMetersOfARegistryItInstalledInto() throws Exception {
    MetricsRegistry registry = new MetricsRegistry();
    try {
      assertThat(CoalescedTickScheduler.install(registry)).isTrue();
      assertThat(CoalescedTickScheduler.install(registry)).as("a second install keeps the first").isTrue();
      List<Meter> meters = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        meters.add(registry.newMeter(new MetricName("relmon", "test", "meter" + i), "events", TimeUnit.SECONDS));
      }

      ScheduledExecutorService pool = registry.newScheduledThreadPool(2, CoalescedTickScheduler.METER_TICK_POOL);
      assertThat(pool).isInstanceOf(CoalescedTickScheduler.class);
      assertThat(queuedOnceBackFrom((ScheduledThreadPoolExecutor) pool)).isEqualTo(1);
      assertThat(((CoalescedTickScheduler) pool).ticksScheduled()).isEqualTo(20);

      registry.removeMetric(new MetricName("relmon", "test", "meter0"));
      assertThat(((CoalescedTickScheduler) pool).ticksScheduled()).as("a removed meter stops ticking").isEqualTo(19);
    } finally {
      registry.shutdown();
    }
  }

  @Test
  void shouldLeaveARegistryThatAlreadyTicksItsMeters() {
    MetricsRegistry registry = new MetricsRegistry();
    try {
      registry.newMeter(new MetricName("relmon", "test", "early"), "events", TimeUnit.SECONDS);

      assertThat(CoalescedTickScheduler.install(registry)).isFalse();
      assertThat(registry.newScheduledThreadPool(2, CoalescedTickScheduler.METER_TICK_POOL))
          .isNotInstanceOf(CoalescedTickScheduler.class);
    } finally {
      registry.shutdown();
    }
  }
}
