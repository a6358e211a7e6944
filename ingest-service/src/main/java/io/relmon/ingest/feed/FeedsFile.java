package io.relmon.ingest.feed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The feeds file (YAML). Every problem is reported at once with its line; a bad file stops the
 * service.
 *
 * <pre>
 * interval: PT10M          # optional: how often each feed is polled (default PT10M, at least PT10S)
 * politeness: PT2S         # optional: least time between two requests to one host (default PT2S)
 * feeds:
 *   - url: https://www.example.org/rss/north-korea.xml
 *     source: Yonhap       # optional: the outlet (default: the source registry by domain, else the feed's title)
 *     interval: PT5M       # optional: this feed's own interval
 * </pre>
 */
public final class FeedsFile {

  /** One feed to poll. {@code source} may be null: looked up by the item's domain. */
  public record Feed(URI url, String source, Duration interval) {}

  /** The whole file. */
  public record Feeds(List<Feed> feeds, Duration politeness) {}

  private final List<String> errors = new ArrayList<>();

  private FeedsFile() {}

  public static Feeds read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return parse(text, file.toString());
  }

  public static Feeds parse(String yaml, String origin) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage());
    }
    FeedsFile file = new FeedsFile();
    Feeds feeds = file.read(root);
    if (!file.errors.isEmpty()) {
      throw new IllegalArgumentException("feeds file has problems:\n  " + String.join("\n  ",
          file.errors.stream().map(e -> origin + ":" + e).toList()));
    }
    return feeds;
  }

  private Feeds read(Node root) {
    if (!(root instanceof MappingNode top)) {
      error(root, "expected a mapping with 'feeds'");
      return new Feeds(List.of(), Duration.ofSeconds(2));
    }
    Map<String, Node> fields = fields(top, Set.of("interval", "politeness", "feeds"));
    Duration interval = fields.containsKey("interval") ? duration(fields.get("interval"), "interval") : Duration.ofMinutes(10);
    Duration politeness = fields.containsKey("politeness") ? duration(fields.get("politeness"), "politeness") : Duration.ofSeconds(2);
    List<Feed> feeds = new ArrayList<>();
    Node list = fields.get("feeds");
    if (!(list instanceof SequenceNode sequence)) {
      error(list == null ? top : list, "'feeds' must be a list of feeds, each with a 'url'");
      return new Feeds(feeds, politeness);
    }
    java.util.Set<URI> seen = new java.util.HashSet<>();
    for (Node item : sequence.getValue()) {
      if (!(item instanceof MappingNode mapping)) {
        error(item, "each feed must be a mapping with 'url'");
        continue;
      }
      Map<String, Node> f = fields(mapping, Set.of("url", "source", "interval"));
      String url = scalar(f.get("url"));
      URI uri = null;
      if (url == null) {
        error(item, "url: required");
      } else {
        try {
          uri = URI.create(url.strip());
          if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            error(f.get("url"), "url: '" + url + "' is not an absolute http(s) URL");
            uri = null;
          }
        } catch (IllegalArgumentException e) {
          error(f.get("url"), "url: '" + url + "' is not a URL");
        }
      }
      if (uri != null && !seen.add(uri)) {
        error(f.get("url"), "url: " + uri + " is listed twice");
      }
      Duration own = f.containsKey("interval") ? duration(f.get("interval"), "interval") : interval;
      if (uri != null && own != null) {
        feeds.add(new Feed(uri, scalar(f.get("source")), own));
      }
    }
    return new Feeds(List.copyOf(feeds), politeness);
  }

  private Duration duration(Node node, String key) {
    String text = scalar(node);
    try {
      Duration d = Duration.parse(text);
      if (key.equals("interval") && d.compareTo(Duration.ofSeconds(10)) < 0) {
        error(node, key + ": at least PT10S (be kind to the sites)");
      }
      if (d.isNegative()) {
        error(node, key + ": must not be negative");
      }
      return d;
    } catch (DateTimeParseException | NullPointerException e) {
      error(node, key + ": '" + text + "' is not an ISO-8601 duration such as PT10M");
      return null;
    }
  }

  private Map<String, Node> fields(MappingNode mapping, Set<String> known) {
    Map<String, Node> fields = new java.util.LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if (!known.contains(key)) {
        error(tuple.getKeyNode(), "unknown key '" + key + "' (expected one of " + new java.util.TreeSet<>(known) + ")");
      } else {
        fields.put(key, tuple.getValueNode());
      }
    }
    return fields;
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s && !s.getValue().isBlank() ? s.getValue() : null;
  }

  private void error(Node node, String message) {
    int line = node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    errors.add(line + ": " + message);
  }
}
