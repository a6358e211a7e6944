package io.relmon.coder;

import io.relmon.coder.Dictionaries.Targets;
import io.relmon.coder.Dictionaries.TypeInfo;
import io.relmon.coder.Lexicon.Pos;
import io.relmon.coder.Lexicon.Trigger;
import io.relmon.coder.Sentences.Sentence;
import io.relmon.coder.nlp.ParsedSentence;
import io.relmon.coder.nlp.Token;
import io.relmon.coder.world.StateForm;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads event frames out of one article's parsed sentences: for each trigger token, who acts
 * (subject, agent, possessor, speaker), on whom (object, prepositional phrases), how sure the
 * text is (modality) and when (the date of the trigger's own clause). Keeps what an article says
 * before a sentence: the state last acting as a subject, for pronouns and organs named without
 * their state ("It also recalled ...", "The ministry said ..."). One instance per article.
 */
final class Frames {

  /** Prepositions whose object is what an act is done to or with. */
  private static final Set<String> TARGET_PREPS = Set.of("with", "to", "against", "on", "toward", "towards", "at",
      "into", "between", "upon", "over", "for", "from", "among", "onto");
  /** Prepositions that mark a place or time, never a party: "talks in Oman", "during a visit". */
  private static final Set<String> PLACE_PREPS = Set.of("in", "near", "during", "inside", "outside", "off",
      "across", "around", "via", "through", "before", "after", "since", "until", "like", "despite", "amid", "about");
  /** Relations that open a clause of its own: a date or negation inside one is not the trigger's. */
  private static final Set<String> CLAUSE_RELATIONS = Set.of("ccomp", "advcl", "acl:relcl", "parataxis", "csubj",
      "root");
  /** Within a noun phrase: the relations that still say whose the noun is. */
  private static final Set<String> PHRASE_RELATIONS = Set.of("compound", "amod", "nmod:poss", "appos", "conj", "flat",
      "nmod", "nmod:npmod", "compound:prt", "det:poss", "nsubj");
  private static final Set<String> OWN_PREPS = Set.of("of", "from", "by", "");

  private final Lexicon lexicon;
  private final Map<EventType, TypeInfo> types;
  private final LocalDate reference;
  private final Set<String> negation;
  private final Set<String> negating;
  private final Set<String> requesting;
  private final Set<String> hedge;
  private final Set<String> hedgeAux;
  private final Set<String> obligation;
  private final Set<String> future;
  private final Set<String> planning;
  private final Set<String> plannedMod;
  private final Set<String> hypothetical;
  private final Set<String> speech;
  private final Set<String> opinion;
  private final Set<String> receiving;
  private final Set<String> leaderTitle;
  private final Set<String> organ;
  private final Set<String> pronoun;
  private final Set<String> nonState;
  private final Set<String> threatening;
  private final Set<String> stative;
  private final Set<String> durative;
  private final Set<String> topic;

  /** The state that last acted as a subject, for pronouns and organs without their state. */
  private String salient;
  /**
   * The state of the person who last spoke or acted by name ("a Japan coast guard spokesman told
   * ..."), for "he" and "she": a person's pronoun does not stand for the vessels or the country
   * last named as a subject.
   */
  private String salientPerson;
  /** The states that last acted together ("Kishida and Yoon ..."), for "they", "the two countries". */
  private List<String> salientGroup = List.of();
  /** Events whose date is the report's by default (no date in the text): a dated twin replaces them. */
  final Set<CodedEvent> undated = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** The lemma of each event's trigger: "invited" and "appreciated" of one day are two statements. */
  final Map<CodedEvent, String> triggerLemmas = new java.util.IdentityHashMap<>();
  /** Events told as one more ("also agreed", "further expanded"): never a repeat of an earlier one. */
  final Set<CodedEvent> additional = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private boolean dateGuessed;

  /** The mentions of the sentence being read. */
  private List<Mention> sentenceMentions = List.of();

  Frames(Lexicon lexicon, Map<EventType, TypeInfo> types, LocalDate reference) {
    this.lexicon = lexicon;
    this.types = types;
    this.reference = reference;
    this.negation = lexicon.words("negation");
    this.negating = lexicon.words("negating");
    this.requesting = lexicon.words("requesting");
    this.hedge = lexicon.words("hedge");
    this.hedgeAux = lexicon.words("hedge-aux");
    this.obligation = lexicon.words("obligation");
    this.future = lexicon.words("future");
    this.planning = lexicon.words("planning");
    this.plannedMod = lexicon.words("planned-mod");
    this.hypothetical = lexicon.words("hypothetical");
    this.speech = lexicon.words("speech");
    this.opinion = lexicon.words("opinion");
    this.receiving = lexicon.words("receiving");
    this.leaderTitle = lexicon.words("leader-title");
    this.organ = lexicon.words("organ");
    this.pronoun = lexicon.words("pronoun");
    this.nonState = lexicon.words("non-state");
    this.threatening = lexicon.words("threatening");
    this.stative = lexicon.words("stative");
    this.durative = lexicon.words("durative");
    this.topic = lexicon.words("topic");
  }

  String salient() {
    return salient;
  }

  /** A sentence that was not parsed: its first state named as a noun becomes the salient one. */
  void noteSubject(List<Mention> mentions, String text) {
    for (Mention m : mentions) {
      // A leader by name, or a state's person by title ("a Vietnamese coast guard spokesman said").
      if (m.isPerson() || m.form() != StateForm.DEMONYM && personFollows(text, m.end())) {
        salientPerson = m.iso3();
        break;
      }
    }
    noteSubject(mentions);
  }

  /** Whether a person's title follows within a few words ("Japanese coast guard spokesman"). */
  private static boolean personFollows(String text, int from) {
    int end = Math.min(text.length(), from + 30);
    String[] words = text.substring(Math.min(from, end), end).toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
    for (int i = 0; i < words.length && i < 4; i++) {
      if (PERSON_NOUNS.contains(words[i])) {
        return true;
      }
      if (!words[i].isEmpty() && !Character.isLetter(words[i].charAt(0))) {
        return false;
      }
    }
    return false;
  }

  void noteSubject(List<Mention> mentions) {
    for (Mention m : mentions) {
      if (m.form() != StateForm.ADJECTIVE && m.form() != StateForm.DEMONYM) {
        salient = m.iso3();
        return;
      }
    }
  }

  private void noteGroup(List<String> states) {
    if (states.size() > 1) {
      salientGroup = List.copyOf(states);
    }
    if (!states.isEmpty()) {
      salient = states.get(0);
    }
  }

  /** A parsed sentence: the state of its main subject becomes the salient one. */
  void noteSubject(ParsedSentence parse, List<Mention> mentions) {
    for (Token t : parse.tokens()) {
      // The last states named together ("by South Korea, Japan and the United States") for "the three countries".
      if (!parse.children(t, "conj").isEmpty() && !t.isVerb()) {
        List<String> group = new ArrayList<>();
        for (Token member : parse.tokens()) {
          if (member.index() == t.index() || member.relation().equals("conj") && parse.head(member).index() == t.index()) {
            for (Mention m : mentions) {
              if (m.start() < member.end() && m.end() > member.begin() && !group.contains(m.iso3())) {
                group.add(m.iso3());
              }
            }
          }
        }
        if (group.size() > 1) {
          salientGroup = group;
        }
      }
    }
    notePerson(parse, mentions);
    for (Token t : parse.tokens()) {
      if (t.relation().equals("root")) {
        for (Token s : parse.children(t, "nsubj", "nsubj:pass")) {
          List<String> states = statesOf(parse, s, mentions);
          if (!states.isEmpty()) {
            noteGroup(states);
            return;
          }
        }
      }
    }
    noteSubject(mentions);
  }

  /** Words for a person who speaks or acts for a state (the organs that are people). */
  private static final Set<String> PERSON_NOUNS = Set.of("spokesman", "spokeswoman", "spokesperson", "minister",
      "president", "premier", "chancellor", "leader", "official", "ambassador", "envoy", "diplomat", "secretary",
      "king", "queen", "emir", "prince", "general", "commander", "chief", "negotiator", "adviser", "advisor",
      "lawmaker", "senator", "governor", "mayor", "officer");

  /** The state of the last person named as the subject of a speech verb or as a leader in the sentence. */
  private void notePerson(ParsedSentence parse, List<Mention> mentions) {
    for (Token t : parse.tokens()) {
      if (!t.relation().startsWith("nsubj") || t.isPronoun()) {
        continue;
      }
      Token verb = parse.head(t);
      boolean person = PERSON_NOUNS.contains(t.lemma().toLowerCase(Locale.ROOT));
      for (Mention m : mentions) {
        if (m.isPerson() && m.start() < t.end() && m.end() > t.begin()) {
          person = true;
        }
      }
      if (person && verb != null && verb.isVerb()) {
        List<String> states = statesOf(parse, t, mentions);
        if (states.size() == 1) {
          salientPerson = states.get(0);
        }
      }
    }
  }

  /** Hostile acts that answer another: without an addressee of their own, they are aimed at its doer. */
  private static final Set<EventType> REACTIVE = java.util.EnumSet.of(EventType.THREAT, EventType.SANCTIONS,
      EventType.STATEMENT_HOSTILE, EventType.MILITARY_ATTACK, EventType.COOPERATION_STALLED);

  /**
   * The states that act in a clause of "after" or "following" (or an "in response to" phrase) on
   * the predicate or its clause: who did what the event answers. Empty when there are several.
   */
  private List<String> prompters(ParsedSentence parse, Token predicate, List<Mention> mentions, String actor) {
    Set<String> found = new LinkedHashSet<>();
    Token clause = clauseHead(parse, predicate);
    for (Token host : List.of(predicate, clause)) {
      for (Token c : parse.children(host, "advcl", "obl")) {
        boolean answers = c.relation().equals("advcl") && (hasMark(parse, c, "after") || hasMark(parse, c, "following"))
            || c.relation().equals("obl") && (parse.caseOf(c).equals("after") || parse.caseOf(c).equals("following"));
        if (!answers) {
          continue;
        }
        Token doer = c.isVerb() ? subject(parse, c) : c;
        for (String st : doer == null ? List.<String>of() : statesOf(parse, doer, mentions)) {
          if (!st.equals(actor)) {
            found.add(st);
          }
        }
      }
    }
    return found.size() == 1 ? List.copyOf(found) : List.of();
  }

  /** Whether a noun's own phrase holds a date that is not after the report's ("on Sept. 3 last year"). */
  private boolean hasOwnPastDate(ParsedSentence parse, Token noun) {
    String own = clauseOnly(parse, parse.text(), noun, noun);
    String date = DateResolver.mayHoldDate(own) ? DateResolver.resolveOwn(own, noun.begin(), noun.end(), reference, false)
        : null;
    return date != null && !laterThanReference(date);
  }

  private static final Set<String> ANOTHER = Set.of("also", "further", "additionally", "too", "separately");

  /** "The two leaders also agreed to ...": the text tells one more act, not the same one again. */
  private static boolean toldAsAnother(ParsedSentence parse, Token t, Token predicate) {
    for (Token x : List.of(t, predicate)) {
      for (Token c : parse.children(x, "advmod")) {
        if (ANOTHER.contains(c.word().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean firstPersonSubject(ParsedSentence parse, Token verb) {
    for (Token s : parse.children(verb, "nsubj")) {
      String w = s.word().toLowerCase(Locale.ROOT);
      if (w.equals("we") || w.equals("i")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPersonalPronoun(Token t) {
    String w = t.word().toLowerCase(Locale.ROOT);
    return w.equals("he") || w.equals("she");
  }

  /** A trigger matched at a token. */
  private record Hit(Token token, Trigger trigger) {}

  /** The events of one parsed sentence. */
  List<CodedEvent> code(ParsedSentence parse, List<Mention> mentions, Sentence sentence, String inheritedDate) {
    this.sentenceMentions = mentions;
    List<Hit> hits = new ArrayList<>();
    for (Token t : parse.tokens()) {
      String lemma = t.lemma().toLowerCase(Locale.ROOT);
      String word = t.word().toLowerCase(Locale.ROOT);
      List<Trigger> candidates = new ArrayList<>(lexicon.triggers(lemma));
      if (!word.equals(lemma)) {
        // Adjectives by their form: "delayed" is tagged a participle of "delay".
        lexicon.triggers(word).stream().filter(tr -> tr.pos() == Pos.ADJ).forEach(candidates::add);
      }
      for (Trigger trigger : candidates) {
        if (trigger.negated() && !isNegated(parse, t)) {
          continue;
        }
        if (posMatches(t, trigger.pos()) && conditionsHold(parse, t, trigger)) {
          hits.add(new Hit(t, trigger));
          break;
        }
      }
    }
    List<CodedEvent> events = new ArrayList<>();
    for (Hit hit : hits) {
      debug("hit " + hit.trigger().type(), hit.token());
      if (absorbed(parse, hit, hits)) {
        continue;
      }
      for (CodedEvent e : frame(parse, hit, mentions, sentence, inheritedDate)) {
        // One sentence tells one attitude once ("denounced ... condemned"); distinct measures
        // ("expelled ... and recalled") stay distinct.
        boolean again = events.stream().anyMatch(o -> o.type() == e.type() && o.actor().equals(e.actor())
            && (o.targets().equals(e.targets()) || STATEMENTS.contains(e.type())
                && o.targets().stream().anyMatch(e.targets()::contains))
            && java.util.Objects.equals(o.date(), e.date())
            && (STATEMENTS.contains(e.type()) || e.type() == EventType.SUMMIT || e.type() == EventType.MINISTERIAL_MEETING
                || e.type() == EventType.STATE_VISIT || e.type() == EventType.COOPERATION_STEP));
        if (!again) {
          events.add(e);
        }
      }
    }
    return events;
  }

  private boolean isNegated(ParsedSentence parse, Token t) {
    for (Token c : parse.children(t)) {
      if ((c.relation().equals("advmod") || c.relation().equals("neg")) && negation.contains(c.lemma().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean posMatches(Token t, Pos pos) {
    return switch (pos) {
      case VERB -> t.isVerb();
      case NOUN -> t.isNoun();
      case ADJ -> t.tag().startsWith("JJ") || t.tag().equals("VBN") && t.relation().equals("amod");
    };
  }

  /**
   * The lemmas around a token that its conditions look at: its dependents and theirs ("persona non
   * grata", "missile strikes"), their prepositions, its head, and for an object its verb's other
   * dependents ("made a request ... to mediate").
   */
  private static Set<String> around(ParsedSentence parse, Token t) {
    Set<String> lemmas = new java.util.HashSet<>();
    for (Token c : parse.children(t)) {
      lemmas.addAll(forms(c));
      for (Token cc : parse.children(c)) {
        lemmas.addAll(forms(cc));
      }
    }
    Token head = parse.head(t);
    if (head != null) {
      lemmas.addAll(forms(head));
      if (t.relation().equals("obj")) {
        for (Token sibling : parse.children(head)) {
          if (sibling.index() != t.index() && !sibling.relation().startsWith("nsubj")) {
            lemmas.addAll(forms(sibling));
          }
        }
      }
    }
    return lemmas;
  }

  /** A token's lemma, its word, and the word without a plural -s ("troops": the lemmatiser keeps it). */
  private static List<String> forms(Token t) {
    String lemma = t.lemma().toLowerCase(Locale.ROOT);
    String word = t.word().toLowerCase(Locale.ROOT);
    if (word.endsWith("s") && word.length() > 3) {
      return List.of(lemma, word, word.substring(0, word.length() - 1));
    }
    return List.of(lemma, word);
  }

  /** The object of a verb (or its passive subject), or what a noun is of ("the expulsion of diplomats"). */
  private static List<Token> objects(ParsedSentence parse, Token t) {
    List<Token> objects = new ArrayList<>();
    for (Token o : parse.children(t, "obj", "nsubj:pass", "iobj")) {
      // "the bargain that Moscow has struck": the relative pronoun stands for the noun.
      boolean relative = o.tag().equals("WDT") || o.tag().equals("WP");
      objects.add(relative && parse.head(t) != null && t.relation().startsWith("acl") ? parse.head(t) : o);
    }
    if (t.isNoun()) {
      for (Token n : parse.children(t, "nmod")) {
        if (parse.caseOf(n).equals("of")) {
          objects.add(n);
        }
      }
    }
    if (objects.isEmpty() && t.isVerb()) {
      // "declared the South its principal enemy": the subject of the small clause is the object.
      for (Token x : parse.children(t, "xcomp")) {
        if (x.isNoun() || x.tag().startsWith("JJ")) {
          objects.addAll(parse.children(x, "nsubj"));
        }
      }
    }
    if (objects.isEmpty() && t.isVerb() && (t.relation().equals("ccomp") || t.relation().equals("acl:relcl"))
        && parse.head(t) != null && parse.head(t).isNoun()) {
      // "the bargain that Moscow has struck", parsed as a clause on the noun: the noun is the object.
      objects.add(parse.head(t));
    }
    if (objects.isEmpty() && t.relation().equals("amod") && t.tag().equals("VBG")) {
      objects.add(parse.head(t));
    }
    if (objects.isEmpty() && (t.relation().equals("acl") || t.relation().equals("acl:relcl")
        && !parse.children(t, "nsubj").isEmpty())) {
      // "diplomats expelled by Paris": the participle's noun is its object.
      Token head = parse.head(t);
      if (head != null) {
        objects.add(head);
      }
    }
    for (Token o : List.copyOf(objects)) {
      // "lifted most of its sanctions": the quantity's noun is the object.
      if (QUANTIFIERS.contains(o.lemma().toLowerCase(Locale.ROOT))) {
        for (Token n : parse.children(o, "nmod")) {
          if (parse.caseOf(n).equals("of")) {
            objects.add(n);
          }
        }
      }
    }
    List<Token> withConj = new ArrayList<>(objects);
    for (Token o : objects) {
      withConj.addAll(parse.children(o, "conj"));
    }
    return withConj;
  }

  private static boolean conditionsHold(ParsedSentence parse, Token t, Trigger trigger) {
    if (!trigger.notObj().isEmpty() && trigger.obj().isEmpty() && t.isVerb() && trigger.type() == EventType.STATEMENT_HOSTILE
        && objects(parse, t).isEmpty() && !parse.children(t, "ccomp").isEmpty()) {
      // "denied that it had ...": a denial of a clause is no act toward a state.
      return false;
    }
    if (!trigger.obj().isEmpty() || !trigger.notObj().isEmpty()) {
      Set<String> objectLemmas = new java.util.HashSet<>();
      for (Token o : objects(parse, t)) {
        objectLemmas.addAll(forms(o));
        for (Token c : parse.children(o, "compound")) {
          objectLemmas.addAll(forms(c));
        }
      }
      if (!trigger.obj().isEmpty() && objectLemmas.stream().noneMatch(trigger.obj()::contains)) {
        return false;
      }
      if (objectLemmas.stream().anyMatch(trigger.notObj()::contains)) {
        return false;
      }
    }
    if (!trigger.dep().isEmpty() || !trigger.notDep().isEmpty()) {
      Set<String> lemmas = around(parse, t);
      if (!trigger.dep().isEmpty() && lemmas.stream().noneMatch(trigger.dep()::contains)) {
        return false;
      }
      if (lemmas.stream().anyMatch(trigger.notDep()::contains)) {
        return false;
      }
    }
    return true;
  }

  /** A noun trigger that is the object of another trigger ("lifted sanctions") gives way to it. */
  private static boolean absorbed(ParsedSentence parse, Hit hit, List<Hit> hits) {
    Token t = hit.token();
    if (t.isVerb() && (t.relation().equals("advcl") || t.relation().equals("xcomp")) && hasMark(parse, t, "to")) {
      // "summoned the ambassador to meet with its foreign minister": the purpose of the summons.
      Token head = parse.head(t);
      for (Hit other : hits) {
        if (head != null && other != hit && other.token().index() == head.index()
            && other.trigger().type() != hit.trigger().type() && other.trigger().type() == EventType.STATEMENT_HOSTILE) {
          return true;
        }
      }
    }
    if (t.isVerb() && t.lemma().equalsIgnoreCase("agree")) {
      // "agreed to meet again", "agreed to hold more talks": one act, the meeting they plan.
      for (Hit other : hits) {
        Token o = other.token();
        boolean planned = o.relation().equals("xcomp") && parse.head(o) != null && parse.head(o).index() == t.index()
            || o.relation().equals("obj") && parse.head(o) != null && parse.head(o).relation().equals("xcomp")
                && parse.head(parse.head(o)) != null && parse.head(parse.head(o)).index() == t.index();
        if (other != hit && planned && (isMeeting(other.trigger()) || other.trigger().type() == EventType.STATE_VISIT)) {
          return true;
        }
      }
    }
    if (!t.isNoun()) {
      return false;
    }
    Token head = parse.head(t);
    if (head == null) {
      return false;
    }
    String rel = t.relation();
    for (Hit other : hits) {
      // "a package of military aid": one act, told by the container.
      if (other != hit && other.token().index() == head.index() && other.trigger().type() == hit.trigger().type()) {
        return true;
      }
    }
    if (rel.startsWith("obl") && parse.caseOf(t).equals("for")) {
      // "thanked Erdogan for Turkey's support": the reason of a statement, not an act of its own.
      for (Hit other : hits) {
        if (other != hit && other.token().index() == head.index()) {
          return true;
        }
      }
    }
    if (rel.startsWith("nmod") && CONTAINERS.contains(head.lemma().toLowerCase(Locale.ROOT)) && parse.head(head) != null) {
      // "handed over a package of military aid".
      rel = head.relation();
      head = parse.head(head);
    }
    if (rel.startsWith("nmod") && QUANTIFIERS.contains(head.lemma().toLowerCase(Locale.ROOT)) && parse.head(head) != null) {
      // "lifted most of its sanctions".
      rel = head.relation();
      head = parse.head(head);
    }
    if (!(rel.equals("obj") || rel.equals("nsubj:pass") || rel.equals("compound") || rel.startsWith("obl")
        || rel.startsWith("nmod"))) {
      return false;
    }
    if ((rel.startsWith("obl") || rel.startsWith("nmod")) && TIME_PREPS.contains(parse.caseOf(t))) {
      // "establish ties after Kim's trip": a time phrase tells an act of its own.
      return false;
    }
    for (Hit other : hits) {
      // Only a trigger that is one because of its object ("lifted" sanctions, "suspended" talks)
      // takes the noun's place; "condemned the dispatch of troops" leaves the dispatch an event.
      if (other != hit && other.token().index() == head.index()
          && (!other.trigger().obj().isEmpty() || !other.trigger().dep().isEmpty() || !other.trigger().notObj().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /** Who acts, on whom, how sure and when: the events of one trigger (one per target when they met separately). */
  private List<CodedEvent> frame(ParsedSentence parse, Hit hit, List<Mention> mentions, Sentence sentence,
      String inheritedDate) {
    Token t = hit.token();
    Trigger trigger = hit.trigger();
    boolean adjective = t.tag().startsWith("JJ") || t.tag().equals("VBN") && trigger.pos() == Pos.ADJ;
    // The verb that carries a noun trigger: "held talks", "imposed sanctions", "drew criticism".
    Token carrier = null;
    Token head = parse.head(t);
    Token position = t;
    if (t.isNoun() && head != null && head.isNoun() && t.relation().startsWith("nmod")
        && CONTAINERS.contains(head.lemma().toLowerCase(Locale.ROOT)) && parse.caseOf(t).equals("of")) {
      // "a second round of talks": the talks stand where the round does.
      position = head;
      head = parse.head(head);
    }
    boolean headActsAsVerb = head != null && (head.isVerb() || !parse.children(head, "nsubj").isEmpty()
        && position.relation().equals("obj"));
    if ((t.isNoun() || adjective) && head != null && headActsAsVerb) {
      String rel = position.relation();
      String prep = parse.caseOf(position);
      // "held talks", "retaliated with tariffs" carry the noun's act; "responded to an airstrike" does not.
      String headLemma = head.lemma().toLowerCase(Locale.ROOT);
      boolean carries = CARRIERS.contains(headLemma) || receiving.contains(headLemma) || !head.isVerb();
      if ((rel.equals("obj") || rel.equals("nsubj:pass")) && carries || rel.equals("xcomp")
          || rel.startsWith("obl") && (prep.equals("with") || prep.equals("by") || prep.equals("in") && adjective)) {
        carrier = head;
      }
    }
    boolean askedToMediate = trigger.type() == EventType.MEDIATION_REQUEST && t.isVerb() && head != null
        && head.isVerb() && t.relation().equals("xcomp") && ASKING.contains(head.lemma().toLowerCase(Locale.ROOT));
    if (askedToMediate) {
      // "Poland asked Turkey to mediate": the asking is the event, by its subject toward its object.
      carrier = head;
    }
    if (t.isNoun() && head != null && head.isVerb() && t.relation().equals("nsubj")
        && negating.contains(head.lemma().toLowerCase(Locale.ROOT))) {
      // "the meeting failed to take place": it did not happen.
      debug("no event", t);
      return List.of();
    }
    Token adjunctHost = null;
    if (carrier == null && t.isNoun() && head != null && head.isVerb() && t.relation().startsWith("obl")
        && ADJUNCT_PREPS.contains(parse.caseOf(t))) {
      // "praised North Korea during a rare visit to Pyongyang": the visitor is the one who praised.
      adjunctHost = head;
    }
    Token predicate = carrier != null ? carrier : t;
    if (trigger.speech()) {
      // What was said is a fact once said: the modality is the saying's.
      Token verb = speechVerb(parse, t);
      if (verb != null) {
        predicate = verb;
      }
    }
    trigger0 = trigger;
    Modality modality = modality(parse, trigger.speech() ? predicate : t, predicate);
    if (modality != null && trigger.speech() && predicate != t && modality(parse, t, t) == null) {
      // "'We do not know why the ships intruded,' he said": said, but not said to have happened.
      modality = null;
    }
    if (modality == null) {
      debug("no event", t);
      return List.of();
    }
    LinkedHashSet<String> actors = new LinkedHashSet<>();
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    Token subject = null;
    Token rankHolder = null;
    boolean contextual = false;
    boolean explicitSubject = false;
    boolean visit = trigger.type() == EventType.STATE_VISIT || trigger.type() == EventType.SOLIDARITY_GESTURE
        || trigger.type() == EventType.TROOP_DEPLOYMENT;
    if (trigger.speech()) {
      Token verb = speechVerb(parse, t);
      if (verb == null) {
        debug("no event", t);
        return List.of();
      }
      subject = subject(parse, verb);
      Token content = clauseHead(parse, t);
      if (subject != null && isPersonalPronoun(subject) && salientPerson != null) {
        // "'The Chinese ships entered our waters,' he said": he is the one who spoke last, not the ships.
        actors.add(salientPerson);
        contextual = true;
      } else if (resolve(parse, subject, mentions).isEmpty()) {
        for (Token own : parse.children(t.isVerb() ? t : content, "nsubj")) {
          // "'China is willing to work with the DPRK,' a spokesman said": China speaks through him
          // (but "Ethiopia said Egypt was unwilling": Ethiopia speaks, about Egypt).
          if (!statesOf(parse, own, mentions).isEmpty() && parse.children(own, "nmod:poss").isEmpty()) {
            subject = own;
          }
        }
      }
      for (Mention m : mentionsUnder(parse, content, mentions)) {
        targets.add(m.iso3());
      }
    } else if (adjective && head != null && !t.relation().equals("root")) {
      // "the long-delayed opening of the bridge between China and North Korea": the noun's parties.
      Token noun = t.relation().equals("amod") ? head : null;
      if (noun == null) {
        List<Token> subjects = parse.children(head, "nsubj", "nsubj:pass");
        noun = subjects.isEmpty() ? null : subjects.get(0);
      }
      if (noun == null) {
        debug("no event", t);
        return List.of();
      }
      partiesOfNoun(parse, noun, actors, targets, mentions);
    } else if (t.isVerb()) {
      subject = subject(parse, t);
      for (Token o : objects(parse, t)) {
        if (!parse.caseOf(o).equals("of")) {
          targets.addAll(targetStates(parse, o, mentions));
          if (visit) {
            // "attended the military parade in Beijing": the host.
            for (Token place : parse.children(o, "nmod")) {
              if (parse.caseOf(place).equals("in")) {
                targets.addAll(targetStates(parse, place, mentions));
              }
            }
          }
          if (isWithdrawal(t)) {
            // "recalled the French ambassador in Algiers": from where.
            for (Token place : parse.children(o, "nmod")) {
              if (parse.caseOf(place).equals("in") || parse.caseOf(place).equals("from")) {
                targets.addAll(targetStates(parse, place, mentions));
              }
            }
          }
        }
      }
      addObliqueTargets(parse, t, targets, mentions, visit || isWithdrawal(t));
      if (trigger.type() == EventType.THREAT || visit) {
        // "vowed to respond to the strike", "visit to meet Kim": the targets of the verb it governs.
        for (Token x : parse.children(t, "xcomp", "advcl")) {
          for (Token o : objects(parse, x)) {
            targets.addAll(targetStates(parse, o, mentions));
          }
          addObliqueTargets(parse, x, targets, mentions, false);
        }
      }
      if (isMeeting(trigger) && isPassive(parse, t)) {
        // "was met with alarm": not a meeting.
        debug("no event", t);
        return List.of();
      }
    } else {
      // A noun: its possessor, state adjective or by-phrase acts; its prepositional objects are targets.
      if (t.relation().equals("conj") && head != null && head.isNoun()) {
        // "Pyongyang's financial activities and military support": the first conjunct's owner.
        for (Token poss : parse.children(head, "nmod:poss")) {
          if (!statesOf(parse, poss, mentions).isEmpty()) {
            subject = poss;
          }
        }
      }
      List<Token> nounChildren = new ArrayList<>(parse.children(t));
      for (Token d : parse.children(t, "dep", "appos")) {
        // "a 'strategic partnership' treaty with North Korea", parsed as two nouns side by side.
        nounChildren.addAll(parse.children(d, "nmod"));
      }
      for (Token c : nounChildren) {
        String rel = c.relation();
        String prep = parse.caseOf(c);
        if (rel.equals("nmod:poss") && c.isPronoun() && carrier != null) {
          // "Seoul and Washington began their drills": the carrier's subject says whose.
          continue;
        }
        if (rel.equals("nmod:poss") || rel.equals("amod") || rel.equals("compound")
            || (rel.startsWith("nmod") && (prep.equals("by") || prep.equals("from")))) {
          List<String> states = resolve(parse, c, mentions);
          if (rel.equals("compound") && states.size() > 1) {
            // "US-China talks": both are parties.
            actors.add(states.get(0));
            targets.addAll(states.subList(1, states.size()));
            continue;
          }
          if (!states.isEmpty() && subject == null) {
            subject = c;
          }
        } else if (rel.equals("acl:relcl") && isCarrierVerb(c)) {
          // "the tariff that Trump placed on Chinese imports": the relative clause says who and on whom.
          Token relSubject = parse.children(c, "nsubj").stream().findFirst().orElse(null);
          if (relSubject != null && subject == null) {
            subject = relSubject;
          }
          addObliqueTargets(parse, c, targets, mentions, false);
        } else if (trigger.type() == EventType.MILITARY_ATTACK && relativeClauseOf(parse, c) != null) {
          // "an airstrike that destroyed Iran's consulate in Damascus": what the attack hit.
          for (Token o : objects(parse, relativeClauseOf(parse, c))) {
            if (o.index() != t.index()) {
              targets.addAll(targetStates(parse, o, mentions));
            }
          }
          if (rel.equals("acl") && (c.lemma().equalsIgnoreCase("attribute") || c.lemma().equalsIgnoreCase("blame"))) {
            for (Token obl : parse.children(c, "obl")) {
              if ((parse.caseOf(obl).equals("to") || parse.caseOf(obl).equals("on")) && subject == null) {
                subject = obl;
              }
            }
          }
        } else if (rel.equals("acl") && (c.lemma().equalsIgnoreCase("attribute") || c.lemma().equalsIgnoreCase("blame"))) {
          // "an airstrike widely attributed to Israel".
          for (Token obl : parse.children(c, "obl")) {
            if (parse.caseOf(obl).equals("to") || parse.caseOf(obl).equals("on")) {
              Token agent = obl;
              if (subject == null) {
                subject = agent;
              }
            }
          }
        } else if ((rel.startsWith("nmod") || rel.equals("obl")) && (TARGET_PREPS.contains(prep)
            || (visit && prep.equals("in")))) {
          if (prep.equals("between") || prep.equals("among")) {
            List<String> parties = targetStates(parse, c, mentions);
            if (!parties.isEmpty() && actors.isEmpty() && subject == null) {
              actors.add(parties.get(0));
              targets.addAll(parties.subList(1, parties.size()));
              rankHolder = c;
            } else {
              targets.addAll(parties);
            }
          } else {
            targets.addAll(targetStates(parse, c, mentions));
          }
        } else if (rel.startsWith("nmod") && prep.equals("of") && !visit) {
          targets.addAll(targetStates(parse, c, mentions));
        } else if (visit && (rel.equals("acl") || rel.equals("xcomp"))) {
          for (Token o : objects(parse, c)) {
            targets.addAll(targetStates(parse, o, mentions));
          }
        }
      }
      if (subject == null && head != null && head.isVerb() && t.relation().equals("obj") && !isPassive(parse, head)) {
        // "condemned the dispatch of troops by Pyongyang to Russia": an active verb takes no by-agent,
        // so the parser's by-phrase (and a destination) belongs to the noun.
        for (Token obl : parse.children(head, "obl")) {
          String prep = parse.caseOf(obl);
          if (prep.equals("by") && !statesOf(parse, obl, mentions).isEmpty()) {
            subject = obl;
          } else if (prep.equals("to") && visit && carrier == null) {
            targets.addAll(targetStates(parse, obl, mentions));
          }
        }
      }
      if (carrier != null) {
        if (receiving.contains(carrier.lemma().toLowerCase(Locale.ROOT)) && !visit) {
          // "drew criticism from Tokyo": the carrier's subject is on the receiving end.
          targets.addAll(resolve(parse, subject(parse, carrier), mentions));
          for (Token obl : parse.children(carrier, "obl")) {
            if (parse.caseOf(obl).equals("from") && subject == null && !statesOf(parse, obl, mentions).isEmpty()) {
              subject = obl;
            }
          }
        } else {
          if (subject == null) {
            subject = subject(parse, carrier);
          }
          addObliqueTargets(parse, carrier, targets, mentions, visit);
          if (t.relation().startsWith("obl")) {
            for (Token o : parse.children(carrier, "obj")) {
              targets.addAll(targetStates(parse, o, mentions));
            }
          }
        }
      } else if (t.relation().equals("nsubj") && head != null) {
        // "Talks between the two sides began in ...": the participants are in the noun's own phrase.
        addObliqueTargets(parse, head, targets, mentions, false);
      } else if (adjunctHost != null && subject == null && actors.isEmpty()) {
        subject = subject(parse, adjunctHost);
      }
      for (Token acl : parse.children(t, "acl")) {
        // "pointed responses targeting the summit", "a statement criticising Seoul".
        if (acl.tag().equals("VBG")) {
          for (Token o : objects(parse, acl)) {
            targets.addAll(targetStates(parse, o, mentions));
          }
        }
      }
    }
    if (subject != null) {
      explicitSubject = true;
      List<String> subjectStates = resolve(parse, subject, mentions);
      if (subjectStates.isEmpty() && isCoordinatedWithBetween(parse, subject)) {
        // "A meeting between the leaders of Serbia and Kosovo failed ...": the subject's parties.
        partiesOfNoun(parse, subject, actors, targets, mentions);
        rankHolder = subject;
      }
      actors.addAll(subjectStates);
      if (actors.isEmpty() && isStandIn(subject)) {
        contextual = isPersonalPronoun(subject) && salientPerson != null ? actors.add(salientPerson) : addSalient(actors);
      }
      if (rankHolder == null) {
        rankHolder = subject;
      }
    }
    if (actors.isEmpty() && targets.size() < 2 && !trigger.speech() && (t.isVerb() || t.relation().startsWith("nsubj"))) {
      // "Egypt said the talks had failed": in what a state said, the state speaks for itself.
      Token verb = reportingVerb(parse, t);
      if (verb != null) {
        Token speaker = subject(parse, verb);
        List<String> speakerStates = resolve(parse, speaker, mentions);
        Set<String> reported = new LinkedHashSet<>();
        for (Mention m : mentionsUnder(parse, clauseHead(parse, t), mentions)) {
          reported.add(m.iso3());
        }
        reported.removeAll(speakerStates);
        boolean relational = ClauseCoder.SYMMETRIC.contains(trigger.type()) || STATEMENTS.contains(trigger.type());
        if (!speakerStates.isEmpty() && relational && (!reported.isEmpty() || !targets.isEmpty())) {
          actors.addAll(speakerStates);
          targets.addAll(reported);
          rankHolder = speaker;
        }
      }
    }
    if (!trigger.speech() && trigger.light() && actors.isEmpty() && targets.size() < 2) {
      debug("no event", t);
      return List.of();
    }
    if (trigger.inverse() && !targets.isEmpty() && !actors.isEmpty()) {
      // "Rome hosted Tebboune": the guest visits the host.
      LinkedHashSet<String> guests = new LinkedHashSet<>(targets);
      guests.removeAll(actors);
      targets.clear();
      targets.addAll(actors);
      actors.clear();
      actors.addAll(guests);
      Token guest = objects(parse, t).stream().findFirst().orElse(null);
      rankHolder = guest != null ? guest : rankHolder;
    }
    boolean leaders = isLeaderRank(parse, rankHolder, mentions);
    EventType type = trigger.typeFor(leaders);
    Double weight = trigger.weight();
    String plover = null;
    String cameo = null;
    if (trigger.attack()) {
      // "fired missiles at Israel", "launched missile strikes on Pakistan": a launch at a state is an attack.
      for (Token c : parse.tokens()) {
        String prep = parse.caseOf(c);
        if (c.index() != t.index() && parse.dominates(t, c) && ATTACK_PREPS.contains(prep)) {
          targets.addAll(targetStates(parse, c, mentions));
        }
      }
      if (!targets.isEmpty()) {
        type = EventType.MILITARY_ATTACK;
      }
    }
    TypeInfo info = types.get(type);
    Targets policy = info.targets();
    boolean joint = false;
    List<String> coActors = new ArrayList<>();
    if (actors.size() > 1 && !ClauseCoder.SYMMETRIC.contains(type) && policy != Targets.ANY) {
      // "Washington, Kyiv and Seoul condemned Pyongyang": each of them did.
      List<String> group = new ArrayList<>(actors);
      actors.clear();
      actors.add(group.get(0));
      coActors.addAll(group.subList(1, group.size()));
    }
    if (actors.size() > 1) {
      // "India and China agreed", "Seoul and Washington held drills": the first named acts, the others are parties
      // — unless they met someone else ("Kurti and Vucic met their European counterparts").
      List<String> group = new ArrayList<>(actors);
      actors.clear();
      actors.add(group.get(0));
      boolean metOthers = isMeeting(trigger) && hasStatelessWith(parse, predicate, t, mentions);
      if ((ClauseCoder.SYMMETRIC.contains(type) || policy == Targets.ANY) && !metOthers) {
        joint = true;
        LinkedHashSet<String> reordered = new LinkedHashSet<>(group.subList(1, group.size()));
        reordered.addAll(targets);
        targets.clear();
        targets.addAll(reordered);
      }
    }
    if (actors.isEmpty() && targets.size() >= 2 && ClauseCoder.SYMMETRIC.contains(type)
        && (!explicitSubject || rankHolder != null && rankHolder != subject)) {
      // "the opening of the bridge between China and North Korea was delayed": undirected.
      String first = targets.iterator().next();
      targets.remove(first);
      actors.add(first);
      joint = true;
    }
    if (actors.isEmpty()) {
      debug("no event", t);
      return List.of();
    }
    String actor = actors.iterator().next();
    targets.remove(actor);
    targets.removeAll(coActors);
    if (targets.isEmpty() && (policy == Targets.ALL || policy == Targets.FIRST) && !trigger.speech()) {
      // The parser lost the object ("criticised the exercise by A, B and C held ..."): the states
      // named after the trigger inside its own phrase or clause.
      for (Mention m : mentionsUnder(parse, t, mentions)) {
        Token at = parse.tokenAt(m.start());
        if (m.start() >= t.end() && at != null && !underPlace(parse, t, at) && !onTopic(parse, at) && !underClause(parse, t, at)
            && !m.iso3().equals(actor) && !coActors.contains(m.iso3())) {
          targets.add(m.iso3());
        }
      }
    }
    if (targets.isEmpty() && policy != Targets.NONE) {
      // "North Korea says Japan proposed a summit": a proposal told by its addressee.
      Token reporter = reportingVerb(parse, predicate);
      if (reporter != null) {
        for (String s2 : resolve(parse, subject(parse, reporter), mentions)) {
          if (!s2.equals(actor)) {
            targets.add(s2);
          }
        }
      }
    }
    // "accused Rwanda of backing the rebels": a stated object that is no state leaves no addressee to guess.
    boolean explicitObject = t.isVerb() && STATEMENTS.contains(type) && objects(parse, t).stream().anyMatch(o -> !isStandIn(o));
    if (targets.isEmpty() && policy != Targets.NONE && type != EventType.MILITARY_ATTACK && type != EventType.STATE_VISIT
        && type != EventType.SUMMIT && type != EventType.MINISTERIAL_MEETING && !explicitObject) {
      // An addressee left implicit: the one other state named in the clause ("After Pakistan closed the
      // crossing, Kabul accused Islamabad" — the crossing's other side).
      Set<String> others = new LinkedHashSet<>();
      Token clause = clauseHead(parse, predicate);
      for (Mention m : mentions) {
        Token at = parse.tokenAt(m.start());
        if (!m.iso3().equals(actor) && !coActors.contains(m.iso3()) && m.form() != StateForm.DEMONYM && at != null
            && !inOtherClause(parse, clause, at) && !onTopic(parse, at)) {
          others.add(m.iso3());
        }
      }
      if (others.size() == 1) {
        targets.addAll(others);
      }
    }
    if (targets.isEmpty() && policy != Targets.NONE && REACTIVE.contains(type)) {
      // "fired warning shots near its border after North Korean forces destroyed roads": a response
      // is aimed at the state whose act prompted it.
      targets.addAll(prompters(parse, predicate, mentions, actor));
    }
    if (askedToMediate) {
      // Toward the mediator asked (BRIEF §3), not the other party of the dispute.
      LinkedHashSet<String> mediators = new LinkedHashSet<>();
      for (Token o : parse.children(carrier, "obj")) {
        mediators.addAll(resolve(parse, o, mentions));
      }
      mediators.remove(actor);
      if (!mediators.isEmpty()) {
        targets.clear();
        targets.addAll(mediators);
      }
    }
    if (type == EventType.MILITARY_EXERCISE) {
      if (joint && !targets.isEmpty()) {
        // Exercising together is cooperation between the participants (BRIEF §3: +4, COOPERATE/062).
        weight = 4.0;
        plover = "COOPERATE";
        cameo = "062";
      } else {
        targets.clear();
        targets.addAll(aimedAt(parse, t, mentions));
        targets.remove(actor);
      }
    } else if (policy == Targets.NONE) {
      targets.clear();
    } else if (targets.isEmpty() && policy != Targets.ANY) {
      debug("no event", t);
      return List.of();
    } else if (policy == Targets.FIRST && !targets.isEmpty()) {
      String first = targets.iterator().next();
      targets.clear();
      targets.add(first);
    }
    dateGuessed = false;
    String date = date(parse, t, predicate, sentence.text(), modality, inheritedDate);
    boolean guessed = dateGuessed;
    double confidence = switch (modality) {
      case FACT -> 0.8;
      case PLANNED -> 0.6;
      case HEDGED -> 0.5;
    };
    if (contextual) {
      confidence -= 0.1;
    }
    List<String> ordered = new ArrayList<>(targets);
    ordered.sort(java.util.Comparator.comparingInt(x -> firstMention(mentions, x)));
    targets.clear();
    targets.addAll(ordered);
    List<List<String>> targetSets = new ArrayList<>();
    if (targets.size() > 1 && separately(parse, t)) {
      targets.forEach(x -> targetSets.add(List.of(x)));
    } else {
      targetSets.add(List.copyOf(targets));
    }
    debug("emit " + type + " " + actor + "->" + targets + " " + date + " " + modality, t);
    List<CodedEvent> events = new ArrayList<>();
    List<String> allActors = new ArrayList<>();
    allActors.add(actor);
    allActors.addAll(coActors);
    for (String who : allActors) {
      for (List<String> ts : targetSets) {
        List<String> own = ts.stream().filter(x -> !x.equals(who)).toList();
        if (own.isEmpty() && policy != Targets.NONE && policy != Targets.ANY && !ts.isEmpty()) {
          continue;
        }
        CodedEvent event = new CodedEvent(type, who, own, date, modality, weight != null ? weight : info.weight(), confidence,
            plover != null ? plover : info.plover(), plover != null ? null : info.ploverMode(),
            cameo != null ? cameo : info.cameo(), sentence.text(), sentence.start(), sentence.end());
        triggerLemmas.put(event, t.lemma().toLowerCase(Locale.ROOT));
        if (toldAsAnother(parse, t, predicate)) {
          additional.add(event);
        }
        if (guessed) {
          undated.add(event);
        }
        events.add(event);
      }
    }
    return events;
  }

  /** Verbs of a go-between: their agent is not a party to what they bring about. */
  /** Verbs that ask a third state to mediate ("asked Turkey to mediate"). */
  private static final Set<String> ASKING = Set.of("ask", "request", "urge", "invite", "call", "appeal");
  private static final Set<String> MEDIATING = Set.of("broker", "mediate", "facilitate", "sponsor", "host", "arrange");

  /** Nouns whose "in X" is where a state's force goes: "the troop deployment in Russia". */
  private static final Set<String> PRESENCE = Set.of("deployment", "presence", "dispatch", "troop", "troops",
      "stationing", "base", "incursion", "intervention");

  private static final Set<String> ATTACK_PREPS = Set.of("at", "on", "into", "against", "toward", "towards", "upon");

  private static final Set<String> TIME_PREPS = Set.of("after", "before", "following", "during", "since", "amid");
  private static final Set<String> ADJUNCT_PREPS = Set.of("during", "on", "amid", "after", "following", "since");

  private static final Set<String> QUANTIFIERS = Set.of("most", "some", "all", "part", "many", "several", "much",
      "half", "one", "rest", "dozens", "hundreds", "thousands", "number", "majority", "bulk", "remainder", "two", "three");

  /** Nouns of intent whose owner does what follows: "Beijing's decision to lift sanctions". */
  private static final Set<String> CONTROL_NOUNS = Set.of("decision", "plan", "move", "order", "bid", "effort",
      "attempt", "promise", "pledge", "offer", "agreement", "readiness", "willingness", "intention", "commitment", "call",
      "request", "proposal", "threat", "vow");

  /** Nouns that hold an act without changing it: "a round of talks", "a series of strikes". */
  private static final Set<String> CONTAINERS = Set.of("round", "series", "set", "wave", "string", "package", "number",
      "shipment", "consignment", "batch", "delivery", "cargo", "load", "tranche",
      "spate", "flurry", "barrage", "salvo", "volley", "resumption", "start", "launch", "holding",
      // "two days of negotiations", "hours of talks": a span of the act stands for it.
      "day", "hour", "week");

  private static final Set<EventType> STATEMENTS = java.util.EnumSet.of(EventType.STATEMENT_HOSTILE,
      EventType.STATEMENT_FRIENDLY, EventType.THREAT);

  private static int firstMention(List<Mention> mentions, String iso3) {
    for (Mention m : mentions) {
      if (m.iso3().equals(iso3)) {
        return m.start();
      }
    }
    return Integer.MAX_VALUE;
  }

  private static boolean isMeeting(Trigger trigger) {
    return trigger.type() == EventType.SUMMIT || trigger.type() == EventType.MINISTERIAL_MEETING;
  }

  private static boolean isWithdrawal(Token t) {
    String lemma = t.lemma().toLowerCase(Locale.ROOT);
    return lemma.equals("recall") || lemma.equals("withdraw");
  }

  /** Verbs that only carry a noun's act: "the sanctions that Washington imposed". */
  private static final Set<String> CARRIERS = Set.of("impose", "place", "slap", "levy", "announce", "introduce",
      "hold", "conduct", "stage", "sign", "reach", "conclude", "launch", "lodge", "file", "issue", "make", "pay",
      "carry", "seal", "ink", "strike", "adopt", "approve", "extend", "send", "deliver", "provide", "offer", "begin",
      "start", "resume", "continue", "complete", "wrap", "finish", "open", "have", "attend", "give", "grant",
      "pledge", "unveil", "express", "voice", "convey", "declare", "order", "mount", "deploy", "use", "fire", "host",
      "organize", "organise", "schedule", "plan", "propose", "request", "seek", "tighten", "expand", "renew",
      "finalize", "finalise", "hand", "agree", "initial", "ratify", "enter", "accept", "set", "raise", "register",
      "dispatch", "release", "publish", "post", "broadcast", "air", "perform", "undertake", "execute", "engage",
      "join", "co-host", "cohost", "chair", "lead", "mark", "commemorate", "celebrate", "convene", "arrange",
      "receive", "get", "win", "secure", "suffer", "endure", "face", "threaten", "vow", "promise", "warn");

  private static boolean isCarrierVerb(Token t) {
    return t.isVerb() && CARRIERS.contains(t.lemma().toLowerCase(Locale.ROOT));
  }

  /** The parties of a noun: its between/with phrases (places inside them count) and its possessor. */
  private void partiesOfNoun(ParsedSentence parse, Token noun, Set<String> actors, Set<String> targets,
      List<Mention> mentions) {
    for (Token c : parse.children(noun)) {
      String prep = parse.caseOf(c);
      if (c.relation().startsWith("nmod") && (prep.equals("between") || prep.equals("among") || prep.equals("with"))) {
        for (Mention m : mentionsUnder(parse, c, mentions)) {
          (actors.isEmpty() ? actors : targets).add(m.iso3());
        }
      } else if (c.relation().startsWith("nmod") && prep.equals("of")) {
        partiesOfNoun(parse, c, actors, targets, mentions);
      } else if (c.relation().equals("nmod:poss") || c.relation().equals("amod") || c.relation().equals("compound")) {
        for (String s : statesOf(parse, c, mentions)) {
          (actors.isEmpty() ? actors : targets).add(s);
        }
      }
    }
  }

  private static boolean isCoordinatedWithBetween(ParsedSentence parse, Token noun) {
    for (Token c : parse.children(noun)) {
      if (c.relation().startsWith("nmod") && (parse.caseOf(c).equals("between") || parse.caseOf(c).equals("among"))) {
        return true;
      }
    }
    return false;
  }

  /** "met with their European counterparts": a with-phrase that names no state. */
  private boolean hasStatelessWith(ParsedSentence parse, Token verb, Token trigger, List<Mention> mentions) {
    for (Token obl : parse.children(verb, "obl", "obj")) {
      if (obl.index() == trigger.index()) {
        continue;
      }
      boolean person = organ.contains(obl.lemma().toLowerCase(Locale.ROOT)) || obl.isPronoun();
      // "met with calls for restraint", "with a focus on trade": a manner, not someone met; a
      // partner is a person or body, named (a proper noun) or by office.
      boolean partner = person || obl.tag().startsWith("NNP");
      if ((obl.relation().equals("obj") && verb.index() == trigger.index() && person
          || parse.caseOf(obl).equals("with") && partner)
          && statesOf(parse, obl, mentions).isEmpty() && !(obl.isPronoun() && salient != null)) {
        return true;
      }
    }
    return false;
  }

  /** Targets in a verb's prepositional phrases; with {@code places}, "in Beijing" counts (a visit's host). */
  private void addObliqueTargets(ParsedSentence parse, Token verb, Set<String> targets, List<Mention> mentions,
      boolean places) {
    for (Token obl : parse.children(verb, "obl", "iobj")) {
      String prep = parse.caseOf(obl);
      // "thanked Carney for Canada's support": the reason, not a party.
      if (TARGET_PREPS.contains(prep) && !prep.equals("for") && !prep.equals("over")
          && !(prep.equals("by") && isPassive(parse, verb)) || prep.equals("by") && !isPassive(parse, verb)) {
        targets.addAll(targetStates(parse, obl, mentions));
      } else if (places && (prep.equals("in") || prep.equals("from"))) {
        targets.addAll(targetStates(parse, obl, mentions));
      }
    }
  }

  /** An exercise's aim: "drills against", "targeting", "aimed at", or around, near or off a state. */
  private List<String> aimedAt(ParsedSentence parse, Token t, List<Mention> mentions) {
    List<String> aim = new ArrayList<>();
    Token head = parse.head(t);
    Token scope = head != null && head.isVerb() ? head : t;
    for (Token c : parse.tokens()) {
      if (!parse.dominates(scope, c) || c.index() == scope.index()) {
        continue;
      }
      String prep = parse.caseOf(c);
      String lemma = c.lemma().toLowerCase(Locale.ROOT);
      if (prep.equals("against") || prep.equals("around") || prep.equals("near") || prep.equals("off")
          || prep.equals("toward") || prep.equals("towards") || prep.equals("encircling") || lemma.equals("target")
          || lemma.equals("aim") || lemma.equals("simulate") || lemma.equals("encircle") || lemma.equals("surround")) {
        aim.addAll(targetStates(parse, c, mentions));
      }
    }
    return aim;
  }


  private static final boolean DEBUG = Boolean.getBoolean("relmon.coder.debug");

  private static void debug(String what, Token t) {
    if (DEBUG) {
      System.err.println("  [frames] " + what + " at " + t.word());
    }
  }

  private boolean addSalient(Set<String> actors) {
    if (salient != null) {
      actors.add(salient);
      return true;
    }
    return false;
  }

  private static boolean isPassive(ParsedSentence parse, Token t) {
    return parse.hasChild(t, "aux:pass", null) || parse.hasChild(t, "nsubj:pass", null)
        || (t.tag().equals("VBN") && t.relation().equals("acl"));
  }

  /** "separate meetings with Li and Kishida", "met them separately": one event per target. */
  private static boolean separately(ParsedSentence parse, Token t) {
    for (Token c : parse.children(t)) {
      String lemma = c.lemma().toLowerCase(Locale.ROOT);
      if (lemma.equals("separate") || lemma.equals("separately") || lemma.equals("respectively")
          || lemma.equals("individual") || lemma.equals("bilateral")) {
        return true;
      }
    }
    Token head = parse.head(t);
    return head != null && parse.children(head).stream().anyMatch(c -> c.lemma().equalsIgnoreCase("separately"));
  }

  /** The subject of a verb: its nominal subject, the agent of a passive, or the subject of the verb it depends on. */
  private Token subject(ParsedSentence parse, Token verb) {
    Token cur = verb;
    for (int depth = 0; cur != null && depth < 4; depth++) {
      if (isPassive(parse, cur)) {
        for (Token obl : parse.children(cur, "obl", "nmod")) {
          if (parse.caseOf(obl).equals("by")) {
            return obl;
          }
        }
        if (cur.relation().equals("acl")) {
          return null;
        }
      }
      List<Token> subjects = parse.children(cur, "nsubj");
      // A relative pronoun ("a statement that denounced") stands for the noun: read on through it.
      if (!subjects.isEmpty() && !(isRelativePronoun(subjects.get(0)) && cur.relation().equals("acl:relcl"))) {
        return subjects.get(0);
      }
      if (!parse.children(cur, "nsubj:pass").isEmpty()) {
        if (depth > 0 && isPassive(parse, cur)) {
          // "Iran and the US are set to hold talks": the subject of a raising passive does the rest.
          return parse.children(cur, "nsubj:pass").get(0);
        }
        return null;
      }
      String rel = cur.relation();
      Token head = parse.head(cur);
      if (head == null) {
        return null;
      }
      if (rel.equals("amod") && cur.tag().equals("VBG") && parse.head(head) != null && parse.head(head).isVerb()) {
        // "closed its embassy, accusing Ireland of ...", parsed as an adjective on Ireland.
        cur = parse.head(head);
        continue;
      }
      if ((rel.equals("advcl") || rel.startsWith("obl") || rel.equals("acl")) && (hasMark(parse, cur, "for") || hasMark(parse, cur, "of"))
          && !parse.children(head, "obj").isEmpty()) {
        // "condemned North Korea for sending troops": the one condemned sent them.
        return parse.children(head, "obj").get(0);
      }
      if (rel.equals("conj") && cur.isVerb()) {
        // "coastguards blocked and used water cannon": the verb just before "and" shares the subject,
        // whatever the parser attached the conjunct to.
        Token before = cur.index() >= 2 ? parse.token(cur.index() - 2) : null;
        Token and = cur.index() >= 1 ? parse.token(cur.index() - 1) : null;
        if (before != null && and.relation().equals("cc") && before.isVerb() && before.index() != head.index()) {
          List<Token> s2 = parse.children(before, "nsubj");
          if (!s2.isEmpty()) {
            return s2.get(0);
          }
        }
      }
      if (rel.equals("xcomp")) {
        // "follows Beijing's decision to lift ...": a noun of intent before the infinitive controls it.
        for (Token o : parse.children(head, "obj")) {
          if (CONTROL_NOUNS.contains(o.lemma().toLowerCase(Locale.ROOT)) && o.index() < cur.index()) {
            return o;
          }
        }
      }
      if (rel.equals("xcomp") && MEDIATING.contains(head.lemma().toLowerCase(Locale.ROOT)) && parse.head(head) != null) {
        // "a deal brokered by China to re-establish relations": the mediator does not re-establish them.
        Token above = parse.head(head);
        cur = above.isVerb() ? above : parse.head(above);
        continue;
      }
      if (rel.equals("xcomp") || rel.equals("conj") || (rel.equals("advcl") || rel.equals("dep")) && cur.tag().equals("VBG")
          || rel.equals("advcl") && cur.tag().equals("VB") && hasMark(parse, cur, "to") && head.isVerb()) {
        // (An infinitive of purpose, "would aim to finalise a deal", has the subject of the verb it completes.)
        cur = head;
      } else if (rel.equals("acl:relcl")) {
        // "Beijing, which claims ...": a relative clause's subject is the noun it modifies — or, for
        // "issued a statement that denounced Seoul", the one who issued it.
        if (!statesOfOwn(parse, head) && head.relation().equals("obj") && parse.head(head) != null
            && parse.head(head).isVerb() && !isStandIn(head)) {
          cur = parse.head(head);
          continue;
        }
        return head;
      } else if (rel.equals("acl")) {
        // "issued a statement criticising ...": the subject of the verb whose object the noun is,
        // unless the noun says whose it is ("Beijing's decision to lift ...").
        boolean owned = statesOfOwn(parse, head);
        Token clauseVerb = freeAdjunctVerb(parse, cur);
        if (!owned && clauseVerb != null) {
          // "announced a series of measures, accusing Pakistan of ...": a participle after a comma
          // is a free adjunct of the clause, whatever noun the parser hung it on.
          cur = clauseVerb;
          continue;
        }
        if (!owned && head.relation().equals("obj") && parse.head(head) != null) {
          cur = parse.head(head);
        } else {
          return head;
        }
      } else {
        return null;
      }
    }
    return null;
  }

  /**
   * For a present participle set off by a comma and hung on a noun ("measures, accusing ..."): the
   * verb of the clause that noun belongs to, else null.
   */
  private static Token freeAdjunctVerb(ParsedSentence parse, Token participle) {
    if (!participle.tag().equals("VBG") || participle.index() == 0
        || !parse.token(participle.index() - 1).word().equals(",")) {
      return null;
    }
    Token cur = parse.head(participle);
    for (int depth = 0; cur != null && depth < 4; depth++) {
      if (cur.isVerb()) {
        return cur;
      }
      if (!cur.relation().equals("obj") && !cur.relation().equals("nmod") && !cur.relation().equals("obl")) {
        return null;
      }
      cur = parse.head(cur);
    }
    return null;
  }

  private static boolean isRelativePronoun(Token t) {
    String w = t.word().toLowerCase(Locale.ROOT);
    return t.tag().equals("WDT") || t.tag().equals("WP") || w.equals("that") || w.equals("which") || w.equals("who");
  }

  private static boolean hasMark(ParsedSentence parse, Token t, String word) {
    for (Token c : parse.children(t)) {
      if ((c.relation().equals("mark") || c.relation().equals("case")) && c.word().equalsIgnoreCase(word)) {
        return true;
      }
    }
    return false;
  }

  /** "a professor", "Oh Kyung-seob, a senior research fellow": someone whose view is not a state's act. */
  private boolean isOpinionSpeaker(ParsedSentence parse, Token speaker) {
    if (speaker == null) {
      return false;
    }
    if (opinion.contains(speaker.lemma().toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (Token c : parse.children(speaker, "appos", "compound", "amod")) {
      if (opinion.contains(c.lemma().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** Who speaks: the subject of a speech verb, or in an inversion ("..., said a professor") its object. */
  private static Token speakerOf(ParsedSentence parse, Token verb) {
    List<Token> subjects = parse.children(verb, "nsubj");
    if (!subjects.isEmpty()) {
      return subjects.get(0);
    }
    for (Token o : parse.children(verb, "obj")) {
      if (o.index() > verb.index()) {
        return o;
      }
    }
    for (Token o : parse.children(verb, "obl", "dep")) {
      // "..., said Oh Kyung-seob, a fellow at ...": a name the tagger did not know ("Oh" as an
      // interjection) leaves the inverted speaker hanging on the verb with no preposition.
      if (o.index() > verb.index() && (o.isNoun() || o.isPronoun()) && parse.caseOf(o).isEmpty()) {
        return o;
      }
    }
    return null;
  }

  /** The speech verb whose reported clause ("said that ...", "..., he said") holds the token's clause. */
  private Token reportingVerb(ParsedSentence parse, Token t) {
    Token clause = clauseHead(parse, t);
    Token tHead = parse.head(t);
    if (clause.index() != t.index() && !(t.relation().startsWith("nsubj") && tHead != null && tHead.index() == clause.index())) {
      return null;
    }
    Token head = parse.head(clause);
    String rel = clause.relation();
    if (head != null && (rel.equals("ccomp") || rel.equals("parataxis")) && speech.contains(head.lemma().toLowerCase(Locale.ROOT))) {
      return head;
    }
    if (head == null) {
      for (Token c : parse.children(clause, "parataxis", "ccomp")) {
        if (speech.contains(c.lemma().toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
    }
    return null;
  }

  /** The speech verb whose content holds a token, walking up through clauses. */
  private Token speechVerb(ParsedSentence parse, Token t) {
    Token cur = t;
    for (int depth = 0; cur != null && depth < 6; depth++) {
      Token head = parse.head(cur);
      if (head == null) {
        // "“...,” Putin said": the speech verb hangs off the root as a parataxis or a clause.
        for (Token c : parse.children(cur, "parataxis", "ccomp")) {
          if (speech.contains(c.lemma().toLowerCase(Locale.ROOT))) {
            return c;
          }
        }
        return null;
      }
      String rel = cur.relation();
      if ((rel.equals("ccomp") || rel.equals("parataxis") || rel.equals("xcomp") || rel.equals("obj") || rel.equals("dep"))
          && speech.contains(head.lemma().toLowerCase(Locale.ROOT))) {
        return head;
      }
      cur = head;
    }
    return null;
  }

  /** The head of the clause a token stands in: up through nominal and control relations, not clause ones. */
  private static Token clauseHead(ParsedSentence parse, Token t) {
    Token cur = t;
    for (int depth = 0; depth < 12; depth++) {
      Token head = parse.head(cur);
      if (head == null || CLAUSE_RELATIONS.contains(cur.relation())) {
        return cur;
      }
      cur = head;
    }
    return cur;
  }

  /** The mentions within a token's subtree. */
  private static List<Mention> mentionsUnder(ParsedSentence parse, Token root, List<Mention> mentions) {
    List<Mention> found = new ArrayList<>();
    for (Mention m : mentions) {
      Token at = parse.tokenAt(m.start());
      if (at != null && parse.dominates(root, at)) {
        found.add(m);
      }
    }
    return found;
  }

  /** The states a noun phrase stands for, resolving a pronoun ("he", "its government") from the sentence. */
  private List<String> resolve(ParsedSentence parse, Token head, List<Mention> mentions) {
    if (head == null) {
      return List.of();
    }
    List<String> states = statesOf(parse, head, mentions);
    if (!states.isEmpty()) {
      return states;
    }
    String plural = head.word().toLowerCase(Locale.ROOT);
    if (plural.equals("their") || plural.equals("they") || plural.equals("them")) {
      // "Putin shakes hands with Kim after their talks": the states named before it in the sentence.
      Set<String> named = new LinkedHashSet<>();
      for (Mention m : mentions) {
        Token at = parse.tokenAt(m.start());
        if (m.end() <= head.begin() && m.form() != StateForm.ADJECTIVE && m.form() != StateForm.DEMONYM && at != null
            && !PLACE_PREPS.contains(parse.caseOf(at))) {
          named.add(m.iso3());
        }
      }
      if (named.size() > 1) {
        return List.copyOf(named);
      }
    }
    if (isGroupReference(parse, head) && salientGroup.size() > 1) {
      // "They agreed ...", "the two countries", "both sides": the states last named together.
      return salientGroup;
    }
    Token pronounToken = head.isPronoun() ? head : null;
    if (pronounToken == null && organ.contains(head.lemma().toLowerCase(Locale.ROOT))) {
      // "his country", "its government": whose the pronoun says.
      pronounToken = parse.children(head, "nmod:poss").stream().filter(Token::isPronoun).findFirst().orElse(null);
    }
    if (pronounToken == null || !pronoun.contains(pronounToken.word().toLowerCase(Locale.ROOT))) {
      return List.of();
    }
    // A pronoun in what someone said refers to the speaker: "Putin said he appreciated ...".
    Token verb = speechVerb(parse, pronounToken);
    if (verb != null) {
      Token speaker = speakerOf(parse, verb);
      if (speaker != null && speaker.index() != pronounToken.index() && !speaker.isPronoun()) {
        List<String> s = statesOf(parse, speaker, mentions);
        if (!s.isEmpty()) {
          return s;
        }
      }
    }
    // A subject pronoun in a clause under another ("Saudi Arabia welcomed ..., saying it supported"):
    // the governing clause's subject.
    if (pronounToken.relation().startsWith("nsubj")) {
      Token clause = parse.head(pronounToken);
      Token governor = clause == null ? null : parse.head(clause);
      if (governor != null && governor.isVerb() && !CLAUSE_RELATIONS.contains("x") && (clause.relation().equals("advcl")
          || clause.relation().equals("ccomp") || clause.relation().equals("conj") || clause.relation().equals("xcomp"))) {
        Token gs = subject(parse, governor);
        if (gs != null && gs.index() != pronounToken.index() && !gs.isPronoun()) {
          List<String> st = statesOf(parse, gs, mentions);
          if (!st.isEmpty()) {
            return st;
          }
        }
      }
    }
    // Otherwise the nearest state named before it in the sentence: a person for "he" and "she", a
    // state for "it" and "they"; never a place ("in the USA").
    String word = pronounToken.word().toLowerCase(Locale.ROOT);
    boolean personal = word.equals("he") || word.equals("she") || word.equals("his") || word.equals("her")
        || word.equals("i") || word.equals("my");
    Mention nearest = null;
    for (Mention m : mentions) {
      Token at = parse.tokenAt(m.start());
      boolean place = at != null && PLACE_PREPS.contains(parse.caseOf(at));
      if (m.end() <= pronounToken.begin() && m.form() != StateForm.ADJECTIVE && m.form() != StateForm.DEMONYM && !place
          && (personal == m.isPerson())) {
        nearest = m;
      }
    }
    return nearest == null ? List.of() : List.of(nearest.iso3());
  }

  /**
   * The states a target phrase names: everything under it but places ("the ambassador in Seoul")
   * — wider than an actor's phrase, since "sanctions on Australian wine" target Australia.
   */
  private List<String> targetStates(ParsedSentence parse, Token head, List<Mention> mentions) {
    LinkedHashSet<String> states = new LinkedHashSet<>(statesOf(parse, head, mentions));
    for (Mention m : mentionsUnder(parse, head, mentions)) {
      Token at = parse.tokenAt(m.start());
      if (at != null && !underPlace(parse, head, at) && !onTopic(parse, at) && !underRelative(parse, head, at)) {
        states.add(m.iso3());
      }
    }
    if (onTopic(parse, head)) {
      states.clear();
    }
    if (states.isEmpty() && head.isPronoun()) {
      states.addAll(resolve(parse, head, mentions));
    }
    return new ArrayList<>(states);
  }

  /**
   * Whether a token stands in a clause co-ordinated with the trigger's ("Japan protested, and China
   * criticised Japan") rather than in the trigger's own clause or the sentence around it.
   */
  private static boolean inOtherClause(ParsedSentence parse, Token clause, Token t) {
    for (Token c : parse.children(clause, "conj", "parataxis")) {
      if (c.isVerb() && parse.dominates(c, t)) {
        return true;
      }
    }
    Token head = parse.head(clause);
    if (head != null && clause.relation().equals("conj") && !parse.dominates(clause, t)) {
      return true;
    }
    return false;
  }

  /** Whether a token hangs from {@code root} through a relative or adverbial clause. */
  /**
   * Whether a token lies in a relative clause within {@code root}'s phrase ("the airstrike that
   * destroyed Iraq's embassy"): the victim of the thing condemned is not the one condemned.
   */
  private static boolean underRelative(ParsedSentence parse, Token root, Token t) {
    Token cur = t;
    while (cur != null && cur.index() != root.index()) {
      if (cur.isVerb() && parse.children(cur, "nsubj").stream().anyMatch(Frames::isRelativePronoun)) {
        return true;
      }
      cur = parse.head(cur);
    }
    return false;
  }

  /**
   * The relative clause a noun's dependent is or holds: the dependent itself ("an airstrike that
   * destroyed ..."), or one hung on its participle ("an airstrike attributed to Israel that
   * destroyed ..."); null when there is none.
   */
  private static Token relativeClauseOf(ParsedSentence parse, Token dependent) {
    if (!dependent.relation().startsWith("acl")) {
      return null;
    }
    for (Token v : java.util.stream.Stream.concat(java.util.stream.Stream.of(dependent),
        parse.children(dependent, "ccomp", "acl:relcl").stream()).toList()) {
      if (v.isVerb() && parse.children(v, "nsubj").stream().anyMatch(Frames::isRelativePronoun)) {
        return v;
      }
    }
    return null;
  }

  private static boolean underClause(ParsedSentence parse, Token root, Token t) {
    Token cur = t;
    while (cur != null && cur.index() != root.index()) {
      String rel = cur.relation();
      if (rel.equals("acl:relcl") || rel.equals("advcl") || rel.equals("acl") || rel.equals("parataxis")
          || rel.equals("conj") && cur.isVerb()) {
        return true;
      }
      cur = parse.head(cur);
    }
    return false;
  }

  /** "the Ukrainian issue", "the Korean nuclear question": a state adjective on a subject of talk. */
  private boolean onTopic(ParsedSentence parse, Token at) {
    Token noun = at.relation().equals("amod") || at.relation().equals("compound") ? parse.head(at) : null;
    return noun != null && topic.contains(noun.lemma().toLowerCase(Locale.ROOT));
  }

  /** Whether a token hangs from {@code root} through a place phrase ("in Seoul"), but not where troops are sent. */
  private static boolean underPlace(ParsedSentence parse, Token root, Token t) {
    Token cur = t;
    while (cur != null && cur.index() != root.index()) {
      Token head = parse.head(cur);
      if ((cur.relation().startsWith("nmod") || cur.relation().startsWith("obl")) && PLACE_PREPS.contains(parse.caseOf(cur))
          && !(head != null && PRESENCE.contains(head.lemma().toLowerCase(Locale.ROOT)))) {
        return true;
      }
      cur = parse.head(cur);
    }
    return false;
  }

  /** Whether a noun says whose it is by itself ("Beijing's decision"). */
  private boolean statesOfOwn(ParsedSentence parse, Token noun) {
    return !statesOf(parse, noun, sentenceMentions).isEmpty() || !parse.children(noun, "nmod:poss").isEmpty();
  }

  /** "they", "the two countries", "both leaders", "the three nations". */
  private static boolean isGroupReference(ParsedSentence parse, Token head) {
    String word = head.word().toLowerCase(Locale.ROOT);
    if (word.equals("they") || word.equals("both")) {
      return true;
    }
    if (!head.tag().equals("NNS")) {
      return false;
    }
    for (Token c : parse.children(head)) {
      String w = c.word().toLowerCase(Locale.ROOT);
      if (w.equals("two") || w.equals("three") || w.equals("both") || w.equals("four")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a subject with no state of its own stands for the salient state: a pronoun, an organ. */
  private boolean isStandIn(Token head) {
    String word = head.word().toLowerCase(Locale.ROOT);
    return (head.isPronoun() && pronoun.contains(word)) || organ.contains(head.lemma().toLowerCase(Locale.ROOT));
  }

  /**
   * The states a noun phrase names: mentions on its head and on the words that say whose it is
   * (compounds, adjectives, possessors, "of"/"from" phrases, appositions, conjuncts), not on
   * places ("the ambassador in Seoul") or clauses inside it.
   */
  List<String> statesOf(ParsedSentence parse, Token head, List<Mention> mentions) {
    LinkedHashSet<String> states = new LinkedHashSet<>();
    collect(parse, head, mentions, states, 0);
    return new ArrayList<>(states);
  }

  private void collect(ParsedSentence parse, Token t, List<Mention> mentions, Set<String> states, int depth) {
    if (depth > 6) {
      return;
    }
    if (depth == 0 && nonState.contains(t.lemma().toLowerCase(Locale.ROOT))) {
      // "Iranian protesters", "Chinese companies": people of a state, not the state.
      return;
    }
    for (Mention m : mentions) {
      if (m.start() < t.end() && m.end() > t.begin()) {
        states.add(m.iso3());
      }
    }
    List<Token> children = new ArrayList<>(parse.children(t));
    children.sort(java.util.Comparator.comparingInt(Token::index));
    for (Token c : children) {
      String rel = c.relation();
      if (!PHRASE_RELATIONS.contains(rel) && !rel.startsWith("nmod") && !rel.startsWith("compound")) {
        if (!(rel.equals("acl") && c.lemma().equalsIgnoreCase("lead"))) {
          continue;
        }
      }
      if (rel.equals("nsubj") && !t.isNoun()) {
        continue;
      }
      if (rel.startsWith("nmod") && !rel.equals("nmod:poss") && !OWN_PREPS.contains(parse.caseOf(c))) {
        continue;
      }
      collect(parse, c, mentions, states, depth + 1);
    }
  }

  /** Whether the phrase names a head of state or government, or one by title. */
  private boolean isLeaderRank(ParsedSentence parse, Token head, List<Mention> mentions) {
    if (head == null) {
      return false;
    }
    String plural = head.word().toLowerCase(Locale.ROOT);
    if (plural.equals("their") || plural.equals("they") || plural.equals("them")) {
      // "Biden and Xi agreed ..., outcomes of their talks": as the leaders named before it.
      long leadersBefore = mentions.stream().filter(m -> m.end() <= head.begin() && m.isLeader()).map(Mention::iso3)
          .distinct().count();
      if (leadersBefore > 1) {
        return true;
      }
    }
    if (isPersonalPronoun(head)) {
      // "Putin said he appreciated ..., during a rare visit": he is the speaker, and ranks as the speaker.
      Token verb = speechVerb(parse, head);
      Token speaker = verb == null ? null : speakerOf(parse, verb);
      if (speaker != null && speaker.index() != head.index() && !speaker.isPronoun()) {
        return isLeaderRank(parse, speaker, mentions);
      }
    }
    Set<String> words = new java.util.HashSet<>(forms(head));
    for (Token c : parse.children(head)) {
      if (c.relation().startsWith("compound") || c.relation().equals("amod") || c.relation().equals("appos")
          || c.relation().equals("flat")) {
        words.addAll(forms(c));
      }
    }
    if (words.stream().anyMatch(leaderTitle::contains) && !words.contains("minister")
        || words.contains("prime") || words.contains("president") && !words.contains("vice")) {
      return true;
    }
    for (Mention m : mentions) {
      if (m.isLeader() && m.start() < head.end() + 1 && m.end() > head.begin() - 40) {
        Token at = parse.tokenAt(m.start());
        if (at != null && parse.dominates(head, at)) {
          return true;
        }
      }
    }
    // A conjoined head ("Xi and Kim") counts by its first member.
    return false;
  }

  /**
   * How the text presents the event, or null when it did not happen: negated ("did not meet"),
   * asked for ("urged Seoul to talk"), hypothetical ("if Pyongyang attacks"), or someone's
   * opinion ("analysts say ...").
   */
  private Trigger trigger0;

  private Modality modality(ParsedSentence parse, Token t, Token predicate) {
    if (t.isNoun() && (t.relation().startsWith("obl") || t.relation().startsWith("nmod"))
        && Set.of("after", "following", "since").contains(parse.caseOf(t)) && hasOwnPastDate(parse, t)) {
      // "were expected to establish ties after Kim's trip to Beijing on Sept. 3 last year": what a
      // time phrase dates in the past happened, whatever is said of the clause around it.
      return Modality.FACT;
    }
    Modality modality = Modality.FACT;
    boolean negatedTrigger = trigger0 != null && trigger0.negated();
    Token tHead = parse.head(t);
    if (t.isNoun() && tHead != null && t.relation().equals("obj") && requesting.contains(tHead.lemma().toLowerCase(Locale.ROOT))) {
      // "proposed a summit": the summit is a plan.
      modality = Modality.PLANNED;
    }
    // "ahead of weekend talks": not yet.
    for (int i = Math.max(0, t.index() - 4); i < t.index(); i++) {
      if (parse.token(i).word().equalsIgnoreCase("ahead") && i + 1 < t.index() && parse.token(i + 1).word().equalsIgnoreCase("of")) {
        modality = Modality.PLANNED;
      }
    }
    for (Token c : parse.children(t)) {
      String lemma = c.lemma().toLowerCase(Locale.ROOT);
      if ((c.relation().equals("advmod") || c.relation().equals("det") || c.relation().equals("neg"))
          && negation.contains(lemma) && !negatedTrigger) {
        return null;
      }
      if (c.relation().equals("amod") && plannedMod.contains(lemma)
          || c.relation().equals("acl") && (planning.contains(lemma) || lemma.equals("schedule") || lemma.equals("due"))) {
        // "the upcoming summit", "the exercise, set to begin Aug. 18".
        modality = Modality.PLANNED;
      }
    }
    Token cur = predicate;
    boolean first = true;
    for (int depth = 0; cur != null && depth < 8; depth++) {
      for (Token c : parse.children(cur)) {
        String lemma = c.lemma().toLowerCase(Locale.ROOT);
        String word = c.word().toLowerCase(Locale.ROOT);
        String rel = c.relation();
        if ((rel.equals("advmod") || rel.equals("neg")) && negation.contains(lemma) && !(negatedTrigger && cur == t)) {
          return null;
        }
        if (rel.equals("mark") && hypothetical.contains(lemma)) {
          return null;
        }
        if (rel.equals("aux")) {
          if (obligation.contains(word) && !firstPersonSubject(parse, cur)) {
            // (But "we must oppose and counter them" is a speaker's resolve, said and so done.)
            return null;
          }
          if (future.contains(word) || future.contains(lemma)) {
            modality = Modality.PLANNED;
          } else if (hedgeAux.contains(word) && modality == Modality.FACT) {
            modality = Modality.HEDGED;
          }
        }
        if (rel.equals("advmod") && hedge.contains(lemma) && modality == Modality.FACT) {
          modality = Modality.HEDGED;
        }
      }
      Token head = parse.head(cur);
      String rel = cur.relation();
      if (head == null) {
        break;
      }
      String headLemma = head.lemma().toLowerCase(Locale.ROOT);
      if (rel.equals("advcl") && cur.tag().equals("VB") && hasMark(parse, cur, "to") && head.isVerb()
          && !planning.contains(headLemma)) {
        // "willing to work with Laos to strengthen ties": what an act is for has not been done.
        // (After a verb of intent, "would aim to finalise a deal", it is the plan itself.)
        return null;
      }
      if (rel.equals("advcl") && hasMark(parse, cur, "to") && planning.contains(headLemma)) {
        modality = Modality.PLANNED;
      }
      if ((rel.equals("advcl") || rel.startsWith("obl")) && hasMark(parse, cur, "against")) {
        // "warned its citizens against travelling to Japan": no travel.
        return null;
      }
      if (rel.equals("xcomp") && headLemma.equals("be")) {
        // "was to host": a plan.
        modality = Modality.PLANNED;
      }
      if ((rel.startsWith("nmod") || rel.startsWith("obl")) && (parse.caseOf(cur).startsWith("ahead") || parse.caseOf(cur).equals("before")
          || parse.caseOf(cur).startsWith("prior"))) {
        // "ahead of weekend talks": they have not happened yet.
        modality = Modality.PLANNED;
      }
      if (rel.equals("xcomp") || (rel.equals("obj") && !first) || rel.equals("ccomp") && !speech.contains(headLemma)) {
        if (negating.contains(headLemma)) {
          return null;
        }
        if (rel.equals("xcomp") && threatening.contains(headLemma) && !cur.lemma().equalsIgnoreCase(headLemma)) {
          // "threatened to strike US bases": a threat, not a strike.
          return null;
        }
        if (requesting.contains(headLemma) && cur == t && t.isNoun()) {
          // "proposed a summit": the summit is a plan.
          modality = Modality.PLANNED;
        }
        if ((headLemma.equals("expect") || headLemma.equals("predict") || headLemma.equals("forecast"))
            && parse.children(head, "aux:pass").stream().anyMatch(a -> a.tag().equals("VBD"))) {
          // "were expected to establish closer ties": a past expectation, not an event.
          return null;
        }
        if (requesting.contains(headLemma) && !(cur == t && t.isNoun())) {
          return null;
        }
        if (hedge.contains(headLemma) && modality == Modality.FACT) {
          modality = Modality.HEDGED;
        } else if (planning.contains(headLemma) && !isAgreementStep(t, headLemma, trigger0)) {
          modality = Modality.PLANNED;
        }
      } else if (rel.equals("ccomp") || rel.equals("parataxis")) {
        // What someone said: an analyst's view is not a state's act.
        Token speaker = speakerOf(parse, head);
        if (isOpinionSpeaker(parse, speaker)) {
          return null;
        }
        break;
      } else if (CLAUSE_RELATIONS.contains(rel) && !rel.equals("advcl")) {
        break;
      } else if (rel.equals("acl") && cur.tag().equals("VBN")) {
        // "will respond to tariffs imposed by the US": a participle on a noun tells a state of its own time.
        break;
      } else if (rel.equals("advcl")) {
        break;
      }
      first = false;
      cur = head;
    }
    // The speaker of the sentence, when the trigger is in what they said.
    Token verb = speechVerb(parse, t);
    if (verb != null) {
      Token speaker = speakerOf(parse, verb);
      if (isOpinionSpeaker(parse, speaker)) {
        return null;
      }
    }
    return modality;
  }

  /** "agreed to resume flights" is the agreement itself, a fact, not a plan. */
  private static boolean isAgreementStep(Token t, String headLemma, Trigger trigger) {
    if (headLemma.equals("decide") || headLemma.equals("announce")) {
      return true;
    }
    return headLemma.equals("agree") && trigger != null && (trigger.type() == EventType.COOPERATION_STEP
        || trigger.type() == EventType.TREATY || trigger.type() == EventType.COOPERATION_STALLED);
  }

  /**
   * The event's own date: a date expression of the trigger's clause (not of a clause inside it);
   * else a fact reported in the present or present perfect, or in the simple past without a date
   * of its own, takes the paragraph's date or the report's date; a plan without a date takes the
   * date of its announcement; background (a state, a habit) has none.
   */
  private String date(ParsedSentence parse, Token t, Token predicate, String text, Modality modality,
      String inheritedDate) {
    Token clause = clauseHead(parse, predicate);
    String clauseText = clauseOnly(parse, text, clause, t);
    // A weekday is the coming one only when the text speaks of the future ("will meet on Monday");
    // "proposed a summit on Monday" is Monday past.
    boolean ahead = modality == Modality.PLANNED && futureAhead(parse, predicate);
    if (t.isNoun()) {
      // A noun's own phrase dates it: "the exercise, set to begin Aug. 18", "the summit in June".
      String ownText = clauseOnly(parse, text, t, t);
      String ownDate = DateResolver.mayHoldDate(ownText)
          ? DateResolver.resolveOwn(ownText, t.begin(), t.end(), reference, ahead) : null;
      if (ownDate != null) {
        return ownDate;
      }
      Token governor = parse.head(t);
      if (governor != null && governor.isVerb() && t.relation().equals("obj") && predicate.index() == t.index()) {
        // "Beijing criticised the exercise on Monday": a noun referred to by another act takes the
        // clause's date only as a guess, which a dated report of the same act replaces.
        dateGuessed = true;
      }
    }
    if (t.isVerb() && t.index() != clause.index() && t.relation().equals("xcomp")) {
      // "agreed on Friday to meet again in October": the verb's own phrase dates what it tells; a
      // date there is the plan's, ahead of the report, when the event is planned.
      String ownText = clauseOnly(parse, text, t, t);
      String ownDate = DateResolver.mayHoldDate(ownText)
          ? DateResolver.resolve(ownText, t.begin(), t.end(), reference, modality == Modality.PLANNED) : null;
      if (ownDate != null) {
        return ownDate;
      }
    }
    String date = DateResolver.mayHoldDate(clauseText)
        ? DateResolver.resolve(clauseText, t.begin(), t.end(), reference, ahead) : null;
    if (date != null) {
      return date;
    }
    String relative = relativeToMainClause(parse, predicate.isVerb() && predicate.relation().equals("conj") ? predicate : clause,
        text, inheritedDate);
    if (relative != null) {
      return relative;
    }
    if (background(parse, t, predicate, clause)) {
      return null;
    }
    // A date the parser hung on another clause ("On Jan. 4, the day X arrived, Y launched"), but not
    // one of a clause inside the event's own (a background "after ... last year"), nor the date of
    // the saying when the event is what was said.
    if (DateResolver.mayHoldDate(text)) {
      boolean[] outer = new boolean[text.length()];
      java.util.Arrays.fill(outer, true);
      unmarkNested(parse, clause, outer, 0);
      date = DateResolver.resolve(blankedOutside(text, outer), t.begin(), t.end(), reference, false);
      if (date != null && !aheadOfDone(parse, clause, date)) {
        return date;
      }
    }
    String only = DateResolver.onlyDate(withoutRelatives(parse, text), reference);
    if (only != null && aheadOfDone(parse, clause, only)) {
      only = null;
    }
    if (only != null && modality == Modality.FACT && reportingVerb(parse, t) == null) {
      // One date in the sentence, lost by the parser ("threatened on Wednesday to retaliate").
      return only;
    }
    if (modality == Modality.PLANNED) {
      // An intention with no day of its own is dated by its announcement when the text gives that
      // ("said in July they would ..."); otherwise it has no date.
      Token verb = reportingVerb(parse, t);
      if (verb != null) {
        String saying = clauseOnly(parse, text, verb, verb);
        String when = DateResolver.mayHoldDate(saying)
            ? DateResolver.resolve(saying, verb.begin(), verb.end(), reference) : null;
        if (when != null) {
          return when;
        }
      }
      // Otherwise announced in this report: dated by it (the date the news gives for the plan).
      dateGuessed = true;
      return reference.toString();
    }
    boolean past = predicate.tag().equals("VBD") && !hasAux(parse, predicate, "have");
    if (past && inheritedDate != null) {
      return inheritedDate;
    }
    dateGuessed = true;
    return reference.toString();
  }

  /**
   * "agreed to hold talks next week after concluding negotiations": what was done before a plan
   * does not take the plan's date. True for a clause of "after" (or "since") whose date found
   * elsewhere lies after the report's date.
   */
  private boolean aheadOfDone(ParsedSentence parse, Token clause, String date) {
    return clause.relation().equals("advcl") && (hasMark(parse, clause, "after") || hasMark(parse, clause, "since"))
        && laterThanReference(date);
  }

  /** A day, month or year wholly after the report's date. */
  private boolean laterThanReference(String date) {
    return switch (date.length()) {
      case 10 -> LocalDate.parse(date).isAfter(reference);
      case 7 -> java.time.YearMonth.parse(date).isAfter(java.time.YearMonth.from(reference));
      case 4 -> Integer.parseInt(date) > reference.getYear();
      default -> false;
    };
  }

  private static final Map<String, Integer> SMALL_NUMBERS = Map.of("a", 1, "an", 1, "one", 1, "two", 2, "three", 3,
      "four", 4, "five", 5, "1", 1, "2", 2, "3", 3);

  /**
   * "summoned the ambassador a day after coastguards used water cannon": an act in a clause of
   * "after" (or "before") measured in days from the main clause is dated from the main clause's
   * date — "hours after" is its day. Null when the clause is not such a clause.
   */
  private String relativeToMainClause(ParsedSentence parse, Token clause, String text, String inheritedDate) {
    Token adverbial = clause;
    if (clause.relation().equals("conj") && clause.index() >= 2 && parse.token(clause.index() - 1).relation().equals("cc")
        && parse.token(clause.index() - 2).isVerb() && parse.token(clause.index() - 2).relation().equals("advcl")) {
      // "a day after coastguards blocked and used water cannon", the conjunct hung on the main verb.
      adverbial = parse.token(clause.index() - 2);
    } else if (clause.relation().equals("conj") && parse.head(clause) != null
        && parse.head(clause).relation().equals("advcl")) {
      adverbial = parse.head(clause);
    }
    if (!adverbial.relation().equals("advcl")) {
      return null;
    }
    int sign;
    if (hasMark(parse, adverbial, "after")) {
      sign = -1;
    } else if (hasMark(parse, adverbial, "before")) {
      sign = 1;
    } else {
      return null;
    }
    Integer days = null;
    for (Token c : parse.children(adverbial)) {
      String unit = c.lemma().toLowerCase(Locale.ROOT);
      if (c.index() > adverbial.index() || !(unit.equals("day") || unit.equals("hour"))) {
        continue;
      }
      if (unit.equals("hour")) {
        days = 0;
        continue;
      }
      for (Token n : parse.children(c)) {
        Integer k = SMALL_NUMBERS.get(n.word().toLowerCase(Locale.ROOT));
        if (k != null && (n.relation().equals("det") || n.relation().equals("nummod"))) {
          days = k;
        }
      }
    }
    Token main = parse.head(adverbial);
    if (days == null || main == null || !main.isVerb()) {
      return null;
    }
    boolean guessed = dateGuessed;
    String mainDate = date(parse, main, main, text, Modality.FACT, inheritedDate);
    dateGuessed = guessed;
    if (mainDate == null || mainDate.length() != 10) {
      return null;
    }
    return LocalDate.parse(mainDate).plusDays((long) sign * days).toString();
  }

  /**
   * Background rather than news of the day, so undated: a state ("the long-delayed bridge"), a
   * habit ("has long criticised"), or a trigger under a verb of lasting state ("has become a key
   * backer ..., voicing support").
   */
  private boolean background(ParsedSentence parse, Token t, Token predicate, Token clause) {
    if ((t.tag().startsWith("JJ") || t.tag().equals("VBN") && t.relation().equals("amod")) && (trigger0 == null || !trigger0.speech())) {
      return true;
    }
    for (Token x : List.of(t, predicate, clause)) {
      for (Token c : parse.children(x, "advmod")) {
        if (durative.contains(c.lemma().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    if (clause.index() == predicate.index() && predicate.tag().equals("VBG") && parse.head(predicate) != null
        && parse.children(predicate, "mark").isEmpty()) {
      // "has become a key backer ..., voicing support": the participle shares its clause's tense.
      clause = parse.head(predicate);
    }
    String clauseLemma = clause.lemma().toLowerCase(Locale.ROOT);
    boolean present = clause.tag().equals("VBZ") || clause.tag().equals("VBP") || hasAux(parse, clause, "have")
        && !clause.tag().equals("VBD");
    return clause.index() != predicate.index() && stative.contains(clauseLemma) && present;
  }

  private boolean futureAhead(ParsedSentence parse, Token predicate) {
    Token cur = predicate;
    for (int depth = 0; cur != null && depth < 4; depth++) {
      for (Token c : parse.children(cur, "aux")) {
        if (future.contains(c.word().toLowerCase(Locale.ROOT)) || future.contains(c.lemma().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
      if (cur.tag().equals("VBD") || cur.tag().equals("VBN") && hasAux(parse, cur, "have")) {
        if (!planning.contains(cur.lemma().toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
      if (planning.contains(cur.lemma().toLowerCase(Locale.ROOT)) || cur.tag().equals("VBG") && cur.lemma().equalsIgnoreCase("go")) {
        return true;
      }
      if (!cur.relation().equals("xcomp") && !cur.relation().equals("conj")) {
        break;
      }
      cur = parse.head(cur);
    }
    return predicate.tag().equals("VB") || predicate.tag().equals("VBP") || predicate.tag().equals("VBZ");
  }

  private static boolean hasAux(ParsedSentence parse, Token verb, String lemma) {
    for (Token c : parse.children(verb, "aux")) {
      if (c.lemma().equalsIgnoreCase(lemma)) {
        return true;
      }
    }
    return false;
  }

  /** The sentence with its relative clauses blanked out. */
  private static String withoutRelatives(ParsedSentence parse, String text) {
    char[] chars = text.toCharArray();
    for (Token r : parse.tokens()) {
      if (r.relation().equals("acl:relcl")) {
        for (Token d : parse.tokens()) {
          if (parse.dominates(r, d)) {
            for (int i = Math.max(0, d.begin()); i < Math.min(chars.length, d.end()); i++) {
              chars[i] = ' ';
            }
          }
        }
      }
    }
    return new String(chars);
  }

  /** The sentence with everything but a clause (less the clauses nested in it) blanked out. */
  private static String clauseOnly(ParsedSentence parse, String text, Token clause, Token trigger) {
    boolean[] keep = new boolean[text.length()];
    markClause(parse, clause, keep, 0, trigger);
    return blankedOutside(text, keep);
  }

  /** The text with the characters not kept turned to spaces (offsets stay the same). */
  private static String blankedOutside(String text, boolean[] keep) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (!keep[i]) {
        chars[i] = ' ';
      }
    }
    return new String(chars);
  }

  /** Unmarks the clauses nested in a clause. */
  private static void unmarkNested(ParsedSentence parse, Token t, boolean[] keep, int depth) {
    if (depth > 40) {
      return;
    }
    for (Token c : parse.children(t)) {
      String rel = c.relation();
      boolean participle = (rel.equals("advcl") || rel.equals("acl")) && (c.tag().equals("VBG") || c.tag().equals("VBN"))
          && parse.children(c, "mark").isEmpty();
      if (!participle && (rel.equals("ccomp") || rel.equals("acl:relcl") || rel.equals("parataxis") || rel.equals("csubj")
          || rel.equals("advcl"))) {
        for (Token d : parse.tokens()) {
          if (parse.dominates(c, d)) {
            for (int i = Math.max(0, d.begin() - 1); i < Math.min(keep.length, d.end()); i++) {
              keep[i] = false;
            }
          }
        }
      } else {
        unmarkNested(parse, c, keep, depth + 1);
      }
    }
  }

  /** Marks the characters of a clause, leaving out the clauses nested in it. */
  private static void markClause(ParsedSentence parse, Token t, boolean[] keep, int depth, Token trigger) {
    if (depth > 40) {
      return;
    }
    for (int i = Math.max(0, t.begin()); i < Math.min(keep.length, t.end()); i++) {
      keep[i] = true;
    }
    // Keep the space before a word so "on Jan. 4" stays one expression.
    if (t.begin() > 0 && t.begin() - 1 < keep.length) {
      keep[t.begin() - 1] = true;
    }
    for (Token c : parse.children(t)) {
      String rel = c.relation();
      boolean describesTrigger = rel.equals("acl:relcl") && t.index() == trigger.index();
      if (!describesTrigger && (rel.equals("ccomp") || rel.equals("acl:relcl") || rel.equals("parataxis")
          || rel.equals("csubj") || rel.equals("advcl"))) {
        // (A relative clause on the trigger itself describes it: "an airstrike that ... the previous day".)
        continue;
      }
      markClause(parse, c, keep, depth + 1, trigger);
    }
  }
}
