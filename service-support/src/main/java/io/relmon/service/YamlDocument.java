package io.relmon.service;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The one reader of relmon's YAML files (alert rules, feeds): a validating walk over SnakeYAML's
 * node tree — nothing is constructed from tags — that collects every problem instead of stopping
 * at the first, each as {@code file:line: path: message} ({@code rules.yaml:12: rules[0].severity:
 * 'LOUD' is not one of INFO, WARNING, CRITICAL}).
 *
 * <p>Rules the readers share: a mapping accepts only its known keys, each once; a blank or
 * {@code null} value counts as absent; a list is a YAML sequence ({@code [a, b]} or one item a
 * line); numbers are decimal; durations are ISO-8601 ({@code PT10M}, {@code P1D}). Broken YAML is
 * reported with its line and nothing else. The caller checks what the file means and throws with
 * {@link #check} when anything was found.
 */
public final class YamlDocument {

  private final String origin;
  private final Node root;
  private final List<String> problems = new ArrayList<>();

  private YamlDocument(String origin, org.yaml.snakeyaml.nodes.Node root) {
    this.origin = origin;
    this.root = new Node(root, "", root == null ? 1 : line(root));
  }

  /**
   * Reads a file. An unreadable file or broken YAML throws at once, through {@code exception}
   * (the reader's own {@link ConfigException}), naming the file and the line.
   */
  public static YamlDocument read(Path file, Function<List<String>, ? extends ConfigException> exception) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return parse(reader, file.toString(), exception);
    } catch (IOException e) {
      throw exception.apply(List.of(file + ": cannot read (" + e.getMessage() + ")"));
    }
  }

  /** Parses text that came from {@code origin} (a file name, for the messages). */
  public static YamlDocument parse(String text, String origin, Function<List<String>, ? extends ConfigException> exception) {
    return parse(new StringReader(text), origin, exception);
  }

  private static YamlDocument parse(Reader reader, String origin, Function<List<String>, ? extends ConfigException> exception) {
    try {
      return new YamlDocument(origin, new Yaml(new LoaderOptions()).compose(reader));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw exception.apply(List.of(origin + ":" + line + ": not valid YAML: " + e.getProblem()));
    } catch (RuntimeException e) {
      throw exception.apply(List.of(origin + ": not valid YAML: " + e.getMessage()));
    }
  }

  /** The document's top node (an empty document: a node that is {@link Node#absent()}). */
  public Node root() {
    return root;
  }

  /** Records a problem at a node. */
  public void error(Node at, String message) {
    problems.add(origin + ":" + at.line + ": " + (at.path.isEmpty() ? "" : at.path + ": ") + message);
  }

  /** Every problem recorded so far. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws {@code exception} with every problem, if there is any. */
  public void check(Function<List<String>, ? extends ConfigException> exception) {
    if (!problems.isEmpty()) {
      throw exception.apply(problems());
    }
  }

  private static int line(org.yaml.snakeyaml.nodes.Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** A place in the document: its YAML node (null where a key is absent), path and line. */
  public final class Node {
    private final org.yaml.snakeyaml.nodes.Node yaml;
    private final String path;
    private final int line;

    private Node(org.yaml.snakeyaml.nodes.Node yaml, String path, int line) {
      this.yaml = yaml;
      this.path = path;
      this.line = line;
    }

    /** Where the node is: {@code rules[2].channels}; empty for the top. */
    public String path() {
      return path;
    }

    /** Its line, 1-based (an absent key: its mapping's line). */
    public int line() {
      return line;
    }

    /** No value: the key is missing, or its value is blank or {@code null}. */
    public boolean absent() {
      return yaml == null || (yaml instanceof ScalarNode s && (s.getValue().isBlank() || isNull(s)));
    }

    public boolean isMapping() {
      return yaml instanceof MappingNode;
    }

    public boolean isSequence() {
      return yaml instanceof SequenceNode;
    }

    /** The text of a scalar (stripped), or null when the node is absent or not a scalar. */
    public String scalar() {
      return absent() || !(yaml instanceof ScalarNode s) ? null : s.getValue().strip();
    }

    /** Records a problem here. */
    public void error(String message) {
      YamlDocument.this.error(this, message);
    }

    /** The text of a required scalar; records "required" or "must be a single value" and returns null otherwise. */
    public String text() {
      if (absent()) {
        error("required");
        return null;
      }
      String value = scalar();
      if (value == null) {
        error("must be a single value, not a " + (isMapping() ? "mapping" : "list"));
      }
      return value;
    }

    /** A required decimal number, or null (recorded). */
    public Double number() {
      String text = text();
      if (text == null) {
        return null;
      }
      try {
        double value = Double.parseDouble(text);
        if (Double.isFinite(value)) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      error("'" + text + "' is not a number");
      return null;
    }

    /** A required ISO-8601 duration, or null (recorded). */
    public Duration duration(String example) {
      String text = text();
      if (text == null) {
        return null;
      }
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        error("'" + text + "' is not an ISO-8601 duration such as " + example);
        return null;
      }
    }

    /** The items of a sequence; records a problem (and returns none) for anything else but absent. */
    public List<Node> items() {
      if (absent()) {
        return List.of();
      }
      if (!(yaml instanceof SequenceNode sequence)) {
        error("must be a list");
        return List.of();
      }
      List<Node> items = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        org.yaml.snakeyaml.nodes.Node item = sequence.getValue().get(i);
        items.add(new Node(item, path + "[" + i + "]", YamlDocument.line(item)));
      }
      return items;
    }

    /** A list of single values (each item a scalar; others recorded and left out). */
    public List<String> strings() {
      List<String> values = new ArrayList<>();
      for (Node item : items()) {
        String value = item.scalar();
        if (value == null) {
          item.error("each item must be a single value");
        } else {
          values.add(value);
        }
      }
      return values;
    }

    /**
     * The entries of a mapping whose keys are names (channel names), in order; a key given twice
     * is recorded. Anything but a mapping is recorded with {@code expected}.
     */
    public Map<String, Node> entries(String expected) {
      Map<String, Node> entries = new LinkedHashMap<>();
      if (!(yaml instanceof MappingNode mapping)) {
        error(expected);
        return entries;
      }
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
        Node keyNode = new Node(tuple.getKeyNode(), child(String.valueOf(key)), YamlDocument.line(tuple.getKeyNode()));
        if (key == null) {
          keyNode.error("a key must be a single value");
        } else if (entries.containsKey(key)) {
          keyNode.error("appears twice");
        } else {
          entries.put(key, new Node(tuple.getValueNode(), child(key), YamlDocument.line(tuple.getValueNode())));
        }
      }
      return entries;
    }

    /**
     * The fields of a mapping with these known keys: an unknown key (at its own line) or one
     * given twice is recorded; so is anything but a mapping, with {@code expected} ("each feed
     * must be a mapping with 'url'"), and then null is returned.
     */
    public Fields fields(String expected, String... known) {
      if (!(yaml instanceof MappingNode mapping)) {
        error(expected);
        return null;
      }
      Set<String> knownKeys = new TreeSet<>(List.of(known));
      Map<String, Node> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
        Node keyNode = new Node(tuple.getKeyNode(), child(String.valueOf(key)), YamlDocument.line(tuple.getKeyNode()));
        if (key == null) {
          keyNode.error("a key must be a single value");
        } else if (!knownKeys.contains(key)) {
          keyNode.error("unknown key (expected one of " + knownKeys + ")");
        } else if (fields.containsKey(key)) {
          keyNode.error("appears twice");
        } else {
          fields.put(key, new Node(tuple.getValueNode(), child(key), YamlDocument.line(tuple.getValueNode())));
        }
      }
      return new Fields(this, fields);
    }

    private String child(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean isNull(ScalarNode node) {
      return node.getTag().getValue().endsWith(":null");
    }
  }

  /** The known fields of one mapping. */
  public final class Fields {
    private final Node mapping;
    private final Map<String, Node> fields;

    private Fields(Node mapping, Map<String, Node> fields) {
      this.mapping = mapping;
      this.fields = fields;
    }

    /** Whether the key has a value (not absent). */
    public boolean has(String key) {
      Node node = fields.get(key);
      return node != null && !node.absent();
    }

    /** The key's node; a missing key gives an absent node at the mapping's line. */
    public Node get(String key) {
      Node node = fields.get(key);
      return node != null ? node : new Node(null, mapping.child(key), mapping.line);
    }

    /** Leaves a key out (a key that does not apply, already reported). */
    public void remove(String key) {
      fields.remove(key);
    }

    /** The mapping these fields belong to. */
    public Node mapping() {
      return mapping;
    }
  }
}
