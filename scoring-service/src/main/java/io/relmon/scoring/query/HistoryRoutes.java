package io.relmon.scoring.query;

import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.service.ServiceHttpServer;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/** The scoring service's history routes: the JSON API. */
public final class HistoryRoutes {

  private final List<ServiceHttpServer.Route> routes;

  public HistoryRoutes(Supplier<KafkaStreams> streams, HostInfo self, WarmthParameters parameters) {
    Instances instances = new Instances();
    HistoryQueries queries = new HistoryQueries(streams, self, new LocalHistory(streams, parameters), instances);
    HistoryApiHandler api = new HistoryApiHandler(queries, instances);
    this.routes = List.of(
        new ServiceHttpServer.Route("/v1/dyads/", api),
        new ServiceHttpServer.Route("/v1/countries/", api),
        new ServiceHttpServer.Route("/v1/overview", api));
  }

  public List<ServiceHttpServer.Route> routes() {
    return routes;
  }
}
