package io.relmon.coder.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.relmon.coder.world.Leaders.Kind;
import io.relmon.coder.world.Leaders.Term;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the coder's world data (states.tsv, not-states.tsv, leaders.tsv) the way an analyst who
 * extends it wants it checked: every problem is listed at once, each with its file, line number and
 * line content (tabs shown as " ¦ "), so a failing run says which line to fix.
 */
class WorldDataTest {

  private static final String STATES = "states.tsv";
  private static final String NOT_STATES = "not-states.tsv";
  private static final String LEADERS = "leaders.tsv";

  /** The 193 member states of the United Nations, ISO 3166-1 alpha-3. */
  static final List<String> UN_MEMBERS = List.of(
      "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB",
      "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM",
      "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "COD", "CRI", "CIV", "HRV", "CUB", "CYP",
      "CZE", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI", "FIN",
      "FRA", "GAB", "GMB", "GEO", "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN",
      "ISL", "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "KWT",
      "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV", "MLI",
      "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MDA", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU",
      "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "PRK", "MKD", "NOR", "OMN", "PAK", "PLW", "PAN", "PNG", "PRY",
      "PER", "PHL", "POL", "PRT", "QAT", "KOR", "ROU", "RUS", "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP",
      "SAU", "SEN", "SRB", "SYC", "SLE", "SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN",
      "SUR", "SWE", "CHE", "SYR", "TJK", "TZA", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV",
      "UGA", "UKR", "ARE", "GBR", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE");

  /** States the coder knows besides the UN members: Holy See, Palestine (observers), Taiwan, Kosovo. */
  static final List<String> OTHER_STATES = List.of("VAT", "PSE", "TWN", "XKX");

  /** Kosovo's user-assigned codes, which the JDK's ISO 3166 list does not hold. */
  static final String KOSOVO_ISO3 = "XKX";
  static final String KOSOVO_ISO2 = "XK";

  static final List<String> G20 = List.of("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
      "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA");

  /** The day on which every state must have a head of state, and the deny-list applies. */
  static final LocalDate CURRENT = LocalDate.of(2026, 12, 2);

  /** The day on which every G20 state must have a foreign and a defence minister. */
  static final LocalDate G20_MINISTERS_DAY = LocalDate.of(2025, 6, 1);

  /** The roles the header of leaders.tsv documents (column 4). */
  static final Set<String> ROLES = Set.of("president", "prime minister", "chancellor", "premier", "king", "queen",
      "emir", "sultan", "grand duke", "prince", "supreme leader", "crown prince", "head of state",
      "head of government", "vice president", "foreign minister", "defence minister", "spokesperson", "official");

  /**
   * How many heads of state a state may have at once (all others: one). The header of leaders.tsv
   * documents the collective headships and how they are written:
   * <ul>
   *   <li>BIH: the Presidency has three members (Bosniak, Croat, Serb), each a HOS line over the same term;
   *   <li>SMR: two Captains Regent at a time, each a HOS line over the same six months;
   *   <li>NIC: co-presidents Ortega and Murillo since 2025, each a HOSG line;
   *   <li>AND: of the two co-princes only the Episcopal one is listed (the French co-prince is the French
   *       president, under FRA), so Andorra's HOS lines must not overlap: one at a time, stated here so
   *       that nobody "fixes" an overlap by raising the limit without changing the convention;
   *   <li>CHE: the yearly President of the Confederation, one at a time like any other state.
   * </ul>
   */
  static final Map<String, Integer> HEADS_OF_STATE_AT_ONCE = Map.of("BIH", 3, "SMR", 2, "NIC", 2, "AND", 1);

  /** Heads of government at once: Nicaragua's two co-presidents are both HOSG, so both head the government. */
  static final Map<String, Integer> HEADS_OF_GOVERNMENT_AT_ONCE = Map.of("NIC", 2);

  /**
   * States without a head of state on {@link #CURRENT}, each for a reason the data cannot help:
   * SMR's Captains Regent change every 1 April and 1 October and the file's coverage ends before the
   * pairs of October 2025 onward were compiled (its last HOS lines end on 2025-10-01).
   */
  static final Set<String> NO_HEAD_OF_STATE_NOW = Set.of("SMR");

  /** Surnames that are common English words: a coder would read "May" or "Park" as a person. */
  static final List<String> COMMON_WORDS = List.of("Park", "May", "Bush", "Young", "Rice", "Long", "Brown", "White",
      "Black", "Green", "Little", "King", "Said", "Best", "Law", "Rich", "Hope", "Chance", "Power", "Strong", "Love",
      "Bond", "Mark", "Will", "Bill", "Sun", "Moon");

  // ---------------------------------------------------------------------------------------------
  // states.tsv and not-states.tsv

  @Test
  void theUnMemberListHas193DistinctValidCodes() {
    assertThat(UN_MEMBERS).as("UN_MEMBERS of this test").hasSize(193).doesNotHaveDuplicates();
    assertThat(UN_MEMBERS).as("UN_MEMBERS of this test: ISO 3166-1 alpha-3 codes the JDK knows")
        .allMatch(jdkAlpha3()::contains);
    assertThat(OTHER_STATES).as("OTHER_STATES of this test").doesNotContainAnyElementsOf(UN_MEMBERS);
  }

  @Test
  void everyStatesLineHasEightColumnsAndAName() {
    List<String> problems = new ArrayList<>();
    for (Line line : lines(STATES)) {
      if (line.cells().length != 8) {
        problems.add(line + ": " + line.cells().length + " columns, not 8");
      } else if (line.cell(2).isEmpty()) {
        problems.add(line + ": no name in column 3");
      }
    }
    assertThat(problems).as("states.tsv lines with a wrong number of columns or no name").isEmpty();
  }

  @Test
  void everyStatesCodeIsIso3166() {
    Set<String> alpha3 = jdkAlpha3();
    Set<String> alpha2 = Set.of(Locale.getISOCountries());
    List<String> problems = new ArrayList<>();
    for (Line line : lines(STATES)) {
      String iso3 = line.cell(0);
      String iso2 = line.cell(1);
      if (!alpha3.contains(iso3) && !iso3.equals(KOSOVO_ISO3)) {
        problems.add(line + ": \"" + iso3 + "\" is not an ISO 3166-1 alpha-3 code");
      }
      if (!alpha2.contains(iso2) && !iso2.equals(KOSOVO_ISO2)) {
        problems.add(line + ": \"" + iso2 + "\" is not an ISO 3166-1 alpha-2 code");
      }
    }
    assertThat(problems).as("states.tsv codes outside ISO 3166-1 (only Kosovo's XKX/XK are allowed)").isEmpty();
  }

  @Test
  void everyStatesIso2MapsToItsIso3() {
    List<String> problems = new ArrayList<>();
    for (Line line : lines(STATES)) {
      String iso3 = line.cell(0);
      String iso2 = line.cell(1);
      String expected;
      if (iso2.equals(KOSOVO_ISO2)) {
        expected = KOSOVO_ISO3;
      } else {
        try {
          expected = new Locale("", iso2).getISO3Country();
        } catch (MissingResourceException e) {
          expected = "(none)";
        }
      }
      if (!expected.equals(iso3)) {
        problems.add(line + ": iso2 " + iso2 + " is " + expected + " in java.util.Locale, not " + iso3);
      }
    }
    assertThat(problems).as("states.tsv lines whose iso2 and iso3 disagree").isEmpty();
  }

  @Test
  void statesHasExactlyOneLinePerState() {
    List<String> problems = new ArrayList<>();
    for (int column : new int[] {0, 1}) {
      Map<String, List<Line>> byCode = new TreeMap<>();
      for (Line line : lines(STATES)) {
        byCode.computeIfAbsent(line.cell(column), k -> new ArrayList<>()).add(line);
      }
      byCode.forEach((code, lines) -> {
        if (lines.size() > 1) {
          problems.add(code + " has " + lines.size() + " lines: " + lines);
        }
      });
    }
    assertThat(problems).as("states.tsv codes on more than one line").isEmpty();
  }

  @Test
  void statesHasTheUnMembersAndTheFourOthersAndNothingElse() {
    Set<String> expected = new TreeSet<>(UN_MEMBERS);
    expected.addAll(OTHER_STATES);
    Set<String> inFile = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Line line : lines(STATES)) {
      inFile.add(line.cell(0));
      if (!expected.contains(line.cell(0))) {
        problems.add(line + ": " + line.cell(0) + " is neither a UN member nor one of " + OTHER_STATES);
      }
    }
    for (String code : expected) {
      if (!inFile.contains(code)) {
        problems.add("states.tsv has no line for " + code + " (" + englishName(code) + ")");
      }
    }
    assertThat(problems).as("states.tsv against the 193 UN members + " + OTHER_STATES).isEmpty();
  }

