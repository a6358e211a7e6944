package io.relmon.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.service.Json;
import io.relmon.service.TopicReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the local stack shows when the given articles have flowed through: the latest warmth per
 * dyad, the composite signals, the alerts and the e-mails written. Read back from the topics
 * (read_committed), so it shows what downstream consumers see.
 */
record Summary(Map<String, WarmthUpdate> warmth, List<Signal> signals, List<Alert> alerts, List<Path> emails) {

  static Summary read(String bootstrapServers, Topics topics, List<Path> emails) {
    Map<String, WarmthUpdate> warmth = new TreeMap<>();
    for (WarmthUpdate w : readAll(bootstrapServers, topics.warmth())) {
      warmth.put(w.getDyad(), w);
    }
    return new Summary(warmth, readAll(bootstrapServers, topics.signals()), readAll(bootstrapServers, topics.alerts()), emails);
  }

  static <V> List<V> readAll(String bootstrapServers, Topic<String, V> topic) {
    return TopicReader.values(bootstrapServers, topic);
  }

  /** The JSON contract of {@code ./relmon local --once --json} (BRIEF §7). */
  ObjectNode toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode w = root.putObject("warmth");
    warmth.forEach((dyad, u) -> {
      ObjectNode node = w.putObject(dyad);
      node.put("value", round(u.getValue()));
      node.put("raw", round(u.getRaw()));
      node.put("asOf", u.getAsOf().atZone(ZoneOffset.UTC).toLocalDate().toString());
      node.put("change7d", round(u.getChange7d()));
      node.put("change30d", round(u.getChange30d()));
      node.put("eventCount", u.getEventCount());
      ArrayNode drivers = node.putArray("drivers");
      for (Driver d : u.getDrivers()) {
        ObjectNode dn = drivers.addObject();
        dn.put("type", d.getType());
        dn.put("actor", d.getActor());
        d.getTargets().forEach(dn.putArray("targets")::add);
        dn.put("date", d.getDate());
        dn.put("contribution", round(d.getContribution()));
        dn.put("evidence", d.getEvidence());
        d.getUrls().forEach(dn.putArray("urls")::add);
      }
    });
    ArrayNode s = root.putArray("signals");
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (Signal signal : signals) {
      // A signal is written once per dyad it names; list it once.
      if (!listed.add(signal.getSignalId())) {
        continue;
      }
      ObjectNode node = s.addObject();
      node.put("signalId", signal.getSignalId());
      node.put("type", signal.getType().name());
      node.put("actor", signal.getActor());
      signal.getTargets().forEach(node.putArray("targets")::add);
      node.put("date", signal.getDate());
      node.put("weight", signal.getWeight());
      node.put("explanation", signal.getExplanation());
    }
    ArrayNode a = root.putArray("alerts");
    for (Alert alert : alerts) {
      ObjectNode node = a.addObject();
      node.put("rule", alert.getRule());
      node.put("dyad", alert.getDyad());
      node.put("severity", alert.getSeverity().name());
      node.put("alertId", alert.getAlertId());
      node.put("value", round(alert.getValue()));
      node.put("threshold", alert.getThreshold());
      node.put("firedAt", alert.getFiredAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
    }
    ArrayNode e = root.putArray("emails");
    emails.forEach(p -> e.add(p.toString()));
    return root;
  }

  /** The same, for people. */
  void print(PrintStream out) {
    out.println();
    out.println("Warmth by dyad (−100 cold … +100 warm)");
    out.println(String.format(Locale.ROOT, "  %-9s %7s %8s %8s %7s  %s", "dyad", "value", "Δ7d", "Δ30d", "events", "as of"));
    warmth.values().stream()
        .sorted((x, y) -> Double.compare(x.getValue(), y.getValue()))
        .forEach(u -> out.println(String.format(Locale.ROOT, "  %-9s %7.1f %8.1f %8.1f %7d  %s", u.getDyad(), u.getValue(),
            u.getChange7d(), u.getChange30d(), u.getEventCount(), u.getAsOf().atZone(ZoneOffset.UTC).toLocalDate())));
    out.println();
    out.println("Signals: " + (signals.isEmpty() ? "none" : ""));
    signals.stream().filter(distinctBy()).forEach(sg -> out.println("  " + sg.getDate() + "  " + sg.getExplanation()));
    out.println("Alerts: " + (alerts.isEmpty() ? "none" : ""));
    alerts.forEach(al -> out.println(String.format(Locale.ROOT, "  %-8s %-9s %s (%.1f, threshold %.0f)", al.getSeverity(),
        al.getDyad(), al.getRule(), al.getValue(), al.getThreshold())));
    out.println("E-mails: " + (emails.isEmpty() ? "none" : ""));
    emails.forEach(p -> out.println("  " + p));
  }

  private static java.util.function.Predicate<Signal> distinctBy() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return signal -> seen.add(signal.getSignalId());
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
