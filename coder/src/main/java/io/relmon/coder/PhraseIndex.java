package io.relmon.coder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds known phrases (country names, leaders' names) in text, leftmost and longest first, as a
 * regular-expression alternation of the phrases would, but by looking up the word at each word
 * start instead of trying every phrase at every position: the coder's hot path.
 *
 * @param <V> what a phrase stands for
 */
final class PhraseIndex<V> {

  /** A phrase found at {@code start..end}. */
  record Match<V>(String phrase, V value, int start, int end) {}

  private record Entry<V>(String phrase, V value) {}

  private final Map<String, List<Entry<V>>> byFirstWord = new HashMap<>();

  PhraseIndex(Map<String, V> phrases) {
    phrases.forEach((phrase, value) -> byFirstWord.computeIfAbsent(firstWord(phrase, 0), k -> new ArrayList<>())
        .add(new Entry<>(phrase, value)));
    byFirstWord.values().forEach(list -> list.sort(Comparator.comparingInt((Entry<V> e) -> e.phrase().length()).reversed()));
  }

  List<Match<V>> findAll(String text) {
    List<Match<V>> found = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (!Character.isLetter(text.charAt(i)) || (i > 0 && Character.isLetter(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      List<Entry<V>> candidates = byFirstWord.get(firstWord(text, i));
      int next = i + 1;
      if (candidates != null) {
        for (Entry<V> candidate : candidates) {
          int end = i + candidate.phrase().length();
          if (text.startsWith(candidate.phrase(), i) && (end == n || !Character.isLetter(text.charAt(end)))) {
            found.add(new Match<>(candidate.phrase(), candidate.value(), i, end));
            next = end;
            break;
          }
        }
      }
      i = next;
    }
    return found;
  }

  /** The run of letters starting at {@code from}. */
  private static String firstWord(String s, int from) {
    int end = from;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return s.substring(from, end);
  }
}
