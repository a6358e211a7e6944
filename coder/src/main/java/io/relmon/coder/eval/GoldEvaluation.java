package io.relmon.coder.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.coder.CodedEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores coded events against gold events with the matching rules of the evaluation format: type
 * acceptable; actor equal and targets overlapping (or, for joint and undirected events, the coded
 * actor one of the participants and the coded targets holding another); the date within a day,
 * or the same month or year for a month or year, any for a null gold date, and a coded null only
 * where the gold is date-lenient. Each gold event matches at most one coded event and vice versa
 * (a maximum matching, required gold events first); optional gold events count neither way.
 */
public final class GoldEvaluation {

  /** One article's outcome. */
  public record ArticleResult(String article, int coded, int matchedRequired, int matchedOptional, int required,
      List<GoldEvent> misses, List<CodedEvent> falsePositives, List<CodedEvent> codedEvents, List<GoldEvent> gold) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GoldEvaluation() {}

  /** Reads a {@code NNN.gold.json} file. */
  public static List<GoldEvent> readGold(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(Files.readString(file));
    List<GoldEvent> events = new ArrayList<>();
    for (JsonNode e : root.path("events")) {
      events.add(new GoldEvent(strings(e.get("type")), strings(e.get("actor")), strings(e.get("target")),
          e.hasNonNull("date") ? e.get("date").asText() : null, e.path("optional").asBoolean(false),
          e.path("undirected").asBoolean(false), e.path("date_lenient").asBoolean(false), e.path("evidence").asText("")));
    }
    return events;
  }

