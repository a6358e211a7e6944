package io.relmon.scoring;

import io.relmon.scoring.signals.SignalParameters;
import io.relmon.scoring.warmth.WarmthParameters;
import java.time.Duration;

/**
 * Everything the scoring topology is parameterised by.
 *
 * @param advanceInterval how often the wall-clock punctuator moves quiet dyads forward (zero: never)
 * @param quietAge how long a dyad must have been quiet before the punctuator moves it
 */
public record ScoringParameters(WarmthParameters warmth, SignalParameters signals, Duration advanceInterval, Duration quietAge) {

  public static ScoringParameters defaults() {
    return new ScoringParameters(WarmthParameters.defaults(), SignalParameters.defaults(), Duration.ofHours(1), Duration.ofDays(1));
  }

  /** The defaults without the wall-clock punctuator: for replays and event-time tests. */
  public static ScoringParameters eventTimeOnly() {
    return new ScoringParameters(WarmthParameters.defaults(), SignalParameters.defaults(), Duration.ZERO, Duration.ofDays(1));
  }
}
