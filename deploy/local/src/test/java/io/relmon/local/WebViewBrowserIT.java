package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.relmon.ingest.ArticleParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web view as an analyst sees it: the local stack with the demo scenario and a hostile
 * article of our own, read by Debian's headless Chromium (the DOM after the browser has loaded
 * the page). `.ci/run` installs Chromium; without it (a developer's machine) the test is skipped.
 * Screenshots of the three pages are left in {@code target/web-view/}.
 */
class WebViewBrowserIT {

  private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

  @TempDir
  Path dir;

  @Test
  void shouldShowTheRelationshipItsSignalAndEvidenceAndHostileMarkupAsText() throws Exception {
    Path browser = BROWSERS.stream().filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(browser != null, "Debian's chromium is not installed (.ci/run installs it)");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, ArticleSources.read("/io/relmon/local/demo-rules.yaml"));
    Path hostile = Path.of(getClass().getResource("/articles/hostile-markup.txt").toURI());
    try (LocalStack stack = LocalStack.start(new LocalStack.Options(dir.resolve("stack"), 0, 0, 0, 0, 0, rules))) {
      stack.awaitReady(Duration.ofSeconds(60));
      List<ArticleParser.Parsed> inputs = new ArrayList<>(ArticleSources.demo());
      inputs.addAll(ArticleSources.fromPaths(List.of(hostile)));
      assertThat(LocalCommand.send(stack, inputs, System.err)).isEqualTo(inputs.size());
      stack.awaitIdle(Duration.ofSeconds(180));
      String base = stack.webUrl();
      Path shots = Files.createDirectories(Path.of("target", "web-view"));

      Document dyad = open(browser, base + "/dyads/CHN-PRK", shots.resolve("dyad.png"));
      assertThat(dyad.select("svg#timeline")).hasSize(1);
      assertThat(dyad.select("svg#timeline .event-mark")).isNotEmpty();
      assertThat(dyad.select("svg#timeline .signal-mark[data-type=TIMED_PROVOCATION]")).isNotEmpty();
      Element signal = dyad.selectFirst("article.signal[data-type=TIMED_PROVOCATION]");
      assertThat(signal).as("the timed provocation on the dyad page").isNotNull();
      List<String> cited = signal.select("li.cited-event .evidence").eachText();
      assertThat(cited).as("both events the signal rests on, with their evidence").hasSize(2);
      assertThat(cited.get(0)).contains("ballistic missile");
      assertThat(cited.get(1)).as("the meeting it was timed to").contains("Beijing");
      // The hostile article's markup is shown as text, and nothing of it became markup.
      assertThat(dyad.select(".evidence").eachText()).anyMatch(t -> t.contains("<script>alert('evidence')</script>"));
      assertThat(dyad.text()).contains("<b>Hostile Wire</b>").contains("<img src=x onerror=\"alert('title')\">");
      assertThat(dyad.select("script, img, iframe, object, embed")).isEmpty();
      assertThat(dyad.getAllElements()).allSatisfy(e ->
          assertThat(e.attributes().asList()).noneMatch(a -> a.getKey().toLowerCase().startsWith("on")));

      Document overview = open(browser, base + "/", shots.resolve("overview.png"));
      List<String> listed = overview.select("#movers-30d a[href^=/dyads/]").eachAttr("href");
      assertThat(listed).contains("/dyads/CHN-PRK", "/dyads/KOR-PRK", "/dyads/PRK-RUS");
      assertThat(overview.select("#latest-signals").text()).contains("PRK missile test");

      Document country = open(browser, base + "/countries/PRK", shots.resolve("country.png"));
      assertThat(country.select("tr.partner").eachAttr("data-partner")).contains("CHN", "KOR", "RUS");

      HttpClient http = HttpClient.newHttpClient();
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/dyads/AAA-ZZZ")).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(404);
    }
  }

  /** The page's DOM as the browser built it, and a screenshot of it. */
  private Document open(Path browser, String url, Path screenshot) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium");
    List<String> common = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=1100,2400");
    List<String> dump = new ArrayList<>(common);
    dump.addAll(List.of("--dump-dom", url));
    String dom = run(dump, profile.resolve("dom.html"));
    List<String> shot = new ArrayList<>(common);
    shot.addAll(List.of("--screenshot=" + screenshot.toAbsolutePath(), url));
    run(shot, profile.resolve("shot.out"));
    return Jsoup.parse(dom, url);
  }

  private static String run(List<String> command, Path output) throws Exception {
    Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    // A generous bound: Chromium starts slowly on a busy two-core machine.
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s: " + command);
    }
    assertThat(process.exitValue()).as("chromium exit status for " + command).isZero();
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
