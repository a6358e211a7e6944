package io.relmon.alert;

import io.relmon.alert.rules.RuleProcessor;
import io.relmon.alert.rules.RuleSet;
import io.relmon.alert.rules.RuleState;
import io.relmon.alert.rules.SignalRuleProcessor;
import io.relmon.alert.rules.WarmthHistory;
import io.relmon.schemas.Topics;
import io.relmon.service.JsonSerde;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Rule evaluation, top to bottom: {@code read-warmth} (relmon.warmth.v1, keyed by dyad) →
 * {@code evaluate-rules} with {@code rule-state-store} (per rule × dyad: armed, last fired) and
 * {@code dyad-history-store} (90 days of warmth per dyad) → {@code write-alerts}; and
 * {@code read-signals} (relmon.signals.v1, keyed by dyad) → {@code evaluate-signal-rules} with
 * {@code signal-rule-state-store} → {@code write-signal-alerts} (relmon.alerts.v1, keyed by
 * alert id). Runs under exactly_once_v2, so each alert is written once.
 */
public final class AlertTopology {

  public static final String RULE_STATE_STORE = "rule-state-store";
  public static final String DYAD_HISTORY_STORE = "dyad-history-store";
  public static final String SIGNAL_RULE_STATE_STORE = "signal-rule-state-store";

  private AlertTopology() {}

  public static Topology build(Topics topics, RuleSet rules, Properties streamsConfig) {
    return build(topics, rules, streamsConfig, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  /**
   * As above, counting the alerts that fire in {@code relmon.alert.fired{rule,severity}} (a count
   * of processing: a task re-processed after a failure counts again; the topic has each once).
   */
  public static Topology build(Topics topics, RuleSet rules, Properties streamsConfig, io.micrometer.core.instrument.MeterRegistry meters) {
    org.apache.kafka.streams.kstream.ForeachAction<String, io.relmon.schemas.avro.Alert> countFired = (id, alert) ->
        meters.counter("relmon.alert.fired", "rule", alert.getRule(), "severity", alert.getSeverity().name()).increment();
    rules.rules().forEach(rule -> meters.counter("relmon.alert.fired", "rule", rule.name(), "severity", rule.severity().name()));
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(RULE_STATE_STORE), Serdes.String(), new JsonSerde<>(RuleState.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DYAD_HISTORY_STORE), Serdes.String(), new JsonSerde<>(WarmthHistory.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(SIGNAL_RULE_STATE_STORE), Serdes.String(), new JsonSerde<>(RuleState.class)));
    builder
        .stream(topics.warmth().name(),
            Consumed.with(topics.warmth().keySerde(), topics.warmth().valueSerde()).withName("read-warmth"))
        .process(() -> new RuleProcessor(RULE_STATE_STORE, DYAD_HISTORY_STORE, rules), Named.as("evaluate-rules"),
            RULE_STATE_STORE, DYAD_HISTORY_STORE)
        .peek(countFired, Named.as("count-fired-alerts"))
        .to(topics.alerts().name(),
            Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde()).withName("write-alerts"));
    builder
        .stream(topics.signals().name(),
            Consumed.with(topics.signals().keySerde(), topics.signals().valueSerde()).withName("read-signals"))
        .process(() -> new SignalRuleProcessor(SIGNAL_RULE_STATE_STORE, rules), Named.as("evaluate-signal-rules"),
            SIGNAL_RULE_STATE_STORE)
        .peek(countFired, Named.as("count-fired-signal-alerts"))
        .to(topics.alerts().name(),
            Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde()).withName("write-signal-alerts"));
    return builder.build(streamsConfig);
  }
}
