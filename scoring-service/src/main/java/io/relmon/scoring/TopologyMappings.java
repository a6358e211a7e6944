package io.relmon.scoring;

import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.LeaderMention;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SourceKind;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.dedupe.EventIdentity;
import io.relmon.scoring.signals.MentionObservation;
import io.relmon.scoring.signals.PivotProcessor;
import io.relmon.scoring.signals.Prominence;
import io.relmon.scoring.signals.SignalParameters;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.WarmthProcessor;
import io.relmon.service.Dyad;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * The record mappings of {@link ScoringTopology}, each one step of it: an article into its
 * sightings per route and leader-mention observations, an event into its contribution at a dyad, a signal
 * into one record per dyad, a warmth update under each of its states. Plain functions of a record
 * (no store, no context), tested on their own; the bounds on what a derived record may carry live
 * here with the mapping that enforces them.
 */
final class TopologyMappings {

  private TopologyMappings() {}

  /** A signal once per dyad it names: its actor with each target. */
  static List<KeyValue<String, Signal>> perDyad(Signal signal) {
    return signal.getTargets().stream()
        .filter(t -> !t.equals(signal.getActor()))
        .map(t -> KeyValue.pair(Dyad.key(signal.getActor(), t), signal))
        .toList();
  }

  /**
   * A warmth update once under each state of its dyad, as the pivot detector reads it: the score
   * and the ids of its top {@link PivotProcessor#MAX_CITED} drivers, without their evidence and reports
   * (serialising those twice more per update showed in the stream thread's profile).
   */
  static List<KeyValue<String, WarmthUpdate>> byState(WarmthUpdate update) {
    Dyad dyad = Dyad.of(update.getDyad().substring(0, 3), update.getDyad().substring(4));
    WarmthUpdate lean = WarmthUpdate.newBuilder(update)
        .setDrivers(update.getDrivers().stream().limit(PivotProcessor.MAX_CITED)
            .map(d -> io.relmon.schemas.avro.Driver.newBuilder(d).setEvidence("").setUrls(List.of()).setSources(List.of()).build())
            .toList())
        .build();
    return List.of(KeyValue.pair(dyad.first(), lean), KeyValue.pair(dyad.second(), lean));
  }

  /** Prominence observations of foreign leaders in a state-media article, keyed "outlet>leader". */
  static List<KeyValue<String, MentionObservation>> observations(ArticleEvent article) {
    if (article == null || article.getSourceKind() != SourceKind.STATE_MEDIA || article.getSourceCountry() == null) {
      return List.of();
    }
    if (article.getArticleId().length() > MAX_OBSERVED_ID_CHARS) {
      // Each observation repeats the id, in JSON (where a control character takes six bytes).
      throw new IllegalArgumentException("article " + abbreviated(article.getArticleId()) + ": an id of "
          + article.getArticleId().length() + " characters, over the " + MAX_OBSERVED_ID_CHARS + " a leader-mention observation may hold");
    }
    List<KeyValue<String, MentionObservation>> out = new ArrayList<>();
    for (LeaderMention m : article.getLeaderMentions()) {
      if (!m.getLeaderCountry().equals(article.getSourceCountry())) {
        out.add(KeyValue.pair(article.getSourceCountry() + ">" + m.getLeaderCountry(),
            new MentionObservation(article.getArticleId(), article.getSourceCountry(), m.getLeaderCountry(),
                Prominence.of(m), article.getPublished().toEpochMilli())));
      }
    }
    return out;
  }

  /**
   * Longest url, outlet name and evidence carried on: ingest caps them already, but any producer
   * can write to the articles topic, and one oversized field repeated on every derived record
   * once made a record larger than Kafka accepts. A longer url is dropped (a cut one would be a
   * wrong link); a longer name or evidence is cut.
   */
  static final int MAX_URL_CHARS = 2_048;
  /** Longest article id a leader-mention observation carries (ingest's ids are 128 at most). */
  static final int MAX_OBSERVED_ID_CHARS = 4_096;
  static final int MAX_SOURCE_CHARS = 200;
  /** Longest headline carried on (ingest allows 1,000; a page or e-mail shows a line). */
  static final int MAX_TITLE_CHARS = 300;
  static final int MAX_EVIDENCE_CHARS = 2_000;


  /**
   * Characters a sighting may carry in its strings: at most 3 bytes each in UTF-8, so its record
   * stays under Kafka's 1-MB default however the text is written. Under exactly_once_v2 a record
   * the producer refuses fails the whole transaction, so an article whose sightings would be
   * larger (an id of 600,000 characters, thousands of targets) is refused here, by throwing: the
   * processing exception handler dead-letters the article and the task goes on.
   */
  static final int MAX_SIGHTING_CHARS = 256 * 1024;

