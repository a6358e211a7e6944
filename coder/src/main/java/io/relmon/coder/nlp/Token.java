package io.relmon.coder.nlp;

/**
 * One token of a parsed sentence: its word, Penn part-of-speech tag, lemma, character offsets
 * within the sentence, and its head in the Universal Dependencies tree (−1 for the root) with
 * the relation to it ({@code nsubj}, {@code obj}, {@code obl}, {@code nmod:poss}, ...).
 */
public record Token(int index, String word, String tag, String lemma, int begin, int end, int head, String relation) {

  public boolean isVerb() {
    return tag.startsWith("VB");
  }

  public boolean isNoun() {
    return tag.startsWith("NN");
  }

  public boolean isPronoun() {
    return tag.equals("PRP") || tag.equals("PRP$");
  }

  /** The relation without its subtype: {@code nmod:poss} → {@code nmod}. */
  public String baseRelation() {
    int colon = relation.indexOf(':');
    return colon < 0 ? relation : relation.substring(0, colon);
  }
}
