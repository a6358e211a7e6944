package io.relmon.service;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka client properties for a service: the bootstrap servers plus whatever the operator passes
 * through. Any {@code KAFKA_FOO_BAR} environment variable becomes the client property {@code
 * foo.bar} (so SASL and TLS settings need no code), and so does any {@code relmon.kafka.foo.bar}
 * setting but relmon's own ({@code relmon.kafka.bootstrap}, {@code relmon.kafka.port}). Values are never logged: they may hold secrets.
 */
public final class KafkaSettings {
  private KafkaSettings() {}

  /** Keys under {@code relmon.kafka.} that relmon reads itself ({@link Settings#KAFKA_BOOTSTRAP}, {@code relmon local}'s broker port). */
  static final java.util.Set<String> RELMON_KEYS = java.util.Set.of(Settings.KAFKA_BOOTSTRAP.key(), "relmon.kafka.port");

  public static Map<String, Object> clientProperties(String bootstrapServers, Settings settings, Map<String, String> environment) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    settings.withPrefix("relmon.kafka.").forEach((key, value) -> {
      // relmon's own keys under relmon.kafka. are not client properties: passed on, the clients
      // would log "supplied but are not used" for each.
      if (!RELMON_KEYS.contains("relmon.kafka." + key)) {
        props.put(key, value);
      }
    });
    environment.forEach((name, value) -> {
      if (name.startsWith("KAFKA_") && name.length() > "KAFKA_".length()) {
        props.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    props.remove("bootstrap.servers.override");
    return props;
  }
}
