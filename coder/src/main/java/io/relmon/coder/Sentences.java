package io.relmon.coder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits an article body into sentences with their offsets; a line break always ends one. */
final class Sentences {

  /** A sentence and where it stands in the body. */
  record Sentence(String text, int start, int end) {}

  // Words whose trailing period does not end a sentence.
  private static final Set<String> ABBREVIATIONS = Set.of(
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sen", "rep", "gov", "st", "no", "vs", "u.s", "u.n", "u.k", "e.g", "i.e");

  private Sentences() {}

  static List<Sentence> split(String body) {
    List<Sentence> sentences = new ArrayList<>();
    int start = 0;
    int n = body.length();
    for (int i = 0; i < n; i++) {
      char c = body.charAt(i);
      if (c == '\n') {
        add(sentences, body, start, i);
        start = i + 1;
      } else if (c == '.' || c == '!' || c == '?') {
        int j = i + 1;
        while (j < n && isCloser(body.charAt(j))) {
          j++;
        }
        boolean ends = j >= n
            || (body.charAt(j) == ' ' && j + 1 < n && startsSentence(body.charAt(j + 1))
                && !(c == '.' && isAbbreviation(body, i)))
            // "relations.\"From the": a missing space after a sentence, not an abbreviation.
            || (i > 0 && Character.isLowerCase(body.charAt(i - 1)) && Character.isUpperCase(body.charAt(j))
                && j + 1 < n && Character.isLowerCase(body.charAt(j + 1)) && !isAbbreviation(body, i));
        if (ends) {
          add(sentences, body, start, j);
          start = j;
          i = j - 1;
        }
      }
    }
    add(sentences, body, start, n);
    return sentences;
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '”' || c == '’' || c == '\'' || c == ')';
  }

  private static boolean startsSentence(char c) {
    return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '“' || c == '‘';
  }

  private static boolean isAbbreviation(String body, int period) {
    int s = period;
    while (s > 0 && (Character.isLetter(body.charAt(s - 1)) || body.charAt(s - 1) == '.')) {
      s--;
    }
    String word = body.substring(s, period).toLowerCase(java.util.Locale.ROOT);
    return ABBREVIATIONS.contains(word) || word.length() == 1;
  }

  private static void add(List<Sentence> sentences, String body, int start, int end) {
    while (start < end && Character.isWhitespace(body.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(body.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      sentences.add(new Sentence(body.substring(start, end), start, end));
    }
  }
}
