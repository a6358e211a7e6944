package io.relmon.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
  // Counters looked up once: the registry's lookup (a Meter.Id and a map probe) per event showed
  // in the stream thread's profile (docs/benchmarks.md, eleventh session).
  private final Map<String, Counter> dedupeByResult = new ConcurrentHashMap<>();
  private final Map<String, Counter> eventsByType = new ConcurrentHashMap<>();
  private final Map<String, Counter> signalsByType = new ConcurrentHashMap<>();

  public ScoringMeters(MeterRegistry registry, Set<String> watchedDyads) {
    this.registry = registry;
    this.warmthUpdates = registry.counter("relmon.scoring.warmth.updates");
    // At zero from the start: dashboards and rules see the series before the first event.
    for (io.relmon.schemas.avro.SignalType type : io.relmon.schemas.avro.SignalType.values()) {
      signalCounter(type.name());
    }
    for (String result : List.of("first", "corroborated", "repeated")) {
      dedupeCounter(result);
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
    dedupeCounter(result).increment();
    if (result.equals("first")) {
      eventsByType.computeIfAbsent(eventType, type -> registry.counter("relmon.scoring.events", "type", type)).increment();
    }
  }

  public void signal(String type) {
    signalCounter(type).increment();
  }

  private Counter dedupeCounter(String result) {
    return dedupeByResult.computeIfAbsent(result, r -> registry.counter("relmon.scoring.dedupe", "result", r));
  }

  private Counter signalCounter(String type) {
    return signalsByType.computeIfAbsent(type, t -> registry.counter("relmon.scoring.signals", "type", t));
  }

  public void warmth(String dyad, double value) {
    warmthUpdates.increment();
    AtomicReference<Double> gauge = watched.get(dyad);
    if (gauge != null) {
      gauge.set(value);
    }
  }
}
