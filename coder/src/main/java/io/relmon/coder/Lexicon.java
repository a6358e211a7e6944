package io.relmon.coder;

import io.relmon.coder.world.DataFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The event triggers of lexicon.tsv, by lemma and part of speech, and the word lists of words.tsv.
 * A trigger's surface forms are not listed: the coder lemmatises the sentences that may hold an
 * event, and a cheap prefilter ({@link #mayHoldTrigger}) on the stems of the lemmas picks those.
 */
final class Lexicon {

  enum Pos { VERB, NOUN, ADJ }

  /**
   * One trigger line.
   *
   * @param type the type, or when {@code otherType} is set the type for a head of state or government
   * @param otherType the type at a lower rank (a ministers' meeting), or null
   */
  record Trigger(EventType type, EventType otherType, Pos pos, Set<String> lemmas, Set<String> obj, Set<String> dep,
      Set<String> notObj, Set<String> notDep, boolean light, boolean attack, boolean speech, boolean inverse,
      boolean negated, Double weight) {

    EventType typeFor(boolean leaders) {
      return otherType == null || leaders ? type : otherType;
    }
  }

  private final Map<String, List<Trigger>> byLemma = new HashMap<>();
  /** Triggers by the stem of their lemma (what {@link #mayHoldTrigger} finds in the words). */
  private final Map<String, List<Trigger>> byStem = new HashMap<>();
  /** Irregular forms of trigger verbs whose stem is not the lemma's: a sentence holding one is always looked at. */
  private static final List<String> IRREGULAR_TRIGGER_FORMS =
      List.of("met", "sent", "struck", "shot", "flew", "flie", "shut", "cut", "sold", "broke", "dealt", "gave");
  /**
   * Irregular plurals of words that triggers require as object or dependent (obj=, dep= in
   * lexicon.tsv); verbs' irregular forms are in irregular-verbs.tsv ({@link #VERB_FORMS}).
   */
  private static final Map<String, List<String>> IRREGULAR_FORMS = Map.ofEntries(
      Map.entry("man", List.of("men")), Map.entry("child", List.of("children")), Map.entry("person", List.of("people")));
  /** Irregular verbs (irregular-verbs.tsv): lemma → past and participle forms. */
  private static final Map<String, List<String>> VERB_FORMS = verbForms();

  private static Map<String, List<String>> verbForms() {
    Map<String, List<String>> forms = new HashMap<>();
    for (String[] row : DataFiles.rows("irregular-verbs.tsv")) {
      forms.put(DataFiles.column(row, 0), DataFiles.values(row, 1));
    }
    return Map.copyOf(forms);
  }

  private final Map<String, Set<String>> words = new HashMap<>();
  private final Set<String> stems = new HashSet<>();
  private int minStem;
  private int maxStem;

  private Lexicon() {}

  static Lexicon load() {
    Lexicon lexicon = new Lexicon();
    Set<String> stems = new HashSet<>();
    for (String[] row : DataFiles.rows("lexicon.tsv")) {
      if (row.length < 3 || row.length > 4) {
        throw new IllegalStateException("lexicon.tsv: expected 3 or 4 tab-separated columns (conditions are separated by spaces): "
            + String.join("\\t", row));
      }
      String[] types = DataFiles.column(row, 0).split("/");
      Pos pos = Pos.valueOf(DataFiles.column(row, 1).toUpperCase(Locale.ROOT));
      Set<String> lemmas = new HashSet<>(DataFiles.values(row, 2));
      Map<String, String> conditions = new HashMap<>();
      for (String c : DataFiles.column(row, 3).split("\\s+")) {
        if (c.isBlank()) {
          continue;
        }
        int eq = c.indexOf('=');
        conditions.put(eq < 0 ? c : c.substring(0, eq), eq < 0 ? "" : c.substring(eq + 1));
      }
      Trigger trigger = new Trigger(EventType.valueOf(types[0]), types.length > 1 ? EventType.valueOf(types[1]) : null,
          pos, lemmas, set(conditions.get("obj")), set(conditions.get("dep")), set(conditions.get("notobj")),
          set(conditions.get("notdep")), conditions.containsKey("light"), conditions.containsKey("attack"),
          conditions.containsKey("speech"), conditions.containsKey("inverse"), conditions.containsKey("negated"),
          conditions.containsKey("weight") ? Double.valueOf(conditions.get("weight")) : null);
      for (String lemma : lemmas) {
        lexicon.byLemma.computeIfAbsent(lemma, k -> new ArrayList<>()).add(trigger);
        stems.add(stem(lemma));
        lexicon.byStem.computeIfAbsent(stem(lemma), k -> new ArrayList<>()).add(trigger);
      }
    }
    for (String[] row : DataFiles.rows("words.tsv")) {
      lexicon.words.put(DataFiles.column(row, 0), new HashSet<>(DataFiles.values(row, 1)));
    }
    // Irregular forms whose stem is not the lemma's: "froze" is looked at for "freeze", with the
    // conditions of its triggers.
    stems.addAll(IRREGULAR_TRIGGER_FORMS);
    for (Map.Entry<String, List<String>> verb : VERB_FORMS.entrySet()) {
      List<Trigger> triggers = lexicon.byLemma.getOrDefault(verb.getKey(), List.of()).stream()
          .filter(t -> t.pos() == Pos.VERB).toList();
      if (triggers.isEmpty()) {
        continue;
      }
      for (String form : verb.getValue()) {
        if (!form.startsWith(stem(verb.getKey()))) {
          stems.add(form);
          lexicon.byStem.computeIfAbsent(form, k -> new ArrayList<>()).addAll(triggers);
        }
      }
    }
    lexicon.stems.addAll(stems);
    lexicon.minStem = stems.stream().mapToInt(String::length).min().orElse(1);
    lexicon.maxStem = stems.stream().mapToInt(String::length).max().orElse(1);
    return lexicon;
  }

  private static Set<String> set(String value) {
    if (value == null || value.isEmpty()) {
      return Set.of();
    }
    return Set.of(value.toLowerCase(Locale.ROOT).split("\\|"));
  }

  /**
   * The part of a lemma every inflected form starts with: "criticize" → "criticiz", "apply" → "appl",
   * "urge" → "urg" (urging), "deny" → "den" (denied). Three-letter lemmas stay whole ("fly": its
   * irregular forms are listed).
   */
  static String stem(String lemma) {
    if (lemma.length() >= 4 && (lemma.endsWith("e") || lemma.endsWith("y"))) {
      return lemma.substring(0, lemma.length() - 1);
    }
    return lemma;
  }

  /**
   * Whether a lower-cased sentence has a word that starts with the stem of a trigger (false: it
   * cannot hold an event, and is neither tagged nor parsed). Only word starts count: "ban" is no
   * reason to parse "urban", nor "end" to parse "friend".
   */
  boolean mayHoldTrigger(String lower) {
    List<String> words = letterRuns(lower, true);
    for (String word : words) {
      for (int k = minStem; k <= Math.min(maxStem, word.length()); k++) {
        String prefix = word.substring(0, k);
        if (!stems.contains(prefix)) {
          continue;
        }
        if (IRREGULAR_TRIGGER_FORMS.contains(prefix)) {
          return true;
        }
        for (Trigger t : byStem.getOrDefault(prefix, List.of())) {
          // A trigger that needs a certain object or dependent ("released" needs prisoners) only
          // when a word of the sentence can be one.
          if ((t.obj().isEmpty() || anyIn(t.obj(), words)) && (t.dep().isEmpty() || anyIn(t.dep(), words))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether some word is an inflected form of one of the lemmas (it starts with the lemma's stem, or is a listed irregular form). */
  private static boolean anyIn(Set<String> lemmas, List<String> words) {
    for (String lemma : lemmas) {
      String stem = stem(lemma);
      List<String> irregular = IRREGULAR_FORMS.getOrDefault(lemma, VERB_FORMS.getOrDefault(lemma, List.of()));
      for (String w : words) {
        if (w.startsWith(stem) || irregular.contains(w)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The words of a text: runs of letters (and, with {@code hyphens}, of hyphens within them). */
  private static List<String> letterRuns(String lower, boolean hyphens) {
    List<String> words = new ArrayList<>();
    int n = lower.length();
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetter(lower.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && (Character.isLetter(lower.charAt(i)) || hyphens && lower.charAt(i) == '-')) {
        i++;
      }
      if (i > start) {
        words.add(lower.substring(start, i));
      }
    }
    return words;
  }

  /** Whether a lemma (or an adjective's form) with this Penn tag can be a trigger. */
  boolean mayTrigger(String lemma, String tag) {
    return mayTrigger(lemma, tag, null);
  }

  /**
   * Whether a lemma with this tag can be a trigger in a sentence whose words and lemmas (lower-cased,
   * plurals also without their "s") are {@code forms}: a trigger that needs a certain object or
   * dependent ("released" needs prisoners or detainees, "froze" needs assets or ties) cannot fire
   * when no word of the sentence is one. Null forms: any sentence.
   */
  boolean mayTrigger(String lemma, String tag, Set<String> forms) {
    for (Trigger t : byLemma.getOrDefault(lemma, List.of())) {
      boolean ok = switch (t.pos()) {
        case VERB -> tag.startsWith("VB");
        case NOUN -> tag.startsWith("NN") || tag.startsWith("VB");
        case ADJ -> tag.startsWith("JJ") || tag.equals("VBN");
      };
      if (ok && forms != null) {
        ok = (t.obj().isEmpty() || t.obj().stream().anyMatch(forms::contains))
            && (t.dep().isEmpty() || t.dep().stream().anyMatch(forms::contains));
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a lower-cased sentence that names no state has a word that can stand for one: a
   * pronoun, an organ ("the ministry", "officials"), "both" or "they" (the states last named
   * together). Only such a sentence can take its actor from the context, so only it is worth
   * parsing.
   */
  boolean mayStandIn(String lower) {
    Set<String> pronouns = words("pronoun");
    Set<String> organs = words("organ");
    for (String w : letterRuns(lower, false)) {
      if (pronouns.contains(w) || organs.contains(w) || w.equals("both")
          || w.endsWith("s") && organs.contains(w.substring(0, w.length() - 1))
          || w.endsWith("ies") && organs.contains(w.substring(0, w.length() - 3) + "y")
          || w.endsWith("men") && organs.contains(w.substring(0, w.length() - 3) + "man")) {
        return true;
      }
    }
    return false;
  }

  List<Trigger> triggers(String lemma) {
    return byLemma.getOrDefault(lemma, List.of());
  }

  /** A word list of words.tsv. */
  Set<String> words(String list) {
    Set<String> w = words.get(list);
    if (w == null) {
      throw new IllegalStateException("words.tsv has no list " + list);
    }
    return w;
  }
}
