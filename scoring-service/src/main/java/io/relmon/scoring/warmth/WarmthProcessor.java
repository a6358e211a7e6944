package io.relmon.scoring.warmth;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts contributions (de-duplicated events and composite signals, keyed by dyad) into the
 * dyad's warmth and forwards the dyad's new score, as of its latest event time. Late events are
 * counted where they belong (no grace period: W is a sum). In live operation a wall-clock
 * punctuator moves dyads that have been quiet for a while forward to now, so dashboards see them
 * drift back toward zero; it is off when the interval is zero (replays, tests of event time).
 */
public final class WarmthProcessor implements Processor<String, Contribution, String, WarmthUpdate> {

  private final String storeName;
  private final WarmthParameters parameters;
  private final Duration advanceInterval;
  private final Duration quietAge;
  private ProcessorContext<String, WarmthUpdate> context;
  private KeyValueStore<String, DyadWarmth> store;
  private Cancellable advance;

  public WarmthProcessor(String storeName, WarmthParameters parameters, Duration advanceInterval, Duration quietAge) {
    this.storeName = storeName;
    this.parameters = parameters;
    this.advanceInterval = advanceInterval;
    this.quietAge = quietAge;
  }

  @Override
  public void init(ProcessorContext<String, WarmthUpdate> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    if (!advanceInterval.isZero()) {
      advance = context.schedule(advanceInterval, PunctuationType.WALL_CLOCK_TIME, this::advanceQuietDyads);
    }
  }

  @Override
  public void process(Record<String, Contribution> record) {
    DyadWarmth state = Objects.requireNonNullElseGet(store.get(record.key()), DyadWarmth::empty);
    DyadWarmth next = state.with(record.value(), parameters);
    store.put(record.key(), next);
    WarmthUpdate update = toUpdate(record.key(), next.snapshot(parameters), parameters);
    context.forward(new Record<>(record.key(), update, next.asOf(), record.headers()));
  }

  /** Moves every dyad quiet for longer than the quiet age forward to {@code now}. */
  void advanceQuietDyads(long now) {
    List<KeyValue<String, DyadWarmth>> moved = new ArrayList<>();
    try (KeyValueIterator<String, DyadWarmth> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, DyadWarmth> dyad = all.next();
        if (dyad.value.asOf() < now - quietAge.toMillis()) {
          moved.add(KeyValue.pair(dyad.key, dyad.value.advancedTo(now, parameters)));
        }
      }
    }
    for (KeyValue<String, DyadWarmth> dyad : moved) {
      store.put(dyad.key, dyad.value);
      context.forward(new Record<>(dyad.key, toUpdate(dyad.key, dyad.value.snapshot(parameters), parameters), now));
    }
  }

  @Override
  public void close() {
    if (advance != null) {
      advance.cancel();
    }
  }

  /** A de-duplicated event as it counts into warmth: weight × confidence, its links. */
  public static Contribution contribution(DedupedEvent e) {
    var coded = e.getEvent();
    List<String> urls = e.getSources().stream().map(SourceRef::getUrl).filter(Objects::nonNull).distinct().toList();
    return new Contribution(e.getEventId(), coded.getType().name(), coded.getActor(), coded.getTargets(), coded.getDate(),
        e.getEventTime().toEpochMilli(), coded.getWeight() * coded.getConfidence(), e.getCorroboration(),
        coded.getEvidence(), urls);
  }

  /** A composite signal as it counts into warmth. */
  public static Contribution contribution(Signal s) {
    return new Contribution(s.getSignalId(), s.getType().name(), s.getActor(), s.getTargets(), s.getDate(),
        s.getEventTime().toEpochMilli(), s.getWeight(), 1, s.getExplanation(), List.of());
  }

  static WarmthUpdate toUpdate(String dyad, WarmthSnapshot s, WarmthParameters p) {
    return WarmthUpdate.newBuilder()
        .setDyad(dyad)
        .setValue(s.value())
        .setRaw(s.raw())
        .setChange7d(s.change7d())
        .setChange30d(s.change30d())
        .setEventCount(s.eventCount())
        .setAsOf(Instant.ofEpochMilli(s.asOf()))
        .setHalfLifeDays(p.halfLife().toMillis() / 86_400_000.0)
        .setScale(p.scale())
        .setDrivers(s.drivers().stream().map(d -> Driver.newBuilder()
            .setEventId(d.event().eventId())
            .setType(d.event().type())
            .setActor(d.event().actor())
            .setTargets(d.event().targets())
            .setDate(d.event().date())
            .setEventTime(Instant.ofEpochMilli(d.event().eventTime()))
            .setWeight(d.event().weight())
            .setContribution(d.contribution())
            .setCorroboration(d.event().corroboration())
            .setEvidence(d.event().evidence())
            .setUrls(d.event().urls())
            .build()).toList())
        .build();
  }
}
