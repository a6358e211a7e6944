package io.relmon.ingest.feed;

import io.relmon.service.ConfigException;
import io.relmon.service.YamlDocument;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The feeds file (YAML), read by {@link YamlDocument}. Every problem is reported at once with its
 * line and path; a bad file stops the service.
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

  /** The feeds file has problems; the message lists each as "file:line: path: problem". */
  public static final class FeedsException extends ConfigException {
    public FeedsException(List<String> problems) {
      super("invalid feeds file", problems);
    }
  }

  private FeedsFile() {}

  public static Feeds read(Path file) {
    return read(YamlDocument.read(file, FeedsException::new));
  }

  public static Feeds parse(String yaml, String origin) {
    return read(YamlDocument.parse(yaml, origin, FeedsException::new));
  }

  private static Feeds read(YamlDocument document) {
    YamlDocument.Fields top = document.root().fields("expected a mapping with 'feeds'", "interval", "politeness", "feeds");
    if (top == null) {
      document.check(FeedsException::new);
    }
    Duration interval = top.has("interval") ? duration(top.get("interval"), Duration.ofSeconds(10)) : Duration.ofMinutes(10);
    Duration politeness = top.has("politeness") ? duration(top.get("politeness"), Duration.ZERO) : Duration.ofSeconds(2);
    List<Feed> feeds = new ArrayList<>();
    YamlDocument.Node list = top.get("feeds");
    if (!list.isSequence()) {
      list.error("must be a list of feeds, each with a 'url'");
    }
    Set<URI> seen = new HashSet<>();
    for (YamlDocument.Node item : list.isSequence() ? list.items() : List.<YamlDocument.Node>of()) {
      YamlDocument.Fields f = item.fields("each feed must be a mapping with 'url'", "url", "source", "interval");
      if (f == null) {
        continue;
      }
      String url = f.get("url").text();
      URI uri = null;
      if (url != null) {
        try {
          uri = URI.create(url);
          if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            f.get("url").error("'" + url + "' is not an absolute http(s) URL");
            uri = null;
          }
        } catch (IllegalArgumentException e) {
          f.get("url").error("'" + url + "' is not a URL");
        }
      }
      if (uri != null && !seen.add(uri)) {
        f.get("url").error(uri + " is listed twice");
      }
      String source = null;
      if (f.has("source")) {
        source = f.get("source").text();
      }
      Duration own = f.has("interval") ? duration(f.get("interval"), Duration.ofSeconds(10)) : interval;
      if (uri != null && own != null) {
        feeds.add(new Feed(uri, source, own));
      }
    }
    document.check(FeedsException::new);
    return new Feeds(List.copyOf(feeds), politeness);
  }

  /** An ISO-8601 duration of at least {@code least} (intervals: PT10S, be kind to the sites). */
  private static Duration duration(YamlDocument.Node node, Duration least) {
    Duration d = node.duration("PT10M");
    if (d != null && d.isNegative()) {
      node.error("must not be negative");
    } else if (d != null && d.compareTo(least) < 0) {
      node.error("at least " + least + " (be kind to the sites)");
    }
    return d;
  }
}
