package io.relmon.alert.rules;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.RuleKind;
import io.relmon.schemas.avro.WarmthPoint;
import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Instant;
import java.util.List;
import io.relmon.service.Ids;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the warmth rules (warmth_below, drop) to each warmth update (keyed by dyad), with state
 * per rule × dyad and the dyad's recent warmth, and forwards the alerts that fire keyed by alert
 * id. The id is derived from rule, dyad and the update's as-of time, so a replayed update yields
 * the same id and the notifier sends it once. Each alert carries the dyad's 90-day history for
 * the e-mail's chart.
 */
public final class RuleProcessor implements Processor<String, WarmthUpdate, String, Alert> {

  private final String stateStoreName;
  private final String historyStoreName;
  private final RuleSet rules;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, RuleState> store;
  private KeyValueStore<String, WarmthHistory> histories;

  public RuleProcessor(String stateStoreName, String historyStoreName, RuleSet rules) {
    this.stateStoreName = stateStoreName;
    this.historyStoreName = historyStoreName;
    this.rules = rules;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(stateStoreName);
    this.histories = context.getStateStore(historyStoreName);
  }

  @Override
  public void process(Record<String, WarmthUpdate> record) {
    WarmthUpdate update = record.value();
    if (update == null) {
      return;
    }
    long asOf = update.getAsOf().toEpochMilli();
    WarmthHistory history = Objects.requireNonNullElseGet(histories.get(update.getDyad()), WarmthHistory::empty)
        .with(asOf, update.getValue());
    histories.put(update.getDyad(), history);
    for (Rule rule : rules.rules()) {
      if (!rule.watches(update.getDyad()) || rule instanceof Rule.SignalRule) {
        continue;
      }
      String key = rule.name() + "|" + update.getDyad();
      RuleState state = Objects.requireNonNullElse(store.get(key), RuleState.INITIAL);
      RuleEvaluation.Outcome outcome;
      double threshold;
      RuleKind kind;
      String description;
      if (rule instanceof Rule.WarmthBelow below) {
        outcome = RuleEvaluation.evaluate(below, state, update.getValue(), asOf);
        threshold = below.threshold();
        kind = RuleKind.WARMTH_BELOW;
        description = below.describe();
      } else {
        Rule.Drop drop = (Rule.Drop) rule;
        double high = history.highSince(asOf, drop.window().toMillis());
        outcome = RuleEvaluation.evaluate(drop, state, high, update.getValue(), asOf);
        threshold = high - drop.delta();
        kind = RuleKind.DROP;
        description = drop.describe();
      }
      if (!outcome.next().equals(state)) {
        store.put(key, outcome.next());
      }
      if (outcome.fires()) {
        Alert alert = Alert.newBuilder()
            .setAlertId(alertId(rule.name(), update.getDyad(), asOf))
            .setRule(rule.name())
            .setRuleKind(kind)
            .setRuleDescription(description)
            .setDyad(update.getDyad())
            .setSeverity(rule.severity())
            .setFiredAt(update.getAsOf())
            .setValue(update.getValue())
            .setThreshold(threshold)
            .setChannels(rule.channels())
            .setWarmth(update)
            .setSignal(null)
            .setHistory(points(history))
            .build();
        context.forward(new Record<>(alert.getAlertId(), alert, asOf, record.headers()));
      }
    }
  }

  static List<WarmthPoint> points(WarmthHistory history) {
    return history.points().stream()
        .map(p -> WarmthPoint.newBuilder().setAsOf(Instant.ofEpochMilli(p.asOf())).setValue(p.value()).build())
        .toList();
  }

  static String alertId(String rule, String dyad, long asOf) {
    return Ids.sha256(rule + "|" + dyad + "|" + asOf, 12);
  }
}
