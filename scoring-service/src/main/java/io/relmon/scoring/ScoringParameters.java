package io.relmon.scoring;

import io.relmon.scoring.signals.SignalParameters;
import io.relmon.scoring.warmth.WarmthParameters;
import java.time.Duration;

/**
 * Everything the scoring topology is parameterised by.
 *
 * @param advanceInterval how often the wall-clock punctuator moves quiet dyads forward (zero: never)
 * @param quietAge how long a dyad must have been quiet before the punctuator moves it
 * @param publishInterval how often changed dyads are published, each once with its latest score
 *     (zero: every change at once)
 */
public record ScoringParameters(WarmthParameters warmth, SignalParameters signals, Duration advanceInterval, Duration quietAge,
    Duration publishInterval) {

  /** How often changed dyads are published by default: the default commit interval. */
  public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(100);

  public static ScoringParameters defaults() {
    return new ScoringParameters(WarmthParameters.defaults(), SignalParameters.defaults(), Duration.ofHours(1), Duration.ofDays(1),
        DEFAULT_PUBLISH_INTERVAL);
  }

  /**
   * The defaults without wall-clock punctuators — no moving of quiet dyads, every change published
   * at once — for event-time tests, where each input's outputs are read right after it.
   */
  public static ScoringParameters eventTimeOnly() {
    return new ScoringParameters(WarmthParameters.defaults(), SignalParameters.defaults(), Duration.ZERO, Duration.ofDays(1), Duration.ZERO);
  }

  /** These parameters, publishing changed dyads every {@code interval}. */
  public ScoringParameters publishingEvery(Duration interval) {
    return new ScoringParameters(warmth, signals, advanceInterval, quietAge, interval);
  }
}
