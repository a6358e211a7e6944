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

  @Test
  void shouldAcceptOnlyTrueOrFalseForABoolean() {
    Settings settings = new Settings(Map.of("a", "true", "b", "false", "c", "yes", "d", "1", "e", "TRUE"));

    assertThat(settings.bool("a", false)).isTrue();
    assertThat(settings.bool("b", true)).isFalse();
    assertThat(settings.bool("unset", true)).isTrue();
    settings.bool("c", false);
    settings.bool("d", false);
    settings.bool("e", false);
    assertThatThrownBy(settings::validate)
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "c: 'yes' is not true or false", "d: '1' is not true or false", "e: 'TRUE' is not true or false"));
  }

  @Test
  void shouldReadADeclaredSettingWithItsDefaultAndBounds() {
    Setting<Integer> port = Setting.integer("relmon.test.port", 8081, 0, 65535, "Port");
    Setting<String> format = Setting.choice("relmon.test.format", "text", java.util.List.of("text", "json"), "Layout");

    assertThat(port.from(new Settings(Map.of()))).isEqualTo(8081);
    assertThat(port.defaultText()).isEqualTo("`8081`");
    assertThat(port.environmentVariable()).isEqualTo("RELMON_TEST_PORT");
    Settings bad = new Settings(Map.of("relmon.test.port", "99999", "relmon.test.format", "xml"));
    port.from(bad);
    format.from(bad);
    assertThatThrownBy(bad::validate)
        .hasMessageContaining("relmon.test.port: 99999 is outside 0..65535")
        .hasMessageContaining("relmon.test.format: 'xml' is not one of text, json");
  }

  @Test
  void shouldNameUnknownVariablesOfItsOwnNamespaceAndOfNoneWithTheNearestKey() {
    java.util.List<Setting<?>> known = java.util.List.of(Settings.KAFKA_BOOTSTRAP,
        Setting.integer("relmon.ingest.port", 8081, 0, 65535, "Port"),
        Setting.secret("relmon.ingest.token", "required", "Token"));
    Settings settings = Settings.layered(Map.of(), Map.of(
        "RELMON_INGEST_PROT", "1",            // own namespace, misspelled
        "RELMON_INGST_PORT", "1",             // no namespace at all
        "RELMON_INGEST_PORT", "1",            // known
        "RELMON_INGEST_TOKEN_FILE", "/t",     // a secret's file
        "RELMON_SCORING_PORT", "1",           // another service's business
        "RELMON_KAFKA_LINGER_MS", "5",        // passed to the clients
        "RELMON_JAVA_OPTS", "-Xmx1g",         // the relmon script's
        "RELMON_OPS_HOOK_SECRET", "s",        // a webhook secret the rules name
        "HOME", "/root"));

    assertThat(settings.unknownEnvironment(known, java.util.List.of("relmon.ingest."))).containsExactly(
        "RELMON_INGEST_PROT is not a setting of this service (nearest: RELMON_INGEST_PORT, relmon.ingest.port); it is ignored",
        "RELMON_INGST_PORT is not a setting of this service (nearest: RELMON_INGEST_PORT, relmon.ingest.port); it is ignored");
  }

  @Test
  void shouldKeepRelmonsOwnKafkaKeysOutOfTheClientProperties() {
    Map<String, Object> props = KafkaSettings.clientProperties("h:1", new Settings(Map.of(
        "relmon.kafka.bootstrap", "h:1", "relmon.kafka.port", "9092", "relmon.kafka.client.rack", "r1")), Map.of());

    assertThat(props).containsEntry("client.rack", "r1").doesNotContainKeys("bootstrap", "port");
  }

  @Test
  void shouldHoldAReadmeTableToTheDeclarations(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.util.List<Setting<?>> declared = java.util.List.of(
        Setting.integer("relmon.test.port", 8081, 0, 65535, "Port of the API"),
        Setting.secret("relmon.test.token", "required", "Bearer token"));
    java.nio.file.Path readme = dir.resolve("README.md");
    java.nio.file.Files.writeString(readme, "# t\n\n" + SettingsTable.markdown(declared));
    assertThat(SettingsTable.problems(readme, declared)).isEmpty();

    java.nio.file.Files.writeString(readme, """
        | key | default | what it does |
        |---|---|---|
        | `relmon.test.port` | `8080` | Port of the API |
        | `relmon.test.token` | required | Bearer token |
        | `relmon.test.gone` | `1` | Removed |
        """);
    assertThat(SettingsTable.problems(readme, declared))
        .anySatisfy(p -> assertThat(p).endsWith("relmon.test.port: default is '`8080`', the code says '`8081`'"))
        .anySatisfy(p -> assertThat(p).endsWith("relmon.test.token.file is not documented"))
        .anySatisfy(p -> assertThat(p).endsWith("relmon.test.gone is documented but is no setting in the code"))
        .anySatisfy(p -> assertThat(p).startsWith("the table the code declares:"));
  }

  @Test
  void shouldReportInvalidConfigurationWithoutAStackTraceAndNoService() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

    AutoCloseable app = ServiceMain.start("ingest", () -> {
      throw new ConfigException(java.util.List.of("relmon.ingest.port: 99999 is outside 0..65535", "relmon.ingest.token: required"));
    }, new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(app).isNull();
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("""
        relmon ingest: invalid configuration:
          - relmon.ingest.port: 99999 is outside 0..65535
          - relmon.ingest.token: required
        """);
  }
}
