package io.relmon.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relmon.ingest.ArticleParser;
import io.relmon.coder.CodedEvent;
import io.relmon.coder.EventCoder;
import io.relmon.coder.ClauseCoder;
import io.relmon.service.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code relmon code FILE...}: coded events as JSON Lines on standard output, one event a line,
 * with exactly the fields of BRIEF §3. Errors go to standard error naming the file; the other
 * files are still coded. Exit status 1 when any input could not be read.
 */
@Command(name = "code", mixinStandardHelpOptions = true, description = "Code articles (text-with-headers or JSON Lines) into events, as JSON Lines.")
final class CodeCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Article files: text with headers, or .jsonl/.ndjson")
  List<Path> files;

  @Override
  public Integer call() {
    return code(files, new ClauseCoder(), System.out, System.err);
  }

  static int code(List<Path> files, EventCoder coder, PrintStream out, PrintStream err) {
    int failures = 0;
    for (Path file : files) {
      boolean jsonLines = file.toString().endsWith(".jsonl") || file.toString().endsWith(".ndjson");
      for (ArticleParser.Parsed parsed : ArticleSources.fromPaths(List.of(file))) {
        if (!parsed.ok()) {
          err.println("relmon code: " + parsed.origin() + ": " + String.join("; ", parsed.errors()));
          failures++;
          continue;
        }
        String article = jsonLines ? parsed.article().id() : file.getFileName().toString();
        try {
          for (CodedEvent e : coder.code(parsed.article().text()).events()) {
            out.println(line(article, e));
          }
        } catch (io.relmon.coder.CodingRefused refused) {
          err.println("relmon code: " + parsed.origin() + ": " + refused.getMessage());
          failures++;
        }
      }
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  static String line(String article, CodedEvent e) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("article", article);
    node.put("type", e.type().name());
    node.put("actor", e.actor());
    var targets = node.putArray("targets");
    e.targets().forEach(targets::add);
    node.put("date", e.date());
    node.put("modality", e.modality().name());
    node.put("weight", e.weight());
    node.put("confidence", e.confidence());
    node.put("plover", e.plover());
    node.put("cameo", e.cameo());
    node.put("evidence", e.evidence());
    node.put("evidenceStart", e.evidenceStart());
    node.put("evidenceEnd", e.evidenceEnd());
    return node.toString();
  }
}
