package io.relmon.service;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka client properties for a service: the bootstrap servers plus whatever the operator passes
 * through. Any {@code KAFKA_FOO_BAR} environment variable becomes the client property {@code
 * foo.bar} (so SASL and TLS settings need no code), and so does any {@code relmon.kafka.foo.bar}
 * setting. Values are never logged: they may hold secrets.
 */
public final class KafkaSettings {
  private KafkaSettings() {}

  /** How long a consumer's fetch waits at the broker for records (see clientProperties). */
  public static final String IDLE_FETCH_WAIT_MS = "5000";

  public static Map<String, Object> clientProperties(String bootstrapServers, Settings settings, Map<String, String> environment) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    // An idle consumer asks the broker for records every fetch.max.wait.ms (Kafka's default 500):
    // with every consumer of the three services that is most of what an idle stack does (issue 16,
    // docs/benchmarks.md "Cost at rest"). A fetch is answered as soon as a record arrives, so a
    // longer wait costs no latency; operators may still set it (KAFKA_FETCH_MAX_WAIT_MS).
    props.put("fetch.max.wait.ms", IDLE_FETCH_WAIT_MS);
    props.putAll(settings.withPrefix("relmon.kafka."));
    environment.forEach((name, value) -> {
      if (name.startsWith("KAFKA_") && name.length() > "KAFKA_".length()) {
        props.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    props.remove("bootstrap.servers.override");
    return props;
  }
}
