package io.relmon.coder;

/** A foreign leader mentioned in a state-media article (see the Avro LeaderMention contract). */
public record LeaderMention(String leaderCountry, String leader, int order, boolean named, int groupSize, double textShare) {}
