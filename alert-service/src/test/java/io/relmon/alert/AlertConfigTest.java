package io.relmon.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.alert.notify.Mailer;
import io.relmon.alert.notify.SmtpSettings;
import io.relmon.service.ConfigException;
import io.relmon.service.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert service's configuration: SMTP credentials only over STARTTLS unless allowed; the notifier's bounds. */
class AlertConfigTest {

  private static AlertConfig config(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("RELMON_ALERT_RULES", "/etc/relmon/rules.yaml");
    return AlertConfig.from(Settings.layered(Map.of(), env), env);
  }

  @Test
  void shouldRefuseAUsernameWithoutStartTlsNamingTheSettings() {
    assertThatThrownBy(() -> config(Map.of("RELMON_SMTP_USERNAME", "relmon", "RELMON_SMTP_PASSWORD", "s3cret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("relmon.smtp.username is set but relmon.smtp.starttls is false")
        .hasMessageContaining("RELMON_SMTP_STARTTLS=true")
        .hasMessageContaining("RELMON_SMTP_ALLOW_PLAINTEXT_AUTH=true");
  }

  @Test
  void shouldAcceptAUsernameOverStartTlsOrWhenPlaintextAuthIsAllowedOrNoUsername() {
    assertThat(config(Map.of("RELMON_SMTP_USERNAME", "relmon", "RELMON_SMTP_STARTTLS", "true")).smtp().username()).isEqualTo("relmon");
    assertThat(config(Map.of("RELMON_SMTP_USERNAME", "relmon", "RELMON_SMTP_ALLOW_PLAINTEXT_AUTH", "true")).smtp().allowPlaintextAuth())
        .isTrue();
    // The local stack and compose: a sink without credentials, and an empty username is no username.
    assertThat(config(Map.of("RELMON_SMTP_USERNAME", "")).smtp().username()).isNull();
  }

  @Test
  void shouldMakeTheMailerRefuseUnsafeSettingsToo() {
    assertThatThrownBy(() -> new Mailer(new SmtpSettings("127.0.0.1", 25, false, "relmon", "s3cret", "relmon@example.org")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("relmon.smtp.starttls");
  }

  @Test
  void shouldReadTheNotifierBoundsWithDefaultsThatKeepTheFormerRetries() {
    AlertConfig defaults = config(Map.of());
    assertThat(defaults.retry().attempts()).isEqualTo(8);
    assertThat(defaults.retry().budget()).isEqualTo(Duration.ofSeconds(91));
    assertThat(defaults.notifier().maxPending()).isEqualTo(1000);
    assertThat(defaults.notifier().stallBound()).isEqualTo(Duration.ofMinutes(2));
    assertThat(defaults.adminToken()).isNull();

    AlertConfig set = config(Map.of("RELMON_ALERT_RETRY_BUDGET_MS", "1800000", "RELMON_ALERT_NOTIFIER_MAX_PENDING", "50",
        "RELMON_ALERT_DELIVERY_LOG_RETENTION_DAYS", "365", "RELMON_ALERT_ADMIN_TOKEN", "0123456789abcdef"));
    assertThat(set.retry().budget()).isEqualTo(Duration.ofMinutes(30));
    assertThat(set.notifier().maxPending()).isEqualTo(50);
    assertThat(set.notifier().logRetention()).isEqualTo(Duration.ofDays(365));
    assertThat(set.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  void shouldRefuseAShortAdminToken() {
    assertThatThrownBy(() -> config(Map.of("RELMON_ALERT_ADMIN_TOKEN", "short")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("relmon.alert.admin.token: at least 16 characters");
  }

  @Test
  void shouldRefuseAPlaceholderAdminToken() {
    assertThatThrownBy(() -> config(Map.of("RELMON_ALERT_ADMIN_TOKEN", "change-me-to-32-random-characters")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("relmon.alert.admin.token: looks like a placeholder");
  }

  @Test
  void shouldLinkToTheWebViewOnTheScoringPortUnlessTold() {
    assertThat(config(Map.of()).web().dyadPage("CHN-PRK")).isEqualTo("http://localhost:8082/dyads/CHN-PRK");
    assertThat(config(Map.of("RELMON_WEB_BASE_URL", "https://relmon.example.org/watch/")).web().dyadPage("CHN-PRK"))
        .as("a path kept, the trailing slash dropped").isEqualTo("https://relmon.example.org/watch/dyads/CHN-PRK");
  }

  @Test
  void shouldRefuseAWebBaseUrlThatIsNotAnAbsoluteHttpUrl() {
    for (String bad : new String[] {"relmon.example.org", "/dyads", "ftp://relmon.example.org", "javascript:alert(1)",
        "https://relmon.example.org/?x=1", "https://user:secret@relmon.example.org", "http://relmon example"}) {
      assertThatThrownBy(() -> config(Map.of("RELMON_WEB_BASE_URL", bad))).as(bad)
          .isInstanceOf(ConfigException.class).hasMessageContaining("relmon.web.base.url: ");
    }
    assertThatThrownBy(() -> config(Map.of("RELMON_WEB_BASE_URL", "relmon.example.org")))
        .hasMessageContaining("'relmon.example.org' must be an absolute http(s) URL such as http://localhost:8082");
  }

  @Test
  void shouldRefuseABooleanThatIsNotTrueOrFalseListingEveryInvalidSettingAtOnce() {
    assertThatThrownBy(() -> config(Map.of("RELMON_SMTP_STARTTLS", "yes", "RELMON_ALERT_WEBHOOK_LEGACY_SIGNATURE", "1",
        "RELMON_ALERT_PORT", "http", "RELMON_LOG_FORMAT", "xml")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "relmon.smtp.starttls: 'yes' is not true or false",
            "relmon.alert.webhook.legacy.signature: '1' is not true or false",
            "relmon.alert.port: 'http' is not a whole number",
            "relmon.log.format: 'xml' is not one of text, json"));
    assertThat(config(Map.of("RELMON_SMTP_STARTTLS", "true")).smtp().startTls()).isTrue();
  }
}
