package io.relmon.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scoring topology's domain meters. They count processing: a task that is re-processed after
 * a failure (exactly-once aborts its output, not its counting) counts again, so they show load,
 * while the topics hold the exact results. Per-dyad gauges exist only for the configured watch
 * list, so the number of series stays bounded however many dyads there are.
 */
public final class ScoringMeters {

  private final MeterRegistry registry;
  private final Map<String, AtomicReference<Double>> watched = new TreeMap<>();
  private final Counter warmthUpdates;

  public ScoringMeters(MeterRegistry registry, Set<String> watchedDyads) {
    this.registry = registry;
    this.warmthUpdates = registry.counter("relmon.scoring.warmth.updates");
    // At zero from the start: dashboards and rules see the series before the first event.
    for (io.relmon.schemas.avro.SignalType type : io.relmon.schemas.avro.SignalType.values()) {
      registry.counter("relmon.scoring.signals", "type", type.name());
    }
    for (String result : List.of("first", "corroborated", "repeated")) {
      registry.counter("relmon.scoring.dedupe", "result", result);
    }
    for (String dyad : watchedDyads) {
      AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
      watched.put(dyad, value);
      registry.gauge("relmon.warmth.value", List.of(Tag.of("dyad", dyad)), value, v -> v.get());
    }
  }

  /** Meters that go nowhere (tests). */
  public static ScoringMeters none() {
    return new ScoringMeters(new SimpleMeterRegistry(), Set.of());
  }

  /** A de-duplication outcome: first (a new event, counted by type too), corroborated, repeated. */
  public void dedupe(String result, String eventType) {
    registry.counter("relmon.scoring.dedupe", "result", result).increment();
    if (result.equals("first")) {
      registry.counter("relmon.scoring.events", "type", eventType).increment();
    }
  }

  public void signal(String type) {
    registry.counter("relmon.scoring.signals", "type", type).increment();
  }

  public void warmth(String dyad, double value) {
    warmthUpdates.increment();
    AtomicReference<Double> gauge = watched.get(dyad);
    if (gauge != null) {
      gauge.set(value);
    }
  }
}
