package io.relmon.coder.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Repairs of the parser's systematic errors on news sentences, applied to its tree before the
 * frames are read. Each repair is a construction a grammar of news English names, not a sentence:
 * the parser's own output stays untouched elsewhere (its parity with CoreNLP is tested on the raw
 * trees).
 */
public final class ParseRepairs {

  /** Verbs that attribute a clause to its source: "..., his office said". */
  private static final Set<String> ATTRIBUTING = Set.of("say", "tell", "announce", "add", "report", "confirm",
      "state", "note", "write", "explain", "claim");

  private ParseRepairs() {}

  /** One repair: changes {@code tokens} (a copy of the tree's) and says whether it did. */
  private interface Repair {
    boolean apply(ParsedSentence parse, List<Token> tokens);
  }

  /** In order: each sees the tree the ones before it left. */
  private static final List<Repair> REPAIRS = List.of(ParseRepairs::trailingAttribution,
      ParseRepairs::gerundAfterPreposition, ParseRepairs::reducedRelativeRoot, ParseRepairs::respondWith,
      ParseRepairs::punctuationRoot, ParseRepairs::withObjectToInfinitive);

  /** The tree with every repair applied (the same object when none applies). */
  public static ParsedSentence repair(ParsedSentence parse) {
    if (parse == null) {
      return null;
    }
    ParsedSentence current = parse;
    for (Repair repair : REPAIRS) {
      List<Token> tokens = new ArrayList<>(current.tokens());
      if (repair.apply(current, tokens)) {
        current = new ParsedSentence(current.text(), tokens);
      }
    }
    return current;
  }

  /**
   * "recalled the French ambassador, his office said": the parser often takes the object for the
   * subject of "said" and the real source for its apposition. When a reporting verb hangs as a
   * clause on an earlier verb that has no object, and its "subject" is followed by a comma and an
   * apposition right before the reporting verb, the subject is the earlier verb's object, the
   * apposition the source, and the reporting clause a parenthetical (parataxis).
   */
  private static boolean trailingAttribution(ParsedSentence parse, List<Token> tokens) {
    boolean changed = false;
    for (Token said : parse.tokens()) {
      if (!said.relation().equals("ccomp") || !said.isVerb()
          || !ATTRIBUTING.contains(said.lemma().toLowerCase(Locale.ROOT))) {
        continue;
      }
      Token verb = parse.head(said);
      if (verb == null || !verb.isVerb() || verb.index() > said.index() || !parse.children(verb, "obj").isEmpty()) {
        continue;
      }
      List<Token> subjects = parse.children(said, "nsubj");
      if (subjects.size() != 1) {
        continue;
      }
      Token object = subjects.get(0);
      if (object.index() < verb.index() || !object.isNoun()) {
        continue;
      }
      Token source = null;
      for (Token a : parse.children(object, "appos")) {
        int first = firstOf(parse, a);
        if (a.index() > object.index() && first > 0 && parse.token(first - 1).word().equals(",")
            && lastOf(parse, a) == said.index() - 1) {
          source = a;
        }
      }
      if (source == null) {
        continue;
      }
      tokens.set(object.index(), with(object, verb.index(), "obj"));
      tokens.set(source.index(), with(source, said.index(), "nsubj"));
      tokens.set(said.index(), with(said, verb.index(), "parataxis"));
      changed = true;
    }
    return changed;
  }

  /** Prepositions that open a gerund clause: "after concluding talks", "before signing the deal". */
  private static final Set<String> GERUND_PREPOSITIONS = Set.of("after", "before", "since", "upon", "on", "while",
      "without", "by");

