package io.relmon.alert;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.relmon.alert.notify.Mailer;
import io.relmon.alert.notify.Notifier;
import io.relmon.alert.rules.RuleSet;
import io.relmon.alert.rules.RulesFile;
import io.relmon.schemas.Topics;
import io.relmon.service.DeadLetterDeserializationHandler;
import io.relmon.service.Metrics;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service: rule evaluation ({@link AlertTopology}, exactly_once_v2) and the
 * {@link Notifier}, with metrics and health (ready while both run). Refuses to start on a rules
 * file with any problem, listing them all.
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
    this.streams = new KafkaStreams(AlertTopology.build(topics, rules, props), props);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("rule evaluation thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    this.notifier = new Notifier(topics, rules, new Mailer(config.smtp()), config.retry(), config.kafkaClient(),
        config.notifierGroup(), meters);
    this.notifierMetrics = new KafkaClientMetrics(notifier.consumer());
    notifierMetrics.bindTo(meters);
    this.http = ServiceHttpServer.start("alert", config.host(), config.port(), meters,
        () -> streams.state() == KafkaStreams.State.RUNNING && notifier.ready());
    streams.start();
    notifier.start();
    log.info("alert service started: {} rules, {} channels, port {}", rules.rules().size(), rules.channels().size(), http.port());
  }

  public static AlertApp start(AlertConfig config, Topics topics) {
    return new AlertApp(config, topics, RulesFile.read(config.rulesFile()));
  }

  static Properties streamsProperties(AlertConfig config, Topics topics, PrometheusMeterRegistry meters) {
    Properties props = new Properties();
    props.putAll(config.kafkaClient());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    props.put(DeadLetterDeserializationHandler.DLQ_TOPIC, topics.alertDlq().name());
    props.put(DeadLetterDeserializationHandler.SERVICE, "alert");
    props.put(DeadLetterDeserializationHandler.METER_REGISTRY, meters);
    return props;
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

  public static void main(String[] args) throws InterruptedException {
    AlertConfig config = AlertConfig.from(Settings.fromEnvironment(Map.of()), System.getenv());
    AlertApp app = start(config, Topics.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "alert-shutdown"));
    stopped.await();
  }
}
