package io.relmon.scoring.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.relmon.scoring.history.HistoryView;
import io.relmon.service.Json;
import io.relmon.service.ServiceHttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The history API (docs/web-view.md), JSON:
 * <ul>
 *   <li>{@code GET /v1/dyads/{dyad}/history?days=N} — the daily series, the events and the signals
 *       of the last N days (1–730, default 90), relayed to the instance that owns the dyad;
 *   <li>{@code GET /v1/countries/{ISO3}} — the state's partners, warmest first, from every instance;
 *   <li>{@code GET /v1/overview} — what the web view's home page shows.
 * </ul>
 * 400 for a malformed key or window, 404 for a dyad or country no event has touched, 503 with
 * Retry-After while the stores are not queryable.
 */
public final class HistoryApiHandler implements HttpHandler {

  private static final String DYADS = "/v1/dyads/";
  private static final String HISTORY = "/history";

  private final HistoryQueries queries;
  private final Instances instances;

  HistoryApiHandler(HistoryQueries queries, Instances instances) {
    this.queries = queries;
    this.instances = instances;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        ServiceHttpServer.respondErrors(exchange, 405, List.of("use GET"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      boolean localOnly = "true".equals(WarmthQueryHandler.param(query, "local", "false"));
      // The length check: in /v1/dyads/history prefix and suffix share the slash, and there is no key between them.
      if (path.startsWith(DYADS) && path.endsWith(HISTORY) && path.length() >= DYADS.length() + HISTORY.length()) {
        history(exchange, path.substring(DYADS.length(), path.length() - HISTORY.length()), query, localOnly);
      } else if (path.startsWith("/v1/countries/")) {
        country(exchange, path.substring("/v1/countries/".length()), localOnly);
      } else if (path.equals("/v1/overview")) {
        ServiceHttpServer.respondJson(exchange, 200, Json.MAPPER.valueToTree(queries.overview(localOnly)));
      } else {
        ServiceHttpServer.respondErrors(exchange, 404, List.of("no such resource: " + HistoryQueries.abbreviated(path)));
      }
    } catch (InvalidStateStoreException e) {
      exchange.getResponseHeaders().set("Retry-After", "2");
      ServiceHttpServer.respondErrors(exchange, 503, List.of("the history is not queryable right now (" + e.getMessage() + "); retry shortly"));
    }
  }

  private void history(HttpExchange exchange, String dyad, String query, boolean localOnly) throws IOException {
    String problem = HistoryQueries.dyadProblem(dyad);
    Integer days = days(query);
    if (problem != null || days == null) {
      ServiceHttpServer.respondErrors(exchange, 400, List.of(problem != null ? problem : daysProblem()));
      return;
    }
    Optional<HostInfo> owner = localOnly ? Optional.empty() : queries.elsewhere(dyad);
    if (owner.isPresent()) {
      instances.relay(exchange, owner.get(), "/v1/dyads/" + dyad + "/history?days=" + days + "&local=true");
      return;
    }
    Optional<HistoryView.Dyad> history = queries.dyad(dyad, days);
    if (history.isEmpty()) {
      ServiceHttpServer.respondErrors(exchange, 404, List.of("no event has touched dyad " + dyad + " yet"));
      return;
    }
    ServiceHttpServer.respondJson(exchange, 200, Json.MAPPER.valueToTree(history.get()));
  }

  private void country(HttpExchange exchange, String country, boolean localOnly) throws IOException {
    String problem = HistoryQueries.countryProblem(country);
    if (problem != null) {
      ServiceHttpServer.respondErrors(exchange, 400, List.of(problem));
      return;
    }
    HistoryView.Country answer = queries.country(country, localOnly);
    if (answer.partners().isEmpty() && !localOnly) {
      ServiceHttpServer.respondErrors(exchange, 404, List.of("no event has touched " + country + " yet"));
      return;
    }
    ServiceHttpServer.respondJson(exchange, 200, Json.MAPPER.valueToTree(answer));
  }

  /** The window in days from {@code days=N}: 1–730, default 90; null when malformed. */
  static Integer days(String query) {
    try {
      int days = Integer.parseInt(WarmthQueryHandler.param(query, "days", Integer.toString(LocalHistory.DEFAULT_DAYS)));
      return days >= 1 && days <= LocalHistory.MAX_DAYS ? days : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String daysProblem() {
    return "days must be a whole number within 1.." + LocalHistory.MAX_DAYS;
  }
}
