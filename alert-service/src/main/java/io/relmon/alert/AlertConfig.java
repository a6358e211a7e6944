package io.relmon.alert;

import io.relmon.alert.notify.Notifier;
import io.relmon.alert.notify.SmtpSettings;
import io.relmon.service.KafkaSettings;
import io.relmon.service.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the alert service. Keys and defaults:
 *
 * <ul>
 *   <li>{@code relmon.kafka.bootstrap} ({@code localhost:9092})
 *   <li>{@code relmon.alert.rules} (required) — path of the rules file (YAML)
 *   <li>{@code relmon.alert.application.id} ({@code relmon-alert-rules}), {@code relmon.alert.state.dir}
 *   <li>{@code relmon.alert.notifier.group} ({@code relmon-notifier})
 *   <li>{@code relmon.alert.host} ({@code 0.0.0.0}), {@code relmon.alert.port} ({@code 8083})
 *   <li>{@code relmon.smtp.host} ({@code localhost}), {@code relmon.smtp.port} ({@code 25}),
 *       {@code relmon.smtp.starttls} ({@code false}), {@code relmon.smtp.username},
 *       {@code relmon.smtp.password} or {@code relmon.smtp.password.file} (from the environment:
 *       {@code RELMON_SMTP_PASSWORD}), {@code relmon.smtp.from} ({@code relmon@localhost}),
 *       {@code relmon.smtp.truststore} and {@code relmon.smtp.truststore.password} (a private CA for STARTTLS)
 *   <li>{@code relmon.alert.retry.attempts} ({@code 8}), {@code relmon.alert.retry.first.ms}
 *       ({@code 1000}), {@code relmon.alert.retry.max.ms} ({@code 30000})
 *   <li>{@code relmon.alert.commit.interval.ms} ({@code 100}), {@code relmon.alert.replication.factor} ({@code -1})
 * </ul>
 */
public record AlertConfig(
    String bootstrapServers, Path rulesFile, String applicationId, Path stateDir, String notifierGroup,
    String host, int port, SmtpSettings smtp, Notifier.Retry retry, int commitIntervalMs, int replicationFactor,
    Map<String, Object> kafkaClient) {

  public static AlertConfig from(Settings s, Map<String, String> environment) {
    String bootstrap = s.string("relmon.kafka.bootstrap", "localhost:9092");
    String rules = s.required("relmon.alert.rules");
    String password = s.secret("relmon.smtp.password");
    AlertConfig config = new AlertConfig(
        bootstrap,
        rules == null ? null : Path.of(rules),
        s.string("relmon.alert.application.id", "relmon-alert-rules"),
        s.path("relmon.alert.state.dir", Path.of(System.getProperty("java.io.tmpdir"), "relmon-alert")),
        s.string("relmon.alert.notifier.group", "relmon-notifier"),
        s.string("relmon.alert.host", "0.0.0.0"),
        s.integer("relmon.alert.port", 8083, 0, 65535),
        new SmtpSettings(
            s.string("relmon.smtp.host", "localhost"),
            s.integer("relmon.smtp.port", 25, 1, 65535),
            Boolean.parseBoolean(s.string("relmon.smtp.starttls", "false")),
            s.string("relmon.smtp.username", null),
            password,
            s.string("relmon.smtp.from", "relmon@localhost"),
            s.path("relmon.smtp.truststore", null),
            s.string("relmon.smtp.truststore.password", null)),
        new Notifier.Retry(
            s.integer("relmon.alert.retry.attempts", 8, 1, 100),
            Duration.ofMillis(s.integer("relmon.alert.retry.first.ms", 1000, 1, 3_600_000)),
            Duration.ofMillis(s.integer("relmon.alert.retry.max.ms", 30_000, 1, 3_600_000))),
        s.integer("relmon.alert.commit.interval.ms", 100, 10, 600_000),
        s.integer("relmon.alert.replication.factor", -1, -1, 10),
        KafkaSettings.clientProperties(bootstrap, s, environment));
    s.validate();
    return config;
  }
}