  /**
   * "after concluding nuclear negotiations": the parser reads the gerund as an adjective of the
   * noun ("concluding negotiations" like "closing remarks") when a preposition precedes it. A
   * present participle right after such a preposition, hung on the preposition's noun as a
   * modifier, heads a clause of its own: the noun is its object and the preposition its marker.
   */
  private static boolean gerundAfterPreposition(ParsedSentence parse, List<Token> tokens) {
    boolean changed = false;
    for (Token g : parse.tokens()) {
      if (!g.tag().equals("VBG") || !g.relation().equals("amod") || g.index() == 0) {
        continue;
      }
      Token prep = parse.token(g.index() - 1);
      Token noun = parse.head(g);
      if (noun == null || !noun.isNoun() || noun.index() < g.index() || !prep.relation().equals("case")
          || prep.head() != noun.index() || !GERUND_PREPOSITIONS.contains(prep.word().toLowerCase(Locale.ROOT))) {
        continue;
      }
      Token governor = parse.head(noun);
      if (governor == null) {
        continue;
      }
      tokens.set(g.index(), with(g, governor.index(), governor.isVerb() ? "advcl" : "acl"));
      tokens.set(noun.index(), with(noun, g.index(), "obj"));
      tokens.set(prep.index(), with(prep, g.index(), "mark"));
      changed = true;
    }
    return changed;
  }

  /**
   * "A meeting aimed at renewing talks failed to take place": the parser takes the participle of
   * the reduced relative clause for the main verb and hangs the real one under it. When the root
   * is a past participle with a subject before it and no auxiliary, and a finite verb after it
   * without a subject of its own hangs on it, the finite verb is the root, the participle a clause
   * on the subject, and what follows the finite verb is its own.
   */
  private static boolean reducedRelativeRoot(ParsedSentence parse, List<Token> tokens) {
    Token root = null;
    for (Token t : parse.tokens()) {
      if (t.relation().equals("root")) {
        root = t;
      }
    }
    if (root == null || !root.tag().equals("VBN") || !parse.children(root, "aux").isEmpty()
        || !parse.children(root, "aux:pass").isEmpty()) {
      return false;
    }
    List<Token> subjects = parse.children(root, "nsubj");
    if (subjects.size() != 1 || subjects.get(0).index() > root.index() || !subjects.get(0).isNoun()) {
      return false;
    }
    Token subject = subjects.get(0);
    Token finite = null;
    for (Token c : parse.tokens()) {
      boolean isFinite = c.tag().equals("VBD") || c.tag().equals("VBZ") || c.tag().equals("VBP");
      if (finite == null && isFinite && c.index() > root.index() && parse.children(c, "nsubj").isEmpty()
          && parse.children(c, "mark").isEmpty() && Set.of("obj", "ccomp", "dep", "parataxis", "xcomp").contains(c.relation())
          && parse.dominates(root, c) && depth(parse, c) <= 3) {
        finite = c;
      }
    }
    if (finite == null) {
      return false;
    }
    tokens.set(finite.index(), with(finite, -1, "root"));
    tokens.set(root.index(), with(root, subject.index(), "acl"));
    tokens.set(subject.index(), with(subject, finite.index(), "nsubj"));
    for (Token c : parse.children(root)) {
      if (c.index() > finite.index()) {
        tokens.set(c.index(), with(c, finite.index(), c.relation()));
      }
    }
    return true;
  }

  /** Verbs whose "with" phrase is the means of the response: "retaliate with tariffs". */
  private static final Set<String> RESPONDING = Set.of("respond", "retaliate", "react", "answer", "reply", "counter",
      "hit");

  /**
   * "will respond to tariffs imposed by the United States with its own tariffs": a "with" phrase
   * after the participle of a reduced relative belongs to the verb of responding that governs it,
   * not to the participle.
   */
  private static boolean respondWith(ParsedSentence parse, List<Token> tokens) {
    boolean changed = false;
    for (Token with : parse.tokens()) {
      if (!with.relation().equals("obl") || !parse.caseOf(with).equals("with")) {
        continue;
      }
      Token participle = parse.head(with);
      if (participle == null || !participle.tag().equals("VBN") || !participle.relation().equals("acl")) {
        continue;
      }
      Token noun = parse.head(participle);
      Token verb = noun == null ? null : parse.head(noun);
      if (verb != null && verb.isVerb() && noun.relation().equals("obl")
          && RESPONDING.contains(verb.lemma().toLowerCase(Locale.ROOT))) {
        tokens.set(with.index(), with(with, verb.index(), "obl"));
        changed = true;
      }
    }
    return changed;
  }

