package io.relmon.ingest;

import io.relmon.service.BearerToken;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.relmon.coder.EventCoder;
import io.relmon.coder.ClauseCoder;
import io.relmon.ingest.feed.FeedPoller;
import io.relmon.ingest.feed.FeedsFile;
import io.relmon.schemas.Topics;
import io.relmon.service.Metrics;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.Settings;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: HTTP API → coder → {@code relmon.articles.v1}. Owns configuration,
 * lifecycle, metrics and health; {@link #start} returns a running service that {@link #close}
 * stops, so tests and the local stack run exactly what {@link #main} runs.
 */
public final class IngestApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestApp.class);

  private final PrometheusMeterRegistry meters;
  private final ArticlePublisher publisher;
  private final KafkaClientMetrics producerMetrics;
  private final ArticleIngestor ingestor;
  private final SeenArticles seen;
  private final IngestDeadLetters deadLetters;
  private final FeedPoller feeds;
  private final DropFolder dropFolder;
  private final ServiceHttpServer http;

  private IngestApp(IngestConfig config, Topics topics, EventCoder coder) {
    this.meters = Metrics.registry("ingest");
    this.publisher = new ArticlePublisher(topics.articles(), config.kafkaClient());
    this.producerMetrics = new KafkaClientMetrics(publisher.producer());
    producerMetrics.bindTo(meters);
    this.seen = SeenArticles.following(topics.articles(), config.kafkaClient(), config.duplicatesRemembered());
    meters.gauge("relmon.ingest.remembered.articles", seen, SeenArticles::size);
    SourceRegistry sources = SourceRegistry.load(config.sources());
    this.ingestor = new ArticleIngestor(coder, sources, publisher, seen, meters, Clock.systemUTC(), config.publishedRange());
    this.deadLetters = new IngestDeadLetters(topics.ingestDlq(), config.kafkaClient(), meters);
    this.feeds = config.feeds() == null ? null
        : new FeedPoller(FeedsFile.read(config.feeds()), ingestor, seen, sources, deadLetters, meters, Clock.systemUTC(),
            config.feedFetching()).start();
    try {
      this.dropFolder = config.dropDir() == null ? null
          : new DropFolder(config.dropDir(), ingestor, deadLetters, config.publishTimeout(), config.dropMaxFileBytes(),
              meters).start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("relmon.ingest.drop.dir: cannot use " + config.dropDir() + ": " + e.getMessage(), e);
    }
    this.http = ServiceHttpServer.start("ingest", config.host(), config.port(), meters, publisher::connected,
        new ServiceHttpServer.Route("/v1/", new ArticlesHandler(ingestor, new BearerToken(config.token()),
            config.publishTimeout(), config.maxRequestBytes(), config.maxBatchItems(), config.maxConcurrentRequests(),
            config.maxWaitingRequests(), meters)));
    log.info("ingest service listening on port {} ({})", http.port(), coder.version());
  }

  public static IngestApp start(IngestConfig config, Topics topics) {
    return start(config, topics, new ClauseCoder());
  }

  /** As {@link #start(IngestConfig, Topics)} with another coder (tests: a coder that refuses). */
  static IngestApp start(IngestConfig config, Topics topics, EventCoder coder) {
    return new IngestApp(config, topics, coder);
  }

  public int port() {
    return http.port();
  }

  public ArticleIngestor ingestor() {
    return ingestor;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    http.close();
    if (feeds != null) {
      feeds.close();
    }
    if (dropFolder != null) {
      dropFolder.close();
    }
    deadLetters.close();
    seen.close();
    producerMetrics.close();
    publisher.close();
  }

  /** Starts the service from its environment; invalid settings are listed on standard error, exit status 2. */
  public static void main(String[] args) throws InterruptedException {
    io.relmon.service.ServiceMain.run("ingest",
        () -> start(IngestConfig.from(Settings.fromEnvironment(Map.of()), System.getenv()), Topics.defaults()));
  }

}
