package io.relmon.scoring.web;

import static io.relmon.scoring.web.WebFixtures.AS_OF;
import static io.relmon.scoring.web.WebFixtures.HOSTILE;
import static io.relmon.scoring.web.WebFixtures.dyad;
import static io.relmon.scoring.web.WebFixtures.event;
import static io.relmon.scoring.web.WebFixtures.points;
import static io.relmon.scoring.web.WebFixtures.signal;
import static io.relmon.scoring.web.WebFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.scoring.history.HistoryView.Country;
import io.relmon.scoring.history.HistoryView.Event;
import io.relmon.scoring.history.HistoryView.Mover;
import io.relmon.scoring.history.HistoryView.Overview;
import io.relmon.scoring.history.HistoryView.Partner;
import io.relmon.scoring.history.HistoryView.Signal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class WebPagesTest {
  private static final LocalDate JAN_1 = LocalDate.parse("2026-01-01");

  private static Document parse(String html) {
    return Jsoup.parse(html);
  }

  /** An event whose every text an article supplied is hostile markup. */
  private static Event hostileEvent() {
    return new Event("hostile", "MILITARY_EXERCISE", "CHN", List.of("PRK"), "2026-01-08", Instant.parse("2026-01-08T00:00:00Z"), "FACT", -5,
        -4, 1, HOSTILE, List.of(source(HOSTILE, HOSTILE, "javascript:alert(1)"), source("<i>Outlet</i>", "Fine title",
            "data:text/html,<script>alert(1)</script>")));
  }

  private static String hostileDyadPage() {
    Signal signal = signal("sig", "TIMED_PROVOCATION", Instant.parse("2026-01-08T00:00:00Z"), HOSTILE, List.of(hostileEvent()));
    return WebPages.dyad(dyad(points(JAN_1, 0, 5, 10, 5, 0, -5, -10, -15), List.of(hostileEvent()), List.of(signal)));
  }

  @Test
  void shouldEscapeHostileMarkupFromArticlesEverywhereOnTheDyadPage() {
    String html = hostileDyadPage();

    assertThat(html).doesNotContain(HOSTILE).doesNotContain("<i>Outlet</i>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    Document doc = parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.select(".evidence")).allSatisfy(e -> assertThat(e.text()).isEqualTo(HOSTILE));
    assertThat(doc.select("article.signal .explanation").text()).isEqualTo(HOSTILE);
    assertThat(doc.select("li.event .outlet").eachText()).containsExactly(HOSTILE, "<i>Outlet</i>");
  }

  @Test
  void shouldNeverMakeAnHrefOfAnythingButHttpHttpsOrARelmonPath() {
    Document doc = parse(hostileDyadPage());

    assertThat(doc.select("a[href]")).isNotEmpty().allSatisfy(a -> assertThat(a.attr("href")).matches("(/|https?://).*"));
    assertThat(doc.html()).doesNotContain("href=\"javascript").doesNotContain("href=\"data");
    // The reader still sees where the bad link pointed, as text.
    assertThat(doc.select("li.event .unlinked").text()).contains("javascript:alert(1)");
  }

  @Test
  void shouldOpenArticlesWithoutOpenerReferrerOrRank() {
    Document doc = parse(WebPages.dyad(dyad(points(JAN_1, 1, 2), List.of(event("a", "2026-01-02", 3)), List.of())));

    Elements external = doc.select("a[href^=http]");
    assertThat(external).isNotEmpty().allSatisfy(a -> assertThat(a.attr("rel")).isEqualTo("noopener noreferrer nofollow"));
  }

  @Test
  void shouldLoadNothingFromElsewhereAndHaveNoScriptsOrEventHandlers() {
    Overview overview = new Overview(List.of(new Mover("CHN-PRK", 10, 5, 8, points(JAN_1, 1, 2, 3))), List.of(),
        List.of(signal("s", "PIVOT", AS_OF, HOSTILE, List.of())));
    Country country = new Country("CHN", List.of(new Partner("PRK", "CHN-PRK", 10, 1, 2, 3, AS_OF)));
    for (String html : List.of(hostileDyadPage(), WebPages.overview(overview), WebPages.country(country), WebPages.notFound(HOSTILE),
        WebPages.badRequest(HOSTILE))) {
      assertThat(html).startsWith("<!DOCTYPE html>");
      Document doc = parse(html);
      assertThat(doc.select("meta[charset]").attr("charset")).isEqualTo("utf-8");
      assertThat(doc.select("script, link, iframe, object, embed, img, [src]")).isEmpty();
      assertThat(doc.select("style")).hasSize(1);
      for (Element element : doc.getAllElements()) {
        assertThat(element.attributes().asList()).extracting(Attribute::getKey).noneMatch(key -> key.startsWith("on"));
      }
    }
  }

  @Test
  void shouldShowTheTimelineWithAMarkPerEventAndTheSignal() {
    List<Event> events = List.of(event("e3", "2026-01-06", -4), event("e2", "2026-01-04", 2), event("e1", "2026-01-02", 6));
    Signal signal = signal("sig", "TIMED_PROVOCATION", Instant.parse("2026-01-06T00:00:00Z"), "PRK tested a missile on the day of the summit",
        List.of(events.get(0), events.get(1)));
    Document doc = parse(WebPages.dyad(dyad(points(JAN_1, 0, 4, 4, 6, 6, 2, 2), events, List.of(signal))));

    Element timeline = doc.selectFirst("svg#timeline");
    assertThat(timeline).isNotNull();
    assertThat(timeline.select(".event-mark")).extracting(e -> e.attr("data-id")).containsExactlyInAnyOrder("e1", "e2", "e3");
    assertThat(timeline.select(".event-mark title")).hasSize(3);
    assertThat(timeline.select(".signal-mark[data-type=TIMED_PROVOCATION] title")).hasSize(1);
  }

  @Test
  void shouldShowASignalWithBothOfItsEventsAndTheirEvidence() {
    Event test = event("missile", "2026-01-06", -6, "North Korea fired a ballistic missile.");
    Event visit = new Event("visit", "STATE_VISIT", "KOR", List.of("CHN"), "2026-01-06", Instant.parse("2026-01-06T00:00:00Z"), "FACT", 5, 0, 3,
        "The South Korean president arrived in Beijing.", List.of(source("Seoul Times", "President in Beijing", "https://example.org/visit")));
    Signal signal = signal("sig", "TIMED_PROVOCATION", Instant.parse("2026-01-06T00:00:00Z"), "Missile on the day of the visit",
        List.of(test, visit));
    Document doc = parse(WebPages.dyad(dyad(points(JAN_1, 0, 1), List.of(test), List.of(signal))));

    Element shown = doc.selectFirst("article.signal[data-type=TIMED_PROVOCATION]");
    assertThat(shown).isNotNull();
    assertThat(shown.select(".explanation").text()).isEqualTo("Missile on the day of the visit");
    assertThat(shown.select(".evidence").eachText())
        .containsExactly("North Korea fired a ballistic missile.", "The South Korean president arrived in Beijing.");
    assertThat(shown.select("li.cited-event[data-id=visit] .corroboration").text()).isEqualTo("reported by 3 articles");
    assertThat(shown.select("li.cited-event[data-id=visit] .outlet").text()).isEqualTo("Seoul Times");
    assertThat(shown.select("li.cited-event[data-id=visit] a").attr("href")).isEqualTo("https://example.org/visit");
    assertThat(shown.select("li.cited-event[data-id=visit] a").text()).isEqualTo("President in Beijing");
  }

  @Test
  void shouldSayASignalThatRestsOnNoEventRestsOnNone() {
    Document doc = parse(WebPages.dyad(dyad(points(JAN_1, 0, 1), List.of(), List.of(signal("p", "PIVOT", AS_OF, "PRK turned", List.of())))));

    assertThat(doc.select("article.signal[data-type=PIVOT]").text()).contains("no single coded event");
  }

  @Test
  void shouldListEventsNewestFirstSayingWhichAreUndatedAndWhichAreNotFacts() {
    Event undated = new Event("undated", "ACCUSE", "PRK", List.of("CHN"), null, Instant.parse("2026-01-09T10:00:00Z"), "HEDGED", -2, -1.5, 1,
        "Pyongyang reportedly accused Beijing.", List.of());
    List<Event> events = List.of(event("older", "2026-01-03", 3), undated, event("newest", "2026-01-12", 2));
    Document doc = parse(WebPages.dyad(dyad(points(JAN_1, 0, 1), events, List.of())));

    assertThat(doc.select("li.event").eachAttr("data-id")).containsExactly("newest", "undated", "older");
    Element shown = doc.selectFirst("li.event[data-id=undated]");
    assertThat(shown.select(".date").text()).isEqualTo("undated (published 2026-01-09)");
    assertThat(shown.select(".modality").text()).isEqualTo("hedged");
    assertThat(shown.select(".corroboration").text()).isEqualTo("reported by 1 article");
    assertThat(doc.select("li.event[data-id=older] .modality")).isEmpty();
    assertThat(doc.select("li.event[data-id=older] .date").text()).isEqualTo("2026-01-03");
    assertThat(doc.select("#events h2").text()).isEqualTo("Events in the last 30 days");
  }

  @Test
  void shouldHeadTheDyadPageWithItsNamesCodesNumbersAndLinks() {
    Document doc = parse(WebPages.dyad(dyad(points(JAN_1, 0, 1), List.of(event("a", "2026-01-02", 3)), List.of())));

    assertThat(doc.select("h1").text()).isEqualTo("China–North Korea CHN-PRK");
    assertThat(doc.select("a[href]").eachAttr("href")).contains("/", "/countries/CHN", "/countries/PRK");
    assertThat(doc.select(".summary .value").text()).isEqualTo("+12.5");
    assertThat(doc.select(".summary .change7d").text()).isEqualTo("+4.0");
    assertThat(doc.select(".summary .change30d").text()).isEqualTo("−7.3");
    assertThat(doc.select(".summary .event-count").text()).isEqualTo("1");
    assertThat(doc.select(".summary .as-of").text()).isEqualTo("2026-01-20 12:00 UTC");
    assertThat(doc.select("li.driver[data-id=a] .evidence").text()).isEqualTo("Evidence of a.");
    assertThat(doc.select("li.driver[data-id=a] .contribution").text()).isEqualTo("+2.40");
  }

  @Test
  void shouldShowEmptyStatesOnAnEmptyOverview() {
    Document doc = parse(WebPages.overview(new Overview(List.of(), List.of(), List.of())));

    assertThat(doc.select("#movers-7d .empty").text()).isEqualTo("No dyad has moved yet.");
    assertThat(doc.select("#movers-30d .empty").text()).isEqualTo("No dyad has moved yet.");
    assertThat(doc.select("#latest-signals .empty")).hasSize(1);
    assertThat(doc.select("table")).isEmpty();
  }

  @Test
  void shouldListMoversWithSparklinesAndLinkSignalsToEachOfTheirDyads() {
    Mover mover = new Mover("CHN-PRK", -20, -12, -30, points(JAN_1, 10, 0, -20));
    Signal signal = new Signal("s", "TIMED_PROVOCATION", "PRK", List.of("USA", "KOR", "PRK"), "2026-01-06", AS_OF, -3, "Missile during drills",
        List.of());
    Document doc = parse(WebPages.overview(new Overview(List.of(mover), List.of(mover), List.of(signal))));

    Element row = doc.selectFirst("#movers-7d tr.mover");
    assertThat(row.select("a").attr("href")).isEqualTo("/dyads/CHN-PRK");
    assertThat(row.select("a").text()).isEqualTo("China–North Korea");
    assertThat(row.select(".value").text()).isEqualTo("−20.0");
    assertThat(row.select(".change").text()).isEqualTo("−12.0");
    assertThat(doc.select("#movers-30d .change").text()).isEqualTo("−30.0");
    assertThat(row.select("svg.sparkline polyline")).hasSize(1);
    Element shown = doc.selectFirst("#latest-signals .signal[data-type=TIMED_PROVOCATION]");
    assertThat(shown.select(".explanation").text()).isEqualTo("Missile during drills");
    assertThat(shown.text()).contains("2026-01-06");
    // The actor with each target, keys sorted, never the actor with itself.
    assertThat(shown.select("a").eachAttr("href")).containsExactly("/dyads/PRK-USA", "/dyads/KOR-PRK");
  }

  @Test
  void shouldListACountrysPartnersWarmestToColdestWhateverOrderTheyCameIn() {
    Country country = new Country("CHN", List.of(new Partner("USA", "CHN-USA", -30, -2, -5, 40, AS_OF),
        new Partner("PRK", "CHN-PRK", 45, 3, 6, 12, AS_OF), new Partner("RUS", "CHN-RUS", 60, 0, 1, 30, AS_OF),
        new Partner("KOR", "CHN-KOR", 45, 1, 1, 5, AS_OF)));
    Document doc = parse(WebPages.country(country));

    assertThat(doc.select("h1").text()).isEqualTo("China CHN");
    assertThat(doc.select("tr.partner").eachAttr("data-partner")).containsExactly("RUS", "KOR", "PRK", "USA");
    Element usa = doc.selectFirst("tr.partner[data-partner=USA]");
    assertThat(usa.select("a[href=/dyads/CHN-USA]").text()).isEqualTo("United States");
    assertThat(usa.select(".value").text()).isEqualTo("−30.0");
    assertThat(usa.select("td").eachText()).contains("−2.0", "−5.0", "40", "2026-01-20");
  }

  @Test
  void shouldSayWhenACountryHasNoPartners() {
    Document doc = parse(WebPages.country(new Country("CHN", List.of())));

    assertThat(doc.select(".empty").text()).isEqualTo("No relation of China has been scored yet.");
  }

  @Test
  void shouldEscapeCodesFromTheDataInLinksAndHeadings() {
    String hostileCode = "X\"><script>alert(1)</script>";
    String html = WebPages.country(new Country(hostileCode, List.of(new Partner(hostileCode, "CHN-" + hostileCode, 1, 0, 0, 1, AS_OF))));

    assertThat(html).doesNotContain(HOSTILE);
    Document doc = parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.select("h1 .codes").text()).isEqualTo(hostileCode);
    assertThat(doc.select("a[href^=/dyads/]").attr("href")).isEqualTo("/dyads/CHN-X%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
  }

  @Test
  void shouldAnswerErrorsWithTheMessageEscaped() {
    Document notFound = parse(WebPages.notFound("No dyad " + HOSTILE));
    Document badRequest = parse(WebPages.badRequest("A dyad is two ISO3 codes"));

    assertThat(notFound.select("h1").text()).isEqualTo("Not found");
    assertThat(notFound.select(".message").text()).isEqualTo("No dyad " + HOSTILE);
    assertThat(notFound.select("script")).isEmpty();
    assertThat(notFound.select("a[href=/]")).isNotEmpty();
    assertThat(badRequest.select("h1").text()).isEqualTo("Bad request");
    assertThat(badRequest.select(".message").text()).isEqualTo("A dyad is two ISO3 codes");
  }

  @Test
  void shouldListTheNewestEventsAndMarkABusyDyadByTheDay() {
    List<Event> many = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      many.add(event("e" + i, JAN_1.plusDays(i % 20).toString(), i % 3 == 0 ? -2 : 1));
    }

    Document doc = parse(WebPages.dyad(dyad(points(JAN_1, 0, -5, -10), many, List.of())));

    assertThat(doc.select("li.event")).hasSize(200);
    assertThat(doc.select("p.more").text()).contains("800 older events").contains("/v1/dyads/");
    // 20 days, each with warming and cooling events: 40 marks, not 1,000.
    assertThat(doc.select("svg#timeline .event-mark")).hasSize(40);
    assertThat(doc.select("svg#timeline .day-mark[data-count]").eachAttr("data-count").stream().mapToInt(Integer::parseInt).sum())
        .isEqualTo(1_000);
  }
}