  private static final Set<String> PUNCTUATION_TAGS = Set.of("``", "''", "-LRB-", "-RRB-", ",", ".", ":", "HYPH", "NFP");

  /**
   * A quotation opened by a straight quote and broken by an ellipsis or a parenthesis sometimes
   * comes out with the quote mark as the root and the clause as its dependent. The first word
   * that is not punctuation among the root's dependents becomes the root.
   */
  private static boolean punctuationRoot(ParsedSentence parse, List<Token> tokens) {
    Token root = null;
    for (Token t : parse.tokens()) {
      if (t.relation().equals("root")) {
        root = t;
      }
    }
    if (root == null || !PUNCTUATION_TAGS.contains(root.tag())) {
      return false;
    }
    Token promoted = null;
    for (Token c : parse.children(root)) {
      if (promoted == null && !PUNCTUATION_TAGS.contains(c.tag()) && !c.relation().equals("punct")) {
        promoted = c;
      }
    }
    if (promoted == null) {
      return false;
    }
    tokens.set(promoted.index(), with(promoted, -1, "root"));
    for (Token c : parse.children(root)) {
      if (c.index() != promoted.index()) {
        tokens.set(c.index(), with(c, promoted.index(), c.relation()));
      }
    }
    tokens.set(root.index(), with(root, promoted.index(), "punct"));
    return true;
  }

  /**
   * "willing to work with the DPRK to strengthen communication": the parser reads "with the DPRK
   * to strengthen" as a clause whose subject is the DPRK. A verb marked by both "with" and "to"
   * that has a subject: the subject is the partner of the verb above ("work with"), and the
   * infinitive says what for.
   */
  private static boolean withObjectToInfinitive(ParsedSentence parse, List<Token> tokens) {
    boolean changed = false;
    for (Token v : parse.tokens()) {
      List<Token> marks = parse.children(v, "mark");
      boolean with = marks.stream().anyMatch(m -> m.word().equalsIgnoreCase("with"));
      boolean to = marks.stream().anyMatch(m -> m.word().equalsIgnoreCase("to"));
      List<Token> subjects = parse.children(v, "nsubj");
      Token above = parse.head(v);
      if (!with || !to || subjects.size() != 1 || above == null || !above.isVerb()) {
        continue;
      }
      Token partner = subjects.get(0);
      Token withMark = marks.stream().filter(m -> m.word().equalsIgnoreCase("with")).findFirst().orElseThrow();
      tokens.set(partner.index(), with(partner, above.index(), "obl"));
      tokens.set(withMark.index(), with(withMark, partner.index(), "case"));
      changed = true;
    }
    return changed;
  }

  private static int depth(ParsedSentence parse, Token t) {
    int depth = 0;
    for (Token cur = parse.head(t); cur != null && depth < 50; cur = parse.head(cur)) {
      depth++;
    }
    return depth;
  }

  private static Token with(Token t, int head, String relation) {
    return new Token(t.index(), t.word(), t.tag(), t.lemma(), t.begin(), t.end(), head, relation);
  }

  /** The first token of a token's phrase (its leftmost descendant). */
  private static int firstOf(ParsedSentence parse, Token t) {
    int first = t.index();
    for (Token c : parse.children(t)) {
      if (!c.relation().equals("punct")) {
        first = Math.min(first, firstOf(parse, c));
      }
    }
    return first;
  }

  /** The last token of a token's phrase (its rightmost descendant, punctuation aside). */
  private static int lastOf(ParsedSentence parse, Token t) {
    int last = t.index();
    for (Token c : parse.children(t)) {
      if (!c.relation().equals("punct")) {
        last = Math.max(last, lastOf(parse, c));
      }
    }
    return last;
  }
}
