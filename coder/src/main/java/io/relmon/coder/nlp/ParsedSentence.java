package io.relmon.coder.nlp;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence with its tokens and dependency tree. Navigation only: who depends on whom, and the
 * preposition ({@code case}) or marker of a dependent.
 */
public final class ParsedSentence {

  private final String text;
  private final List<Token> tokens;
  private final List<List<Token>> children;

  public ParsedSentence(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = List.copyOf(tokens);
    List<List<Token>> kids = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      kids.add(new ArrayList<>());
    }
    for (Token t : tokens) {
      if (t.head() >= 0) {
        kids.get(t.head()).add(t);
      }
    }
    this.children = kids;
  }

  public String text() {
    return text;
  }

  public List<Token> tokens() {
    return tokens;
  }

  public Token token(int index) {
    return tokens.get(index);
  }

  public Token head(Token t) {
    return t.head() < 0 ? null : tokens.get(t.head());
  }

  public List<Token> children(Token t) {
    return children.get(t.index());
  }

  /** Dependents of {@code t} whose relation (or its base, e.g. {@code obl} for {@code obl:tmod}) is one of these. */
  public List<Token> children(Token t, String... relations) {
    List<Token> found = new ArrayList<>();
    for (Token c : children.get(t.index())) {
      for (String r : relations) {
        if (c.relation().equals(r) || c.baseRelation().equals(r)) {
          found.add(c);
          break;
        }
      }
    }
    return found;
  }

  public boolean hasChild(Token t, String relation, String lemma) {
    for (Token c : children.get(t.index())) {
      if ((c.relation().equals(relation) || c.baseRelation().equals(relation)) && (lemma == null || c.lemma().equalsIgnoreCase(lemma))) {
        return true;
      }
    }
    return false;
  }

  /** The preposition of a nominal dependent ("with" in "talks with Iran"), lower case, or "". */
  public String caseOf(Token t) {
    StringBuilder prep = new StringBuilder();
    for (Token c : children.get(t.index())) {
      if (c.relation().equals("case") && !c.word().equals("'s") && !c.word().equals("’s") && !c.word().equals("'")) {
        if (!prep.isEmpty()) {
          prep.append(' ');
        }
        prep.append(c.word().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return prep.toString();
  }

  /** The token covering character {@code offset} of the sentence, or null. */
  public Token tokenAt(int offset) {
    for (Token t : tokens) {
      if (offset >= t.begin() && offset < t.end()) {
        return t;
      }
    }
    return null;
  }

  /** Whether {@code ancestor} dominates {@code t} (or is it). */
  public boolean dominates(Token ancestor, Token t) {
    Token cur = t;
    int guard = tokens.size() + 1;
    while (cur != null && guard-- > 0) {
      if (cur.index() == ancestor.index()) {
        return true;
      }
      cur = head(cur);
    }
    return false;
  }
}
