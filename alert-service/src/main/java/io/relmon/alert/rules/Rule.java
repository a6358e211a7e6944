package io.relmon.alert.rules;

import io.relmon.schemas.avro.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** An alert rule from the rules file. */
public sealed interface Rule permits Rule.WarmthBelow, Rule.Drop, Rule.SignalRule {

  String name();

  /** Dyad keys the rule watches; empty means every dyad. */
  Set<String> dyads();

  Severity severity();

  List<String> channels();

  /** Least time between two alerts of this rule for one dyad (zero: none). */
  Duration cooldown();

  default boolean watches(String dyad) {
    return dyads().isEmpty() || dyads().contains(dyad);
  }

  /**
   * Fires when a dyad's warmth falls below {@code threshold}; it does not fire again for that dyad
   * until the warmth has risen above {@code rearm} (hysteresis: a dyad hovering at the threshold
   * does not flap).
   */
  record WarmthBelow(
      String name, Set<String> dyads, double threshold, double rearm, Severity severity,
      List<String> channels, Duration cooldown) implements Rule {

    public String describe() {
      return String.format(java.util.Locale.ROOT, "warmth below %.0f (re-arms above %.0f)", threshold, rearm);
    }
  }

  /**
   * Fires when a dyad's warmth has fallen by at least {@code delta} from its highest value within
   * {@code window}; it re-arms once the fall is less than half of {@code delta} again.
   */
  record Drop(
      String name, Set<String> dyads, double delta, Duration window, Severity severity,
      List<String> channels, Duration cooldown) implements Rule {

    public String describe() {
      return String.format(java.util.Locale.ROOT, "warmth fell by %.0f or more within %d days", delta, window.toDays());
    }
  }

  /** Fires for every composite signal of {@code signal} type whose |weight| is at least {@code minWeight}. */
  record SignalRule(
      String name, Set<String> dyads, io.relmon.schemas.avro.SignalType signal, double minWeight, Severity severity,
      List<String> channels, Duration cooldown) implements Rule {

    public String describe() {
      return String.format(java.util.Locale.ROOT, "composite signal %s (|weight| at least %.0f)", signal, minWeight);
    }
  }
}
