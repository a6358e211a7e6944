package io.relmon.alert.rules;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.RuleKind;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.service.Ids;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies every rule to each warmth update (keyed by dyad), with state per rule × dyad, and
 * forwards the alerts that fire keyed by alert id. The id is derived from rule, dyad and the
 * update's as-of time, so a replayed update yields the same id and the notifier sends it once.
 */
public final class RuleProcessor implements Processor<String, WarmthUpdate, String, Alert> {

  private final String storeName;
  private final RuleSet rules;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, RuleState> store;

  public RuleProcessor(String storeName, RuleSet rules) {
    this.storeName = storeName;
    this.rules = rules;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, WarmthUpdate> record) {
    WarmthUpdate update = record.value();
    if (update == null) {
      return;
    }
    for (Rule rule : rules.rules()) {
      if (!(rule instanceof Rule.WarmthBelow below) || !rule.watches(update.getDyad())) {
        continue;
      }
      String key = rule.name() + "|" + update.getDyad();
      RuleState state = Objects.requireNonNullElse(store.get(key), RuleState.INITIAL);
      long asOf = update.getAsOf().toEpochMilli();
      RuleEvaluation.Outcome outcome = RuleEvaluation.evaluate(below, state, update.getValue(), asOf);
      if (!outcome.next().equals(state)) {
        store.put(key, outcome.next());
      }
      if (outcome.fires()) {
        Alert alert = Alert.newBuilder()
            .setAlertId(alertId(rule.name(), update.getDyad(), asOf))
            .setRule(rule.name())
            .setRuleKind(RuleKind.WARMTH_BELOW)
            .setRuleDescription(below.describe())
            .setDyad(update.getDyad())
            .setSeverity(rule.severity())
            .setFiredAt(update.getAsOf())
            .setValue(update.getValue())
            .setThreshold(below.threshold())
            .setChannels(rule.channels())
            .setWarmth(update)
            .setSignal(null)
            .build();
        context.forward(new Record<>(alert.getAlertId(), alert, asOf, record.headers()));
      }
    }
  }

  static String alertId(String rule, String dyad, long asOf) {
    return Ids.sha256(rule + "|" + dyad + "|" + asOf, 12);
  }
}
