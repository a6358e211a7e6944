package io.relmon.scoring.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.relmon.scoring.history.HistoryView;
import io.relmon.scoring.web.WebPages;
import io.relmon.service.ServiceHttpServer;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * relmon's web view (docs/web-view.md): {@code /} (overview), {@code /dyads/{dyad}?days=N},
 * {@code /countries/{ISO3}} — server-rendered HTML from the same queries as the history API, a
 * dyad's page relayed to the instance that owns it. 400 and 404 are pages too.
 */
final class WebHandler implements HttpHandler {

  /** Sent as headers as well as in the page: frame-ancestors only works as a header. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final HistoryQueries queries;
  private final Instances instances;

  WebHandler(HistoryQueries queries, Instances instances) {
    this.queries = queries;
    this.instances = instances;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        page(exchange, 405, WebPages.badRequest("use GET"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      boolean localOnly = "true".equals(WarmthQueryHandler.param(query, "local", "false"));
      if (path.equals("/")) {
        page(exchange, 200, WebPages.overview(queries.overview(localOnly)));
      } else if (path.startsWith("/dyads/")) {
        dyad(exchange, path.substring("/dyads/".length()), query, localOnly);
      } else if (path.startsWith("/countries/")) {
        country(exchange, path.substring("/countries/".length()));
      } else {
        page(exchange, 404, WebPages.notFound("No page at " + HistoryQueries.abbreviated(path)));
      }
    } catch (InvalidStateStoreException e) {
      exchange.getResponseHeaders().set("Retry-After", "2");
      page(exchange, 503, WebPages.notFound("The history is not readable right now (the scoring service is starting or rebalancing); retry shortly."));
    }
  }

  private void dyad(HttpExchange exchange, String dyad, String query, boolean localOnly) throws IOException {
    String problem = HistoryQueries.dyadProblem(dyad);
    Integer days = HistoryApiHandler.days(query);
    if (problem != null || days == null) {
      page(exchange, 400, WebPages.badRequest(problem != null ? problem : HistoryApiHandler.daysProblem()));
      return;
    }
    Optional<HostInfo> owner = localOnly ? Optional.empty() : queries.elsewhere(dyad);
    if (owner.isPresent()) {
      instances.relay(exchange, owner.get(), "/dyads/" + dyad + "?days=" + days + "&local=true");
      return;
    }
    Optional<HistoryView.Dyad> history = queries.dyad(dyad, days);
    if (history.isEmpty()) {
      page(exchange, 404, WebPages.notFound("No event has touched " + dyad + " yet."));
      return;
    }
    page(exchange, 200, WebPages.dyad(history.get()));
  }

  private void country(HttpExchange exchange, String country) throws IOException {
    String problem = HistoryQueries.countryProblem(country);
    if (problem != null) {
      page(exchange, 400, WebPages.badRequest(problem));
      return;
    }
    HistoryView.Country answer = queries.country(country, false);
    if (answer.partners().isEmpty()) {
      page(exchange, 404, WebPages.notFound("No event has touched " + country + " yet."));
      return;
    }
    page(exchange, 200, WebPages.country(answer));
  }

  private static void page(HttpExchange exchange, int status, String html) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
    ServiceHttpServer.respond(exchange, status, "text/html; charset=utf-8", "HEAD".equals(exchange.getRequestMethod()) ? "" : html);
  }
}
