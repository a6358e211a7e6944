package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlDocumentTest {

  /** The exception a reader would throw. */
  static final class TestFileException extends ConfigException {
    TestFileException(List<String> problems) {
      super("invalid test file", problems);
    }
  }

  @Test
  void shouldGiveTypedFieldsOfAValidDocument() {
    YamlDocument doc = YamlDocument.parse("""
        name: desk
        weight: -2.5
        every: PT10M
        to: [a@example.org, b@example.org]
        note:
        """, "t.yaml", TestFileException::new);

    YamlDocument.Fields f = doc.root().fields("a mapping", "name", "weight", "every", "to", "note");

    assertThat(f.get("name").text()).isEqualTo("desk");
    assertThat(f.get("weight").number()).isEqualTo(-2.5);
    assertThat(f.get("every").duration("PT1M")).isEqualTo(Duration.ofMinutes(10));
    assertThat(f.get("to").strings()).containsExactly("a@example.org", "b@example.org");
    assertThat(f.has("note")).as("a null value counts as absent").isFalse();
    assertThat(f.has("missing")).isFalse();
    assertThat(doc.problems()).isEmpty();
  }

  @Test
  void shouldReportEachProblemWithFileLineAndPath() {
    YamlDocument doc = YamlDocument.parse("""
        items:
          - name: a
            colour: red
          - name: [b]
            weight: heavy
            every: soon
          - weight: 1
            weight: 2
          - just a string
        """, "t.yaml", TestFileException::new);

    YamlDocument.Fields top = doc.root().fields("a mapping", "items");
    for (YamlDocument.Node item : top.get("items").items()) {
      YamlDocument.Fields f = item.fields("each item must be a mapping", "name", "weight", "every");
      if (f != null) {
        f.get("name").text();
        if (f.has("weight")) {
          f.get("weight").number();
        }
        if (f.has("every")) {
          f.get("every").duration("PT10M");
        }
      }
    }

    assertThat(doc.problems()).containsExactly(
        "t.yaml:3: items[0].colour: unknown key (expected one of [every, name, weight])",
        "t.yaml:4: items[1].name: must be a single value, not a list",
        "t.yaml:5: items[1].weight: 'heavy' is not a number",
        "t.yaml:6: items[1].every: 'soon' is not an ISO-8601 duration such as PT10M",
        "t.yaml:8: items[2].weight: appears twice",
        "t.yaml:7: items[2].name: required",
        "t.yaml:9: items[3]: each item must be a mapping");
    assertThatThrownBy(() -> doc.check(TestFileException::new))
        .isInstanceOfSatisfying(TestFileException.class, e -> assertThat(e.problems()).hasSize(7))
        .hasMessageStartingWith("invalid test file:\n  - t.yaml:3: items[0].colour");
  }

  @Test
  void shouldReportBrokenYamlWithItsLineAtOnce() {
    assertThatThrownBy(() -> YamlDocument.parse("a: 1\nb: [unclosed\n", "t.yaml", TestFileException::new))
        .isInstanceOfSatisfying(TestFileException.class, e -> assertThat(e.problems()).singleElement()
            .asString().startsWith("t.yaml:3: not valid YAML: "));
  }

  @Test
  void shouldRefuseASecondDocumentAndGlobalTags() {
    assertThatThrownBy(() -> YamlDocument.parse("a: 1\n---\nb: 2\n", "t.yaml", TestFileException::new))
        .isInstanceOf(TestFileException.class)
        .hasMessageContaining("t.yaml:");
    assertThatThrownBy(() -> YamlDocument.parse("a: !!java.io.File /etc/passwd\n", "t.yaml", TestFileException::new))
        .isInstanceOf(TestFileException.class)
        .hasMessageContaining("t.yaml:1: not valid YAML: Global tag is not allowed");
  }

  @Test
  void shouldReportAnEmptyDocumentAsNotAMapping() {
    YamlDocument doc = YamlDocument.parse("", "t.yaml", TestFileException::new);

    assertThat(doc.root().fields("expected a mapping with 'items'", "items")).isNull();
    assertThat(doc.problems()).containsExactly("t.yaml:1: expected a mapping with 'items'");
  }
}
