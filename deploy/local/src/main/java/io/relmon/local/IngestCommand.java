package io.relmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.ingest.ArticleParser;
import io.relmon.service.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relmon ingest PATH... [--url URL]}: imports article files (text-with-headers, JSON
 * Lines) and folders of them into a running ingest service over its HTTP API, in NDJSON batches.
 * Files are read and checked here first, so a bad file is reported with its name and line
 * without a round trip. Prints a summary — accepted, duplicates, rejected with reason and
 * file/line — and exits 1 when anything was rejected or could not be published, 0 otherwise.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Import article files (text-with-headers, .jsonl/.ndjson) and folders into a running ingest service.")
final class IngestCommand implements Callable<Integer> {

  /** Articles per request: large enough to amortise the round trip, small enough for the size limit. */
  static final int BATCH = 50;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (*.txt, *.jsonl, *.ndjson).")
  List<Path> paths;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8081",
      description = "The ingest service (default ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--token-file", description = "File holding the ingest token. Default: RELMON_INGEST_TOKEN, "
      + "else the ingest.token of the newest ./relmon local data directory (.relmon/run-*).")
  Path tokenFile;

  @Override
  public Integer call() throws Exception {
    return run(System.out, System.err);
  }

  int run(PrintStream out, PrintStream err) throws Exception {
    String token;
    try {
      token = token();
    } catch (IllegalStateException e) {
      err.println("relmon ingest: " + e.getMessage());
      return 2;
    }
    List<ArticleParser.Parsed> inputs = ArticleSources.fromPaths(paths);
    // One line per reason; inputs are counted apart (an input may have several reasons).
    List<String> rejected = new ArrayList<>();
    int rejectedInputs = 0;
    List<ArticleParser.Parsed> good = new ArrayList<>();
    for (ArticleParser.Parsed input : inputs) {
      if (input.ok()) {
        good.add(input);
      } else {
        input.errors().forEach(e -> rejected.add(input.origin() + ": " + e));
        rejectedInputs++;
      }
    }
    int accepted = 0;
    int duplicates = 0;
    for (int from = 0; from < good.size(); from += BATCH) {
      int[] counts = send(good.subList(from, Math.min(good.size(), from + BATCH)), token, rejected);
      if (counts == null) {
        err.println("relmon ingest: " + rejected.get(rejected.size() - 1));
        return 2;
      }
      accepted += counts[0];
      duplicates += counts[1];
      rejectedInputs += counts[2];
    }
    out.printf("accepted %d, duplicates %d, rejected %d%n", accepted, duplicates, rejectedInputs);
    rejected.forEach(r -> out.println("  rejected " + r));
    return rejected.isEmpty() ? 0 : 1;
  }

  /**
   * Posts one NDJSON batch; returns {accepted, duplicates, rejected or failed} and adds each rejected or failed item
   * to {@code rejected} under its origin, or returns null when the service cannot be used at all.
   */
  private int[] send(List<ArticleParser.Parsed> batch, String token, List<String> rejected) throws InterruptedException {
    StringBuilder ndjson = new StringBuilder();
    for (ArticleParser.Parsed item : batch) {
      ndjson.append(LocalCommand.toJson(item.article())).append('\n');
    }
    HttpResponse<String> response;
    try {
      response = Http.post(url.replaceAll("/+$", "") + "/v1/articles", token, "application/x-ndjson", ndjson.toString());
    } catch (IOException e) {
      rejected.add("cannot reach the ingest service at " + url + ": " + e.getMessage());
      return null;
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.has("accepted")) {
      // The request as a whole was refused (401, 413, ...): nothing of it was taken.
      String reason = "ingest answered " + response.statusCode() + ": " + response.body().strip();
      if (response.statusCode() == 401) {
        rejected.add(reason + " (check the token)");
        return null;
      }
      batch.forEach(item -> rejected.add(item.origin() + ": " + reason));
      return new int[] {0, 0, batch.size()};
    }
    for (JsonNode r : answer.get("rejected")) {
      String origin = batch.get(r.get("item").asInt() - 1).origin();
      r.get("errors").forEach(e -> rejected.add(origin + ": " + e.asText()));
    }
    for (JsonNode f : answer.get("failed")) {
      rejected.add(batch.get(f.get("item").asInt() - 1).origin() + ": not published: " + f.get("reason").asText());
    }
    return new int[] {answer.get("accepted").size(), answer.get("duplicates").size(),
        answer.get("rejected").size() + answer.get("failed").size()};
  }

  private String token() throws IOException {
    if (tokenFile != null) {
      return read(tokenFile);
    }
    String env = System.getenv("RELMON_INGEST_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    Path runs = Path.of(".relmon");
    if (Files.isDirectory(runs)) {
      try (Stream<Path> dirs = Files.list(runs)) {
        Path newest = dirs.map(d -> d.resolve("ingest.token")).filter(Files::isRegularFile)
            .max(Comparator.comparing(IngestCommand::modified)).orElse(null);
        if (newest != null) {
          System.err.println("relmon ingest: using the token in " + newest.toAbsolutePath());
          return read(newest);
        }
      }
    }
    throw new IllegalStateException("no ingest token: pass --token-file, set RELMON_INGEST_TOKEN, or start ./relmon local here");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the token file " + file + ": " + e.getMessage());
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0);
    }
  }
}
