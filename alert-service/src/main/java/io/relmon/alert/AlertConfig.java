package io.relmon.alert;

import io.relmon.alert.notify.Notifier;
import io.relmon.alert.notify.RetryPolicy;
import io.relmon.alert.notify.SmtpSettings;
import io.relmon.alert.notify.WebLinks;
import io.relmon.service.KafkaSettings;
import io.relmon.service.Setting;
import io.relmon.service.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configuration of the alert service. Every key, with its type, default and description, is a
 * {@link Setting} constant below (listed in {@link #SETTINGS}; the README's table is held to them).
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

  public static final Setting<String> RULES = Setting.required("relmon.alert.rules", "Path of the rules file (YAML)");
  public static final Setting<String> HOST = Setting.string("relmon.alert.host", "0.0.0.0",
      "Address /metrics, /health and /v1/redeliver listen on");
  public static final Setting<Integer> PORT = Setting.integer("relmon.alert.port", 8083, 0, 65535,
      "Port of /metrics, /health and /v1/redeliver (0: any free port)");
  public static final Setting<String> APPLICATION_ID = Setting.string("relmon.alert.application.id", "relmon-alert-rules",
      "Streams application id of the rule evaluation: prefix of its consumer group and internal topics");
  public static final Setting<Path> STATE_DIR = Setting.path("relmon.alert.state.dir",
      Path.of(System.getProperty("java.io.tmpdir"), "relmon-alert"), "RocksDB state (set it: the OS may clear a temporary folder)")
      .shownAs("`$TMPDIR/relmon-alert`");
  public static final Setting<String> NOTIFIER_GROUP = Setting.string("relmon.alert.notifier.group", "relmon-notifier",
      "Consumer group of the notifier");
  public static final Setting<Integer> COMMIT_INTERVAL_MS = Setting.integer("relmon.alert.commit.interval.ms", 100, 10, 600_000,
      "Transaction commit interval of the rule evaluation (exactly_once_v2)");
  public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("relmon.alert.replication.factor", -1, -1, 10,
      "Replication factor of the internal topics (-1: the broker's default)");
  public static final Setting<String> SMTP_HOST = Setting.string("relmon.smtp.host", "localhost", "SMTP relay");
  public static final Setting<Integer> SMTP_PORT = Setting.integer("relmon.smtp.port", 25, 1, 65535, "SMTP relay's port");
  public static final Setting<Boolean> SMTP_STARTTLS = Setting.bool("relmon.smtp.starttls", false,
      "Upgrade every connection with STARTTLS (true or false; anything else is an error)");
  public static final Setting<String> SMTP_USERNAME = Setting.string("relmon.smtp.username", null,
      "SMTP user name; needs STARTTLS unless relmon.smtp.allow.plaintext.auth is true");
  public static final Setting<String> SMTP_PASSWORD = Setting.secret("relmon.smtp.password", "none",
      "SMTP password (RELMON_SMTP_PASSWORD, or the file named by RELMON_SMTP_PASSWORD_FILE)");
  public static final Setting<String> SMTP_FROM = Setting.string("relmon.smtp.from", "relmon@localhost", "Sender of the e-mails");
  public static final Setting<Path> SMTP_TRUSTSTORE = Setting.path("relmon.smtp.truststore", null,
      "A PKCS12 or JKS file holding a private CA for STARTTLS (default: the JVM's trust store)");
  public static final Setting<String> SMTP_TRUSTSTORE_PASSWORD = Setting.string("relmon.smtp.truststore.password", null,
      "Password of the trust store");
  public static final Setting<Boolean> SMTP_ALLOW_PLAINTEXT_AUTH = Setting.bool("relmon.smtp.allow.plaintext.auth", false,
      "Allow a username without STARTTLS (a relay on a trusted network)");
  public static final Setting<Integer> RETRY_ATTEMPTS = Setting.integer("relmon.alert.retry.attempts", 8, 1, 100,
      "Attempts per delivery");
  public static final Setting<Integer> RETRY_FIRST_MS = Setting.integer("relmon.alert.retry.first.ms", 1000, 1, 3_600_000,
      "First backoff; it doubles up to relmon.alert.retry.max.ms");
  public static final Setting<Integer> RETRY_MAX_MS = Setting.integer("relmon.alert.retry.max.ms", 30_000, 1, 3_600_000,
      "Longest backoff");
  public static final Setting<Integer> RETRY_BUDGET_MS = Setting.integer("relmon.alert.retry.budget.ms", 0, 0, Integer.MAX_VALUE,
      "How long a delivery may wait for its channel since it first had to wait").shownAs("the backoff's span (91 s)");
  public static final Setting<Integer> NOTIFIER_MAX_PENDING = Setting.integer("relmon.alert.notifier.max.pending", 1000, 1, 1_000_000,
      "Deliveries waiting for their channel before the notifier stops reading alerts");
  public static final Setting<Integer> NOTIFIER_STALL_MS = Setting.integer("relmon.alert.notifier.stall.ms", 120_000, 1_000, 3_600_000,
      "A notifier round longer than this makes /health/live answer 503");
  public static final Setting<Integer> DELIVERY_LOG_RETENTION_DAYS = Setting.integer("relmon.alert.delivery.log.retention.days",
      30, 1, 3650, "How long the delivery log remembers a delivery");
  public static final Setting<Integer> DELIVERY_LOG_MAX_KEYS = Setting.integer("relmon.alert.delivery.log.max.keys",
      1_000_000, 1, 100_000_000, "The most deliveries the delivery log remembers");
  public static final Setting<String> ADMIN_TOKEN = Setting.secret("relmon.alert.admin.token", "none",
      "Bearer token of POST /v1/redeliver, at least 16 characters; without it that endpoint answers 403");
  public static final Setting<Boolean> WEBHOOK_LEGACY_SIGNATURE = Setting.bool("relmon.alert.webhook.legacy.signature", false,
      "Also send the old sha256= body-only signature element, for receivers not yet on v1");
  public static final Setting<String> WEB_BASE_URL = Setting.string("relmon.web.base.url", WebLinks.DEFAULT_BASE,
      "The web view's address as the e-mails' readers reach it (the scoring service's port); e-mails link to {base}/dyads/{DYAD}");

  /** Every setting of the alert service, the shared ones first (the README's table, in order). */
  public static final List<Setting<?>> SETTINGS = Stream.concat(Settings.COMMON.stream(), Stream.<Setting<?>>of(
      RULES, HOST, PORT, APPLICATION_ID, STATE_DIR, NOTIFIER_GROUP, COMMIT_INTERVAL_MS, REPLICATION_FACTOR,
      SMTP_HOST, SMTP_PORT, SMTP_STARTTLS, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, SMTP_TRUSTSTORE,
      SMTP_TRUSTSTORE_PASSWORD, SMTP_ALLOW_PLAINTEXT_AUTH, RETRY_ATTEMPTS, RETRY_FIRST_MS, RETRY_MAX_MS,
      RETRY_BUDGET_MS, NOTIFIER_MAX_PENDING, NOTIFIER_STALL_MS, DELIVERY_LOG_RETENTION_DAYS, DELIVERY_LOG_MAX_KEYS,
      ADMIN_TOKEN, WEBHOOK_LEGACY_SIGNATURE, WEB_BASE_URL)).toList();

  public static AlertConfig from(Settings s, Map<String, String> environment) {
    String bootstrap = s.common();
    String rules = RULES.from(s);
    SmtpSettings smtp = new SmtpSettings(
        SMTP_HOST.from(s),
        SMTP_PORT.from(s),
        SMTP_STARTTLS.from(s),
        SMTP_USERNAME.from(s),
        SMTP_PASSWORD.from(s),
        SMTP_FROM.from(s),
        SMTP_TRUSTSTORE.from(s),
        SMTP_TRUSTSTORE_PASSWORD.from(s),
        SMTP_ALLOW_PLAINTEXT_AUTH.from(s));
    smtp.problems().forEach(s::error);
    int attempts = RETRY_ATTEMPTS.from(s);
    Duration first = Duration.ofMillis(RETRY_FIRST_MS.from(s));
    Duration max = Duration.ofMillis(RETRY_MAX_MS.from(s));
    if (max.compareTo(first) < 0) {
      s.error(RETRY_MAX_MS.key() + ": must be at least " + RETRY_FIRST_MS.key());
      max = first;
    }
    boolean budgetSet = s.string(RETRY_BUDGET_MS.key(), null) != null;
    RetryPolicy retry = budgetSet ? new RetryPolicy(attempts, first, max, Duration.ofMillis(RETRY_BUDGET_MS.from(s)))
        : new RetryPolicy(attempts, first, max);
    Notifier.Options notifier = new Notifier.Options(retry,
        NOTIFIER_MAX_PENDING.from(s),
        Duration.ofDays(DELIVERY_LOG_RETENTION_DAYS.from(s)),
        DELIVERY_LOG_MAX_KEYS.from(s),
        Duration.ofMillis(NOTIFIER_STALL_MS.from(s)),
        Duration.ofSeconds(10));
    String adminToken = ADMIN_TOKEN.from(s);
    if (adminToken != null && adminToken.length() < MIN_TOKEN_LENGTH) {
      s.error(ADMIN_TOKEN.key() + ": at least " + MIN_TOKEN_LENGTH + " characters");
    } else if (adminToken != null && io.relmon.service.BearerToken.placeholder(adminToken)) {
      s.error(ADMIN_TOKEN.key() + ": looks like a placeholder (a sample value, or fewer than "
          + io.relmon.service.BearerToken.MIN_DISTINCT_CHARACTERS + " different characters); generate one, e.g. openssl rand -base64 32");
    }
    WebLinks web = WebLinks.DEFAULT;
    try {
      web = WebLinks.of(WEB_BASE_URL.from(s));
    } catch (IllegalArgumentException e) {
      s.error(WEB_BASE_URL.key() + ": " + e.getMessage());
    }
    AlertConfig config = new AlertConfig(
        bootstrap,
        rules == null ? null : Path.of(rules),
        APPLICATION_ID.from(s),
        STATE_DIR.from(s),
        NOTIFIER_GROUP.from(s),
        HOST.from(s),
        PORT.from(s),
        smtp,
        notifier,
        COMMIT_INTERVAL_MS.from(s),
        REPLICATION_FACTOR.from(s),
        KafkaSettings.clientProperties(bootstrap, s, environment),
        adminToken,
        WEBHOOK_LEGACY_SIGNATURE.from(s),
        web);
    s.reportUnknownEnvironment("alert", SETTINGS, List.of("relmon.alert.", "relmon.smtp.", "relmon.web."));
    s.validate();
    return config;
  }
}
