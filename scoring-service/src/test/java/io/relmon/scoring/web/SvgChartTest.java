package io.relmon.scoring.web;

import static io.relmon.scoring.web.WebFixtures.HOSTILE;
import static io.relmon.scoring.web.WebFixtures.event;
import static io.relmon.scoring.web.WebFixtures.points;
import static io.relmon.scoring.web.WebFixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.scoring.history.HistoryView.Event;
import io.relmon.scoring.history.HistoryView.Point;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class SvgChartTest {
  private static final LocalDate JAN_1 = LocalDate.parse("2026-01-01");

  private static Document svg(String markup) {
    return Jsoup.parse(markup, "", Parser.xmlParser());
  }

  private static void assertFinite(String svg) {
    assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void shouldDrawOneMarkPerEventColouredBySignAndOneDashedLinePerSignal() {
    List<Event> events = List.of(event("warm", "2026-01-03", 4), event("cold", "2026-01-05", -6), event("flat", "2026-01-06", 0));
    String chart = SvgChart.timeline(points(JAN_1, 0, 10, 10, -5, -5, -8, -8),
        events, List.of(signal("s1", "TIMED_PROVOCATION", Instant.parse("2026-01-05T00:00:00Z"), "x", List.of())));
    Document doc = svg(chart);

    assertThat(doc.select("svg#timeline")).hasSize(1);
    assertThat(doc.select("svg").attr("viewBox")).isEqualTo("0 0 800 260");
    assertThat(doc.select(".event-mark")).extracting(e -> e.attr("data-id")).containsExactly("warm", "cold", "flat");
    assertThat(doc.select(".event-mark[data-id=warm]").attr("fill")).isEqualTo(SvgChart.WARMING);
    assertThat(doc.select(".event-mark[data-id=cold]").attr("fill")).isEqualTo(SvgChart.COOLING);
    assertThat(doc.select(".event-mark[data-id=flat]").attr("fill")).isEqualTo(SvgChart.NEUTRAL);
    Element signal = doc.selectFirst("g.signal-mark[data-type=TIMED_PROVOCATION]");
    assertThat(signal).isNotNull();
    assertThat(signal.selectFirst("line").attr("stroke-dasharray")).isNotEmpty();
    assertThat(signal.selectFirst("text").text()).isEqualTo("timed provocation");
    assertThat(doc.select("path.warmth")).hasSize(1);
    assertThat(doc.select("line.zero")).hasSize(1);
  }

  @Test
  void shouldPlaceMarksInTimeOrderAlongTheAxis() {
    Document doc = svg(SvgChart.timeline(points(JAN_1, 1, 2, 3, 4, 5),
        List.of(event("late", "2026-01-04", 1), event("early", "2026-01-02", 1)), List.of()));

    double late = Double.parseDouble(doc.selectFirst(".event-mark[data-id=late]").attr("cx"));
    double early = Double.parseDouble(doc.selectFirst(".event-mark[data-id=early]").attr("cx"));
    assertThat(early).isLessThan(late);
    assertThat(early).isBetween(48.0, 784.0);
    assertThat(late).isBetween(48.0, 784.0);
  }

  @Test
  void shouldDrawZeroOnTheZeroLineAndTheExtremesAtTheEdgesOfThePlot() {
    Document doc = svg(SvgChart.timeline(points(JAN_1, 100, 0, -100), List.of(), List.of()));
    String zeroY = doc.selectFirst("line.zero").attr("y1");

    assertThat(doc.selectFirst("path.warmth").attr("d")).matches("M48\\.0 30\\.0 L\\d+\\.\\d " + zeroY.replace(".", "\\.") + " L784\\.0 206\\.0");
  }

  @Test
  void shouldHandleASinglePointWithoutDividingByZero() {
    String chart = SvgChart.timeline(points(JAN_1, 42), List.of(), List.of());

    assertFinite(chart);
    assertThat(svg(chart).select("circle.warmth")).hasSize(1);
  }

  @Test
  void shouldHandleAFlatLineOfZeros() {
    String chart = SvgChart.timeline(points(JAN_1, 0, 0, 0, 0), List.of(), List.of());

    assertFinite(chart);
    assertThat(svg(chart).select("path.warmth")).hasSize(1);
  }

  @Test
  void shouldHandleEventsAtOneInstantWithoutAnyPoint() {
    String chart = SvgChart.timeline(List.of(), List.of(event("a", "2026-01-03", 2), event("b", "2026-01-03", -2)), List.of());

    assertFinite(chart);
    assertThat(svg(chart).select(".event-mark")).hasSize(2);
  }

  @Test
  void shouldSayThereIsNoHistoryWhenThereIsNothingToDraw() {
    String chart = SvgChart.timeline(List.of(), List.of(), List.of());

    assertFinite(chart);
    assertThat(svg(chart).select("svg#timeline text.empty").text()).isEqualTo("No history in this window");
  }

  @Test
  void shouldSkipValuesThatAreNotNumbers() {
    List<Point> points = List.of(new Point(JAN_1, Double.NaN, 0), new Point(JAN_1.plusDays(1), 5, 1),
        new Point(JAN_1.plusDays(2), Double.POSITIVE_INFINITY, 0));

    assertFinite(SvgChart.timeline(points, List.of(), List.of()));
    assertFinite(SvgChart.sparkline(points));
  }

  @Test
  void shouldEscapeTheDataInTooltipsAndAttributes() {
    Event hostile = new Event("\"><script>alert(2)</script>", "SUMMIT", "CHN", List.of("PRK"), "2026-01-02",
        Instant.parse("2026-01-02T00:00:00Z"), "FACT", 1, 1, 1, HOSTILE, List.of());
    String chart = SvgChart.timeline(points(JAN_1, 1, 2), List.of(hostile),
        List.of(signal("s", "<b>TYPE</b>", Instant.parse("2026-01-02T00:00:00Z"), HOSTILE, List.of())));

    assertThat(chart).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    Document doc = svg(chart);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.selectFirst(".event-mark").attr("data-id")).isEqualTo("\"><script>alert(2)</script>");
    assertThat(doc.selectFirst(".event-mark title").text()).contains(HOSTILE);
  }

  @Test
  void shouldRenderTheSameChartForTheSameData() {
    List<Event> events = List.of(event("a", "2026-01-02", 3.3333));
    assertThat(SvgChart.timeline(points(JAN_1, 1.23456, -7.891), events, List.of()))
        .isEqualTo(SvgChart.timeline(points(JAN_1, 1.23456, -7.891), events, List.of()));
  }

  @Test
  void shouldDrawASparklineForOneTwoOrNoPoints() {
    String none = SvgChart.sparkline(List.of());
    String one = SvgChart.sparkline(points(JAN_1, 7));
    String flat = SvgChart.sparkline(points(JAN_1, 0, 0, 0));
    String rising = SvgChart.sparkline(points(JAN_1, -20, 0, 30));

    for (String s : List.of(none, one, flat, rising)) {
      assertFinite(s);
      assertThat(svg(s).select("svg.sparkline")).hasSize(1);
    }
    assertThat(svg(none).select("polyline")).isEmpty();
    assertThat(svg(flat).selectFirst("polyline").attr("points")).isEqualTo("3.0,14.0 60.0,14.0 117.0,14.0");
    // −20 … +30 over 22 units of height: 0 sits 30/50 of the way down.
    assertThat(svg(rising).selectFirst("polyline").attr("points")).isEqualTo("3.0,25.0 60.0,16.2 117.0,3.0");
    assertThat(svg(rising).selectFirst("circle").attr("fill")).isEqualTo(SvgChart.WARMING);
  }
}
