package io.relmon.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of the three services of a stack on one machine, in one place for
 * {@code relmon local} (the services in this JVM, given {@code relmon.*} keys) and
 * {@code relmon bench} (each service its own process, given {@code RELMON_*} variables): the
 * broker, loopback addresses and ports, state directories, the rules file and the SMTP server.
 *
 * @param stateDir each service's state goes under {@code stateDir/<service>}
 * @param webBaseUrl the web view's address for alert e-mails' links, or null for the default
 */
record StackSettings(String bootstrap, int ingestPort, String ingestToken, int scoringPort, int alertPort,
    Path stateDir, Path rules, int smtpPort, String webBaseUrl) {

  static final String HOST = "127.0.0.1";

  /** The settings as {@code relmon.*} keys (what {@code Settings.layered} reads, under the environment). */
  Map<String, String> keys() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("relmon.kafka.bootstrap", bootstrap);
    settings.put("relmon.ingest.host", HOST);
    settings.put("relmon.ingest.port", Integer.toString(ingestPort));
    settings.put("relmon.ingest.token", ingestToken);
    settings.put("relmon.scoring.host", HOST);
    settings.put("relmon.scoring.port", Integer.toString(scoringPort));
    settings.put("relmon.scoring.state.dir", stateDir.resolve("scoring").toString());
    settings.put("relmon.alert.host", HOST);
    settings.put("relmon.alert.port", Integer.toString(alertPort));
    settings.put("relmon.alert.state.dir", stateDir.resolve("alert").toString());
    settings.put("relmon.alert.rules", rules.toString());
    settings.put("relmon.smtp.host", HOST);
    settings.put("relmon.smtp.port", Integer.toString(smtpPort));
    settings.put("relmon.smtp.from", "relmon@relmon.example");
    if (webBaseUrl != null) {
      settings.put("relmon.web.base.url", webBaseUrl);
    }
    return settings;
  }

  /** The same settings as the environment variables a service process reads ({@code RELMON_SCORING_PORT}). */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    keys().forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
    return env;
  }

  /** The same stack with the web view's address set (known once the scoring service listens). */
  StackSettings withWebBaseUrl(String url) {
    return new StackSettings(bootstrap, ingestPort, ingestToken, scoringPort, alertPort, stateDir, rules, smtpPort, url);
  }
}