  @Test
  void statesLoadAndNoPhraseNamesTwoStates() {
    // States.load() throws when a phrase names two states; the loop below says which lines.
    Map<String, Map<String, Line>> statesByPhrase = new TreeMap<>();
    for (Line line : lines(STATES)) {
      for (String phrase : phrases(line)) {
        statesByPhrase.computeIfAbsent(phrase, p -> new TreeMap<>()).putIfAbsent(line.cell(0), line);
      }
    }
    List<String> problems = new ArrayList<>();
    statesByPhrase.forEach((phrase, states) -> {
      if (states.size() > 1) {
        problems.add("\"" + phrase + "\" names " + states.keySet() + ": " + states.values());
      }
    });
    assertThat(problems).as("states.tsv phrases under two states").isEmpty();

    assertThatCode(States::load).as("States.load()").doesNotThrowAnyException();
    States states = states();
    assertThat(states.codes()).as("codes States.load() reads from states.tsv")
        .containsExactlyInAnyOrderElementsOf(lines(STATES).stream().map(l -> l.cell(0)).toList());
    assertThat(states.phrases()).as("phrases States.load() reads from states.tsv")
        .hasSize(statesByPhrase.size());
  }

  @Test
  void noNotStatePhraseIsAStatePhrase() {
    Map<String, Line> stateLineByPhrase = new LinkedHashMap<>();
    for (Line line : lines(STATES)) {
      phrases(line).forEach(p -> stateLineByPhrase.putIfAbsent(p, line));
    }
    States states = states();
    List<String> problems = new ArrayList<>();
    for (Line line : lines(NOT_STATES)) {
      String phrase = line.cell(0);
      if (phrase.isEmpty()) {
        problems.add(line + ": no phrase");
      } else if (states.phrases().containsKey(phrase)) {
        problems.add(line + ": \"" + phrase + "\" is also a phrase of " + states.phrases().get(phrase) + " in "
            + stateLineByPhrase.get(phrase));
      }
    }
    assertThat(problems).as("not-states.tsv phrases that states.tsv also lists").isEmpty();
    assertThat(states.notStates()).as("phrases States.load() reads from not-states.tsv")
        .hasSameSizeAs(lines(NOT_STATES).stream().map(l -> l.cell(0)).collect(Collectors.toSet()));
  }

