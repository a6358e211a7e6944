package io.relmon.scoring.signals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the composite signals (docs/warmth-score.md).
 *
 * @param provocationWindow how far apart a provocation and a meeting may be (±)
 * @param lateReportGrace how late a report of either may arrive and still be joined
 * @param provocationWeight weight of a TIMED_PROVOCATION on each dyad it names
 * @param prominenceThreshold relative change of prominence against the baseline that is a shift
 * @param prominenceMinHistory mentions of an (outlet country, leader country) pair needed first
 * @param prominenceWeight weight of a PROMINENCE_SHIFT (negative for a drop, positive for a rise)
 * @param pivotThreshold least 30-day change of warmth, up toward one partner and down toward another
 * @param pivotWindow the window of the pivot's changes
 * @param standingAdversaries states an untargeted provocation of a state counts against
 */
public record SignalParameters(
    Duration provocationWindow, Duration lateReportGrace, double provocationWeight,
    double prominenceThreshold, int prominenceMinHistory, double prominenceWeight,
    double pivotThreshold, Duration pivotWindow, Map<String, List<String>> standingAdversaries) {

  public SignalParameters {
    standingAdversaries = Map.copyOf(standingAdversaries);
  }

  public static SignalParameters defaults() {
    return new SignalParameters(Duration.ofDays(1), Duration.ofDays(400), -4, 0.5, 3, 3, 8, Duration.ofDays(30),
        Map.of("PRK", List.of("KOR", "USA", "JPN")));
  }

  /** Parses "PRK:KOR,USA,JPN;CHN:TWN" into a map; throws IllegalArgumentException naming the bad part. */
  public static Map<String, List<String>> parseAdversaries(String text) {
    Map<String, List<String>> map = new java.util.LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return map;
    }
    for (String entry : text.split(";")) {
      String[] parts = entry.strip().split(":");
      if (parts.length != 2 || !parts[0].strip().matches("[A-Z]{3}")) {
        throw new IllegalArgumentException("'" + entry + "' is not ISO3:ISO3,ISO3");
      }
      List<String> adversaries = java.util.Arrays.stream(parts[1].split(",")).map(String::strip).toList();
      for (String a : adversaries) {
        if (!a.matches("[A-Z]{3}")) {
          throw new IllegalArgumentException("'" + a + "' is not an ISO3 code");
        }
      }
      map.put(parts[0].strip(), adversaries);
    }
    return map;
  }
}
