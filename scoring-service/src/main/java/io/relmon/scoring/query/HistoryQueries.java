package io.relmon.scoring.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.scoring.ScoringTopology;
import io.relmon.scoring.history.HistoryView;
import io.relmon.service.Dyad;
import io.relmon.service.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The history questions across scoring instances: who owns a dyad (its question is relayed
 * there), and a state's partners or the overview gathered from every instance's local answer.
 */
final class HistoryQueries {

  /** Movers and signals on the overview. */
  static final int OVERVIEW_SIZE = 10;

  private final Supplier<KafkaStreams> streams;
  private final HostInfo self;
  private final LocalHistory local;
  private final Instances instances;

  HistoryQueries(Supplier<KafkaStreams> streams, HostInfo self, LocalHistory local, Instances instances) {
    this.streams = streams;
    this.self = self;
    this.local = local;
    this.instances = instances;
  }

  /** Null when {@code dyad} is a well-formed key (two ISO3 codes in alphabetical order), else why not. */
  static String dyadProblem(String dyad) {
    if (Dyad.parse(dyad).isEmpty()) {
      return "dyad '" + abbreviated(dyad) + "' must be two ISO 3166 alpha-3 codes in alphabetical order joined by '-', e.g. CHN-PRK";
    }
    return null;
  }

  /** Null when {@code country} is an ISO3 code in capitals, else why not. */
  static String countryProblem(String country) {
    return Dyad.isCountryCode(country) ? null
        : "country '" + abbreviated(country) + "' must be an ISO 3166 alpha-3 code in capitals, e.g. PRK";
  }

  /** The instance that owns the dyad when it is another one, else empty (this one answers). */
  Optional<HostInfo> elsewhere(String dyad) {
    KeyQueryMetadata owner = streams.get().queryMetadataForKey(ScoringTopology.DYAD_WARMTH_STORE, dyad, Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().equals(self)) {
      return Optional.empty();
    }
    return Optional.of(owner.activeHost());
  }

  Optional<HistoryView.Dyad> dyad(String dyad, int days) {
    return local.dyad(dyad, days);
  }

  /** The state's partners on every instance, warmest first. */
  HistoryView.Country country(String country, boolean localOnly) {
    List<HistoryView.Partner> partners = new ArrayList<>(local.partners(country));
    if (!localOnly) {
      for (HostInfo other : others()) {
        partners.addAll(read(instances.fetch(other, "/v1/countries/" + country + "?local=true"), HistoryView.Country.class).partners());
      }
    }
    partners.sort(Comparator.comparingDouble((HistoryView.Partner p) -> -p.value()).thenComparing(HistoryView.Partner::partner));
    return new HistoryView.Country(country, partners);
  }

  /** The overview from every instance's own: the top movers and latest signals of all. */
  HistoryView.Overview overview(boolean localOnly) {
    HistoryView.Overview mine = local.overview(OVERVIEW_SIZE);
    if (localOnly) {
      return mine;
    }
    List<HistoryView.Mover> movers7 = new ArrayList<>(mine.movers7d());
    List<HistoryView.Mover> movers30 = new ArrayList<>(mine.movers30d());
    List<HistoryView.Signal> signals = new ArrayList<>(mine.latestSignals());
    for (HostInfo other : others()) {
      HistoryView.Overview theirs = read(instances.fetch(other, "/v1/overview?local=true"), HistoryView.Overview.class);
      movers7.addAll(theirs.movers7d());
      movers30.addAll(theirs.movers30d());
      signals.addAll(theirs.latestSignals());
    }
    return new HistoryView.Overview(LocalHistory.top(movers7, HistoryView.Mover::change7d, OVERVIEW_SIZE),
        LocalHistory.top(movers30, HistoryView.Mover::change30d, OVERVIEW_SIZE), LocalHistory.latest(signals, OVERVIEW_SIZE));
  }

  private List<HostInfo> others() {
    List<HostInfo> others = new ArrayList<>();
    for (StreamsMetadata instance : streams.get().metadataForAllStreamsClients()) {
      if (!instance.hostInfo().equals(self)) {
        others.add(instance.hostInfo());
      }
    }
    return others;
  }

  private static <T> T read(JsonNode node, Class<T> type) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new InvalidStateStoreException("another instance answered what this one cannot read: " + e.getOriginalMessage());
    }
  }

  static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
