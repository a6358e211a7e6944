package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.scoring.dedupe.DedupeProcessor;
import io.relmon.scoring.dedupe.IdentityStateCodec;
import io.relmon.scoring.history.HistoryEntries;
import io.relmon.scoring.history.HistoryKeys;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.ContributionSerde;
import io.relmon.scoring.warmth.WarmthProcessor;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A dyad's history: its events from the identity store, its signals — and the event copies an
 * older build kept — from the history store, in time order.
 */
class HistoryEntriesTest {

  private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
  private final KeyValueStore<String, DedupedEvent> identities = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore("event-identity-store"), Serdes.String(), StateFormat.serde(IdentityStateCodec::encode, IdentityStateCodec::decode)).withLoggingDisabled().build();
  private final KeyValueStore<String, Contribution> history = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore("dyad-history-store"), Serdes.String(), ContributionSerde.serde()).withLoggingDisabled().build();

  HistoryEntriesTest() {
    identities.init(context.getStateStoreContext(), identities);
    history.init(context.getStateStoreContext(), history);
  }

  @Test
  void shouldReadEventsFromTheIdentityStoreAndSignalsAndOlderCopiesFromTheHistoryStoreInTimeOrder() {
    DedupedEvent hostile = DedupedEvent.newBuilder(sighting(article("h", "2026-01-05T07:00:00Z",
        event(EventType.STATEMENT_HOSTILE, "PRK", List.of("CHN"), "2026-01-05", -3)))).setCorroboration(5).build();
    DedupedEvent planned = sighting(article("p", "2026-01-06T07:00:00Z",
        event(EventType.SUMMIT, "CHN", List.of("PRK"), "2026-02-01", 4, Modality.PLANNED)));
    DedupedEvent before = sighting(article("e", "2025-10-01T07:00:00Z", event(EventType.AID, "CHN", List.of("PRK"), "2025-10-01", 5)));
    DedupedEvent elsewhere = sighting(article("x", "2026-01-05T07:00:00Z", event(EventType.AID, "CHN", List.of("RUS"), "2026-01-05", 5)));
    hold("CHN-PRK", hostile);
    hold("CHN-PRK", planned);
    hold("CHN-PRK", before);
    hold("CHN-RUS", elsewhere);
    // An older build's copies: of the hostile event as it stood at its first report, and of an
    // event the identity store has forgotten.
    Contribution olderCopy = WarmthProcessor.contribution(DedupedEvent.newBuilder(hostile).setCorroboration(1).build());
    Contribution forgotten = WarmthProcessor.contribution(sighting(article("f", "2026-01-03T07:00:00Z",
        event(EventType.SANCTIONS, "CHN", List.of("PRK"), "2026-01-03", -6))));
    Contribution signal = new Contribution("s1", "TIMED_PROVOCATION", "PRK", List.of("CHN"), "2026-01-04",
        Instant.parse("2026-01-04T00:00:00Z").toEpochMilli(), -4, 1, "PRK tested a missile on the day of a visit", List.of());
    List.of(olderCopy, forgotten, signal).forEach(c -> history.put(HistoryKeys.of("CHN-PRK", c.eventTime(), c.eventId()), c));
    HistoryEntries entries = new HistoryEntries(identities, history);

    List<Contribution> held = entries.of("CHN-PRK", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

    // Oldest first; the planned summit counts nowhere; the October event is before the window.
    assertThat(held).extracting(Contribution::eventId).containsExactly(forgotten.eventId(), "s1", hostile.getEventId());
    assertThat(held.get(2).corroboration()).as("the identity store's, with its later reports").isEqualTo(5);

    // A driver's details, put back from where the entry is held.
    assertThat(entries.details("CHN-PRK").apply(held.get(2).withoutDetails())).isEqualTo(held.get(2));
    assertThat(entries.details("CHN-PRK").apply(signal.withoutDetails())).isEqualTo(signal);
    assertThat(entries.details("CHN-PRK").apply(forgotten.withoutDetails())).isEqualTo(forgotten);
    Contribution unknown = new Contribution("u1", "AID", "CHN", List.of("PRK"), "2026-01-09", 0, 1, 1, "", List.of());
    assertThat(entries.details("CHN-PRK").apply(unknown)).isSameAs(unknown);
  }

  private void hold(String route, DedupedEvent event) {
    identities.put(DedupeProcessor.storeKey(route, event.getIdentity()), event);
  }

  private static DedupedEvent sighting(ArticleEvent article) {
    return TopologyMappings.sightings(article).get(0).value;
  }
}
