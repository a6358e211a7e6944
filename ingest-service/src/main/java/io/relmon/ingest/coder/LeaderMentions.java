package io.relmon.ingest.coder;

import io.relmon.ingest.coder.Dictionaries.Leader;
import io.relmon.ingest.coder.Sentences.Sentence;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The leaders an article mentions, in order of first mention: by name ("Xi Jinping", or "Xi"
 * once the full name has appeared), or only by title ("the Chinese President"); with how many
 * other states share the sentence of the first mention, and the share of the text in sentences
 * about them. For state-media articles this is the input of the PROMINENCE_SHIFT signal (the
 * ingest service keeps the foreign leaders of state-media articles only).
 */
final class LeaderMentions {

  /** Roles that lead a state; ministers and officials are not "leaders" in a greetings list. */
  private static final Set<String> LEADING_ROLES = Set.of("leader", "president", "prime minister", "premier");
  private static final String TITLES =
      "President|president|Premier|premier|Prime Minister|prime minister|leader|Leader|head of state|General Secretary|Chairman";

  private final Dictionaries dictionaries;
  private final Pattern titled;
  private final Pattern countries;
  private final Map<String, String> countryOf = new LinkedHashMap<>();
  private final Map<String, String> adjectives = new LinkedHashMap<>();
  private final Map<Leader, Pattern> fullNames = new LinkedHashMap<>();
  private final Map<Leader, Pattern> surnames = new LinkedHashMap<>();

  LeaderMentions(Dictionaries dictionaries) {
    this.dictionaries = dictionaries;
    for (var name : dictionaries.countryNames()) {
      if (name.phrase().matches("\\p{Lu}\\p{L}+(ese|ian|an|ish|ic|i)")) {
        adjectives.put(name.phrase(), name.iso3());
      }
    }
    String alternation = adjectives.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote).collect(Collectors.joining("|"));
    // "the Chinese President", "Cuban leader" — unless a name follows ("Chinese President Xi").
    this.titled = Pattern.compile("(?<!\\p{L})(" + alternation + ") (?:" + TITLES + ")(?![\\p{L}])(?!,? \\p{Lu}\\p{Ll})");
    dictionaries.countryNames().forEach(n -> countryOf.put(n.phrase(), n.iso3()));
    this.countries = Pattern.compile("(?<!\\p{L})(?:" + countryOf.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote).collect(Collectors.joining("|")) + ")(?!\\p{L})");
    for (Leader leader : dictionaries.leaders()) {
      fullNames.put(leader, words(leader.names()));
      String[] parts = leader.names().get(0).split(" ");
      surnames.put(leader, words(List.of(Set.of("PRK", "KOR", "CHN", "VNM").contains(leader.iso3()) ? parts[0] : parts[parts.length - 1])));
    }
  }

  private static Pattern words(List<String> phrases) {
    return Pattern.compile("(?<!\\p{L})(?:" + phrases.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")(?!\\p{L})");
  }

  List<LeaderMention> extract(String body, List<Sentence> sentences, LocalDate published) {
    List<Leader> leaders = dictionaries.leaders().stream()
        .filter(l -> l.inOfficeOn(published) && LEADING_ROLES.contains(l.role()))
        .toList();
    Set<Leader> inBody = new LinkedHashSet<>();
    for (Leader leader : leaders) {
      if (fullNames.get(leader).matcher(body).find()) {
        inBody.add(leader);
      }
    }
    Map<String, Found> byCountry = new LinkedHashMap<>();
    for (Sentence sentence : sentences) {
      Set<String> statesHere = new LinkedHashSet<>();
      List<Hit> hits = new ArrayList<>();
      for (Leader leader : leaders) {
        int at = find(fullNames.get(leader), sentence.text());
        if (at < 0 && inBody.contains(leader)) {
          at = find(surnames.get(leader), sentence.text());
        }
        if (at >= 0) {
          hits.add(new Hit(leader.iso3(), leader.names().get(0), true, at));
        }
      }
      Matcher t = titled.matcher(sentence.text());
      while (t.find()) {
        String iso3 = adjectives.get(t.group(1));
        String name = leaders.stream().filter(l -> l.iso3().equals(iso3)).map(l -> l.names().get(0)).findFirst().orElse(null);
        hits.add(new Hit(iso3, name, false, t.start()));
      }
      hits.forEach(h -> statesHere.add(h.iso3()));
      Matcher c = countries.matcher(sentence.text());
      while (c.find()) {
        statesHere.add(countryOf.get(c.group()));
      }
      hits.sort(Comparator.comparingInt(Hit::at));
      for (Hit hit : hits) {
        Found found = byCountry.computeIfAbsent(hit.iso3(), k -> new Found(hit.iso3(), sentence.start() + hit.at(), statesHere.size() - 1));
        found.named |= hit.named();
        if (found.leader == null) {
          found.leader = hit.name();
        }
        found.sentences.add(sentence);
      }
    }
    List<Found> ordered = new ArrayList<>(byCountry.values());
    ordered.sort(Comparator.comparingInt(f -> f.firstAt));
    List<LeaderMention> mentions = new ArrayList<>();
    int order = 1;
    for (Found f : ordered) {
      int chars = f.sentences.stream().mapToInt(s -> s.end() - s.start()).sum();
      double share = body.isEmpty() ? 0 : Math.min(1.0, (double) chars / body.length());
      mentions.add(new LeaderMention(f.iso3, f.leader, order++, f.named, Math.max(0, f.groupSize), Math.round(share * 1000) / 1000.0));
    }
    return mentions;
  }

  private static int find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.start() : -1;
  }

  private record Hit(String iso3, String name, boolean named, int at) {}

  private static final class Found {
    final String iso3;
    final int firstAt;
    final int groupSize;
    final Set<Sentence> sentences = new LinkedHashSet<>();
    boolean named;
    String leader;

    Found(String iso3, int firstAt, int groupSize) {
      this.iso3 = iso3;
      this.firstAt = firstAt;
      this.groupSize = groupSize;
    }
  }
}
