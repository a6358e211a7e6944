package io.relmon.scoring.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.relmon.scoring.ScoringTopology;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthSnapshot;
import io.relmon.service.Dyad;
import io.relmon.service.Json;
import io.relmon.service.ServiceHttpServer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The warmth query API (interactive queries over {@code dyad-warmth-store}):
 *
 * <ul>
 *   <li>{@code GET /v1/warmth/{dyad}} — the dyad's warmth now held: value, raw, changes, drivers
 *       and recent composite signals; 400 for a malformed key, 404 for a dyad never seen;
 *   <li>{@code GET /v1/warmth?top=N} — the N dyads that changed most over 30 days.
 * </ul>
 *
 * Correct when several scoring instances share the work: a dyad's question goes to the instance
 * that owns its partition (Streams metadata, {@code application.server}); {@code top} asks every
 * instance for its local top N and merges. While the store is migrating the answer is 503 with
 * Retry-After.
 */
public final class WarmthQueryHandler implements HttpHandler {

  private static final int MAX_TOP = 1000;

  private final Supplier<KafkaStreams> streams;
  private final HostInfo self;
  private final WarmthParameters parameters;
  private final Instances instances = new Instances();

  public WarmthQueryHandler(Supplier<KafkaStreams> streams, HostInfo self, WarmthParameters parameters) {
    this.streams = QueryableStreams.of(streams);
    this.self = self;
    this.parameters = parameters;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    // Not try (exchange): that closed the exchange before a catch below could answer.
    // ServiceHttpServer's guard closes it, and answers what escapes with a JSON 500.
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        ServiceHttpServer.respondErrors(exchange, 405, List.of("use GET"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      if (path.equals("/v1/warmth") || path.equals("/v1/warmth/")) {
        top(exchange, query);
      } else if (path.startsWith("/v1/warmth/")) {
        dyad(exchange, path.substring("/v1/warmth/".length()), query.contains("local=true"));
      } else {
        ServiceHttpServer.respondErrors(exchange, 404, List.of("no such resource: " + path));
      }
    } catch (InvalidStateStoreException e) {
      exchange.getResponseHeaders().set("Retry-After", "2");
      ServiceHttpServer.respondErrors(exchange, 503,
          List.of("the warmth store is not queryable right now (" + e.getMessage() + "); retry shortly"));
    }
  }

  private void dyad(HttpExchange exchange, String dyad, boolean localOnly) throws IOException {
    if (Dyad.parse(dyad).isEmpty()) {
      ServiceHttpServer.respondErrors(exchange, 400, List.of("dyad '" + dyad + "' must be two ISO 3166 alpha-3 codes in alphabetical order joined by '-', e.g. CHN-PRK"));
      return;
    }
    KafkaStreams kafkaStreams = streams.get();
    KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(ScoringTopology.DYAD_WARMTH_STORE, dyad, Serdes.String().serializer());
    if (!localOnly && owner != null && !owner.equals(KeyQueryMetadata.NOT_AVAILABLE) && !owner.activeHost().equals(self)) {
      instances.relay(exchange, owner.activeHost(), "/v1/warmth/" + dyad + "?local=true");
      return;
    }
    DyadWarmth state = store(kafkaStreams).get(dyad);
    if (state == null) {
      ServiceHttpServer.respondErrors(exchange, 404, List.of("no event has touched dyad " + dyad + " yet"));
      return;
    }
    ServiceHttpServer.respondJson(exchange, 200, describe(dyad, state, QueryStores.history(kafkaStreams)));
  }

  private void top(HttpExchange exchange, String query) throws IOException {
    int n;
    try {
      n = Integer.parseInt(param(query, "top", "10"));
    } catch (NumberFormatException e) {
      ServiceHttpServer.respondErrors(exchange, 400, List.of("top must be a whole number"));
      return;
    }
    if (n < 1 || n > MAX_TOP) {
      ServiceHttpServer.respondErrors(exchange, 400, List.of("top must be within 1.." + MAX_TOP));
      return;
    }
    KafkaStreams kafkaStreams = streams.get();
    List<ObjectNode> rows = new ArrayList<>(localTop(kafkaStreams, n));
    if (!query.contains("local=true")) {
      for (StreamsMetadata instance : kafkaStreams.metadataForAllStreamsClients()) {
        if (!instance.hostInfo().equals(self)) {
          JsonNode remote = instances.fetch(instance.hostInfo(), "/v1/warmth?top=" + n + "&local=true");
          remote.path("dyads").forEach(node -> rows.add((ObjectNode) node));
        }
      }
    }
    rows.sort(Comparator.comparingDouble((ObjectNode row) -> -Math.abs(row.path("change30d").asDouble()))
        .thenComparing(row -> row.path("dyad").asText()));
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode dyads = body.putArray("dyads");
    rows.stream().limit(n).forEach(dyads::add);
    ServiceHttpServer.respondJson(exchange, 200, body);
  }

  private List<ObjectNode> localTop(KafkaStreams kafkaStreams, int n) {
    List<Map.Entry<String, Double>> changes = new ArrayList<>();
    ReadOnlyKeyValueStore<String, DyadWarmth> store = store(kafkaStreams);
    try (KeyValueIterator<String, DyadWarmth> all = store.all()) {
      all.forEachRemaining(kv -> changes.add(Map.entry(kv.key, round(kv.value.snapshot(parameters).change30d()))));
    }
    // Ranked before any row is described: only the rows returned read their details from the history.
    changes.sort(Comparator.comparingDouble((Map.Entry<String, Double> dyad) -> -Math.abs(dyad.getValue())));
    io.relmon.scoring.history.HistoryEntries history = QueryStores.history(kafkaStreams);
    return changes.stream().limit(n).map(dyad -> describe(dyad.getKey(), store.get(dyad.getKey()), history)).toList();
  }

  private ReadOnlyKeyValueStore<String, DyadWarmth> store(KafkaStreams kafkaStreams) {
    return QueryStores.warmth(kafkaStreams);
  }

  private ObjectNode describe(String dyad, DyadWarmth state, io.relmon.scoring.history.HistoryEntries history) {
    java.util.function.UnaryOperator<Contribution> details = history.details(dyad);
    WarmthSnapshot s = state.snapshot(parameters).withDetails(details);
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("dyad", dyad);
    node.put("value", round(s.value()));
    node.put("raw", round(s.raw()));
    node.put("asOf", Instant.ofEpochMilli(s.asOf()).toString());
    node.put("change7d", round(s.change7d()));
    node.put("change30d", round(s.change30d()));
    node.put("eventCount", s.eventCount());
    ArrayNode drivers = node.putArray("drivers");
    for (WarmthSnapshot.Driver d : s.drivers()) {
      ObjectNode dn = contribution(drivers.addObject(), d.event());
      dn.put("contribution", round(d.contribution()));
    }
    ArrayNode signals = node.putArray("signals");
    state.signals().stream()
        .sorted(Comparator.comparingLong(Contribution::eventTime).reversed())
        .forEach(c -> contribution(signals.addObject(), details.apply(c)));
    return node;
  }

  private static ObjectNode contribution(ObjectNode node, Contribution c) {
    node.put("id", c.eventId());
    node.put("type", c.type());
    node.put("actor", c.actor());
    ArrayNode targets = node.putArray("targets");
    c.targets().forEach(targets::add);
    node.put("date", c.date());
    node.put("weight", round(c.weight()));
    node.put("corroboration", c.corroboration());
    node.put("evidence", c.evidence());
    ArrayNode urls = node.putArray("urls");
    c.urls().forEach(urls::add);
    return node;
  }

  static String param(String query, String name, String fallback) {
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2) {
        return kv[1];
      }
    }
    return fallback;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