  /** One sighting per coded event of the article, keyed by the event's identity. */
  static List<KeyValue<String, DedupedEvent>> sightings(ArticleEvent article) {
    if (article == null) {
      return List.of();
    }
    refuseOversized(article);
    SourceRef source = sourceOf(article);
    List<KeyValue<String, DedupedEvent>> out = new ArrayList<>();
    for (CodedEvent coded : article.getEvents()) {
      CodedEvent event = withEvidenceCut(coded);
      String identity = EventIdentity.of(event.getType().name(), event.getActor(), event.getTargets(),
          event.getDate(), article.getPublished());
      Instant eventTime = EventIdentity.eventTime(event.getDate(), article.getPublished());
      out.add(KeyValue.pair(identity, DedupedEvent.newBuilder()
          .setEventId(EventIdentity.id(identity))
          .setIdentity(identity)
          .setEvent(event)
          .setEventTime(eventTime)
          .setFirstSeen(source)
          .setCorroboration(1)
          .setSources(List.of(source))
          .setUpdatedAt(article.getPublished())
          .build()));
    }
    return out;
  }

  /** Throws when a sighting of one of the article's events would hold more than {@link #MAX_SIGHTING_CHARS}. */
  private static void refuseOversized(ArticleEvent article) {
    for (CodedEvent coded : article.getEvents()) {
      long chars = sightingChars(article, coded);
      if (chars > MAX_SIGHTING_CHARS) {
        throw new IllegalArgumentException("article " + abbreviated(article.getArticleId()) + ": a sighting of its "
            + coded.getType() + " event would hold " + chars + " characters, over the " + MAX_SIGHTING_CHARS
            + " a record may (article id " + article.getArticleId().length() + " characters, "
            + coded.getTargets().size() + " targets)");
      }
    }
  }

  /** The article as its sightings name it: an oversized url dropped, outlet and headline cut. */
  private static SourceRef sourceOf(ArticleEvent article) {
    String url = article.getUrl() != null && article.getUrl().length() <= MAX_URL_CHARS ? article.getUrl() : null;
    return SourceRef.newBuilder()
        .setArticleId(article.getArticleId())
        .setUrl(url)
        .setSource(cut(article.getSource(), MAX_SOURCE_CHARS))
        .setTitle(cut(article.getTitle(), MAX_TITLE_CHARS))
        .setPublished(article.getPublished())
        .build();
  }

  private static CodedEvent withEvidenceCut(CodedEvent coded) {
    return coded.getEvidence() != null && coded.getEvidence().length() > MAX_EVIDENCE_CHARS
        ? CodedEvent.newBuilder(coded).setEvidence(cut(coded.getEvidence(), MAX_EVIDENCE_CHARS)).build()
        : coded;
  }

  /** At most how many characters a sighting of {@code coded} holds (its strings, the article's included). */
  private static long sightingChars(ArticleEvent article, CodedEvent coded) {
    return 2L * article.getArticleId().length() + Math.min(coded.getEvidence().length(), MAX_EVIDENCE_CHARS)
        + MAX_URL_CHARS + MAX_SOURCE_CHARS + MAX_TITLE_CHARS + coded.getActor().length() * 2L
        + coded.getTargets().stream().mapToLong(t -> t.length() * 2L + 1).sum()
        + (coded.getDate() == null ? 0 : coded.getDate().length() * 2L)
        + coded.getPlover().length() + coded.getCameo().length()
        + (coded.getPloverMode() == null ? 0 : coded.getPloverMode().length());
  }

