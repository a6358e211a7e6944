package io.relmon.coder;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.coder.ArticleText;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases of the coder, in our own words: a short text and its publication date, and the
 * events it must yield — all of them, and nothing else. One file per theme under
 * {@code src/test/resources/io/relmon/coder/golden/}:
 *
 * <pre>
 * case: a launch by a capital
 * published: 2026-02-10
 * text: On Feb. 9, Pyongyang fired two ballistic missiles.
 * expect: MISSILE_TEST PRK -> - 2026-02-09 FACT
 * </pre>
 *
 * {@code title:} sets the headline; several {@code text:} lines are paragraphs; {@code expect:
 * nothing} says the text holds no event.
 */
class GoldenCasesTest {

  private static final EventCoder CODER = new ClauseCoder();

  record GoldenCase(String file, String name, LocalDate published, String title, String body, List<String> expected) {}

  @TestFactory
  Stream<DynamicTest> everyGoldenCase() throws Exception {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + ": " + c.name(), () -> {
      ArticleText article = new ArticleText(c.title(), c.body(),
          c.published().atTime(9, 0).atOffset(ZoneOffset.ofHours(9)));
      List<String> actual = CODER.code(article).events().stream().map(GoldenCasesTest::render).toList();
      assertThat(actual).as("events of: %s", c.body()).containsExactlyInAnyOrderElementsOf(c.expected());
    }));
  }

  @Test
  void shouldHaveAtLeastEightyCases() throws Exception {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(80);
  }

  static String render(CodedEvent e) {
    return e.type() + " " + e.actor() + " -> " + (e.targets().isEmpty() ? "-" : String.join(",", e.targets()))
        + " " + e.date() + " " + e.modality();
  }

  static List<GoldenCase> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenCasesTest.class.getResource("golden").toURI());
    List<GoldenCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".golden")).sorted().toList()) {
        cases.addAll(parse(file));
      }
    }
    return cases;
  }

  private static List<GoldenCase> parse(Path file) throws IOException {
    List<GoldenCase> cases = new ArrayList<>();
    String name = null;
    LocalDate published = null;
    String title = "";
    List<String> text = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    int lineNumber = 0;
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.add("case: <end>");
    for (String line : lines) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? "" : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1).strip();
      switch (key) {
        case "case" -> {
          if (name != null) {
            if (published == null || text.isEmpty() || expected.isEmpty()) {
              throw new IllegalStateException(file.getFileName() + ": case '" + name + "' needs published, text and expect");
            }
            cases.add(new GoldenCase(file.getFileName().toString(), name, published, title, String.join("\n", text),
                expected.equals(List.of("nothing")) ? List.of() : List.copyOf(expected)));
          }
          name = value;
          published = null;
          title = "";
          text.clear();
          expected.clear();
        }
        case "published" -> published = LocalDate.parse(value);
        case "title" -> title = value;
        case "text" -> text.add(value);
        case "expect" -> expected.add(value);
        default -> throw new IllegalStateException(file.getFileName() + ":" + lineNumber + ": unknown line: " + line);
      }
    }
    return cases;
  }
}
