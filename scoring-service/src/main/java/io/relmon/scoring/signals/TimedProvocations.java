package io.relmon.scoring.signals;

import io.relmon.schemas.avro.CitedEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import io.relmon.scoring.dedupe.EventIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * TIMED_PROVOCATION (BRIEF §4): a missile or nuclear test, a hostile exercise or a threat by X
 * within a day of a summit, state visit or ministerial meeting between Y and Z, X not among them,
 * is a signal against X on X–Y and X–Z, citing both events. Plain Java; the topology joins.
 *
 * <p>Only the four types the brief names are provocations. A MILITARY_ATTACK is hostile (−9) and
 * counts in warmth like any event, but it is an act of force, not a provocation timed to a
 * meeting, so it is not joined here.
 */
public final class TimedProvocations {

  private static final Set<EventType> PROVOCATIONS =
      Set.of(EventType.MISSILE_TEST, EventType.NUCLEAR_TEST, EventType.MILITARY_EXERCISE, EventType.THREAT);
  private static final Set<EventType> MEETINGS =
      Set.of(EventType.SUMMIT, EventType.STATE_VISIT, EventType.MINISTERIAL_MEETING);

  private TimedProvocations() {}

  /** A first sighting of a provocation that happened (a joint exercise, with positive weight, is not one). */
  public static boolean isProvocation(DedupedEvent e) {
    return e.getCorroboration() == 1 && e.getEvent().getModality() != Modality.PLANNED
        && PROVOCATIONS.contains(e.getEvent().getType()) && e.getEvent().getWeight() < 0;
  }

  /** A first sighting of a meeting between two or more states that happened. */
  public static boolean isMeeting(DedupedEvent e) {
    return e.getCorroboration() == 1 && e.getEvent().getModality() != Modality.PLANNED
        && MEETINGS.contains(e.getEvent().getType()) && !e.getEvent().getTargets().isEmpty();
  }

  /**
   * The signal, or null when the provoker takes part in the meeting or the two are further apart
   * in event time than {@code window} (the join's own window is a little wider: see
   * {@link JoinTimeStamper}).
   */
  public static Signal signal(DedupedEvent provocation, DedupedEvent meeting, Duration window, double weight) {
    long apart = Math.abs(provocation.getEventTime().toEpochMilli() - meeting.getEventTime().toEpochMilli());
    if (apart > window.toMillis()) {
      return null;
    }
    String provoker = provocation.getEvent().getActor();
    Set<String> parties = new TreeSet<>(meeting.getEvent().getTargets());
    parties.add(meeting.getEvent().getActor());
    if (parties.contains(provoker)) {
      return null;
    }
    List<String> targets = new ArrayList<>(parties);
    String date = provocation.getEvent().getDate();
    // One signal per provocation and set of parties, however many reports of the meeting.
    String id = EventIdentity.id("TIMED_PROVOCATION|" + provoker + "|" + String.join(",", targets) + "|" + provocation.getEventId());
    return Signal.newBuilder()
        .setSignalId(id)
        .setType(SignalType.TIMED_PROVOCATION)
        .setActor(provoker)
        .setTargets(targets)
        .setDate(date)
        .setWeight(weight)
        .setExplanation(provoker + " " + describe(provocation.getEvent().getType()) + " on " + date + ", "
            + meetingDescription(meeting) + " on " + meeting.getEvent().getDate())
        .setCitedEventIds(List.of(provocation.getEventId(), meeting.getEventId()))
        .setCitedEvents(List.of(cited(provocation), cited(meeting)))
        .setEventTime(provocation.getEventTime())
        .build();
  }

  /** An event as the signal cites it: with its evidence and first reports, so a reader can show why. */
  static CitedEvent cited(DedupedEvent e) {
    var coded = e.getEvent();
    return CitedEvent.newBuilder()
        .setEventId(e.getEventId())
        .setType(coded.getType())
        .setActor(coded.getActor())
        .setTargets(coded.getTargets())
        .setDate(coded.getDate())
        .setModality(coded.getModality())
        .setEvidence(coded.getEvidence())
        .setCorroboration(e.getCorroboration())
        .setSources(e.getSources().stream().limit(MAX_CITED_SOURCES).toList())
        .build();
  }

  /** Reports listed per cited event (a provocation's first sighting has one; a meeting may have had more). */
  static final int MAX_CITED_SOURCES = 5;

  private static String describe(EventType type) {
    return switch (type) {
      case MISSILE_TEST -> "missile test";
      case NUCLEAR_TEST -> "nuclear test";
      case MILITARY_EXERCISE -> "military exercise";
      case THREAT -> "threat";
      // Only the provocation types reach here; a type added to them is named, not called a threat.
      default -> type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  private static String meetingDescription(DedupedEvent meeting) {
    var e = meeting.getEvent();
    String kind = switch (e.getType()) {
      case STATE_VISIT -> "the " + e.getActor() + " state visit to " + String.join(", ", e.getTargets());
      case SUMMIT -> "the " + e.getActor() + "–" + String.join("–", e.getTargets()) + " summit";
      default -> "the " + e.getActor() + "–" + String.join("–", e.getTargets()) + " ministerial meeting";
    };
    return "timed to " + kind;
  }
}
