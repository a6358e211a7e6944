package io.relmon.local;

import io.relmon.ingest.ArticleParser;
import io.relmon.coder.CodedEvent;
import io.relmon.coder.EventCoder;
import io.relmon.coder.ClauseCoder;
import io.relmon.coder.eval.GoldEvaluation;
import io.relmon.coder.eval.GoldEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relmon eval DIR}: runs the coder over every {@code NNN.txt} with a {@code NNN.gold.json}
 * beside it and prints precision, recall and F1 overall and per type, then each miss and each
 * false positive. Matching rules: {@code ../shared/eval/README.md}, as {@link GoldEvaluation}. With
 * {@code --slice FROM-TO} (repeatable; by default the dev set's 001-009, built on, and 010-039,
 * new) it also prints the figures of each numbered range of articles.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Precision, recall and F1 of the coder over a folder of articles with gold annotations.")
final class EvalCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "Folder with NNN.txt and NNN.gold.json files")
  Path dir;

  @Option(names = "--slice", paramLabel = "FROM-TO", description = "Also print the figures of articles FROM..TO (by number; repeatable; default: 001-009 and 010-039)")
  List<String> slices = new ArrayList<>(List.of("001-009", "010-039"));

  @Override
  public Integer call() {
    for (String slice : slices) {
      if (!slice.matches("\\d{1,4}-\\d{1,4}")) {
        System.err.println("relmon eval: --slice " + slice + ": expected FROM-TO, e.g. 010-039");
        return 2;
      }
    }
    return eval(dir, new ClauseCoder(), System.out, System.err, slices);
  }

  static int eval(Path dir, EventCoder coder, PrintStream out, PrintStream err) {
    return eval(dir, coder, out, err, List.of());
  }

  static int eval(Path dir, EventCoder coder, PrintStream out, PrintStream err, List<String> slices) {
    List<Path> articles;
    try (Stream<Path> files = Files.list(dir)) {
      articles = files.filter(f -> f.getFileName().toString().endsWith(".txt"))
          .filter(f -> Files.exists(goldOf(f))).sorted().toList();
    } catch (IOException e) {
      err.println("relmon eval: " + dir + ": cannot list (" + e.getMessage() + ")");
      return 1;
    }
    if (articles.isEmpty()) {
      err.println("relmon eval: " + dir + ": no NNN.txt with a NNN.gold.json beside it");
      return 1;
    }
    int failures = 0;
    List<GoldEvaluation.ArticleResult> results = new ArrayList<>();
    for (Path article : articles) {
      List<ArticleParser.Parsed> parsed = ArticleParser.fromFile(article);
      List<GoldEvent> gold;
      try {
        gold = GoldEvaluation.readGold(goldOf(article));
      } catch (IOException | RuntimeException e) {
        err.println("relmon eval: " + goldOf(article) + ": cannot read gold (" + e.getMessage() + ")");
        failures++;
        continue;
      }
      if (parsed.size() != 1 || !parsed.get(0).ok()) {
        err.println("relmon eval: " + article + ": " + String.join("; ", parsed.get(0).errors()));
        failures++;
        continue;
      }
      List<CodedEvent> coded;
      try {
        coded = coder.code(parsed.get(0).article().text()).events();
      } catch (io.relmon.coder.CodingRefused refused) {
        err.println("relmon eval: " + article + ": " + refused.getMessage() + " (counted as coding nothing)");
        coded = List.of();
        failures++;
      }
      results.add(GoldEvaluation.evaluate(article.getFileName().toString(), coded, gold));
    }
    print(results, coder.version(), out, slices);
    return failures == 0 ? 0 : 1;
  }

  private static Path goldOf(Path article) {
    String name = article.getFileName().toString();
    return article.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".gold.json");
  }

  private static void print(List<GoldEvaluation.ArticleResult> results, String version, PrintStream out,
      List<String> slices) {
    GoldEvaluation.Totals t = GoldEvaluation.totals(results);
    out.printf(Locale.ROOT, "coder %s over %d articles: %d coded events, %d required gold events%n", version, results.size(), t.coded(), t.required());
    out.printf(Locale.ROOT, "overall  precision %.3f  recall %.3f  F1 %.3f  (matched %d required, %d optional)%n",
        t.precision(), t.recall(), t.f1(), t.matchedRequired(), t.matchedOptional());
    for (String slice : slices) {
      int from = Integer.parseInt(slice.substring(0, slice.indexOf('-')));
      int to = Integer.parseInt(slice.substring(slice.indexOf('-') + 1));
      List<GoldEvaluation.ArticleResult> in = results.stream().filter(r -> inSlice(r.article(), from, to)).toList();
      if (in.isEmpty()) {
        continue;
      }
      GoldEvaluation.Totals s = GoldEvaluation.totals(in);
      out.printf(Locale.ROOT, "slice %-9s precision %.3f  recall %.3f  F1 %.3f  (%d articles, %d coded, %d required)%n",
          slice, s.precision(), s.recall(), s.f1(), in.size(), s.coded(), s.required());
    }
    out.println();
    out.printf(Locale.ROOT, "%-24s %6s %8s %9s %7s %7s%n", "type", "coded", "correct", "precision", "gold", "recall");
    for (Map.Entry<String, GoldEvaluation.TypeRow> row : GoldEvaluation.byType(results).entrySet()) {
      GoldEvaluation.TypeRow r = row.getValue();
      out.printf(Locale.ROOT, "%-24s %6d %8d %9s %7d %7s%n", row.getKey(), r.coded(), r.correct(), figure(r.precision()), r.required(), figure(r.recall()));
    }
    out.println();
    for (GoldEvaluation.ArticleResult r : results) {
      for (GoldEvent miss : r.misses()) {
        out.printf(Locale.ROOT, "MISS %s  %s %s -> %s %s  | %s%n", r.article(), String.join("/", miss.types()),
            String.join("/", miss.actors()), miss.targets(), miss.date(), clip(miss.evidence()));
      }
      for (CodedEvent fp : r.falsePositives()) {
        out.printf(Locale.ROOT, "FALSE %s  %s %s -> %s %s  | %s%n", r.article(), fp.type(), fp.actor(), fp.targets(), fp.date(), clip(fp.evidence()));
      }
    }
  }

  /** Whether an article's file name starts with a number in {@code from..to}. */
  static boolean inSlice(String article, int from, int to) {
    int end = 0;
    while (end < article.length() && Character.isDigit(article.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 9) {
      return false;
    }
    int number = Integer.parseInt(article.substring(0, end));
    return number >= from && number <= to;
  }

  private static String figure(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String clip(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
