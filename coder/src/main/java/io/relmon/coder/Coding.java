package io.relmon.coder;

import java.util.List;

/** What a coder found in one article. */
public record Coding(List<CodedEvent> events, List<LeaderMention> leaderMentions) {
  public Coding {
    events = List.copyOf(events);
    leaderMentions = List.copyOf(leaderMentions);
  }
}