  // ---------------------------------------------------------------------------------------------
  // leaders.tsv: the form of each line

  @Test
  void everyLeadersLineHasEightColumnsAndItsRequiredCells() {
    List<String> problems = new ArrayList<>();
    for (Line line : lines(LEADERS)) {
      String[] cells = line.cells();
      if (cells.length != 8) {
        problems.add(line + ": " + cells.length + " columns, not 8");
        continue;
      }
      if (DataFiles.values(cells, 1).isEmpty()) {
        problems.add(line + ": no name in column 2");
      }
      if (!ROLES.contains(line.cell(3))) {
        problems.add(line + ": role \"" + line.cell(3) + "\" is not one the header documents");
      }
      if (line.cell(5).isEmpty()) {
        problems.add(line + ": no start date in column 6");
      }
      if (!line.cell(7).isEmpty() && !line.cell(7).equals("unsure")) {
        problems.add(line + ": note \"" + line.cell(7) + "\" is neither empty nor \"unsure\"");
      }
    }
    assertThat(problems).as("leaders.tsv lines not in the form its header describes").isEmpty();
  }

  @Test
  void noLeadersTermIsListedTwice() {
    Map<String, Line> seen = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Line line : lines(LEADERS)) {
      // the same state, first name variant, kind and start: one person's one term
      String key = line.cell(0) + "/" + DataFiles.values(line.cells(), 1).stream().findFirst().orElse("") + "/"
          + line.cell(4) + "/" + line.cell(5);
      Line before = seen.putIfAbsent(key, line);
      if (before != null) {
        problems.add(line + " repeats " + before);
      }
    }
    assertThat(problems).as("leaders.tsv terms listed twice").isEmpty();
  }

  @Test
  void everyLeadersCodeIsAStateOfStatesTsv() {
    Set<String> known = new HashSet<>();
    lines(STATES).forEach(l -> known.add(l.cell(0)));
    List<String> problems = new ArrayList<>();
    for (Line line : lines(LEADERS)) {
      if (!known.contains(line.cell(0))) {
        problems.add(line + ": \"" + line.cell(0) + "\" is not a state of states.tsv");
      }
    }
    assertThat(problems).as("leaders.tsv lines for a state the coder does not know").isEmpty();
  }

  @Test
  void everyLeadersKindIsKnown() {
    Set<String> kinds = new TreeSet<>();
    for (Kind kind : Kind.values()) {
      kinds.add(kind.name());
    }
    List<String> problems = new ArrayList<>();
    for (Line line : lines(LEADERS)) {
      if (!kinds.contains(line.cell(4))) {
        problems.add(line + ": kind \"" + line.cell(4) + "\" is not one of " + kinds);
      }
    }
    assertThat(problems).as("leaders.tsv lines with an unknown kind").isEmpty();
  }

  @Test
  void everyLeadersTermHasValidDatesFromNotAfterTo() {
    List<String> problems = new ArrayList<>();
    for (Line line : lines(LEADERS)) {
      try {
        LocalDate from = LocalDate.parse(line.cell(5));
        if (!line.cell(6).isEmpty() && LocalDate.parse(line.cell(6)).isBefore(from)) {
          problems.add(line + ": ends before it starts");
        }
      } catch (DateTimeParseException e) {
        problems.add(line + ": not a YYYY-MM-DD date: \"" + e.getParsedString() + "\"");
      }
    }
    assertThat(problems).as("leaders.tsv lines with bad dates").isEmpty();
  }

  @Test
  void leadersLoad() {
    assertThatCode(Leaders::load).as("Leaders.load()").doesNotThrowAnyException();
    assertThat(Leaders.load().terms()).as("terms Leaders.load() reads from leaders.tsv")
        .hasSize(lines(LEADERS).size());
  }

  // ---------------------------------------------------------------------------------------------
  // leaders.tsv: the terms together

  @Test
  void headsOfStateDoNotOverlapExceptInCollectiveHeadships() {
    List<String> problems = overlaps(kind -> kind == Kind.HOS || kind == Kind.HOSG, HEADS_OF_STATE_AT_ONCE,
        "head-of-state (HOS or HOSG)");
    assertThat(problems).as("leaders.tsv: heads of state in office at once").isEmpty();
  }

  @Test
  void headsOfGovernmentDoNotOverlapExceptInCollectiveHeadships() {
    List<String> problems = overlaps(kind -> kind == Kind.HOG || kind == Kind.HOSG, HEADS_OF_GOVERNMENT_AT_ONCE,
        "head-of-government (HOG or HOSG)");
    assertThat(problems).as("leaders.tsv: heads of government in office at once").isEmpty();
  }

  @Test
  void everyStateHasAHeadOfStateNow() {
    List<Held> held = held();
    States states = states();
    List<String> problems = new ArrayList<>();
    for (String iso3 : states.codes()) {
      boolean hasHead = held.stream().anyMatch(h -> h.term().iso3().equals(iso3)
          && (h.term().kind() == Kind.HOS || h.term().kind() == Kind.HOSG) && h.term().inOfficeOn(CURRENT));
      if (!hasHead && !NO_HEAD_OF_STATE_NOW.contains(iso3)) {
        problems.add(iso3 + " (" + states.name(iso3) + ") has no HOS or HOSG term in office on " + CURRENT
            + "; its last ones: " + last(held, iso3, k -> k == Kind.HOS || k == Kind.HOSG));
      }
      if (hasHead && NO_HEAD_OF_STATE_NOW.contains(iso3)) {
        problems.add(iso3 + " (" + states.name(iso3) + ") now has a head of state on " + CURRENT
            + ": take it out of NO_HEAD_OF_STATE_NOW");
      }
    }
    assertThat(problems).as("leaders.tsv: states without a head of state on " + CURRENT).isEmpty();
  }

  @Test
  void everyG20StateHasForeignAndDefenceMinisters() {
    List<Held> held = held();
    States states = states();
    List<String> problems = new ArrayList<>();
    for (String iso3 : G20) {
      for (Kind kind : List.of(Kind.FM, Kind.DM)) {
        boolean present = held.stream().anyMatch(h -> h.term().iso3().equals(iso3) && h.term().kind() == kind
            && h.term().inOfficeOn(G20_MINISTERS_DAY));
        if (!present) {
          problems.add(iso3 + " (" + states.name(iso3) + ") has no " + kind + " term in office on "
              + G20_MINISTERS_DAY + "; its last ones: " + last(held, iso3, k -> k == kind));
        }
      }
    }
    assertThat(problems).as("leaders.tsv: G20 states without a foreign or defence minister on "
        + G20_MINISTERS_DAY).isEmpty();
  }

  @Test
  void noNameBelongsToPeopleOfTwoStatesAtOnce() {
    Map<String, List<Held>> byName = new TreeMap<>();
    for (Held h : held()) {
      for (String name : h.term().names()) {
        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(h);
      }
    }
    Set<String> problems = new LinkedHashSet<>();
    byName.forEach((name, terms) -> {
      for (int i = 0; i < terms.size(); i++) {
        for (int j = i + 1; j < terms.size(); j++) {
          Held a = terms.get(i);
          Held b = terms.get(j);
          if (!a.term().iso3().equals(b.term().iso3()) && overlap(a.term(), b.term())) {
            problems.add("\"" + name + "\" names a person of " + a.term().iso3() + " and one of " + b.term().iso3()
                + " at the same time: " + a.line() + " and " + b.line());
          }
        }
      }
    });
    assertThat(problems).as("leaders.tsv: one name for people of two states in overlapping terms").isEmpty();
  }

  @Test
  void noCurrentLeaderIsKnownByACommonEnglishWord() {
    // A surname (or a one-word name) is matched alone in text: "Park" or "May" would turn every park
    // and every "may" into a person. Remove such a surname from its line; the full names still match.
    List<String> problems = new ArrayList<>();
    for (Held h : held()) {
      if (!h.term().inOfficeOn(CURRENT)) {
        continue;
      }
      List<String> words = new ArrayList<>(h.term().surnames());
      h.term().names().stream().filter(n -> !n.contains(" ")).forEach(words::add);
      for (String word : words) {
        for (String common : COMMON_WORDS) {
          if (word.equalsIgnoreCase(common)) {
            problems.add(h.line() + ": \"" + word + "\" is a common English word");
          }
        }
      }
    }
    assertThat(problems).as("leaders.tsv: leaders in office on " + CURRENT + " with a common word as surname")
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** A data line of a file (comments and blank lines skipped, as DataFiles does), with its line number. */
  record Line(String file, int number, String text) {

    String[] cells() {
      return text.split("\t", -1);
    }

    String cell(int column) {
      return DataFiles.column(cells(), column);
    }

    @Override
    public String toString() {
      return file + ":" + number + " \"" + text.replace("\t", " ¦ ") + "\"";
    }
  }

  /** A term as Leaders.load() reads it, with the line it comes from. */
  record Held(Line line, Term term) {}

  private static final Map<String, List<Line>> LINES = new java.util.concurrent.ConcurrentHashMap<>();

  static List<Line> lines(String file) {
    return LINES.computeIfAbsent(file, WorldDataTest::read);
  }

  private static List<Line> read(String file) {
    String path = "/io/relmon/coder/" + file;
    List<Line> lines = new ArrayList<>();
    try (InputStream in = WorldDataTest.class.getResourceAsStream(path)) {
      assertThat(in).as("coder data file %s", path).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (!text.isBlank() && !text.startsWith("#")) {
          lines.add(new Line(file, number, text));
        }
      }
    } catch (IOException e) {
      throw new AssertionError(path, e);
    }
    assertThat(lines).as("data lines of %s", file).hasSameSizeAs(DataFiles.rows(file));
    return List.copyOf(lines);
  }

  /** The phrases of a states.tsv line, as States.load() reads them: name, other names, adjectives, ... */
  private static List<String> phrases(Line line) {
    List<String> phrases = new ArrayList<>();
    if (!line.cell(2).isEmpty()) {
      phrases.add(line.cell(2));
    }
    for (int column = 3; column <= 7; column++) {
      phrases.addAll(DataFiles.values(line.cells(), column));
    }
    return phrases;
  }

  /** States.load(), failing with the file named. */
  private static States states() {
    try {
      return States.load();
    } catch (RuntimeException e) {
      throw new AssertionError("states.tsv or not-states.tsv does not load: " + e, e);
    }
  }

  /** The JDK's English name of an ISO 3166-1 alpha-3 code, or the code. */
  private static String englishName(String iso3) {
    for (String iso2 : Locale.getISOCountries()) {
      Locale country = new Locale("", iso2);
      if (country.getISO3Country().equals(iso3)) {
        return country.getDisplayCountry(Locale.ENGLISH);
      }
    }
    return iso3;
  }

  private static Set<String> jdkAlpha3() {
    return Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
  }

  /** Leaders.load()'s terms, each with its line of leaders.tsv. */
  private static List<Held> held() {
    List<Term> terms;
    try {
      terms = Leaders.load().terms();
    } catch (RuntimeException e) {
      throw new AssertionError("leaders.tsv does not load (the tests of single lines say which line): " + e, e);
    }
    List<Line> lines = lines(LEADERS);
    assertThat(terms).as("terms Leaders.load() reads from leaders.tsv").hasSameSizeAs(lines);
    List<Held> held = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      held.add(new Held(lines.get(i), terms.get(i)));
    }
    return held;
  }

  /**
   * Whether two terms share more than a day: {@code to} is inclusive but a successor usually starts
   * on the day the predecessor leaves, so a term that ends on the day another starts does not overlap it.
   */
  static boolean overlap(Term a, Term b) {
    return a.from().isBefore(end(b)) && b.from().isBefore(end(a));
  }

  private static LocalDate end(Term term) {
    return term.to() == null ? LocalDate.MAX : term.to();
  }

  /** Per state, the times more terms of the given kinds are in office than the state allows (default one). */
  private static List<String> overlaps(Predicate<Kind> kinds, Map<String, Integer> allowed, String office) {
    Map<String, List<Held>> byState = new TreeMap<>();
    for (Held h : held()) {
      if (kinds.test(h.term().kind())) {
        byState.computeIfAbsent(h.term().iso3(), k -> new ArrayList<>()).add(h);
      }
    }
    Set<String> problems = new LinkedHashSet<>();
    byState.forEach((iso3, terms) -> {
      int limit = allowed.getOrDefault(iso3, 1);
      for (Held t : terms) {
        // All the terms in office on the day t starts (t among them): a set of intervals that overlap
        // one another always shares the start of its latest member.
        LocalDate day = t.term().from();
        List<Held> atOnce = terms.stream()
            .filter(s -> !s.term().from().isAfter(day) && day.isBefore(end(s.term())))
            .sorted(Comparator.comparing((Held s) -> s.line().number()))
            .toList();
        if (atOnce.size() > limit) {
          problems.add(iso3 + ": " + atOnce.size() + " " + office + " terms in office on " + day + " (at most "
              + limit + " allowed): " + atOnce.stream().map(s -> s.line().toString())
              .collect(Collectors.joining(" and ")));
        }
      }
    });
    return new ArrayList<>(problems);
  }

  /** The last three terms of a state of the given kinds, for a failure message. */
  private static String last(List<Held> held, String iso3, Predicate<Kind> kinds) {
    List<Held> terms = held.stream().filter(h -> h.term().iso3().equals(iso3) && kinds.test(h.term().kind()))
        .sorted(Comparator.comparing((Held h) -> h.term().from())).toList();
    if (terms.isEmpty()) {
      return "none";
    }
    return terms.subList(Math.max(0, terms.size() - 3), terms.size()).stream().map(h -> h.line().toString())
        .collect(Collectors.joining(" and "));
  }
}