  private static List<String> strings(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isArray()) {
      List<String> values = new ArrayList<>();
      node.forEach(n -> values.add(n.asText()));
      return values;
    }
    return List.of(node.asText());
  }

  public static ArticleResult evaluate(String article, List<CodedEvent> coded, List<GoldEvent> gold) {
    List<Integer> required = new ArrayList<>();
    List<Integer> optional = new ArrayList<>();
    for (int g = 0; g < gold.size(); g++) {
      (gold.get(g).optional() ? optional : required).add(g);
    }
    int[] codedToGold = new int[coded.size()];
    Arrays.fill(codedToGold, -1);
    int[] goldToCoded = new int[gold.size()];
    Arrays.fill(goldToCoded, -1);
    // Required gold first, so an optional event never takes a coded event a required one needs;
    // then optional gold, which may re-seat a required match on another coded event (it stays
    // matched), so the matching is a maximum one and no coded event is called false for want of it.
    for (int g : required) {
      augment(g, coded, gold, codedToGold, goldToCoded, new HashSet<>(), required);
    }
    List<Integer> all = new ArrayList<>(required);
    all.addAll(optional);
    for (int g : optional) {
      augment(g, coded, gold, codedToGold, goldToCoded, new HashSet<>(), all);
    }
    List<GoldEvent> misses = new ArrayList<>();
    int matchedRequired = 0;
    int matchedOptional = 0;
    for (int g = 0; g < gold.size(); g++) {
      if (goldToCoded[g] >= 0) {
        if (gold.get(g).optional()) {
          matchedOptional++;
        } else {
          matchedRequired++;
        }
      } else if (!gold.get(g).optional()) {
        misses.add(gold.get(g));
      }
    }
    List<CodedEvent> falsePositives = new ArrayList<>();
    for (int c = 0; c < coded.size(); c++) {
      if (codedToGold[c] < 0) {
        falsePositives.add(coded.get(c));
      }
    }
    return new ArticleResult(article, coded.size(), matchedRequired, matchedOptional, required.size(),
        misses, falsePositives, coded, gold);
  }

  /** Kuhn's augmenting path: try to match gold g, re-seating earlier matches of the same group. */
  private static boolean augment(int g, List<CodedEvent> coded, List<GoldEvent> gold, int[] codedToGold,
      int[] goldToCoded, Set<Integer> visited, List<Integer> group) {
    for (int c = 0; c < coded.size(); c++) {
      if (visited.contains(c) || !matches(coded.get(c), gold.get(g))) {
        continue;
      }
      visited.add(c);
      int holder = codedToGold[c];
      if (holder < 0 || (group.contains(holder) && augment(holder, coded, gold, codedToGold, goldToCoded, visited, group))) {
        codedToGold[c] = g;
        goldToCoded[g] = c;
        return true;
      }
    }
    return false;
  }

  public static boolean matches(CodedEvent coded, GoldEvent gold) {
    if (!gold.types().contains(coded.type().name())) {
      return false;
    }
    if (gold.byParticipants()) {
      Set<String> participants = new HashSet<>(gold.actors());
      participants.addAll(gold.targets());
      if (!participants.contains(coded.actor())) {
        return false;
      }
      boolean another = coded.targets().stream().anyMatch(t -> !t.equals(coded.actor()) && participants.contains(t));
      if (!another) {
        return false;
      }
    } else {
      if (!gold.actors().contains(coded.actor())) {
        return false;
      }
      if (!gold.targets().isEmpty() && coded.targets().stream().noneMatch(gold.targets()::contains)) {
        return false;
      }
    }
    return datesAgree(coded.date(), gold.date(), gold.dateLenient());
  }

  static boolean datesAgree(String coded, String gold, boolean lenient) {
    if (gold == null) {
      return true;
    }
    if (coded == null) {
      return lenient;
    }
    if (gold.length() == 10) {
      if (coded.length() != 10) {
        return false;
      }
      long days = Math.abs(java.time.LocalDate.parse(coded).toEpochDay() - java.time.LocalDate.parse(gold).toEpochDay());
      return days <= 1;
    }
    return coded.startsWith(gold);
  }

  /** Totals over articles, overall and per type. */
  public record Totals(int coded, int matchedRequired, int matchedOptional, int required) {
    public double precision() {
      int counted = coded - matchedOptional;
      return counted == 0 ? 0 : (double) matchedRequired / counted;
    }

    public double recall() {
      return required == 0 ? 0 : (double) matchedRequired / required;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  public static Totals totals(List<ArticleResult> results) {
    int coded = 0, mr = 0, mo = 0, req = 0;
    for (ArticleResult r : results) {
      coded += r.coded();
      mr += r.matchedRequired();
      mo += r.matchedOptional();
      req += r.required();
    }
    return new Totals(coded, mr, mo, req);
  }

  /** Figures of one event type. */
  public record TypeRow(int coded, int correct, int optionalOnly, int required, int found) {
    public double precision() {
      int counted = coded - optionalOnly;
      return counted == 0 ? Double.NaN : (double) correct / counted;
    }

    public double recall() {
      return required == 0 ? Double.NaN : (double) found / required;
    }
  }

  /**
   * Per-type figures: precision over the coded events of the type, recall over the required gold
   * events whose first acceptable type is the type.
   */
  public static Map<String, TypeRow> byType(List<ArticleResult> results) {
    Map<String, int[]> counts = new TreeMap<>();
    for (ArticleResult r : results) {
      for (CodedEvent c : r.codedEvents()) {
        int[] n = counts.computeIfAbsent(c.type().name(), k -> new int[5]);
        n[0]++;
        if (!r.falsePositives().contains(c)) {
          boolean optionalOnly = r.gold().stream().filter(g -> matches(c, g)).allMatch(GoldEvent::optional);
          n[optionalOnly ? 2 : 1]++;
        }
      }
      for (GoldEvent g : r.gold()) {
        if (!g.optional()) {
          int[] n = counts.computeIfAbsent(g.types().get(0), k -> new int[5]);
          n[3]++;
          if (!r.misses().contains(g)) {
            n[4]++;
          }
        }
      }
    }
    Map<String, TypeRow> byType = new TreeMap<>();
    counts.forEach((type, n) -> byType.put(type, new TypeRow(n[0], n[1], n[2], n[3], n[4])));
    return byType;
  }
}
