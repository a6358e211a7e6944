package io.relmon.local;

import io.relmon.ingest.ArticleParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the local stack's articles come from: files and folders, or the bundled demo scenario. */
final class ArticleSources {
  private static final String DEMO = "/io/relmon/local/demo/";

  private ArticleSources() {}

  /** Every article in the given files and folders (folders: *.txt, *.jsonl, *.ndjson, sorted). */
  static List<ArticleParser.Parsed> fromPaths(List<Path> paths) {
    List<ArticleParser.Parsed> parsed = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path)) {
          files.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".jsonl") || f.toString().endsWith(".ndjson"))
              .sorted()
              .forEach(f -> parsed.addAll(ArticleParser.fromFile(f)));
        } catch (IOException e) {
          parsed.add(new ArticleParser.Parsed(null, List.of("folder: cannot list (" + e.getMessage() + ")"), path.toString()));
        }
      } else if (Files.isRegularFile(path)) {
        parsed.addAll(ArticleParser.fromFile(path));
      } else {
        parsed.add(new ArticleParser.Parsed(null, List.of("file: does not exist"), path.toString()));
      }
    }
    return parsed;
  }

  /** The demo scenario: articles we wrote telling the January 2026 story day by day. */
  static List<ArticleParser.Parsed> demo() {
    List<ArticleParser.Parsed> parsed = new ArrayList<>();
    for (String name : read(DEMO + "index").split("\n")) {
      if (!name.isBlank()) {
        parsed.add(ArticleParser.fromTextWithHeaders(read(DEMO + name.strip()), "demo/" + name.strip()));
      }
    }
    return parsed;
  }

  static String read(String resource) {
    try (InputStream in = ArticleSources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
