package io.relmon.scoring.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.service.Metrics;
import io.relmon.service.ServiceHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before the Streams instance exists and from its shutdown on, KafkaStreams refuses queries with
 * IllegalStateException (or there is no instance yet): the query routes answer 503 with
 * Retry-After, as for a store that is migrating, not 500.
 */
class NotQueryableTest {

  private static final List<String> PATHS = List.of("/", "/dyads/CHN-PRK", "/countries/PRK", "/v1/overview",
      "/v1/dyads/CHN-PRK/history", "/v1/countries/PRK", "/v1/warmth/CHN-PRK", "/v1/warmth?top=5");

  @TempDir
  Path stateDir;

  @Test
  void shouldAnswer503WhileThereIsNoStreamsInstanceYet() throws Exception {
    assertThat(statuses(new AtomicReference<>())).containsOnly("503 retry 2");
  }

  @Test
  void shouldAnswer503OnceTheStreamsInstanceIsShuttingDownOrStopped() throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "not-queryable-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    streams.close();
    assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);

    assertThat(statuses(new AtomicReference<>(streams))).containsOnly("503 retry 2");
  }

  private static List<String> statuses(AtomicReference<KafkaStreams> streams) throws Exception {
    HostInfo self = new HostInfo("127.0.0.1", 1);
    HistoryRoutes history = new HistoryRoutes(streams::get, self, WarmthParameters.defaults());
    List<ServiceHttpServer.Route> routes = new ArrayList<>(history.routes());
    routes.add(new ServiceHttpServer.Route("/v1/", new WarmthQueryHandler(streams::get, self, WarmthParameters.defaults())));
    List<String> statuses = new ArrayList<>();
    try (ServiceHttpServer http = ServiceHttpServer.start("not-queryable-test", "127.0.0.1", 0, Metrics.registry("test"), () -> true,
        () -> false, routes.toArray(ServiceHttpServer.Route[]::new))) {
      http.setHome(history.home());
      HttpClient client = HttpClient.newHttpClient();
      for (String path : PATHS) {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        statuses.add(response.statusCode() + " retry " + response.headers().firstValue("Retry-After").orElse("none"));
      }
    }
    return statuses;
  }
}
