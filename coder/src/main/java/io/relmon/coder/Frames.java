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
  private static final Set<String> PLACE_PREPS = Set.of("in", "at", "near", "during", "inside", "outside", "off",
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

  /** The state that last acted as a subject, for pronouns and organs without their state. */
  private String salient;

  Frames(Lexicon lexicon, Map<EventType, TypeInfo> types, LocalDate reference) {
    this.lexicon = lexicon;
    this.types = types;
    this.reference = reference;
    this.negation = lexicon.words("negation");
    this.negating = lexicon.words("negating");
    this.requesting = lexicon.words("requesting");
    this.hedge = lexicon.words("hedge");
    this.hedgeAux = lexicon.words("hedge-aux");
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
  }

  String salient() {
    return salient;
  }

  /** A sentence that was not parsed: its first state named as a noun becomes the salient one. */
  void noteSubject(List<Mention> mentions) {
    for (Mention m : mentions) {
      if (m.form() != StateForm.ADJECTIVE && m.form() != StateForm.DEMONYM) {
        salient = m.iso3();
        return;
      }
    }
  }

  /** A parsed sentence: the state of its main subject becomes the salient one. */
  void noteSubject(ParsedSentence parse, List<Mention> mentions) {
    for (Token t : parse.tokens()) {
      if (t.relation().equals("root")) {
        for (Token s : parse.children(t, "nsubj", "nsubj:pass")) {
          List<String> states = statesOf(parse, s, mentions);
          if (!states.isEmpty()) {
            salient = states.get(0);
            return;
          }
        }
      }
    }
    noteSubject(mentions);
  }

  /** A trigger matched at a token. */
  private record Hit(Token token, Trigger trigger) {}

  /** The events of one parsed sentence. */
  List<CodedEvent> code(ParsedSentence parse, List<Mention> mentions, Sentence sentence, String inheritedDate) {
    List<Hit> hits = new ArrayList<>();
    for (Token t : parse.tokens()) {
      String lemma = t.lemma().toLowerCase(Locale.ROOT);
      for (Trigger trigger : lexicon.triggers(lemma)) {
        if (posMatches(t, trigger.pos()) && conditionsHold(parse, t, trigger)) {
          hits.add(new Hit(t, trigger));
          break;
        }
      }
    }
    List<CodedEvent> events = new ArrayList<>();
    for (Hit hit : hits) {
      if (absorbed(parse, hit, hits)) {
        continue;
      }
      events.addAll(frame(parse, hit, mentions, sentence, inheritedDate));
    }
    return events;
  }

  private static boolean posMatches(Token t, Pos pos) {
    return switch (pos) {
      case VERB -> t.isVerb();
      case NOUN -> t.isNoun();
      case ADJ -> t.tag().startsWith("JJ");
    };
  }

  /** The lemmas around a token that its conditions look at: its dependents, their prepositions, its head. */
  private static Set<String> around(ParsedSentence parse, Token t) {
    Set<String> lemmas = new java.util.HashSet<>();
    for (Token c : parse.children(t)) {
      lemmas.add(c.lemma().toLowerCase(Locale.ROOT));
      for (Token cc : parse.children(c)) {
        if (cc.relation().equals("case") || cc.relation().equals("compound") || cc.relation().equals("amod")) {
          lemmas.add(cc.lemma().toLowerCase(Locale.ROOT));
        }
      }
    }
    Token head = parse.head(t);
    if (head != null) {
      lemmas.add(head.lemma().toLowerCase(Locale.ROOT));
    }
    return lemmas;
  }

  /** The object of a verb (or its passive subject), or what a noun is of ("the expulsion of diplomats"). */
  private static List<Token> objects(ParsedSentence parse, Token t) {
    List<Token> objects = new ArrayList<>(parse.children(t, "obj", "nsubj:pass", "iobj"));
    if (t.isNoun()) {
      for (Token n : parse.children(t, "nmod")) {
        if (parse.caseOf(n).equals("of")) {
          objects.add(n);
        }
      }
    }
    if (objects.isEmpty() && t.relation().equals("acl")) {
      // "diplomats expelled by Paris": the participle's noun is its object.
      Token head = parse.head(t);
      if (head != null) {
        objects.add(head);
      }
    }
    List<Token> withConj = new ArrayList<>(objects);
    for (Token o : objects) {
      withConj.addAll(parse.children(o, "conj"));
    }
    return withConj;
  }

  private static boolean conditionsHold(ParsedSentence parse, Token t, Trigger trigger) {
    if (!trigger.obj().isEmpty() || !trigger.notObj().isEmpty()) {
      Set<String> objectLemmas = new java.util.HashSet<>();
      for (Token o : objects(parse, t)) {
        objectLemmas.add(o.lemma().toLowerCase(Locale.ROOT));
        for (Token c : parse.children(o, "compound")) {
          objectLemmas.add(c.lemma().toLowerCase(Locale.ROOT));
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
    if (!t.isNoun()) {
      return false;
    }
    Token head = parse.head(t);
    if (head == null) {
      return false;
    }
    String rel = t.relation();
    if (!(rel.equals("obj") || rel.equals("nsubj:pass") || rel.equals("compound") || rel.startsWith("obl")
        || rel.startsWith("nmod"))) {
      return false;
    }
    for (Hit other : hits) {
      if (other != hit && other.token().index() == head.index()) {
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
    // The verb that carries a noun trigger: "held talks", "imposed sanctions", "drew criticism".
    Token carrier = null;
    if (t.isNoun() || t.tag().startsWith("JJ")) {
      Token head = parse.head(t);
      String rel = t.relation();
      if (head != null && head.isVerb() && (rel.equals("obj") || rel.equals("nsubj:pass") || rel.startsWith("obl")
          || rel.equals("xcomp"))) {
        carrier = head;
      }
    }
    Token predicate = carrier != null ? carrier : t;
    Modality modality = modality(parse, t, predicate);
    if (modality == null) {
      return List.of();
    }
    LinkedHashSet<String> actors = new LinkedHashSet<>();
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    boolean leaders = false;
    boolean contextual = false;
    if (trigger.speech()) {
      Token verb = speechVerb(parse, t);
      if (verb == null) {
        return List.of();
      }
      Token speaker = subject(parse, verb);
      actors.addAll(resolve(parse, speaker, mentions));
      contextual = speaker != null && actors.isEmpty();
      if (actors.isEmpty() && speaker != null && isStandIn(speaker)) {
        addSalient(actors);
      }
      Token content = clauseHead(parse, t);
      for (Mention m : mentionsUnder(parse, content, mentions)) {
        targets.add(m.iso3());
      }
      leaders = isLeaderRank(parse, speaker, mentions);
    } else {
      Token subject = null;
      if (t.isVerb()) {
        subject = subject(parse, t);
        for (Token o : objects(parse, t)) {
          if (!parse.caseOf(o).equals("of") || !t.isVerb()) {
            targets.addAll(resolveTarget(parse, o, mentions));
          }
        }
        for (Token obl : parse.children(t, "obl", "iobj")) {
          String prep = parse.caseOf(obl);
          if (TARGET_PREPS.contains(prep) && !(prep.equals("by") && isPassive(parse, t))) {
            targets.addAll(resolveTarget(parse, obl, mentions));
          } else if (prep.equals("in") && isMove(t)) {
            // "arrived in Beijing": where a visitor arrives is whom they visit.
            targets.addAll(resolveTarget(parse, obl, mentions));
          }
        }
      } else {
        // A noun: its possessor, state adjective or by-phrase acts; its prepositional objects are targets.
        for (Token c : parse.children(t)) {
          String rel = c.relation();
          String prep = parse.caseOf(c);
          if (rel.equals("nmod:poss") || rel.equals("amod") || rel.equals("compound")
              || (rel.startsWith("nmod") && (prep.equals("by") || prep.equals("from")))) {
            if (rel.equals("compound") && statesOf(parse, c, mentions).size() > 1) {
              // "US-China talks": both are parties.
              List<String> both = statesOf(parse, c, mentions);
              actors.add(both.get(0));
              targets.addAll(both.subList(1, both.size()));
              continue;
            }
            List<String> states = statesOf(parse, c, mentions);
            if (!states.isEmpty() && subject == null) {
              subject = c;
            }
          } else if ((rel.startsWith("nmod") || rel.equals("obl")) && TARGET_PREPS.contains(prep)) {
            if (prep.equals("between") || prep.equals("among")) {
              List<String> parties = resolveTarget(parse, c, mentions);
              if (!parties.isEmpty() && actors.isEmpty() && subject == null) {
                actors.add(parties.get(0));
                targets.addAll(parties.subList(1, parties.size()));
              } else {
                targets.addAll(parties);
              }
            } else {
              targets.addAll(resolveTarget(parse, c, mentions));
            }
          } else if (rel.startsWith("nmod") && prep.equals("of") && hit.trigger().type() != EventType.STATE_VISIT) {
            targets.addAll(resolveTarget(parse, c, mentions));
          }
        }
        if (carrier != null) {
          if (receiving.contains(carrier.lemma().toLowerCase(Locale.ROOT)) && !trigger.type().equals(EventType.STATE_VISIT)) {
            // "drew criticism from Tokyo": the carrier's subject is on the receiving end.
            Token receiver = subject(parse, carrier);
            targets.addAll(resolve(parse, receiver, mentions));
          } else {
            if (subject == null || statesOf(parse, subject, mentions).isEmpty()) {
              subject = subject(parse, carrier);
            }
            for (Token obl : parse.children(carrier, "obl", "iobj")) {
              String prep = parse.caseOf(obl);
              if (TARGET_PREPS.contains(prep) && !(prep.equals("by") && isPassive(parse, carrier))) {
                targets.addAll(resolveTarget(parse, obl, mentions));
              }
            }
            if (t.relation().startsWith("obl")) {
              for (Token o : parse.children(carrier, "obj")) {
                targets.addAll(resolveTarget(parse, o, mentions));
              }
            }
          }
        } else if (t.relation().equals("nsubj") && parse.head(t) != null) {
          // "Talks between the two sides began": the participants are in the noun's own phrase.
          Token verb = parse.head(t);
          for (Token obl : parse.children(verb, "obl")) {
            String prep = parse.caseOf(obl);
            if (TARGET_PREPS.contains(prep) && !PLACE_PREPS.contains(prep)) {
              targets.addAll(resolveTarget(parse, obl, mentions));
            }
          }
        }
      }
      List<String> subjectStates = resolve(parse, subject, mentions);
      actors.addAll(subjectStates);
      if (subjectStates.isEmpty() && subject != null && isStandIn(subject)) {
        contextual = addSalient(actors);
      }
      if (actors.isEmpty() && subject == null && t.isVerb() && parse.head(t) == null) {
        contextual = false;
      }
      leaders = isLeaderRank(parse, subject, mentions);
      if (trigger.light() && actors.isEmpty() && targets.size() < 2) {
        return List.of();
      }
    }
    EventType type = trigger.typeFor(leaders);
    Double weight = trigger.weight();
    String plover = null;
    String cameo = null;
    if (trigger.attack() && !targets.isEmpty()) {
      type = EventType.MILITARY_ATTACK;
    }
    TypeInfo info = types.get(type);
    Targets policy = info.targets();
    boolean joint = false;
    if (actors.size() > 1) {
      // "India and China agreed", "Seoul and Washington held drills": the first named acts, the others are parties.
      List<String> group = new ArrayList<>(actors);
      actors.clear();
      actors.add(group.get(0));
      if (ClauseCoder.SYMMETRIC.contains(type) || policy == Targets.ANY) {
        joint = true;
        for (int i = group.size() - 1; i > 0; i--) {
          targets.add(group.get(i));
        }
      }
    }
    if (actors.isEmpty() && targets.size() >= 2 && ClauseCoder.SYMMETRIC.contains(type)) {
      // "the opening of the bridge between China and North Korea was delayed": undirected.
      String first = targets.iterator().next();
      targets.remove(first);
      actors.add(first);
      joint = true;
    }
    if (actors.isEmpty()) {
      return List.of();
    }
    String actor = actors.iterator().next();
    targets.remove(actor);
    if (type == EventType.MILITARY_EXERCISE) {
      if (joint && !targets.isEmpty()) {
        // Exercising together is cooperation between the participants (BRIEF §3: +4, COOPERATE/062).
        weight = 4.0;
        plover = "COOPERATE";
        cameo = "062";
      } else if (!hasHostileAim(parse, t)) {
        targets.clear();
      }
    } else if (policy == Targets.NONE) {
      targets.clear();
    } else if (targets.isEmpty() && policy != Targets.ANY) {
      return List.of();
    } else if (policy == Targets.FIRST && !targets.isEmpty()) {
      String first = targets.iterator().next();
      targets.clear();
      targets.add(first);
    }
    String date = date(parse, t, predicate, sentence.text(), modality, inheritedDate);
    double confidence = switch (modality) {
      case FACT -> 0.8;
      case PLANNED -> 0.6;
      case HEDGED -> 0.5;
    };
    if (contextual) {
      confidence -= 0.1;
    }
    List<List<String>> targetSets = new ArrayList<>();
    if (targets.size() > 1 && separately(parse, t)) {
      targets.forEach(x -> targetSets.add(List.of(x)));
    } else {
      targetSets.add(List.copyOf(targets));
    }
    List<CodedEvent> events = new ArrayList<>();
    for (List<String> ts : targetSets) {
      events.add(new CodedEvent(type, actor, ts, date, modality, weight != null ? weight : info.weight(), confidence,
          plover != null ? plover : info.plover(), plover != null ? null : info.ploverMode(),
          cameo != null ? cameo : info.cameo(), sentence.text(), sentence.start(), sentence.end()));
    }
    return events;
  }

  private boolean addSalient(Set<String> actors) {
    if (salient != null) {
      actors.add(salient);
      return true;
    }
    return false;
  }

  private static boolean isMove(Token t) {
    String lemma = t.lemma().toLowerCase(Locale.ROOT);
    return lemma.equals("arrive") || lemma.equals("land") || lemma.equals("travel") || lemma.equals("fly");
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

  /** An exercise is toward a state only when aimed at it: "drills against", "targeting", "aimed at". */
  private static boolean hasHostileAim(ParsedSentence parse, Token t) {
    for (Token c : parse.children(t)) {
      if (parse.caseOf(c).equals("against")) {
        return true;
      }
      String lemma = c.lemma().toLowerCase(Locale.ROOT);
      if (lemma.equals("target") || lemma.equals("aim") || lemma.equals("simulate")) {
        return true;
      }
    }
    return false;
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
      if (!subjects.isEmpty()) {
        return subjects.get(0);
      }
      if (!isPassive(parse, cur)) {
        List<Token> passive = parse.children(cur, "nsubj:pass");
        if (!passive.isEmpty()) {
          return null;
        }
      }
      String rel = cur.relation();
      if (rel.equals("xcomp") || rel.equals("conj") || rel.equals("advcl") && cur.tag().equals("VBG")) {
        cur = parse.head(cur);
      } else if (rel.equals("acl:relcl") || rel.equals("acl")) {
        // "Beijing, which claims ...": a relative clause's subject is the noun it modifies.
        Token head = parse.head(cur);
        return head;
      } else {
        return null;
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
      if ((rel.equals("ccomp") || rel.equals("parataxis") || rel.equals("xcomp") || rel.equals("obj"))
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

  /** The states a noun phrase stands for, resolving a pronoun or a bare organ to the salient state. */
  private List<String> resolve(ParsedSentence parse, Token head, List<Mention> mentions) {
    if (head == null) {
      return List.of();
    }
    List<String> states = statesOf(parse, head, mentions);
    if (!states.isEmpty()) {
      return states;
    }
    if (head.isPronoun() && pronoun.contains(head.word().toLowerCase(Locale.ROOT))) {
      // A pronoun in what someone said refers to the speaker: "Putin said he appreciated ...".
      Token verb = speechVerb(parse, head);
      if (verb != null) {
        Token speaker = parse.children(verb, "nsubj").stream().findFirst().orElse(null);
        if (speaker != null && speaker.index() != head.index()) {
          List<String> s = statesOf(parse, speaker, mentions);
          if (!s.isEmpty()) {
            return s;
          }
        }
      }
    }
    return List.of();
  }

  /** Targets: like {@link #resolve} but a pronoun object is not guessed. */
  private List<String> resolveTarget(ParsedSentence parse, Token head, List<Mention> mentions) {
    return statesOf(parse, head, mentions);
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
    Set<String> words = new java.util.HashSet<>();
    words.add(head.lemma().toLowerCase(Locale.ROOT));
    for (Token c : parse.children(head)) {
      if (c.relation().startsWith("compound") || c.relation().equals("amod") || c.relation().equals("appos")
          || c.relation().equals("flat")) {
        words.add(c.lemma().toLowerCase(Locale.ROOT));
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
  private Modality modality(ParsedSentence parse, Token t, Token predicate) {
    Modality modality = Modality.FACT;
    for (Token c : parse.children(t)) {
      String lemma = c.lemma().toLowerCase(Locale.ROOT);
      if ((c.relation().equals("advmod") || c.relation().equals("det") || c.relation().equals("neg"))
          && negation.contains(lemma)) {
        return null;
      }
      if (c.relation().equals("amod") && plannedMod.contains(lemma)) {
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
        if ((rel.equals("advmod") || rel.equals("neg")) && negation.contains(lemma)) {
          return null;
        }
        if (rel.equals("mark") && hypothetical.contains(lemma)) {
          return null;
        }
        if (rel.equals("aux")) {
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
      if (rel.equals("xcomp") || (rel.equals("obj") && !first) || rel.equals("ccomp") && !speech.contains(headLemma)) {
        if (negating.contains(headLemma)) {
          return null;
        }
        if (requesting.contains(headLemma) && !(cur == t && isTriggerNoun(t))) {
          return null;
        }
        if (hedge.contains(headLemma) && modality == Modality.FACT) {
          modality = Modality.HEDGED;
        } else if (planning.contains(headLemma) && !isAgreementStep(t, headLemma)) {
          modality = Modality.PLANNED;
        }
      } else if (rel.equals("ccomp") || rel.equals("parataxis")) {
        // What someone said: an analyst's view is not a state's act.
        Token speaker = parse.children(head, "nsubj").stream().findFirst().orElse(null);
        if (speaker != null && opinion.contains(speaker.lemma().toLowerCase(Locale.ROOT))) {
          return null;
        }
        break;
      } else if (CLAUSE_RELATIONS.contains(rel) && !rel.equals("advcl")) {
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
      Token speaker = parse.children(verb, "nsubj").stream().findFirst().orElse(null);
      if (speaker != null && opinion.contains(speaker.lemma().toLowerCase(Locale.ROOT))) {
        return null;
      }
    }
    return modality;
  }

  private static boolean isTriggerNoun(Token t) {
    return t.isNoun();
  }

  /** "agreed to resume flights" is the agreement itself, a fact, not a plan. */
  private static boolean isAgreementStep(Token t, String headLemma) {
    return headLemma.equals("agree") || headLemma.equals("decide") || headLemma.equals("announce");
  }

  /**
   * The event's own date: a date expression of the trigger's clause (not of a clause inside it);
   * else a fact reported in the present or present perfect, or in the simple past without a date
   * of its own, takes the paragraph's date or the report's date; a plan without a date has none.
   */
  private String date(ParsedSentence parse, Token t, Token predicate, String text, Modality modality,
      String inheritedDate) {
    Token clause = clauseHead(parse, predicate);
    char[] masked = text.toCharArray();
    boolean[] keep = new boolean[masked.length];
    markClause(parse, clause, keep, 0);
    for (int i = 0; i < masked.length; i++) {
      if (!keep[i]) {
        masked[i] = ' ';
      }
    }
    String clauseText = new String(masked);
    String date = DateResolver.mayHoldDate(clauseText)
        ? DateResolver.resolve(clauseText, t.begin(), t.end(), reference) : null;
    if (date != null) {
      return date;
    }
    if (modality == Modality.PLANNED) {
      return null;
    }
    boolean past = predicate.tag().equals("VBD") && !hasAux(parse, predicate, "have");
    if (past && inheritedDate != null) {
      return inheritedDate;
    }
    return reference.toString();
  }

  private static boolean hasAux(ParsedSentence parse, Token verb, String lemma) {
    for (Token c : parse.children(verb, "aux")) {
      if (c.lemma().equalsIgnoreCase(lemma)) {
        return true;
      }
    }
    return false;
  }

  /** Marks the characters of a clause, leaving out the clauses nested in it. */
  private static void markClause(ParsedSentence parse, Token t, boolean[] keep, int depth) {
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
      if (rel.equals("ccomp") || rel.equals("acl:relcl") || rel.equals("parataxis") || rel.equals("csubj")
          || rel.equals("advcl")) {
        continue;
      }
      markClause(parse, c, keep, depth + 1);
    }
  }
}
