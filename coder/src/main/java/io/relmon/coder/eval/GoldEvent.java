package io.relmon.coder.eval;

import java.util.List;

/**
 * A hand-annotated event of the evaluation format ({@code ../shared/eval/README.md}).
 *
 * @param types acceptable types (one or several)
 * @param actors the actor, or the participants of a joint action
 * @param targets the targets, empty when the gold names none
 * @param date YYYY-MM-DD, YYYY-MM, YYYY or null (any date)
 */
public record GoldEvent(
    List<String> types, List<String> actors, List<String> targets, String date, boolean optional,
    boolean undirected, boolean dateLenient, String evidence) {

  /** Judged on the set of participants: a joint action, or an undirected event. */
  boolean byParticipants() {
    return undirected || actors.size() > 1;
  }
}
