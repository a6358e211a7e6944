package io.relmon.scoring.signals;

import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import io.relmon.scoring.dedupe.EventIdentity;
import io.relmon.service.Dyad;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * PROMINENCE_SHIFT (BRIEF §4): keeps, per (outlet's country, leader's country), the baseline
 * prominence of the leader in that state's media; a mention whose prominence falls or rises
 * past the threshold relative to the baseline — once the baseline rests on enough mentions — is a
 * signal (−/+ weight) on the dyad, citing the article. Each mention then joins the baseline.
 */
public final class ProminenceShiftProcessor implements Processor<String, MentionObservation, String, Signal> {

  private final String storeName;
  private final SignalParameters parameters;
  private ProcessorContext<String, Signal> context;
  private KeyValueStore<String, Prominence.Baseline> baselines;

  public ProminenceShiftProcessor(String storeName, SignalParameters parameters) {
    this.storeName = storeName;
    this.parameters = parameters;
  }

  @Override
  public void init(ProcessorContext<String, Signal> context) {
    this.context = context;
    this.baselines = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, MentionObservation> record) {
    MentionObservation m = record.value();
    Prominence.Baseline baseline = Objects.requireNonNullElse(baselines.get(record.key()), Prominence.Baseline.EMPTY);
    if (baseline.count() >= parameters.prominenceMinHistory() && baseline.mean() > 0) {
      double change = (m.prominence() - baseline.mean()) / baseline.mean();
      if (Math.abs(change) >= parameters.prominenceThreshold()) {
        boolean drop = change < 0;
        String date = Instant.ofEpochMilli(m.published()).atZone(ZoneOffset.UTC).toLocalDate().toString();
        Signal signal = Signal.newBuilder()
            .setSignalId(EventIdentity.id("PROMINENCE_SHIFT|" + record.key() + "|" + m.articleId()))
            .setType(SignalType.PROMINENCE_SHIFT)
            .setActor(m.outletCountry())
            .setTargets(List.of(m.leaderCountry()))
            .setDate(date)
            .setWeight(drop ? -Math.abs(parameters.prominenceWeight()) : Math.abs(parameters.prominenceWeight()))
            .setExplanation(String.format(Locale.ROOT, "%s state media %s the %s leader: prominence %.2f against a baseline of %.2f over %d mentions",
                m.outletCountry(), drop ? "demoted" : "raised", m.leaderCountry(), m.prominence(), baseline.mean(), baseline.count()))
            .setCitedEventIds(List.of(m.articleId()))
            .setEventTime(Instant.ofEpochMilli(m.published()))
            .build();
        context.forward(new Record<>(Dyad.key(m.outletCountry(), m.leaderCountry()), signal, m.published(), record.headers()));
      }
    }
    baselines.put(record.key(), baseline.with(m.prominence()));
  }
}
