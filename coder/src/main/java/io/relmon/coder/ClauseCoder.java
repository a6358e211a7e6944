package io.relmon.coder;

import io.relmon.coder.Dictionaries.TypeInfo;
import io.relmon.coder.Sentences.Sentence;
import io.relmon.coder.nlp.DependencyAnalyzer;
import io.relmon.coder.nlp.ParsedSentence;
import io.relmon.coder.world.Leaders;
import io.relmon.coder.world.States;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * relmon's event coder (docs/event-coding.md). Reads an article sentence by sentence:
 * <ol>
 *   <li>skips what is not news of the day's acts: headlines repeated in the body, captions and
 *       bylines (paragraphs without a sentence end), questions;</li>
 *   <li>finds the phrases that stand for states ({@link MentionFinder}: every state's names,
 *       adjectives, capitals and organs, and people in office) and, by the stems of the lexicon's
 *       lemmas, whether the sentence may hold an event at all — most sentences stop here;</li>
 *   <li>parses the rest (tokens, tags, lemmas, dependency tree: {@link DependencyAnalyzer}) and
 *       reads each trigger's frame from the clause structure ({@link Frames}): the actor from the
 *       subject or agent, the targets from the object and prepositional phrases, a speaker from
 *       reported speech, a pronoun from the sentence or article before;</li>
 *   <li>reads the frame's modality (negated, requested and hypothetical events are dropped) and
 *       date ({@link Frames#modality}, {@link Frames#date});</li>
 *   <li>drops second mentions of one event ({@link KeywordCoder#withoutRepeats}).</li>
 * </ol>
 * State-media prominence and leader mentions still come from the keyword coder's rules, which
 * read how an outlet lists leaders rather than who did what to whom.
 *
 * <p>Each article has a time budget (a base plus a share per kilobyte); past it the coder stops
 * and refuses the article with {@link CodingRefused}, so that no article can hold a thread.
 */
public final class ClauseCoder implements EventCoder {

  public static final String VERSION = "clause-coder/1.0";

  /**
   * The time budget: this much for any article, plus {@link #BUDGET_PER_KB_NANOS} per kilobyte. A
   * 4-KB article takes about 35 ms on a quiet core; the bound leaves room for a loaded machine (a
   * wall-clock budget counts the time the thread waits for a core) and stops only a text that
   * would hold a thread for long.
   */
  static final long BUDGET_BASE_NANOS = 5_000_000_000L;
  static final long BUDGET_PER_KB_NANOS = 20_000_000L;
  /** At most this many sentences are parsed in one article (each costs ~1–2 ms of CPU with its tagging): the rest of a very long text is not coded. */
  static final int MAX_PARSED_SENTENCES = 80;

  private final Lexicon lexicon;
  private final MentionFinder mentions;
  private final Map<EventType, TypeInfo> types;
  private final KeywordCoder prominence;
  private final DependencyAnalyzer analyzer;
  private final long budgetBaseNanos;
  private final long budgetPerKbNanos;

  public ClauseCoder() {
    this(BUDGET_BASE_NANOS, BUDGET_PER_KB_NANOS);
  }

  /** A coder with another time budget (tests, benchmarks). */
  public ClauseCoder(long budgetBaseNanos, long budgetPerKbNanos) {
    this.lexicon = Lexicon.load();
    this.mentions = new MentionFinder(States.load(), Leaders.load());
    this.prominence = new KeywordCoder();
    this.types = prominence.dictionaries().types();
    this.analyzer = DependencyAnalyzer.shared();
    this.budgetBaseNanos = budgetBaseNanos;
    this.budgetPerKbNanos = budgetPerKbNanos;
    warmUp();
  }

  /**
   * Codes a short text once, so that the first real article does not pay for loading classes and
   * compiling the hot paths (which once took it past its budget).
   */
  private void warmUp() {
    ArticleText warm = new ArticleText("warm-up", "Japan lodged a protest with China on Monday. "
        + "China's foreign ministry rejected the protest.", java.time.OffsetDateTime.parse("2026-01-07T09:00:00Z"));
    for (int i = 0; i < 3; i++) {
      code(warm, Long.MAX_VALUE);
    }
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Coding code(ArticleText article) {
    return code(article, budgetBaseNanos + budgetPerKbNanos * (article.body().length() / 1024));
  }

  private Coding code(ArticleText article, long budget) {
    long started = System.nanoTime();
    LocalDate published = article.published().toLocalDate();
    String body = article.body();
    // The headline counts for who is named in full ("Kim Jong Un meets ..." above "Kim and Shoigu ...").
    MentionFinder.ForArticle finder = mentions.forArticle(article.title() + "\n" + body, published);
    String title = KeywordCoder.normalise(article.title());
    List<Sentence> sentences = Sentences.split(body);
    LocalDate reference = referenceDate(sentences, published);
    Frames frames = new Frames(lexicon, types, reference);
    List<CodedEvent> events = new ArrayList<>();
    Map<Integer, Boolean> headlines = new HashMap<>();
    int paragraph = -1;
    String paragraphDate = null;
    int parsed = 0;
    for (Sentence sentence : sentences) {
      if (System.nanoTime() - started > budget) {
        throw new CodingRefused(String.format(Locale.ROOT,
            "coding stopped after %d ms: the coder's budget for a %d-character article is %d ms",
            (System.nanoTime() - started) / 1_000_000, body.length(), budget / 1_000_000));
      }
      int lineStart = body.lastIndexOf('\n', Math.max(0, sentence.start() - 1)) + 1;
      if (sentence.start() == 0) {
        lineStart = 0;
      }
      if (lineStart != paragraph) {
        paragraph = lineStart;
        paragraphDate = null;
      }
      String text = sentence.text();
      if (headlines.computeIfAbsent(lineStart, k -> KeywordCoder.isHeadline(body, sentence, title))) {
        continue;
      }
      int skip = sentence.start() == lineStart ? Dateline.end(text) : 0;
      List<Mention> found = new ArrayList<>();
      for (Mention m : finder.find(text)) {
        if (m.start() >= skip) {
          found.add(m);
        }
      }
      String lower = text.toLowerCase(Locale.ROOT);
      boolean question = text.stripTrailing().endsWith("?") || text.stripTrailing().endsWith("?\"")
          || text.stripTrailing().endsWith("?”");
      if (!question && (!found.isEmpty() || frames.salient() != null && lexicon.mayStandIn(lower))
          && lexicon.mayHoldTrigger(lower) && parsed < MAX_PARSED_SENTENCES) {
        // Tag first (cheaper); parse only when a token's lemma and part of speech can be a trigger
        // whose required object or dependent is in the sentence.
        // A dateline is no part of the sentence's grammar ("Seoul, June 12 North Korea appears ..."):
        // blanked, so that offsets stay those of the text.
        DependencyAnalyzer.Tagged tagged = analyzer.tag(skip > 0 ? " ".repeat(skip) + text.substring(skip) : text);
        java.util.Set<String> forms = tagged == null ? null : tagged.forms();
        ParsedSentence parse = tagged != null && tagged.any((lemma, tag) -> lexicon.mayTrigger(lemma, tag, forms))
            ? io.relmon.coder.nlp.ParseRepairs.repair(analyzer.parse(tagged)) : null;
        parsed += parse != null ? 1 : 0;
        if (parse != null) {
          if (Boolean.getBoolean("relmon.coder.debug")) {
            System.err.println("[parse] " + text);
            for (io.relmon.coder.nlp.Token t : parse.tokens()) {
              System.err.println("   " + t.index() + " " + t.word() + "/" + t.tag() + "/" + t.lemma() + " <-" + t.relation() + "- " + t.head());
            }
          }
          String inherited = paragraphDate;
          for (CodedEvent e : frames.code(parse, found, sentence, inherited)) {
            events.add(e);
          }
          frames.noteSubject(parse, found);
        } else {
          frames.noteSubject(found, text);
        }
      } else {
        frames.noteSubject(found, text);
      }
      String date = DateResolver.mayHoldDate(text) ? DateResolver.resolve(text, text.length(), published) : null;
      if (date != null) {
        paragraphDate = date;
      }
    }
    Coding keyword = prominence.code(article);
    for (CodedEvent e : keyword.events()) {
      if (e.type() == EventType.STATE_MEDIA_PROMINENCE) {
        events.add(e);
      }
    }
    events.sort(Comparator.comparingInt(CodedEvent::evidenceStart));
    return new Coding(withoutCalledOffPlans(withoutRepeats(withoutUndatedTwins(events, frames.undated, frames.additional), frames.triggerLemmas, frames.additional)), keyword.leaderMentions());
  }

  /** The dateline's date when the report gives one ("SEOUL, Jan. 18 (Yonhap) --"), else the publication date. */
  private static LocalDate referenceDate(List<Sentence> sentences, LocalDate published) {
    if (sentences.isEmpty()) {
      return published;
    }
    String first = sentences.get(0).text();
    int end = Dateline.end(first);
    if (end > 0) {
      String date = DateResolver.resolve(first.substring(0, end), 0, published);
      if (date != null && date.length() == 10) {
        LocalDate d = LocalDate.parse(date);
        if (!d.isAfter(published) && d.isAfter(published.minusDays(7))) {
          return d;
        }
      }
    }
    return published;
  }

  /**
   * A lead often tells an act without its date and the body with it ("The United States hit North
   * Korea with new sanctions. ... imposed the sanctions on Monday"): an event dated only by default
   * is dropped when the article has the same act (type and parties) with a date of its own.
   */
  static List<CodedEvent> withoutUndatedTwins(List<CodedEvent> events, Set<CodedEvent> undated) {
    return withoutUndatedTwins(events, undated, Set.of());
  }

  /** As {@link #withoutUndatedTwins(List, Set)}; an event told as one more ("also agreed") is no twin. */
  static List<CodedEvent> withoutUndatedTwins(List<CodedEvent> events, Set<CodedEvent> undated, Set<CodedEvent> additional) {
    List<CodedEvent> kept = new ArrayList<>();
    for (CodedEvent e : events) {
      // (Not for statements: one side may well protest on Saturday and summon the envoy on Monday.)
      boolean twin = undated.contains(e) && !additional.contains(e) && !STATEMENT_TYPES.contains(e.type()) && events.stream().anyMatch(o -> o != e && !undated.contains(o)
          && o.type() == e.type() && sameParties(o, e) && o.modality() == e.modality() && near(o.date(), e.date()));
      if (!twin) {
        kept.add(e);
      }
    }
    return kept;
  }

  private static final Set<EventType> GATHERINGS = EnumSet.of(EventType.SUMMIT, EventType.MINISTERIAL_MEETING,
      EventType.STATE_VISIT);

  /**
   * "Borrell, who was to host the meeting, ..." in a report that the meeting failed to take place:
   * a planned meeting or visit between the states of a stalled step of the same day is the one
   * called off, so it is dropped.
   */
  static List<CodedEvent> withoutCalledOffPlans(List<CodedEvent> events) {
    List<CodedEvent> kept = new ArrayList<>();
    for (CodedEvent e : events) {
      boolean calledOff = e.modality() == Modality.PLANNED && GATHERINGS.contains(e.type())
          && events.stream().anyMatch(o -> o.type() == EventType.COOPERATION_STALLED && o.modality() == Modality.FACT
              && participants(o).equals(participants(e)) && e.date() != null && o.date() != null
              && (e.date().equals(o.date()) || daysApart(e.date(), o.date()) <= 1));
      if (!calledOff) {
        kept.add(e);
      }
    }
    return kept;
  }

  /** Both full dates, at most a week apart: the dated twin is the same recent act. */
  private static boolean near(String a, String b) {
    return daysApart(a, b) <= 7;
  }

  /** Days between two full dates; {@link Long#MAX_VALUE} when either is not a full date. */
  private static long daysApart(String a, String b) {
    if (a == null || b == null || a.length() != 10 || b.length() != 10) {
      return Long.MAX_VALUE;
    }
    return Math.abs(LocalDate.parse(a).toEpochDay() - LocalDate.parse(b).toEpochDay());
  }

  /**
   * The same act told twice in one article is one event (BRIEF §3): an event identical to one of an
   * earlier sentence — type, date and parties (in any order for symmetric types) — is dropped,
   * except for {@link #MEASURES}.
   * Identical events of one sentence stay: they are distinct measures announced together.
   */
  static List<CodedEvent> withoutRepeats(List<CodedEvent> events) {
    return withoutRepeats(events, Map.of(), Set.of());
  }

  /**
   * As {@link #withoutRepeats(List)}, knowing each event's trigger lemma: statements of one day
   * told by different verbs ("appreciated ... invited") are different statements.
   */
  static List<CodedEvent> withoutRepeats(List<CodedEvent> events, Map<CodedEvent, String> lemmas,
      Set<CodedEvent> additional) {
    List<CodedEvent> kept = new ArrayList<>();
    for (CodedEvent e : events) {
      boolean repeat = false;
      if (additional.contains(e)) {
        kept.add(e);
        continue;
      }
      for (CodedEvent o : kept) {
        boolean otherWords = STATEMENT_TYPES.contains(e.type()) && lemmas.get(e) != null && lemmas.get(o) != null
            && !lemmas.get(e).equals(lemmas.get(o));
        if (o.evidenceStart() != e.evidenceStart() && o.type() == e.type() && java.util.Objects.equals(o.date(), e.date())
            && sameParties(o, e) && !MEASURES.contains(e.type()) && !otherWords) {
          repeat = true;
          break;
        }
      }
      if (!repeat) {
        kept.add(e);
      }
    }
    return kept;
  }

  /** Same actor and targets; for symmetric types, the same participants in any order. */
  private static boolean sameParties(CodedEvent a, CodedEvent b) {
    if (SYMMETRIC.contains(a.type())) {
      return participants(a).equals(participants(b));
    }
    return a.actor().equals(b.actor()) && new java.util.HashSet<>(a.targets()).equals(new java.util.HashSet<>(b.targets()));
  }

  /** An event's actor and targets together. */
  static Set<String> participants(CodedEvent e) {
    Set<String> all = new java.util.HashSet<>(e.targets());
    all.add(e.actor());
    return all;
  }

  /**
   * Types of which one day often brings several distinct acts between the same states (agreements,
   * sanctions, aid): an identical one in another sentence is not taken for a repeat.
   */
  static final Set<EventType> MEASURES = EnumSet.of(EventType.COOPERATION_STEP, EventType.COOPERATION_STALLED,
      EventType.SANCTIONS, EventType.AID, EventType.TROOP_DEPLOYMENT);

  private static final Set<EventType> STATEMENT_TYPES = EnumSet.of(EventType.STATEMENT_HOSTILE,
      EventType.STATEMENT_FRIENDLY, EventType.THREAT, EventType.GREETING);

  /** Types whose participants stand on an equal footing. */
  static final Set<EventType> SYMMETRIC = EnumSet.of(EventType.SUMMIT, EventType.MINISTERIAL_MEETING,
      EventType.TREATY, EventType.COOPERATION_STEP, EventType.COOPERATION_STALLED, EventType.MILITARY_EXERCISE);
}
