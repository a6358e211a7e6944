package io.relmon.scoring.warmth;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts contributions (de-duplicated events and composite signals, keyed by dyad) into the
 * dyad's warmth and publishes the dyad's new score, as of its latest event time. Late events are
 * counted where they belong (no grace period: W is a sum).
 *
 * <p>Publication is coalesced: every {@code publishInterval} (wall clock) each dyad changed since
 * the last publication is published once, with its latest score — like a cached KTable, the
 * compacted warmth topic gets the latest value per dyad and interval rather than one update per
 * event, which under a backlog is what keeps scoring from writing (and the pivot detector from
 * reading) one ~1 KB update per event. The dyads changed and not yet published are committed
 * with their states ({@link UnpublishedDyads}, one record per task), so a state committed before
 * its publication (a crash between the two) is published after the restore; a publication writes
 * no state. An interval of zero publishes every change at once (event-time tests).
 *
 * <p>In live operation a second wall-clock punctuator moves dyads that have been quiet for a while
 * forward to now, so dashboards see them drift back toward zero; it is off when its interval is
 * zero (replays, tests of event time).
 */
public final class WarmthProcessor implements Processor<String, Contribution, String, WarmthUpdate> {

  /** Dyad states its store (a {@code WriteBehindStore}) keeps decoded, most recently written: a few MB at most. */
  public static final int RECENT_STATES = 2_000;

  /** The one key of the unpublished-dyads store (one store per task). */
  static final String UNPUBLISHED = "dyads";

  private final String storeName;
  private final String unpublishedStoreName;
  private final WarmthParameters parameters;
  private final Duration advanceInterval;
  private final Duration quietAge;
  private final Duration publishInterval;
  /** Dyads changed since the last publication, with the headers of their first change. */
  private final Map<String, Headers> unpublished = new LinkedHashMap<>();
  private final String identityStoreName;
  private final String historyStoreName;
  private ProcessorContext<String, WarmthUpdate> context;
  private KeyValueStore<String, DyadWarmth> store;
  private KeyValueStore<String, UnpublishedDyads> unpublishedStore;
  /** What {@link #unpublished} holds, as last put in the unpublished-dyads store (or read from it). */
  private UnpublishedDyads pending = UnpublishedDyads.NONE;
  /** Whether the store holds a list (then it, not the states' flags, says what is unpublished). */
  private boolean listed;
  private io.relmon.scoring.history.HistoryEntries history;
  private Cancellable advance;
  private Cancellable publish;

  /** A processor whose task holds no dyad history: drivers are published as the state keeps them. */
  public WarmthProcessor(String storeName, String unpublishedStoreName, WarmthParameters parameters, Duration advanceInterval,
      Duration quietAge, Duration publishInterval) {
    this(storeName, unpublishedStoreName, null, null, parameters, advanceInterval, quietAge, publishInterval);
  }

  /**
   * @param identityStoreName the dyads' events on the same task, with their evidence and reports
   *     (the warmth state keeps only what ranks them), and {@code historyStoreName} their signals
   *     ({@link io.relmon.scoring.history.HistoryEntries})
   */
  public WarmthProcessor(String storeName, String unpublishedStoreName, String identityStoreName, String historyStoreName,
      WarmthParameters parameters, Duration advanceInterval, Duration quietAge, Duration publishInterval) {
    this.storeName = storeName;
    this.unpublishedStoreName = unpublishedStoreName;
    this.identityStoreName = identityStoreName;
    this.historyStoreName = historyStoreName;
    this.parameters = parameters;
    this.advanceInterval = advanceInterval;
    this.quietAge = quietAge;
    this.publishInterval = publishInterval;
  }

  @Override
  public void init(ProcessorContext<String, WarmthUpdate> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.unpublishedStore = context.getStateStore(unpublishedStoreName);
    this.history = historyStoreName == null ? null
        : new io.relmon.scoring.history.HistoryEntries(context.getStateStore(identityStoreName), context.getStateStore(historyStoreName));
    if (!advanceInterval.isZero()) {
      advance = context.schedule(advanceInterval, PunctuationType.WALL_CLOCK_TIME, this::advanceQuietDyads);
    }
    // Opened again (a task revived after a failure), the stores hold what was committed.
    unpublished.clear();
    pending = UnpublishedDyads.NONE;
    listed = false;
    if (!publishInterval.isZero()) {
      // States committed before their publication (the task stopped in between) go out first.
      UnpublishedDyads committed = unpublishedStore.get(UNPUBLISHED);
      if (committed != null) {
        committed.dyads().forEach(dyad -> unpublished.put(dyad, new RecordHeaders()));
        pending = committed;
        listed = true;
      } else {
        // No list committed yet: states written by a build before 2026-12-04, which flagged
        // each state when it was published. Listed again with the next change or publication.
        try (KeyValueIterator<String, DyadWarmth> all = store.all()) {
          all.forEachRemaining(dyad -> {
            if (!dyad.value.published()) {
              unpublished.put(dyad.key, new RecordHeaders());
            }
          });
        }
        pending = UnpublishedDyads.of(unpublished.keySet());
      }
      schedulePublication();
    }
  }

