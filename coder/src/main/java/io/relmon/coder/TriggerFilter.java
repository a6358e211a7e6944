package io.relmon.coder;

import io.relmon.coder.Dictionaries.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A cheap test run before a trigger's regular expression. Every top-level alternative of the
 * expression needs some literal text — a plain word ("missile" in "launched ... missiles?") or one
 * word of a required group ("troops" or "soldiers" in "(troops|soldiers)"); a sentence that holds
 * none of them cannot match, and the expression is not run on it. Derived from the expression
 * itself, so analysts edit triggers.tsv only; an alternative with no usable literal makes the
 * filter always pass, so the filter never changes what the coder finds.
 */
record TriggerFilter(Trigger trigger, List<String> literals) {

  private static final int SHORTEST_USEFUL = 3;

  static TriggerFilter of(Trigger trigger) {
    List<String> literals = new ArrayList<>();
    for (String alternative : alternatives(trigger.pattern().pattern())) {
      List<String> required = required(alternative);
      if (required.isEmpty()) {
        return new TriggerFilter(trigger, List.of());
      }
      required.forEach(r -> literals.add(r.toLowerCase(Locale.ROOT)));
    }
    return new TriggerFilter(trigger, List.copyOf(literals));
  }

  /** False only when the (lower-cased) sentence cannot match the trigger. */
  boolean mayMatch(String lowerCaseSentence) {
    if (literals.isEmpty()) {
      return true;
    }
    for (String literal : literals) {
      if (lowerCaseSentence.contains(literal)) {
        return true;
      }
    }
    return false;
  }

  /** Splits at the top-level {@code |}. */
  static List<String> alternatives(String regex) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int from = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        parts.add(regex.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(regex.substring(from));
    return parts;
  }

  /**
   * Texts of which every match of {@code alternative} contains at least one, chosen to be as long
   * as possible; empty when none can be derived.
   */
  static List<String> required(String alternative) {
    List<List<String>> candidates = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < alternative.length(); i++) {
      char c = alternative.charAt(i);
      char next = i + 1 < alternative.length() ? alternative.charAt(i + 1) : 0;
      if (c == '\\') {
        flush(run, candidates);
        i++;
        if (i + 1 < alternative.length() && (alternative.charAt(i) == 'p' || alternative.charAt(i) == 'P')
            && alternative.charAt(i + 1) == '{') {
          i = alternative.indexOf('}', i);
        }
      } else if (c == '[') {
        flush(run, candidates);
        i = classEnd(alternative, i);
      } else if (c == '(') {
        flush(run, candidates);
        int close = groupEnd(alternative, i);
        String inner = alternative.substring(i + 1, close);
        char after = close + 1 < alternative.length() ? alternative.charAt(close + 1) : 0;
        boolean optional = after == '?' || after == '*' || after == '{';
        boolean consumes = !inner.startsWith("?=") && !inner.startsWith("?!") && !inner.startsWith("?<");
        if (!optional && consumes) {
          String body = inner.startsWith("?") ? inner.substring(inner.indexOf(':') + 1) : inner;
          List<String> options = new ArrayList<>();
          for (String option : alternatives(body)) {
            List<String> req = required(option);
            if (req.isEmpty()) {
              options = null;
              break;
            }
            options.addAll(req);
          }
          if (options != null) {
            candidates.add(options);
          }
        }
        i = close;
      } else if (Character.isLetter(c) || c == ' ' || c == '-' || c == '\'') {
        if (next == '?' || next == '*' || next == '{') {
          flush(run, candidates);
        } else {
          run.append(c);
        }
      } else {
        flush(run, candidates);
      }
    }
    flush(run, candidates);
    // The best requirement: the one whose shortest text is longest (the most selective).
    return candidates.stream()
        .filter(options -> options.stream().allMatch(o -> o.strip().length() >= SHORTEST_USEFUL))
        .max(Comparator.comparingInt(options -> options.stream().mapToInt(String::length).min().orElse(0)))
        .map(options -> options.stream().map(String::strip).toList())
        .orElse(List.of());
  }

  private static void flush(StringBuilder run, List<List<String>> candidates) {
    if (run.length() > 0) {
      candidates.add(List.of(run.toString()));
      run.setLength(0);
    }
  }

  private static int classEnd(String s, int open) {
    for (int i = open + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == ']') {
        return i;
      }
    }
    return s.length() - 1;
  }

  private static int groupEnd(String s, int open) {
    int depth = 0;
    boolean inClass = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return s.length() - 1;
  }
}
