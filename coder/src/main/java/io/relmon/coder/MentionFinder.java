package io.relmon.coder;

import io.relmon.coder.world.Leaders;
import io.relmon.coder.world.Leaders.Term;
import io.relmon.coder.world.StateForm;
import io.relmon.coder.world.States;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the phrases that stand for states in a sentence: the forms of states.tsv, people of
 * leaders.tsv around their terms of office, their surnames alone once the article has named them in
 * full (or, for a head of state or government in office, always), and nothing inside a phrase of
 * not-states.tsv. One index of every phrase, matched leftmost-longest in a single pass.
 */
final class MentionFinder {

  /** What a phrase of the index stands for. */
  private sealed interface Entry permits StateEntry, PersonEntry, SurnameEntry, NotState {}

  private record StateEntry(States.Naming naming) implements Entry {}

  private record PersonEntry(List<Term> terms) implements Entry {}

  private record SurnameEntry(List<Term> terms) implements Entry {}

  private record NotState() implements Entry {}

  /** Surnames that are too common to stand for a leader unless the article named the person in full. */
  private static final int MIN_SURNAME_ALONE = 4;

  private final PhraseIndex<Entry> index;
  private final Leaders leaders;

  MentionFinder(States states, Leaders leaders) {
    this.leaders = leaders;
    Map<String, Entry> phrases = new HashMap<>();
    states.notStates().forEach(p -> phrases.put(p, new NotState()));
    Map<String, List<Term>> people = new HashMap<>();
    Map<String, List<Term>> surnames = new HashMap<>();
    for (Term term : leaders.terms()) {
      term.names().forEach(n -> people.computeIfAbsent(n, k -> new ArrayList<>()).add(term));
      term.surnames().forEach(n -> surnames.computeIfAbsent(n, k -> new ArrayList<>()).add(term));
    }
    surnames.forEach((phrase, terms) -> phrases.put(phrase, new SurnameEntry(terms)));
    people.forEach((phrase, terms) -> phrases.put(phrase, new PersonEntry(terms)));
    states.phrases().forEach((phrase, naming) -> phrases.put(phrase, new StateEntry(naming)));
    this.index = new PhraseIndex<>(phrases);
  }

  /** What one article makes of surnames: those usable alone in it. */
  final class ForArticle {
    private final LocalDate published;
    private final Set<String> surnamesInUse = new HashSet<>();

    /** Whether the article is about the Korean peninsula, where "the South" is South Korea. */
    private boolean korean;

    ForArticle(String text, LocalDate published) {
      this.published = published;
      for (PhraseIndex.Match<Entry> m : index.findAll(text)) {
        if (m.value() instanceof StateEntry s && s.naming().iso3().equals("PRK")) {
          korean = true;
        }
        if (m.value() instanceof SurnameEntry surname && afterTitle(text, m.start())) {
          // "Chinese Premier Li": a title before a surname names the leader even without the full name.
          Term term = termOn(surname.terms(), published);
          if (term != null) {
            surnamesInUse.add(m.phrase());
          }
        }
        if (m.value() instanceof PersonEntry person) {
          Term term = termOn(person.terms(), published);
          if (term != null) {
            surnamesInUse.addAll(term.surnames());
          }
        }
      }
      for (Term term : leaders.terms()) {
        // A leader's surname alone from four letters, a minister's or official's from six: shorter
        // ones (Kim, Lee, Li, Wang) stand for someone only once the article has named them.
        int min = term.kind().leads() ? MIN_SURNAME_ALONE : MIN_SURNAME_ALONE + 2;
        if (term.inOfficeOn(published)) {
          for (String surname : term.surnames()) {
            if (surname.length() >= min) {
              surnamesInUse.add(surname);
            }
          }
        }
      }
    }

    List<Mention> find(String sentence) {
      List<Mention> found = new ArrayList<>();
      for (PhraseIndex.Match<Entry> m : index.findAll(sentence)) {
        Mention mention = null;
        if (m.value() instanceof StateEntry s) {
          mention = new Mention(s.naming().iso3(), s.naming().form(), m.phrase(), m.start(), m.end(), null);
        } else if (m.value() instanceof PersonEntry p) {
          mention = person(p.terms(), m);
        } else if (m.value() instanceof SurnameEntry s && surnamesInUse.contains(m.phrase())) {
          mention = person(s.terms(), m);
        }
        if (mention != null) {
          found.add(mention);
        }
      }
      if (korean) {
        addTheSouth(sentence, found);
      }
      return found;
    }

    /**
     * "declared the South his country's principal enemy": in news of the two Koreas "the South"
     * (as "the North" anywhere) names a state — unless a capitalised word follows ("the South
     * China Sea") or another mention already covers it.
     */
    private void addTheSouth(String sentence, List<Mention> found) {
      for (int at = sentence.indexOf("he South"); at > 0; at = sentence.indexOf("he South", at + 1)) {
        int start = at - 1;
        int end = at + "he South".length();
        char t = sentence.charAt(start);
        boolean wordStart = (t == 't' || t == 'T') && (start == 0 || !Character.isLetter(sentence.charAt(start - 1)));
        boolean wordEnd = end >= sentence.length() || !Character.isLetter(sentence.charAt(end));
        boolean nameFollows = end + 1 < sentence.length() && sentence.charAt(end) == ' '
            && Character.isUpperCase(sentence.charAt(end + 1));
        boolean covered = found.stream().anyMatch(m -> m.start() < end && m.end() > start);
        if (wordStart && wordEnd && !nameFollows && !covered) {
          found.add(new Mention("KOR", StateForm.NAME, sentence.substring(start, end), start, end, null));
        }
      }
      found.sort(java.util.Comparator.comparingInt(Mention::start));
    }

    private Mention person(List<Term> terms, PhraseIndex.Match<Entry> m) {
      Term term = termOn(terms, published);
      return term == null ? null : new Mention(term.iso3(), StateForm.PERSON, m.phrase(), m.start(), m.end(),
          term.inOfficeOn(published) ? term.kind() : null);
    }
  }

  private static final String[] TITLES = {"President ", "Premier ", "Prime Minister ", "Minister ", "Chancellor ",
    "King ", "Secretary ", "Emir ", "Crown Prince ", "Leader ", "leader ", "Chairman ", "Ayatollah ", "Mr ", "Mr. ",
    "Ms ", "Ms. ", "Mrs ", "Mrs. ", "Sheikh "};

  private static boolean afterTitle(String text, int at) {
    for (String title : TITLES) {
      if (at >= title.length() && text.startsWith(title, at - title.length())) {
        return true;
      }
    }
    return false;
  }

  ForArticle forArticle(String text, LocalDate published) {
    return new ForArticle(text, published);
  }

  /**
   * The term that makes this name a state's on the date: only a person in office acts for a state
   * (a former leader's words are his own, and a president-elect does not act yet).
   */
  private static Term termOn(List<Term> terms, LocalDate date) {
    for (Term t : terms) {
      if (t.inOfficeOn(date)) {
        return t;
      }
    }
    return null;
  }
}