  /**
   * Schedules the publication punctuator while changes wait for it, and only then: under
   * exactly_once_v2 every punctuation marks the task for a commit, so a punctuator running every
   * 100 ms on an idle stack committed an empty transaction per task and commit interval, around
   * the clock (docs/benchmarks.md, cost at rest).
   */
  private void schedulePublication() {
    if (publish == null && !unpublished.isEmpty()) {
      publish = context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishChanged());
    }
  }

  @Override
  public void process(Record<String, Contribution> record) {
    DyadWarmth state = Objects.requireNonNullElseGet(store.get(record.key()), DyadWarmth::empty);
    DyadWarmth next = state.with(record.value(), parameters);
    if (next == state) {
      return; // a later sighting of an event that is no longer a driver candidate: nothing to show
    }
    store.put(record.key(), next);
    if (publishInterval.isZero()) {
      publish(record.key(), next, record.headers());
    } else {
      // The first change's headers: its article has waited longest (pipeline latency).
      if (unpublished.putIfAbsent(record.key(), new RecordHeaders(record.headers().toArray())) == null) {
        list(pending.with(record.key()));
      }
      schedulePublication();
    }
  }

  /** Publishes every dyad changed since the last publication, once, with its latest score. */
  void publishChanged() {
    for (Map.Entry<String, Headers> dyad : unpublished.entrySet()) {
      DyadWarmth state = store.get(dyad.getKey());
      if (state != null) {
        publish(dyad.getKey(), state, dyad.getValue());
      }
    }
    unpublished.clear();
    if (pending.size() > 0 || !listed) {
      list(UnpublishedDyads.NONE);
    }
    if (publish != null) {
      publish.cancel();
      publish = null;
    }
  }

  /** Commits {@code dyads} as the ones changed and not yet published (with the next commit). */
  private void list(UnpublishedDyads dyads) {
    pending = dyads;
    unpublishedStore.put(UNPUBLISHED, dyads);
    listed = true;
  }

  /** Publishes the dyad's state, stored already: publishing writes no state (the list says what is out). */
  private void publish(String dyad, DyadWarmth state, Headers headers) {
    WarmthSnapshot snapshot = state.snapshot(parameters);
    if (history != null) {
      snapshot = snapshot.withDetails(history.details(dyad));
    }
    context.forward(new Record<>(dyad, toUpdate(dyad, snapshot, parameters), state.asOf(), headers));
  }

  /** Moves every dyad quiet for longer than the quiet age forward to {@code now}. */
  void advanceQuietDyads(long now) {
    List<KeyValue<String, DyadWarmth>> moved = new ArrayList<>();
    try (KeyValueIterator<String, DyadWarmth> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, DyadWarmth> dyad = all.next();
        if (dyad.value.asOf() < now - quietAge.toMillis()) {
          moved.add(KeyValue.pair(dyad.key, dyad.value.advancedTo(now, parameters)));
        }
      }
    }
    boolean wasPending = false;
    for (KeyValue<String, DyadWarmth> dyad : moved) {
      wasPending |= unpublished.remove(dyad.key) != null;
      store.put(dyad.key, dyad.value);
      publish(dyad.key, dyad.value, new RecordHeaders());
    }
    // The list names what still waits (a dyad listed twice would be published twice after a
    // crash); and states written from now on are not flagged, so a list is kept from here on.
    if (wasPending || !moved.isEmpty() && !listed) {
      list(UnpublishedDyads.of(unpublished.keySet()));
    }
  }

  @Override
  public void close() {
    if (advance != null) {
      advance.cancel();
    }
    if (publish != null) {
      publish.cancel();
      // A task closed dirty is revived with these same processors (init again): a cancelled
      // punctuator left here would keep schedulePublication from ever scheduling another.
      publish = null;
    }
  }

  /** A de-duplicated event as it counts into warmth: weight × confidence, its links and sources. */
  /**
   * Whether the event counts toward warmth at its dyads: not when PLANNED (it has not happened),
   * nor an untargeted event that is not hostile (an untargeted provocation counts toward the
   * actor's standing adversaries).
   */
  public static boolean countsTowardWarmth(DedupedEvent e) {
    var coded = e.getEvent();
    return coded.getModality() != io.relmon.schemas.avro.Modality.PLANNED && !(coded.getTargets().isEmpty() && coded.getWeight() >= 0);
  }

  public static Contribution contribution(DedupedEvent e) {
    var coded = e.getEvent();
    List<String> urls = e.getSources().stream().map(SourceRef::getUrl).filter(Objects::nonNull).distinct().toList();
    return new Contribution(e.getEventId(), coded.getType().name(), coded.getActor(), coded.getTargets(), coded.getDate(),
        e.getEventTime().toEpochMilli(), coded.getWeight() * coded.getConfidence(), e.getCorroboration(),
        coded.getEvidence(), urls, coded.getModality().name(), sources(e.getSources()), List.of());
  }

  /** A composite signal as it counts into warmth, with the events it rests on. */
  public static Contribution contribution(Signal s) {
    List<Contribution> cited = s.getCitedEvents().stream()
        .map(c -> new Contribution(c.getEventId(), c.getType().name(), c.getActor(), c.getTargets(), c.getDate(),
            c.getSources().isEmpty() ? s.getEventTime().toEpochMilli() : eventTimeOf(c), 0, c.getCorroboration(), c.getEvidence(),
            c.getSources().stream().map(SourceRef::getUrl).filter(Objects::nonNull).distinct().toList(),
            c.getModality().name(), sources(c.getSources()), List.of()))
        .toList();
    return new Contribution(s.getSignalId(), s.getType().name(), s.getActor(), s.getTargets(), s.getDate(),
        s.getEventTime().toEpochMilli(), s.getWeight(), 1, s.getExplanation(), List.of(), "FACT", List.of(), cited);
  }

  /** A cited event's time: its date when it has a full one, else its first report's publication. */
  private static long eventTimeOf(io.relmon.schemas.avro.CitedEvent c) {
    return io.relmon.scoring.dedupe.EventIdentity.eventTime(c.getDate(), c.getSources().get(0).getPublished()).toEpochMilli();
  }

  /** The first {@link Contribution#MAX_SOURCES} reports, as the history shows them. */
  public static List<Contribution.Source> sources(List<SourceRef> refs) {
    return refs.stream().limit(Contribution.MAX_SOURCES)
        .map(r -> new Contribution.Source(r.getArticleId(), r.getSource(), r.getTitle(), r.getUrl(), r.getPublished().toEpochMilli()))
        .toList();
  }

  static WarmthUpdate toUpdate(String dyad, WarmthSnapshot s, WarmthParameters p) {
    return WarmthUpdate.newBuilder()
        .setDyad(dyad)
        .setValue(s.value())
        .setRaw(s.raw())
        .setChange7d(s.change7d())
        .setChange30d(s.change30d())
        .setEventCount(s.eventCount())
        .setAsOf(Instant.ofEpochMilli(s.asOf()))
        .setHalfLifeDays(p.halfLife().toMillis() / 86_400_000.0)
        .setScale(p.scale())
        .setDrivers(s.drivers().stream().map(d -> Driver.newBuilder()
            .setEventId(d.event().eventId())
            .setType(d.event().type())
            .setActor(d.event().actor())
            .setTargets(d.event().targets())
            .setDate(d.event().date())
            .setEventTime(Instant.ofEpochMilli(d.event().eventTime()))
            .setWeight(d.event().weight())
            .setContribution(d.contribution())
            .setCorroboration(d.event().corroboration())
            .setEvidence(d.event().evidence())
            .setUrls(d.event().urls())
            .setSources(d.event().sources().stream().map(src -> SourceRef.newBuilder()
                .setArticleId(src.articleId() == null ? "" : src.articleId())
                .setSource(src.outlet() == null ? "" : src.outlet())
                .setTitle(src.title())
                .setUrl(src.url())
                .setPublished(Instant.ofEpochMilli(src.published()))
                .build()).toList())
            .build()).toList())
        .build();
  }
}
