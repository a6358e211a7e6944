package io.relmon.coder;

import io.relmon.coder.Dictionaries.Leader;
import io.relmon.coder.Sentences.Sentence;
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
  private final PhraseIndex<String> countries;
  private final Map<String, String> countryOf = new LinkedHashMap<>();
  private final Map<String, String> adjectives = new LinkedHashMap<>();
  /** Every leader's full names and surname in one expression, so a sentence is scanned once. */
  private final PhraseIndex<Boolean> names;
  private final Map<String, List<Leader>> leadersByName = new LinkedHashMap<>();
  private final Map<String, List<Leader>> leadersBySurname = new LinkedHashMap<>();

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
    this.titled = Pattern.compile("(?=\\p{Lu})(?<!\\p{L})(" + alternation + ") (?:" + TITLES + ")(?![\\p{L}])(?!,? \\p{Lu}\\p{Ll})");
    dictionaries.countryNames().forEach(n -> countryOf.put(n.phrase(), n.iso3()));
    this.countries = new PhraseIndex<>(countryOf);
    Set<String> all = new LinkedHashSet<>();
    for (Leader leader : dictionaries.leaders()) {
      for (String name : leader.names()) {
        leadersByName.computeIfAbsent(name, k -> new ArrayList<>()).add(leader);
        all.add(name);
      }
      String surname = leader.surname();
      leadersBySurname.computeIfAbsent(surname, k -> new ArrayList<>()).add(leader);
      all.add(surname);
    }
    Map<String, Boolean> nameSet = new LinkedHashMap<>();
    all.forEach(name -> nameSet.put(name, Boolean.TRUE));
    this.names = new PhraseIndex<>(nameSet);
  }


  List<LeaderMention> extract(String body, List<Sentence> sentences, LocalDate published) {
    List<Leader> leaders = dictionaries.leaders().stream()
        .filter(l -> l.inOfficeOn(published) && LEADING_ROLES.contains(l.role()))
        .toList();
    Set<Leader> inBody = new LinkedHashSet<>();
    for (Leader leader : leaders) {
      if (leader.names().stream().anyMatch(body::contains)) {
        inBody.add(leader);
      }
    }
    Map<String, Found> byCountry = new LinkedHashMap<>();
    for (Sentence sentence : sentences) {
      Set<String> statesHere = new LinkedHashSet<>();
      List<Hit> hits = new ArrayList<>();
      Set<Leader> hitHere = new LinkedHashSet<>();
      for (PhraseIndex.Match<Boolean> n : names.findAll(sentence.text())) {
        List<Leader> candidates = new ArrayList<>(leadersByName.getOrDefault(n.phrase(), List.of()));
        for (Leader bySurname : leadersBySurname.getOrDefault(n.phrase(), List.of())) {
          if (inBody.contains(bySurname)) {
            candidates.add(bySurname);
          }
        }
        for (Leader leader : candidates) {
          if (leaders.contains(leader) && hitHere.add(leader)) {
            hits.add(new Hit(leader.iso3(), leader.names().get(0), true, n.start()));
          }
        }
      }
      Matcher t = titled.matcher(sentence.text());
      while (mayHoldTitle(sentence.text()) && t.find()) {
        String iso3 = adjectives.get(t.group(1));
        String name = leaders.stream().filter(l -> l.iso3().equals(iso3)).map(l -> l.names().get(0)).findFirst().orElse(null);
        hits.add(new Hit(iso3, name, false, t.start()));
      }
      hits.forEach(h -> statesHere.add(h.iso3()));
      for (PhraseIndex.Match<String> c : countries.findAll(sentence.text())) {
        statesHere.add(c.value());
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

  private static boolean mayHoldTitle(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("president") || lower.contains("premier") || lower.contains("minister")
        || lower.contains("leader") || lower.contains("head of state") || lower.contains("secretary") || lower.contains("chairman");
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
