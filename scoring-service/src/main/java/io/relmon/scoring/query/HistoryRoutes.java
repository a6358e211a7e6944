package io.relmon.scoring.query;

import com.sun.net.httpserver.HttpHandler;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.service.ServiceHttpServer;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/** The scoring service's history routes: the JSON API and the web view (whose overview is the home page). */
public final class HistoryRoutes {

  private final List<ServiceHttpServer.Route> routes;
  private final HttpHandler home;

  public HistoryRoutes(Supplier<KafkaStreams> streams, HostInfo self, WarmthParameters parameters) {
    Instances instances = new Instances();
    Supplier<KafkaStreams> queryable = QueryableStreams.of(streams);
    HistoryQueries queries = new HistoryQueries(queryable, self, new LocalHistory(queryable, parameters), instances);
    HistoryApiHandler api = new HistoryApiHandler(queries, instances);
    WebHandler web = new WebHandler(queries, instances);
    this.routes = List.of(
        new ServiceHttpServer.Route("/v1/dyads/", api),
        new ServiceHttpServer.Route("/v1/countries/", api),
        new ServiceHttpServer.Route("/v1/overview", api),
        new ServiceHttpServer.Route("/dyads/", web),
        new ServiceHttpServer.Route("/countries/", web));
    this.home = web;
  }

  /** The overview page, for {@code /}. */
  public HttpHandler home() {
    return home;
  }

  public List<ServiceHttpServer.Route> routes() {
    return routes;
  }
}
