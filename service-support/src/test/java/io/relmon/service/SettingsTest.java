package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void shouldLetEnvironmentOverrideDefaults() {
    Settings settings = Settings.layered(Map.of("relmon.ingest.port", "8081"), Map.of("RELMON_INGEST_PORT", "9000", "HOME", "/root"));

    assertThat(settings.integer("relmon.ingest.port", 1, 0, 65535)).isEqualTo(9000);
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    Settings settings = new Settings(Map.of("a", "x", "b", "70000", "c", "NaNa"));
    settings.integer("a", 1, 0, 10);
    settings.integer("b", 1, 0, 65535);
    settings.decimal("c", 1, 0, 1);
    settings.required("d");

    assertThatThrownBy(settings::validate)
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(4))
        .hasMessageContaining("a: 'x' is not a whole number")
        .hasMessageContaining("b: 70000 is outside 0..65535")
        .hasMessageContaining("c: 'NaNa' is not a number")
        .hasMessageContaining("d: required");
  }

  @Test
  void shouldPassKafkaEnvironmentVariablesThroughAsClientProperties() {
    Map<String, Object> props = KafkaSettings.clientProperties("h:1", new Settings(Map.of("relmon.kafka.linger.ms", "5")),
        Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "PATH", "/bin"));

    assertThat(props).containsEntry("bootstrap.servers", "h:1")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("linger.ms", "5")
        .doesNotContainKey("path");
  }

  @Test
  void shouldReadASecretFromItsValueElseFromItsFileAndReportAFileItCannotRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("token");
    java.nio.file.Files.writeString(file, "from-the-file\n");

    assertThat(new Settings(Map.of("s", "given", "s.file", file.toString())).secret("s")).isEqualTo("given");
    assertThat(new Settings(Map.of("s.file", file.toString())).secret("s")).isEqualTo("from-the-file");
    assertThat(new Settings(Map.of()).secret("s")).isNull();
    Settings missing = new Settings(Map.of("s.file", dir.resolve("absent").toString()));
    assertThat(missing.secret("s")).isNull();
    assertThatThrownBy(missing::validate).hasMessageContaining("s.file: cannot read " + dir.resolve("absent"));
  }
}
