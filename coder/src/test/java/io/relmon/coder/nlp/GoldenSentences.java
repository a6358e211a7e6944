package io.relmon.coder.nlp;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The sentences of the golden cases' texts, for the tests that compare our tagger and parser with CoreNLP's. */
final class GoldenSentences {

  private GoldenSentences() {}

  /** The text lines of every golden-case file, split at sentence ends. */
  static List<String> all() throws Exception {
    URL dir = GoldenSentences.class.getResource("/io/relmon/coder/golden/");
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("text:")) {
            for (String s : line.substring(5).strip().split("(?<=[.!?][\"”]?) (?=[A-Z\"“])")) {
              if (!s.isBlank()) {
                out.add(s);
              }
            }
          }
        }
      }
    }
    return out;
  }
}
