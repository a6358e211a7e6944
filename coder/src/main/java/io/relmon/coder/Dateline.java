package io.relmon.coder;

/**
 * The dateline that opens a wire report names where it was filed, not who acted: "SEOUL/BEIJING —",
 * "SEOUL, Jan. 18 (Yonhap) --", "MOSCOW, June 19 (AFP):", "WASHINGTON (Reuters) -",
 * "YEREVAN, March 27. /ARKA/.". Read by hand in one pass over at most {@link #MAX} characters (an
 * expression for it backtracked cubically on long runs of spaces).
 */
final class Dateline {

  static final int MAX = 80;
  private static final java.util.Set<String> MONTHS = java.util.Set.of("jan", "feb", "mar", "apr", "may", "jun", "jul",
      "aug", "sep", "oct", "nov", "dec");

  private Dateline() {}

  /** Where the dateline ends (the first character after it and its dash), or 0 when the text opens with none. */
  static int end(String text) {
    int n = Math.min(text.length(), MAX);
    int i = 0;
    // The place: capitals, spaces, slashes, periods, apostrophes and hyphens; at least two letters.
    int letters = 0;
    int lower = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isUpperCase(c)) {
        letters++;
      } else if (Character.isLowerCase(c) && i > 0 && Character.isLetter(text.charAt(i - 1))) {
        // "Seoul, June 12 ...": a place in its usual case counts only with a month's day after it.
        lower++;
      } else if (!(c == ' ' || c == '/' || c == '.' || c == '\'' || c == '’' || c == '-')) {
        break;
      }
      i++;
    }
    if (letters + lower < 2) {
      return 0;
    }
    // Back off a trailing " -" or " —" the place run swallowed: the separator comes next.
    while (i > 0 && (text.charAt(i - 1) == '-' || text.charAt(i - 1) == ' ')) {
      i--;
    }
    int dashed = placeThenDash(text, i, n);
    if (dashed > 0) {
      return dashed;
    }
    // ", Jan. 18" or ", March 27."
    boolean dated = false;
    if (i < n && text.charAt(i) == ',') {
      int j = i + 1;
      while (j < n && text.charAt(j) == ' ') {
        j++;
      }
      int word = j;
      while (j < n && Character.isLetter(text.charAt(j))) {
        j++;
      }
      if (j - word < 3) {
        return 0;
      }
      dated = MONTHS.contains(text.substring(word, word + 3).toLowerCase(java.util.Locale.ROOT));
      if (j < n && text.charAt(j) == '.') {
        j++;
      }
      if (j < n && text.charAt(j) == ' ') {
        j++;
      }
      int digits = j;
      while (j < n && Character.isDigit(text.charAt(j))) {
        j++;
      }
      if (j - digits < 1 || j - digits > 2) {
        return 0;
      }
      i = j;
    }
    if (lower > 0 && !dated) {
      return 0;
    }
    i = skipSpaces(text, i, n);
    // "(Yonhap)" or "/ARKA/"
    if (i < n && (text.charAt(i) == '(' || text.charAt(i) == '/')) {
      char close = text.charAt(i) == '(' ? ')' : '/';
      int j = text.indexOf(close, i + 1);
      if (j < 0 || j - i > 40) {
        return 0;
      }
      i = skipSpaces(text, j + 1, n);
    }
    // The separator: dashes, a colon, or the period of "March 27. /ARKA/."
    int sep = i;
    while (i < n && (text.charAt(i) == '-' || text.charAt(i) == '—' || text.charAt(i) == '–' || text.charAt(i) == ':'
        || text.charAt(i) == '.')) {
      i++;
    }
    if (i == sep && dated && i > 0 && text.charAt(i - 1) == ' ' && i < n && Character.isUpperCase(text.charAt(i))) {
      // "Seoul, June 12 North Korea ...": a place and a month's day, and the report begins.
      return i;
    }
    if (i == sep || i - sep > 3) {
      return 0;
    }
    return skipSpaces(text, i, text.length());
  }

  /**
   * "Tehran, Iran – Delegates ...": a place in its usual case, perhaps with its country, then a
   * spaced dash. From {@code i} (after the place): an optional ", Country" of capitalised words and
   * a dash between spaces. Where the dateline ends, or -1.
   */
  private static int placeThenDash(String text, int i, int n) {
    int j = i;
    if (j < n && text.charAt(j) == ',') {
      j = skipSpaces(text, j + 1, n);
      int words = 0;
      while (j < n && Character.isUpperCase(text.charAt(j)) && words < 3) {
        while (j < n && Character.isLetter(text.charAt(j))) {
          j++;
        }
        words++;
        j = skipSpaces(text, j, n);
      }
      if (words == 0) {
        return -1;
      }
    } else {
      j = skipSpaces(text, j, n);
    }
    if (j == i || j >= n || text.charAt(j - 1) != ' ' || text.charAt(j) != '–' && text.charAt(j) != '—') {
      return -1;
    }
    return skipSpaces(text, j + 1, text.length());
  }

  private static int skipSpaces(String text, int i, int n) {
    while (i < n && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
