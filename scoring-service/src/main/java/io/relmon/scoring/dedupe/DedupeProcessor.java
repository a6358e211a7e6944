package io.relmon.scoring.dedupe;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.SourceRef;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * De-duplicates sightings keyed by route: the dyad the sighting counts toward (one copy of it per
 * dyad, see {@code TopologyMappings#routes}), so that de-duplication and warmth share one task and
 * no repartition lies between them. Every copy of every sighting of an event goes to the same
 * routes (they follow from the identity alone), so each route's store sees the same sightings and
 * reaches the same result. Held under {@code route|identity}. The first sighting is forwarded as
 * the event; a sighting from another article raises the corroboration and is forwarded as an
 * update; a sighting from an article already counted (a re-ingested article, or the same event
 * twice in one article) changes nothing. Output is keyed by the route and timestamped with the
 * event time; outcomes are counted at the event's primary route only, once per sighting.
 *
 * <p>Bounded: a record larger than Kafka accepts stops the stream task, and an event reported by
 * thousands of articles once grew its stored record past that. The store lists the first
 * {@link #MAX_LISTED_SOURCES} sources in full and the later ones by article id only, up to
 * {@link #MAX_REMEMBERED_SOURCES}; past that an event is saturated: further sightings are counted
 * as such in metrics and change nothing (no warmth weight grows past a few dozen reports).
 * And bounded in time: every {@link #sweepInterval} of stream time (a thirtieth of the retention,
 * at least a day), events whose time lies more than the retention before the stream time are
 * forgotten (tombstoned in the changelog), so an identity is held at most a thirtieth longer than
 * the retention. A sweep reads every identity of the task: daily sweeps took 12% of the stream
 * thread when a backlog moved stream time a day every 1,600 events (docs/benchmarks.md), so sweeps
 * are also at least ten minutes apart on the clock ({@link io.relmon.scoring.SweepGate}). An article reporting one
 * of them later counts it again, with the weight its age has decayed to (the service's retention
 * is the history's, three years, as the dyads' event history is read from this store: nothing
 * left with the default 30-day half-life).
 */
public final class DedupeProcessor implements Processor<String, DedupedEvent, String, DedupedEvent> {

  /** Sources listed on an output record; corroboration keeps counting past it. */
  public static final int MAX_LISTED_SOURCES = 20;
  /** Articles remembered per event, to recognise a re-ingested one: about 60 bytes each in the store. */
  public static final int MAX_REMEMBERED_SOURCES = 2_000;

  /** How often, in stream time, expired identities are looked for: a thirtieth of the retention, at least a day. */
  public static java.time.Duration sweepInterval(java.time.Duration retention) {
    java.time.Duration thirtieth = retention.dividedBy(30);
    return thirtieth.compareTo(java.time.Duration.ofDays(1)) < 0 ? java.time.Duration.ofDays(1) : thirtieth;
  }

  private final String storeName;
  private final java.time.Duration retention;
  private final java.util.function.BiConsumer<String, String> outcomes;
  private ProcessorContext<String, DedupedEvent> context;
  private KeyValueStore<String, DedupedEvent> seen;
  private org.apache.kafka.streams.processor.Cancellable sweep;
  private io.relmon.scoring.SweepGate sweepGate;

  private final java.util.function.BiPredicate<String, DedupedEvent> primary;

  public DedupeProcessor(String storeName, java.time.Duration retention) {
    this(storeName, retention, (route, event) -> true, (result, type) -> { });
  }

  /**
   * {@code outcomes} hears each outcome — first, corroborated, repeated, saturated, forgotten —
   * with the event type, for the sightings (and forgotten identities) whose route {@code primary}
   * accepts: one route per event, so an event of three dyads is counted once.
   */
  public DedupeProcessor(String storeName, java.time.Duration retention, java.util.function.BiPredicate<String, DedupedEvent> primary,
      java.util.function.BiConsumer<String, String> outcomes) {
    this.storeName = storeName;
    this.retention = retention;
    this.primary = primary;
    this.outcomes = outcomes;
  }

  /** Where a route holds an event: {@code route|identity}. */
  public static String storeKey(String route, String identity) {
    return route + "|" + identity;
  }

  @Override
  public void init(ProcessorContext<String, DedupedEvent> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
    this.sweepGate = new io.relmon.scoring.SweepGate();
    this.sweep = context.schedule(sweepInterval(retention), org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME, this::forgetBefore);
  }

  /** Deletes the identities of events older than the retention, as of {@code streamTime}, when the gate lets it. */
  private void forgetBefore(long streamTime) {
    if (!sweepGate.open(context.currentSystemTimeMs())) {
      return;
    }
    long cutoff = streamTime - retention.toMillis();
    List<String> expired = new ArrayList<>();
    try (var all = seen.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        if (entry.value.getEventTime().toEpochMilli() < cutoff) {
          expired.add(entry.key);
        }
      }
    }
    for (String key : expired) {
      DedupedEvent gone = seen.delete(key);
      if (gone != null && primary.test(key.substring(0, key.indexOf('|')), gone)) {
        outcomes.accept("forgotten", gone.getEvent().getType().name());
      }
    }
  }

  @Override
  public void close() {
    if (sweep != null) {
      sweep.cancel();
    }
  }

  @Override
  public void process(Record<String, DedupedEvent> sighting) {
    String route = sighting.key();
    DedupedEvent incoming = sighting.value();
    String key = storeKey(route, incoming.getIdentity());
    boolean counted = primary.test(route, incoming);
    DedupedEvent known = seen.get(key);
    DedupedEvent result;
    if (known == null) {
      result = incoming;
      count(counted, "first", incoming);
    } else {
      String articleId = incoming.getFirstSeen().getArticleId();
      if (known.getSources().stream().anyMatch(s -> s.getArticleId().equals(articleId))) {
        count(counted, "repeated", known);
        return;
      }
      if (known.getSources().size() >= MAX_REMEMBERED_SOURCES) {
        count(counted, "saturated", known);
        return;
      }
      List<SourceRef> sources = new ArrayList<>(known.getSources());
      SourceRef source = incoming.getFirstSeen();
      // Past the listed ones, only the id is needed: to recognise the article when it comes again.
      sources.add(sources.size() < MAX_LISTED_SOURCES ? source
          : SourceRef.newBuilder(source).setUrl(null).setSource("").setTitle(null).build());
      count(counted, "corroborated", known);
      // A new record sharing the known one's event and first report (Avro's builder copies them
      // deeply: 3% of the stream thread). Neither is changed after it is stored.
      result = new DedupedEvent(known.getEventId(), known.getIdentity(), known.getEvent(), known.getEventTime(), known.getFirstSeen(),
          known.getCorroboration() + 1, sources,
          incoming.getUpdatedAt().isAfter(known.getUpdatedAt()) ? incoming.getUpdatedAt() : known.getUpdatedAt());
    }
    // The store keeps every source so that re-ingestion is recognised however many there are.
    seen.put(key, result);
    DedupedEvent out = result.getSources().size() <= MAX_LISTED_SOURCES ? result
        : DedupedEvent.newBuilder(result).setSources(List.copyOf(result.getSources().subList(0, MAX_LISTED_SOURCES))).build();
    context.forward(new Record<>(route, out, out.getEventTime().toEpochMilli(), sighting.headers()));
  }

  private void count(boolean counted, String outcome, DedupedEvent event) {
    if (counted) {
      outcomes.accept(outcome, event.getEvent().getType().name());
    }
  }
}
