package io.relmon.alert.admin;

import io.relmon.service.BearerToken;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.relmon.alert.notify.Redeliveries;
import io.relmon.service.Json;
import io.relmon.service.ServiceHttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/redeliver?since=<ISO instant>[&channel=<name>][&alertId=<id>]} with
 * {@code Authorization: Bearer <admin token>}: sends again every FAILED delivery of the alerts
 * fired since then (for that channel or alert only, when given). Answers 202 with
 * {@code {"redelivering": ["alertId/channel", ...]}}; the outcomes go to relmon.deliveries.v1 as
 * usual. A delivery that is not FAILED (delivered, or never tried) is left alone, so the same
 * request sent twice sends nothing twice. 401 without the token; 403 when no token is configured;
 * 400 without a valid {@code since}; 405 for another method.
 */
public final class RedeliverHandler implements HttpHandler {

  public static final String PATH = "/v1/redeliver";

  private static final Logger log = LoggerFactory.getLogger(RedeliverHandler.class);

  private final Redeliveries redeliveries;
  private final BearerToken token;

  /** {@code token} null: the endpoint answers 403 (no admin token configured). */
  public RedeliverHandler(Redeliveries redeliveries, BearerToken token) {
    this.redeliveries = redeliveries;
    this.token = token;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        ServiceHttpServer.respondErrors(exchange, 404, List.of("no such resource"));
        return;
      }
      if (token == null) {
        ServiceHttpServer.respondErrors(exchange, 403, List.of("the admin API is off: set RELMON_ALERT_ADMIN_TOKEN (or _FILE)"));
        return;
      }
      if (!token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        ServiceHttpServer.respondErrors(exchange, 401, List.of("send the admin token: Authorization: Bearer <token>"));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        ServiceHttpServer.respondErrors(exchange, 405, List.of("only POST"));
        return;
      }
      Map<String, String> query;
      Instant since;
      try {
        query = query(exchange.getRequestURI().getRawQuery());
        since = Instant.parse(query.getOrDefault("since", ""));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        ServiceHttpServer.respondErrors(exchange, 400, List.of("since: an ISO-8601 instant is required, e.g. since=2026-12-01T00:00:00Z"));
        return;
      }
      List<String> keys = redeliveries.redeliverFailed(since, Optional.ofNullable(query.get("channel")),
          Optional.ofNullable(query.get("alertId")));
      log.info("redelivery requested since {} (channel {}, alert {}): {} FAILED deliveries", since,
          query.getOrDefault("channel", "any"), query.getOrDefault("alertId", "any"), keys.size());
      var body = Json.MAPPER.createObjectNode();
      keys.forEach(body.putArray("redelivering")::add);
      ServiceHttpServer.respondJson(exchange, 202, body);
    } catch (RuntimeException e) {
      log.error("redelivery request failed", e);
      ServiceHttpServer.respondErrors(exchange, 503, List.of("cannot read the alerts now: " + e.getMessage()));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