  private static String abbreviated(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /**
   * The article once per route of its events ({@link #routes}), each copy holding only the events
   * that go there, in the article's order: de-duplication and warmth of a dyad share a task, so
   * every event travels to each dyad it may count toward. One record per article and route, not
   * per event and route: most of an article's events are about one dyad, and each per-event record
   * repeated the article's source (docs/benchmarks.md). A copy carries only what {@link #sightings}
   * needs to make the sightings again at the route — no body, leader mentions, outlet country or
   * coder version (any producer may write those at any length); evidence, outlet and headline cut
   * and an oversized url dropped as there — and at most {@link #MAX_SIGHTING_CHARS} characters: a
   * route with more events gets more copies. An article one of whose sightings would
   * be too large is refused by throwing, as in {@link #sightings}.
   */
  static List<KeyValue<String, ArticleEvent>> sightingsByRoute(ArticleEvent article, SignalParameters signals) {
    if (article == null || article.getEvents().isEmpty()) {
      return List.of();
    }
    refuseOversized(article);
    // Routes follow from each event's actor and targets: no identity is made here (the route's
    // task makes the sightings, identities included).
    Map<String, List<List<CodedEvent>>> copies = new LinkedHashMap<>();
    Map<String, Long> charsOfLastCopy = new HashMap<>();
    for (CodedEvent coded : article.getEvents()) {
      CodedEvent event = withEvidenceCut(coded);
      long chars = sightingChars(article, event);
      for (String route : routes(event, signals)) {
        List<List<CodedEvent>> ofRoute = copies.computeIfAbsent(route, r -> new ArrayList<>());
        long held = charsOfLastCopy.getOrDefault(route, 0L);
        if (ofRoute.isEmpty() || held + chars > MAX_SIGHTING_CHARS) {
          ofRoute.add(new ArrayList<>());
          held = 0;
        }
        ofRoute.get(ofRoute.size() - 1).add(event);
        charsOfLastCopy.put(route, held + chars);
      }
    }
    SourceRef source = sourceOf(article);
    List<KeyValue<String, ArticleEvent>> out = new ArrayList<>();
    copies.forEach((route, ofRoute) -> ofRoute.forEach(events ->
        out.add(KeyValue.pair(route, routeCopy(source, article.getSourceKind(), article.getReceivedAt(), events)))));
    return out;
  }

  /**
   * A route's copy of an article: its source as the sightings name it, the events that go to the
   * route, and nothing else (no body, leader mentions, outlet country or coder version).
   */
  static ArticleEvent routeCopy(SourceRef source, SourceKind kind, Instant receivedAt, List<CodedEvent> events) {
    return ArticleEvent.newBuilder()
        .setArticleId(source.getArticleId())
        .setUrl(source.getUrl())
        .setSource(source.getSource())
        .setSourceKind(kind)
        .setSourceCountry(null)
        .setTitle(source.getTitle() == null ? "" : source.getTitle())
        .setBody("")
        .setPublished(source.getPublished())
        .setReceivedAt(receivedAt)
        .setCoderVersion("")
        .setEvents(events)
        .setLeaderMentions(List.of())
        .build();
  }

  /** The sightings of a route's copy of an article ({@link #sightingsByRoute}), as {@link #sightings} makes them. */
  static List<DedupedEvent> sightingsOf(ArticleEvent copy) {
    return sightings(copy).stream().map(kv -> kv.value).toList();
  }

  /**
   * Where every sighting of an event is de-duplicated: the dyads it may count toward — its actor
   * with each target, or, untargeted, with each of the actor's standing adversaries — in key
   * order; an event with none (its actor alone, or no adversaries known) under its actor's code.
   * A function of the event's identity only (actor and targets), never of what one article says
   * of its modality or weight: every sighting of an event must meet the same stores.
   */
  static List<String> routes(DedupedEvent event, SignalParameters signals) {
    return routes(event.getEvent(), signals);
  }

  private static List<String> routes(CodedEvent coded, SignalParameters signals) {
    String actor = coded.getActor();
    List<String> targets = coded.getTargets().isEmpty()
        ? signals.standingAdversaries().getOrDefault(actor, List.of())
        : coded.getTargets();
    if (targets.size() == 1) {
      // Nine events in ten have one target: their route without a stream (called per event and route).
      String target = targets.get(0);
      return target.equals(actor) ? List.of(actor) : List.of(Dyad.key(actor, target));
    }
    List<String> dyads = targets.stream()
        .filter(target -> !target.equals(actor))
        .map(target -> Dyad.key(actor, target))
        .distinct()
        .sorted()
        .toList();
    return dyads.isEmpty() ? List.of(actor) : dyads;
  }

  /** Whether {@code route} is the event's first route: the one that publishes it and counts it in metrics. */
  static boolean isPrimaryRoute(String route, DedupedEvent event, SignalParameters signals) {
    return routes(event, signals).get(0).equals(route);
  }

  /** What the event de-duplicated at {@code route} contributes there: nothing unless the route is one of its dyads. */
  static List<Contribution> contributionAt(String route, DedupedEvent event, SignalParameters signals) {
    return countedDyads(event, signals).contains(route) ? List.of(WarmthProcessor.contribution(event)) : List.of();
  }

  /**
   * The dyads an event counts toward in warmth: its actor with each target, each dyad once; an
   * untargeted provocation toward the actor's standing adversaries. None when PLANNED: it has
   * not happened.
   */
  private static List<String> countedDyads(DedupedEvent event, SignalParameters signals) {
    var coded = event.getEvent();
    if (!WarmthProcessor.countsTowardWarmth(event)) {
      return List.of();
    }
    // The dyads among its routes: an event's actor alone is a route, never a dyad.
    List<String> routes = routes(event, signals);
    return routes.equals(List.of(coded.getActor())) ? List.of() : routes;
  }

}
