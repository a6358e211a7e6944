package io.relmon.scoring;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.relmon.schemas.Topics;
import io.relmon.service.IdlePollingClients;
import io.relmon.service.StreamsSettings;
import io.relmon.service.Metrics;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import io.relmon.scoring.query.HistoryRoutes;
import io.relmon.scoring.query.WarmthQueryHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring service: runs {@link ScoringTopology} under exactly_once_v2 and serves metrics and
 * health (ready while the Streams instance is RUNNING).
 */
public final class ScoringApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScoringApp.class);

  private final PrometheusMeterRegistry meters;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final ServiceHttpServer http;

  private ScoringApp(ScoringConfig config, Topics topics) {
    this.meters = Metrics.registry("scoring");
    // The HTTP port must be known before Streams starts: other instances find this one's query
    // API through application.server.
    AtomicReference<KafkaStreams> started = new AtomicReference<>();
    this.http = ServiceHttpServer.start("scoring", config.host(), config.port(), meters,
        () -> started.get() != null && started.get().state() == KafkaStreams.State.RUNNING);
    HostInfo self = new HostInfo(config.advertisedHost(), http.port());
    http.addRoute(new ServiceHttpServer.Route("/v1/", new WarmthQueryHandler(started::get, self, config.parameters().warmth())));
    HistoryRoutes history = new HistoryRoutes(started::get, self, config.parameters().warmth());
    history.routes().forEach(http::addRoute);
    http.setHome(history.home());
    Properties props = streamsProperties(config, topics, meters);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    Topology topology = ScoringTopology.build(topics, config.parameters(), props, new ScoringMeters(meters, config.watchedDyads()));
    // Long polls while nothing arrives, once a publication after the last change is out.
    this.streams = IdlePollingClients.kafkaStreams(topology, props,
        IdlePollingClients.ACTIVE_WINDOW.plus(config.parameters().publishInterval()));
    streams.setUncaughtExceptionHandler(e -> {
      log.error("scoring stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    started.set(streams);
    streams.start();
    log.info("scoring service started (application id {}, port {})", config.applicationId(), http.port());
  }

  public static ScoringApp start(ScoringConfig config, Topics topics) {
    return new ScoringApp(config, topics);
  }

  static Properties streamsProperties(ScoringConfig config, Topics topics, PrometheusMeterRegistry meters) {
    return StreamsSettings.of(config.applicationId(), "scoring", config.kafkaClient(), config.stateDir(),
        config.commitIntervalMs(), config.replicationFactor(), topics.scoringDlq().name(), meters);
  }

  public KafkaStreams streams() {
    return streams;
  }

  public int port() {
    return http.port();
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    http.close();
    streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
  }

  /** Starts the service from its environment; invalid settings are listed on standard error, exit status 2. */
  public static void main(String[] args) throws InterruptedException {
    io.relmon.service.ServiceMain.run("scoring",
        () -> start(ScoringConfig.from(Settings.fromEnvironment(Map.of()), System.getenv()), Topics.defaults()));
  }

}
