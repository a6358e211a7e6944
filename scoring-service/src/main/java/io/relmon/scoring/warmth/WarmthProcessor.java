package io.relmon.scoring.warmth;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts de-duplicated events (keyed by dyad) into the dyad's warmth and forwards the dyad's new
 * score, as of its latest event time. PLANNED events are not counted: they have not happened.
 * Late events are counted where they belong (no grace period: W is a sum).
 */
public final class WarmthProcessor implements Processor<String, DedupedEvent, String, WarmthUpdate> {

  private final String storeName;
  private final WarmthParameters parameters;
  private ProcessorContext<String, WarmthUpdate> context;
  private KeyValueStore<String, DyadWarmth> store;

  public WarmthProcessor(String storeName, WarmthParameters parameters) {
    this.storeName = storeName;
    this.parameters = parameters;
  }

  @Override
  public void init(ProcessorContext<String, WarmthUpdate> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, DedupedEvent> record) {
    DedupedEvent event = record.value();
    if (event.getEvent().getModality() == Modality.PLANNED) {
      return;
    }
    DyadWarmth state = Objects.requireNonNullElseGet(store.get(record.key()), DyadWarmth::empty);
    DyadWarmth next = state.with(contribution(event), parameters);
    store.put(record.key(), next);
    WarmthUpdate update = toUpdate(record.key(), next.snapshot(parameters), parameters);
    context.forward(new Record<>(record.key(), update, next.asOf(), record.headers()));
  }

  static Contribution contribution(DedupedEvent e) {
    var coded = e.getEvent();
    List<String> urls = e.getSources().stream().map(SourceRef::getUrl).filter(Objects::nonNull).distinct().toList();
    return new Contribution(e.getEventId(), coded.getType().name(), coded.getActor(), coded.getTargets(), coded.getDate(),
        e.getEventTime().toEpochMilli(), coded.getWeight() * coded.getConfidence(), e.getCorroboration(),
        coded.getEvidence(), urls);
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
