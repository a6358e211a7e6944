package io.relmon.scoring;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.signals.JoinTimeStamper;
import io.relmon.scoring.signals.MentionObservation;
import io.relmon.scoring.signals.PivotProcessor;
import io.relmon.scoring.signals.PivotRelevance;
import io.relmon.scoring.signals.Prominence;
import io.relmon.scoring.signals.ProminenceShiftProcessor;
import io.relmon.scoring.signals.SignalAtEventTime;
import io.relmon.scoring.signals.SignalParameters;
import io.relmon.scoring.signals.TimedProvocations;
import io.relmon.scoring.history.HistoryProcessor;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.ContributionSerde;
import io.relmon.scoring.dedupe.DedupeProcessor;
import io.relmon.scoring.dedupe.IdentityStateCodec;
import io.relmon.scoring.warmth.DyadWarmthCodec;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthProcessor;
import io.relmon.service.JsonSerde;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The scoring topology, top to bottom (docs/topology.md holds its {@code describe()}):
 *
 * <ol>
 *   <li>{@code read-articles}: article events from relmon.articles.v1;
 *   <li>{@code explode-coded-events}: the article once per route of its events — each dyad an event
 *       may count toward, or its actor alone — with the events that go there, keyed by the route;
 *   <li>{@code sightings-by-dyad}: repartition, so a dyad's sightings, identities, warmth and history
 *       meet on one task; {@code sightings-at-route}: one sighting per event of the copy;
 *   <li>{@code dedupe-events} with {@code event-identity-store}: per route, first sighting counts,
 *       later ones corroborate; each event once, from its primary route
 *       ({@code select-primary-routes}, {@code key-events-by-id}), to relmon.events.v1 by
 *       {@code write-events};
 *   <li>TIMED_PROVOCATION: {@code select-provocations} and {@code select-meetings} (first sightings),
 *       re-keyed to one timing key and repartitioned ({@code provocations-by-time},
 *       {@code meetings-by-time}), given timestamps of their own ({@code stamp-provocation-times},
 *       {@code stamp-meeting-times} with {@code provocation-times-store}, {@code meeting-times-store}),
 *       joined within ±1 day with a grace long enough for late reports
 *       ({@code join-provocation-with-meeting}, stores {@code provocation-meeting-join-store}), and
 *       timed back at the provocation ({@code time-signals-at-provocation});
 *   <li>PROMINENCE_SHIFT: {@code observe-leader-mentions} of state-media articles, by (outlet's
 *       country, leader's country) ({@code mentions-by-media-and-leader}), against a baseline
 *       ({@code detect-prominence-shifts} with {@code prominence-baseline-store});
 *   <li>signals fan out per dyad ({@code signals-per-dyad}) to relmon.signals.v1 ({@code write-signals})
 *       and into warmth;
 *   <li>{@code count-at-dyad}: each event at each dyad it counts toward (actor × each target; an
 *       untargeted provocation toward its standing adversaries), on the same task; merged with
 *       the signals, repartitioned by dyad ({@code signals-by-dyad}), by
 *       {@code merge-signals-into-warmth};
 *   <li>{@code update-dyad-warmth} with {@code dyad-warmth-store}: decayed warmth, written to
 *       relmon.warmth.v1 by {@code write-warmth}; the dyads changed and not yet published in
 *       {@code unpublished-dyads-store};
 *   <li>{@code record-dyad-history} with {@code dyad-history-store}: every signal of the dyad, with
 *       its cited events, three years; with the events {@code event-identity-store} holds, the
 *       dyad's history for the history API, the web view and the drivers' details
 *       ({@link io.relmon.scoring.history.HistoryEntries});
 *   <li>PIVOT: the warmth updates that can matter to it ({@code select-pivot-relevant-warmth}), by
 *       each state of the dyad ({@code warmth-by-state}), {@code detect-pivots}
 *       with {@code state-partners-store}, written by
 *       {@code write-pivot-signals}.
 * </ol>
 *
 * Builds the graph only; no I/O. Tests build the same topology the service runs.
 */
public final class ScoringTopology {

  public static final String EVENT_IDENTITY_STORE = "event-identity-store";
  public static final String DYAD_WARMTH_STORE = "dyad-warmth-store";
  public static final String UNPUBLISHED_DYADS_STORE = "unpublished-dyads-store";
  public static final String DYAD_HISTORY_STORE = "dyad-history-store";
  /**
   * How long a dyad's history keeps its events: the API shows two years at most, and a year
   * before that leaves what older events would add to the series' first point under 2⁻¹².
   */
  public static final Duration HISTORY_RETENTION = Duration.ofDays(3 * 365);
  public static final String PROMINENCE_BASELINE_STORE = "prominence-baseline-store";
  public static final String STATE_PARTNERS_STORE = "state-partners-store";
  public static final String PROVOCATION_TIMES_STORE = "provocation-times-store";
  public static final String MEETING_TIMES_STORE = "meeting-times-store";
  /** How far a unique join timestamp may lie after the event time (JoinTimeStamper). */
  static final Duration STAMP_SLACK = Duration.ofHours(1);
  /** Provocations and meetings are a trickle: one key gathers them for the time join. */
  static final String TIMING_KEY = "timing";

  private ScoringTopology() {}

  /**
   * Builds the topology under the service's Streams configuration, so that
   * {@code ensure.explicit.internal.resource.naming} is enforced at build time.
   */
  public static Topology build(Topics topics, ScoringParameters parameters, Properties streamsConfig) {
    return build(topics, parameters, streamsConfig, ScoringMeters.none());
  }

  /**
   * Events whose identity entries (and signals whose history entries) the stores keep decoded,
   * most recently written: a report that follows within minutes finds them (a few MB).
   */
  static final int RECENT_EVENTS = 4_096;

  /** As above, counting into {@code meters}. */
  public static Topology build(Topics topics, ScoringParameters parameters, Properties streamsConfig, ScoringMeters meters) {
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
    AvroSerde<DedupedEvent> dedupedSerde = AvroSerde.of(DedupedEvent.class);
    AvroSerde<Signal> signalSerde = AvroSerde.of(Signal.class);
    AvroSerde<WarmthUpdate> warmthSerde = AvroSerde.of(WarmthUpdate.class);
    WarmthParameters warmth = parameters.warmth();
    SignalParameters signals = parameters.signals();
    // Partitions of the two topics into the dyads' tasks: as many as the input's.
    int dyadPartitions = topics.articles().partitions();

    // Every store written per event writes behind (WriteBehindStore): values held decoded, each
    // key encoded and written to the changelog once per commit. Warmth and partners are read and
    // rewritten on every update; identities again when a report follows within the commit, and
    // read again for the drivers' details (the history, HistoryEntries); the list of unpublished
    // dyads on every dyad's first change after a publication. Not Streams' record cache for these: it is one per thread, stores bytes (so
    // encodes on every put) and evicts from the store being written, so the identity and history
    // entries crowded the warmth cache out until every warmth put flushed it (docs/benchmarks.md).
    builder.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(EVENT_IDENTITY_STORE), Serdes.String(),
        StateFormat.serde(IdentityStateCodec::encode, IdentityStateCodec::decode)), RECENT_EVENTS));
    builder.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DYAD_WARMTH_STORE), Serdes.String(),
        StateFormat.serde(DyadWarmthCodec::encode, DyadWarmthCodec::decode)), WarmthProcessor.RECENT_STATES));
    // One record per task, put on every dyad's first change after a publication: written once per commit.
    builder.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(UNPUBLISHED_DYADS_STORE), Serdes.String(),
        StateFormat.serde(io.relmon.scoring.warmth.UnpublishedDyads::encode, io.relmon.scoring.warmth.UnpublishedDyads::decode)), 1));
    builder.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DYAD_HISTORY_STORE), Serdes.String(), ContributionSerde.serde()), RECENT_EVENTS));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PROVOCATION_TIMES_STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(MEETING_TIMES_STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PROMINENCE_BASELINE_STORE), Serdes.String(), new JsonSerde<>(Prominence.Baseline.class))
        .withCachingEnabled());
    builder.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STATE_PARTNERS_STORE), Serdes.String(),
            StateFormat.serde(PivotProcessor.Partners::encode, PivotProcessor.Partners::decode)), PivotProcessor.RECENT_STATES));

    KStream<String, ArticleEvent> articles = builder.stream(topics.articles().name(),
        Consumed.with(topics.articles().keySerde(), topics.articles().valueSerde()).withName("read-articles"));

    // DEDUPE, per route: each sighting once per dyad it may count toward, so that one task holds
    // a dyad's identities, warmth and history and no repartition lies between them. An article
    // travels once per route with the events that go there, and becomes sightings at the route.
    KStream<String, DedupedEvent> dedupedByRoute = articles
        .flatMap((articleId, article) -> TopologyMappings.sightingsByRoute(article, signals), Named.as("explode-coded-events"))
        .repartition(Repartitioned.with(Serdes.String(), new RoutedSightingsSerde()).withName("sightings-by-dyad")
            .withNumberOfPartitions(dyadPartitions))
        .flatMapValues(TopologyMappings::sightingsOf, Named.as("sightings-at-route"))
        .process(() -> new DedupeProcessor(EVENT_IDENTITY_STORE, identityRetention(parameters),
            (route, event) -> TopologyMappings.isPrimaryRoute(route, event, signals), meters::dedupe),
            Named.as("dedupe-events"), EVENT_IDENTITY_STORE);

    // Each event once, from its primary route, keyed by its id as relmon.events.v1 is.
    KStream<String, DedupedEvent> events = dedupedByRoute
        .filter((route, event) -> TopologyMappings.isPrimaryRoute(route, event, signals), Named.as("select-primary-routes"))
        .selectKey((route, event) -> event.getEventId(), Named.as("key-events-by-id"));
    events.to(topics.events().name(),
        Produced.with(topics.events().keySerde(), topics.events().valueSerde()).withName("write-events"));

    // TIMED_PROVOCATION: a stream-stream join in event time. Record timestamps are event dates,
    // so an event reported months later is a late record: the grace keeps it joinable.
    // Each side's records get timestamps of their own (JoinTimeStamper says why), so the join
    // window is wider than the signal's by the few milliseconds a stamp may add; the joiner checks
    // the real distance.
    Duration stampRetention = signals.provocationWindow().multipliedBy(2).plus(signals.lateReportGrace()).plus(STAMP_SLACK);
    KStream<String, DedupedEvent> provocations = timingSide(events, TimedProvocations::isProvocation, "provocation",
        PROVOCATION_TIMES_STORE, dedupedSerde, stampRetention);
    KStream<String, DedupedEvent> meetings = timingSide(events, TimedProvocations::isMeeting, "meeting",
        MEETING_TIMES_STORE, dedupedSerde, stampRetention);
    KStream<String, Signal> timedProvocations = provocations
        .join(meetings,
            (provocation, meeting) -> TimedProvocations.signal(provocation, meeting, signals.provocationWindow(), signals.provocationWeight()),
            JoinWindows.ofTimeDifferenceAndGrace(signals.provocationWindow().plus(STAMP_SLACK), signals.lateReportGrace()),
            StreamJoined.with(Serdes.String(), dedupedSerde, dedupedSerde)
                .withName("join-provocation-with-meeting")
                .withStoreName("provocation-meeting-join-store"))
        .filter((key, signal) -> signal != null, Named.as("drop-provokers-who-take-part"))
        .processValues(SignalAtEventTime::new, Named.as("time-signals-at-provocation"));

    // PROMINENCE_SHIFT: how each state's media present foreign leaders, against a baseline.
    KStream<String, Signal> prominenceShifts = articles
        .flatMap((articleId, article) -> TopologyMappings.observations(article), Named.as("observe-leader-mentions"))
        .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(MentionObservation.class)).withName("mentions-by-media-and-leader"))
        .process(() -> new ProminenceShiftProcessor(PROMINENCE_BASELINE_STORE, signals), Named.as("detect-prominence-shifts"),
            PROMINENCE_BASELINE_STORE);

    KStream<String, Signal> signalsByDyad = timedProvocations
        .merge(prominenceShifts, Named.as("merge-signals"))
        .peek((key, signal) -> meters.signal(signal.getType().name()), Named.as("count-signals"))
        .flatMap((key, signal) -> TopologyMappings.perDyad(signal), Named.as("signals-per-dyad"));
    signalsByDyad.to(topics.signals().name(),
        Produced.with(topics.signals().keySerde(), topics.signals().valueSerde()).withName("write-signals"));

    // Signals reach their dyads' tasks through a repartition of their own (a trickle), with as
    // many partitions as sightings-by-dyad, so that a dyad's signals and sightings meet on one task.
    // Both counts are explicit: left to Streams, signals-by-dyad took the count of the first of its
    // upstream topics it knew, the one partition of the timing join's (ScoringFaultsIT caught it).
    KStream<String, Contribution> signalsAtDyad = signalsByDyad
        .mapValues(WarmthProcessor::contribution, Named.as("signal-contributions"))
        .repartition(Repartitioned.with(Serdes.String(), ContributionSerde.serde()).withName("signals-by-dyad")
            .withNumberOfPartitions(dyadPartitions));
    // HISTORY: the dyad's events are in the identity store already (under their route, with their
    // evidence and reports); its signals are kept here with the events they cite. Recorded first
    // (a node's children run in the order added), so a signal's details are there when its
    // warmth is published at once (interval zero).
    signalsAtDyad.process(() -> new HistoryProcessor(DYAD_HISTORY_STORE, DYAD_WARMTH_STORE, HISTORY_RETENTION),
        Named.as("record-dyad-history"), DYAD_HISTORY_STORE, DYAD_WARMTH_STORE);
    KStream<String, Contribution> contributionsByDyad = dedupedByRoute
        .flatMapValues((route, event) -> TopologyMappings.contributionAt(route, event, signals), Named.as("count-at-dyad"))
        .merge(signalsAtDyad, Named.as("merge-signals-into-warmth"));
    KStream<String, WarmthUpdate> warmthUpdates = contributionsByDyad
        .process(() -> new WarmthProcessor(DYAD_WARMTH_STORE, UNPUBLISHED_DYADS_STORE, EVENT_IDENTITY_STORE, DYAD_HISTORY_STORE,
            warmth, parameters.advanceInterval(), parameters.quietAge(), parameters.publishInterval()),
            Named.as("update-dyad-warmth"), DYAD_WARMTH_STORE, UNPUBLISHED_DYADS_STORE, EVENT_IDENTITY_STORE, DYAD_HISTORY_STORE);
    warmthUpdates
        .peek((dyad, update) -> meters.warmth(dyad, update.getValue()), Named.as("count-warmth-updates"))
        .to(topics.warmth().name(),
        Produced.with(topics.warmth().keySerde(), topics.warmth().valueSerde()).withName("write-warmth"));

    // PIVOT: read from warmth, per state, across its partners.
    warmthUpdates
        .process(() -> new PivotRelevance(signals.pivotThreshold()), Named.as("select-pivot-relevant-warmth"))
        .flatMap((dyad, update) -> TopologyMappings.byState(update), Named.as("key-warmth-by-state"))
        .repartition(Repartitioned.with(Serdes.String(), warmthSerde).withName("warmth-by-state"))
        .process(() -> new PivotProcessor(STATE_PARTNERS_STORE, signals), Named.as("detect-pivots"), STATE_PARTNERS_STORE)
        .peek((key, signal) -> meters.signal(signal.getType().name()), Named.as("count-pivot-signals"))
        .to(topics.signals().name(),
            Produced.with(topics.signals().keySerde(), signalSerde).withName("write-pivot-signals"));

    return builder.build(streamsConfig);
  }

  /**
   * One side of the time join: the events {@code select} takes, under the one timing key, on one
   * partition ({@code <side>s-by-time}), each with a timestamp of its own ({@code stamp-<side>-times}).
   */
  private static KStream<String, DedupedEvent> timingSide(KStream<String, DedupedEvent> events,
      java.util.function.Predicate<DedupedEvent> select, String side, String timesStore, AvroSerde<DedupedEvent> serde,
      Duration stampRetention) {
    return events
        .filter((id, e) -> select.test(e), Named.as("select-" + side + "s"))
        .selectKey((id, e) -> TIMING_KEY, Named.as("key-" + side + "s-by-time"))
        .repartition(Repartitioned.with(Serdes.String(), serde).withName(side + "s-by-time").withNumberOfPartitions(1))
        .processValues(() -> new JoinTimeStamper(timesStore, stampRetention), Named.as("stamp-" + side + "-times"), timesStore);
  }

  /**
   * How long an event's identity is remembered: as long as the history keeps events (the identity
   * store is where the history reads them, {@link io.relmon.scoring.history.HistoryEntries}), and
   * at least twice warmth's retention (see DedupeProcessor).
   */
  static java.time.Duration identityRetention(ScoringParameters parameters) {
    java.time.Duration twiceWarmth = parameters.warmth().retention().multipliedBy(2);
    return twiceWarmth.compareTo(HISTORY_RETENTION) > 0 ? twiceWarmth : HISTORY_RETENTION;
  }
}
