package io.relmon.alert;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.relmon.service.IdlePollingClients;
import io.relmon.service.BearerToken;
import io.relmon.alert.admin.RedeliverHandler;
import io.relmon.alert.notify.ChannelSender;
import io.relmon.alert.notify.ChannelSenders;
import io.relmon.alert.notify.Mailer;
import io.relmon.alert.notify.Notifier;
import io.relmon.alert.notify.WebhookSender;
import io.relmon.alert.rules.RuleSet;
import io.relmon.alert.rules.RulesFile;
import io.relmon.schemas.Topics;
import io.relmon.service.StreamsSettings;
import io.relmon.service.Metrics;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service: rule evaluation ({@link AlertTopology}, exactly_once_v2) and the
 * {@link Notifier}, with metrics and health (ready while both run; live while the notifier's
 * thread runs and completes rounds) and the admin endpoint {@code POST /v1/redeliver}
 * ({@link RedeliverHandler}). Refuses to start on a rules file with any problem, listing them all.
 */
public final class AlertApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertApp.class);

  private final PrometheusMeterRegistry meters;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final Notifier notifier;
  private final KafkaClientMetrics notifierMetrics;
  private final ServiceHttpServer http;

  private AlertApp(AlertConfig config, Topics topics, RuleSet rules) {
    this.meters = Metrics.registry("alert");
    Properties props = streamsProperties(config, topics, meters);
    this.streams = IdlePollingClients.kafkaStreams(AlertTopology.build(topics, rules, props, meters), props,
        IdlePollingClients.ACTIVE_WINDOW);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("rule evaluation thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    ChannelSender senders = ChannelSenders.of(new Mailer(config.smtp()), config.web(),
        new WebhookSender(System.getenv(), Clock.systemUTC(), config.webhookLegacySignature()));
    this.notifier = new Notifier(topics, rules, senders, config.notifier(), config.kafkaClient(), config.notifierGroup(), meters,
        Clock.systemUTC());
    this.notifierMetrics = new KafkaClientMetrics(notifier.consumer());
    notifierMetrics.bindTo(meters);
    BearerToken adminToken = config.adminToken() == null ? null : new BearerToken(config.adminToken());
    // Live while the notifier's thread runs and completes rounds (Streams replaces its own threads);
    // ready while rules are evaluated and alerts consumed.
    this.http = ServiceHttpServer.start("alert", config.host(), config.port(), meters, notifier::live,
        () -> streams.state() == KafkaStreams.State.RUNNING && notifier.ready(),
        new ServiceHttpServer.Route(RedeliverHandler.PATH, new RedeliverHandler(notifier, adminToken)));
    streams.start();
    notifier.start();
    log.info("alert service started: {} rules, {} channels, port {}", rules.rules().size(), rules.channels().size(), http.port());
  }

  public static AlertApp start(AlertConfig config, Topics topics) {
    return new AlertApp(config, topics, RulesFile.read(config.rulesFile()));
  }

  static Properties streamsProperties(AlertConfig config, Topics topics, PrometheusMeterRegistry meters) {
    return StreamsSettings.of(config.applicationId(), "alert", config.kafkaClient(), config.stateDir(),
        config.commitIntervalMs(), config.replicationFactor(), topics.alertDlq().name(), meters);
  }

  public int port() {
    return http.port();
  }

  public KafkaStreams streams() {
    return streams;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    http.close();
    notifier.close();
    notifierMetrics.close();
    streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
  }

  /** Starts the service from its environment; invalid settings are listed on standard error, exit status 2. */
  public static void main(String[] args) throws InterruptedException {
    io.relmon.service.ServiceMain.run("alert",
        () -> start(AlertConfig.from(Settings.fromEnvironment(Map.of()), System.getenv()), Topics.defaults()));
  }

}
