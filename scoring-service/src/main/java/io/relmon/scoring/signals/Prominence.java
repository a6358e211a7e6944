package io.relmon.scoring.signals;

import io.relmon.schemas.avro.LeaderMention;

/**
 * How prominently a state's media presented a foreign leader in one article, 0 to 1: first in
 * order and named counts most; sharing a mention with others and a small share of the text, less.
 *
 * <pre>prominence = (named ? 1 : 0.5) × 1/order × 1/(1 + groupSize) × (0.5 + 0.5·min(1, 4·textShare))</pre>
 */
public final class Prominence {
  private Prominence() {}

  public static double of(LeaderMention m) {
    double naming = m.getNamed() ? 1.0 : 0.5;
    double position = 1.0 / Math.max(1, m.getOrder());
    double company = 1.0 / (1 + Math.max(0, m.getGroupSize()));
    double space = 0.5 + 0.5 * Math.min(1.0, 4 * Math.max(0, m.getTextShare()));
    return naming * position * company * space;
  }

  /**
   * The baseline of an (outlet country, leader country) pair: how many mentions it rests on and
   * their mean prominence.
   */
  public record Baseline(int count, double mean) {
    public static final Baseline EMPTY = new Baseline(0, 0);

    public Baseline with(double prominence) {
      return new Baseline(count + 1, mean + (prominence - mean) / (count + 1));
    }
  }
}
