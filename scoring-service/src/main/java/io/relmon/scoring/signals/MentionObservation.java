package io.relmon.scoring.signals;

/**
 * One foreign leader's prominence in one state-media article (internal: the value of the
 * {@code mentions-by-media-and-leader} repartition topic).
 */
public record MentionObservation(String articleId, String outletCountry, String leaderCountry, double prominence,
    long published) {}
