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

  public static Map<String, Object> clientProperties(String bootstrapServers, Settings settings, Map<String, String> environment) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
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
