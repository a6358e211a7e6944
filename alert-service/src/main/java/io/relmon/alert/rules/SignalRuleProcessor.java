package io.relmon.alert.rules;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.RuleKind;
import io.relmon.schemas.avro.Signal;
import io.relmon.service.Ids;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the signal rules to each composite signal (keyed by dyad): a signal of the rule's type
 * whose |weight| reaches the rule's minimum fires an alert, once per signal and dyad (the id is
 * derived from rule, dyad and signal id, and remembered), unless the rule's cooldown for the dyad
 * is running.
 */
public final class SignalRuleProcessor implements Processor<String, Signal, String, Alert> {

  private final String storeName;
  private final RuleSet rules;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, RuleState> store;

  public SignalRuleProcessor(String storeName, RuleSet rules) {
    this.storeName = storeName;
    this.rules = rules;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Signal> record) {
    Signal signal = record.value();
    String dyad = record.key();
    if (signal == null || dyad == null) {
      return;
    }
    long at = signal.getEventTime().toEpochMilli();
    for (Rule rule : rules.rules()) {
      if (!(rule instanceof Rule.SignalRule signalRule) || !rule.watches(dyad) || signal.getType() != signalRule.signal()
          || Math.abs(signal.getWeight()) < signalRule.minWeight()) {
        continue;
      }
      String alertId = Ids.sha256(rule.name() + "|" + dyad + "|" + signal.getSignalId(), 12);
      String seen = "alert|" + alertId;
      if (store.get(seen) != null) {
        // The same signal again (reported with another meeting, or replayed): alerted already.
        continue;
      }
      String key = rule.name() + "|" + dyad;
      RuleState state = Objects.requireNonNullElse(store.get(key), RuleState.INITIAL);
      if (state.lastFiredAt() != 0 && at < state.lastFiredAt() + rule.cooldown().toMillis() && at >= state.lastFiredAt()) {
        continue;
      }
      store.put(key, new RuleState(true, at));
      store.put(seen, new RuleState(false, at));
      Alert alert = Alert.newBuilder()
          .setAlertId(alertId)
          .setRule(rule.name())
          .setRuleKind(RuleKind.SIGNAL)
          .setRuleDescription(signalRule.describe())
          .setDyad(dyad)
          .setSeverity(rule.severity())
          .setFiredAt(signal.getEventTime())
          .setValue(signal.getWeight())
          .setThreshold(signalRule.minWeight())
          .setChannels(rule.channels())
          .setWarmth(null)
          .setSignal(signal)
          .setHistory(List.of())
          .build();
      context.forward(new Record<>(alert.getAlertId(), alert, at, record.headers()));
    }
  }
}
