package io.relmon.alert;

import io.relmon.alert.notify.Notifier;
import io.relmon.alert.notify.RetryPolicy;
import io.relmon.alert.notify.SmtpSettings;
import io.relmon.alert.notify.WebLinks;
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
 *       {@code relmon.smtp.truststore} and {@code relmon.smtp.truststore.password} (a private CA for STARTTLS),
 *       {@code relmon.smtp.allow.plaintext.auth} ({@code false}: a username needs STARTTLS)
 *   <li>{@code relmon.alert.retry.attempts} ({@code 8}), {@code relmon.alert.retry.first.ms}
 *       ({@code 1000}), {@code relmon.alert.retry.max.ms} ({@code 30000}), {@code relmon.alert.retry.budget.ms}
 *       (how long a delivery may wait for its channel; default the backoff's span: 91 s)
 *   <li>{@code relmon.alert.notifier.max.pending} ({@code 1000}) — deliveries waiting for their channel
 *       before the notifier stops reading alerts; {@code relmon.alert.notifier.stall.ms} ({@code 120000}) —
 *       a notifier round longer than this makes {@code /health/live} answer 503;
 *       {@code relmon.alert.delivery.log.retention.days} ({@code 30}) and
 *       {@code relmon.alert.delivery.log.max.keys} ({@code 1000000}) — what the delivery log remembers
 *   <li>{@code relmon.alert.admin.token} or {@code relmon.alert.admin.token.file} — the bearer token of
 *       {@code POST /v1/redeliver}; without it that endpoint answers 403. At least 16 characters
 *   <li>{@code relmon.alert.webhook.legacy.signature} ({@code false}) — also send the old
 *       {@code sha256=} body-only signature element, for receivers not yet on {@code v1}
 *   <li>{@code relmon.alert.commit.interval.ms} ({@code 100}), {@code relmon.alert.replication.factor} ({@code -1})
 *   <li>{@code relmon.web.base.url} ({@code http://localhost:8082}, the scoring service's port) — the address
 *       of relmon's web view as the e-mails' readers reach it; their links start there
 * </ul>
 */
public record AlertConfig(
    String bootstrapServers, Path rulesFile, String applicationId, Path stateDir, String notifierGroup,
    String host, int port, SmtpSettings smtp, Notifier.Options notifier, int commitIntervalMs, int replicationFactor,
    Map<String, Object> kafkaClient, String adminToken, boolean webhookLegacySignature, WebLinks web) {

  /** Shortest admin token accepted: a guessable token is no lock. */
  public static final int MIN_TOKEN_LENGTH = 16;

  @Override
  public String toString() {
    return "AlertConfig[bootstrap=" + bootstrapServers + ", rules=" + rulesFile + ", port=" + port + ", smtp=" + smtp
        + ", notifier=" + notifier + ", adminToken=" + (adminToken == null ? "none" : "***") + ", web=" + web.base() + "]";
  }

  /** Retry policy of the notifier (kept for callers of the former record component). */
  public RetryPolicy retry() {
    return notifier.retry();
  }

  public static AlertConfig from(Settings s, Map<String, String> environment) {
    String bootstrap = s.string("relmon.kafka.bootstrap", "localhost:9092");
    String rules = s.required("relmon.alert.rules");
    String password = s.secret("relmon.smtp.password");
    SmtpSettings smtp = new SmtpSettings(
        s.string("relmon.smtp.host", "localhost"),
        s.integer("relmon.smtp.port", 25, 1, 65535),
        Boolean.parseBoolean(s.string("relmon.smtp.starttls", "false")),
        s.string("relmon.smtp.username", null),
        password,
        s.string("relmon.smtp.from", "relmon@localhost"),
        s.path("relmon.smtp.truststore", null),
        s.string("relmon.smtp.truststore.password", null),
        Boolean.parseBoolean(s.string("relmon.smtp.allow.plaintext.auth", "false")));
    smtp.problems().forEach(s::error);
    int attempts = s.integer("relmon.alert.retry.attempts", 8, 1, 100);
    Duration first = Duration.ofMillis(s.integer("relmon.alert.retry.first.ms", 1000, 1, 3_600_000));
    Duration max = Duration.ofMillis(s.integer("relmon.alert.retry.max.ms", 30_000, 1, 3_600_000));
    if (max.compareTo(first) < 0) {
      s.error("relmon.alert.retry.max.ms: must be at least relmon.alert.retry.first.ms");
      max = first;
    }
    String budget = s.string("relmon.alert.retry.budget.ms", null);
    RetryPolicy retry = budget == null ? new RetryPolicy(attempts, first, max)
        : new RetryPolicy(attempts, first, max, Duration.ofMillis(s.integer("relmon.alert.retry.budget.ms", 0, 0, Integer.MAX_VALUE)));
    Notifier.Options notifier = new Notifier.Options(retry,
        s.integer("relmon.alert.notifier.max.pending", 1000, 1, 1_000_000),
        Duration.ofDays(s.integer("relmon.alert.delivery.log.retention.days", 30, 1, 3650)),
        s.integer("relmon.alert.delivery.log.max.keys", 1_000_000, 1, 100_000_000),
        Duration.ofMillis(s.integer("relmon.alert.notifier.stall.ms", 120_000, 1_000, 3_600_000)),
        Duration.ofSeconds(10));
    String adminToken = s.secret("relmon.alert.admin.token");
    if (adminToken != null && adminToken.length() < MIN_TOKEN_LENGTH) {
      s.error("relmon.alert.admin.token: at least " + MIN_TOKEN_LENGTH + " characters");
    } else if (adminToken != null && io.relmon.service.BearerToken.placeholder(adminToken)) {
      s.error("relmon.alert.admin.token: looks like a placeholder (a sample value, or fewer than "
          + io.relmon.service.BearerToken.MIN_DISTINCT_CHARACTERS + " different characters); generate one, e.g. openssl rand -base64 32");
    }
    WebLinks web = WebLinks.DEFAULT;
    try {
      web = WebLinks.of(s.string("relmon.web.base.url", WebLinks.DEFAULT_BASE));
    } catch (IllegalArgumentException e) {
      s.error("relmon.web.base.url: " + e.getMessage());
    }
    AlertConfig config = new AlertConfig(
        bootstrap,
        rules == null ? null : Path.of(rules),
        s.string("relmon.alert.application.id", "relmon-alert-rules"),
        s.path("relmon.alert.state.dir", Path.of(System.getProperty("java.io.tmpdir"), "relmon-alert")),
        s.string("relmon.alert.notifier.group", "relmon-notifier"),
        s.string("relmon.alert.host", "0.0.0.0"),
        s.integer("relmon.alert.port", 8083, 0, 65535),
        smtp,
        notifier,
        s.integer("relmon.alert.commit.interval.ms", 100, 10, 600_000),
        s.integer("relmon.alert.replication.factor", -1, -1, 10),
        KafkaSettings.clientProperties(bootstrap, s, environment),
        adminToken,
        Boolean.parseBoolean(s.string("relmon.alert.webhook.legacy.signature", "false")),
        web);
    s.validate();
    return config;
  }
}
