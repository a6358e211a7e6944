package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.service.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local stack and the bench give the services the same settings, as keys or as variables. */
class StackSettingsTest {

  private final StackSettings stack = new StackSettings("127.0.0.1:9092", 8081, "t0ken", 8082, 8083,
      Path.of("/data/state"), Path.of("/data/rules.yaml"), 2525, null);

  @Test
  void shouldReadTheSameFromKeysAndFromTheEnvironment() {
    Settings fromKeys = Settings.layered(stack.keys(), Map.of());
    Settings fromEnvironment = Settings.layered(Map.of(), stack.environment());

    for (String key : stack.keys().keySet()) {
      assertThat(fromEnvironment.string(key, "unset")).as(key).isEqualTo(fromKeys.string(key, "unset"));
    }
    assertThat(stack.environment()).containsEntry("RELMON_SCORING_STATE_DIR", "/data/state/scoring")
        .containsEntry("RELMON_ALERT_STATE_DIR", "/data/state/alert")
        .containsEntry("RELMON_SMTP_PORT", "2525")
        .doesNotContainKey("RELMON_WEB_BASE_URL");
  }

  @Test
  void shouldCarryTheWebViewAddressOnceKnown() {
    assertThat(stack.withWebBaseUrl("http://127.0.0.1:8082").keys())
        .containsEntry("relmon.web.base.url", "http://127.0.0.1:8082");
  }
}
