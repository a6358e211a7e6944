package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Dyad;
import io.relmon.scoring.history.HistoryView.Event;
import io.relmon.scoring.history.HistoryView.Signal;
import io.relmon.service.CountryNames;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The page at {@code /dyads/{DYAD}}: warmth now, the timeline with events and signals marked, what
 * drives it, each signal with the events it rests on, and every event of the window with its
 * evidence and articles.
 */
final class DyadPage {
  /** Newest first; events without a time last. Stable, so equal times keep the order they came in. */
  private static final Comparator<Event> NEWEST_FIRST =
      Comparator.comparing(Event::eventTime, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed();

  private DyadPage() {}

  static String render(Dyad d) {
    List<Event> events = orEmpty(d.events());
    List<Signal> signals = orEmpty(d.signals());
    StringBuilder body = new StringBuilder(16384);
    heading(body, d);
    body.append("<section id=\"chart\"><h2>Warmth over the last ").append(Html.escape(Format.count(d.days(), "day"))).append("</h2>")
        .append(SvgChart.timeline(orEmpty(d.points()), events, signals))
        .append("<p class=\"legend\">Line: warmth at the end of each day, −100 (cold) to +100 (warm). Dots below the chart: events, ")
        .append("<span class=\"warming\">green</span> warming, <span class=\"cooling\">red</span> cooling. ")
        .append("Dashed lines: signals. Hover a mark for what it is.</p></section>");
    drivers(body, orEmpty(d.drivers()));
    signals(body, signals);
    events(body, d.dyad(), d.days(), events.stream().sorted(NEWEST_FIRST).toList());
    return Page.document(CountryNames.dyad(d.dyad()), body.toString());
  }

  private static void heading(StringBuilder body, Dyad d) {
    body.append("<h1>").append(Html.escape(CountryNames.dyad(d.dyad()))).append(" <span class=\"codes\">").append(Html.escape(d.dyad()))
        .append("</span></h1><p class=\"countries\">");
    String separator = "";
    for (String country : d.dyad().split("-")) {
      body.append(separator).append(Html.internalLink("/countries/", country, CountryNames.of(country) + " (" + country + ")"));
      separator = " · ";
    }
    body.append(" · <a href=\"/\">overview</a></p>");
    body.append("<dl class=\"summary\">")
        .append("<dt>Warmth now</dt><dd class=\"value\" data-value=\"").append(Format.plain(d.value())).append("\">")
        .append(Format.signed(d.value(), 1)).append("</dd>")
        .append("<dt>Change in 7 days</dt><dd class=\"change7d\">").append(Format.signed(d.change7d(), 1)).append("</dd>")
        .append("<dt>Change in 30 days</dt><dd class=\"change30d\">").append(Format.signed(d.change30d(), 1)).append("</dd>")
        .append("<dt>Events counted</dt><dd class=\"event-count\">").append(d.eventCount()).append("</dd>")
        .append("<dt>As of</dt><dd class=\"as-of\">").append(Html.escape(Format.minute(d.asOf()))).append("</dd></dl>");
  }

  private static void drivers(StringBuilder body, List<Event> drivers) {
    body.append("<section id=\"drivers\"><h2>What drives it now</h2>");
    if (drivers.isEmpty()) {
      body.append("<p class=\"empty\">No event contributes to it now.</p></section>");
      return;
    }
    body.append("<ol class=\"drivers\">");
    for (Event e : drivers) {
      body.append("<li class=\"driver\" data-id=\"").append(Html.escape(e.id())).append("\"><div><span class=\"date\">")
          .append(Html.escape(Format.eventDate(e))).append("</span> · <span class=\"who\">").append(Html.escape(EventHtml.who(e)))
          .append("</span> · contributes <span class=\"contribution ").append(sign(e.contribution())).append("\">")
          .append(Format.signed(e.contribution(), 2)).append("</span></div>").append(EventHtml.evidence(e.evidence()))
          .append(EventHtml.sources(e.sources())).append("</li>");
    }
    body.append("</ol></section>");
  }

  private static void signals(StringBuilder body, List<Signal> signals) {
    body.append("<section id=\"signals\"><h2>Signals</h2>");
    if (signals.isEmpty()) {
      body.append("<p class=\"empty\">No signal in this window.</p></section>");
      return;
    }
    for (Signal s : signals) {
      body.append("<article class=\"signal\" data-type=\"").append(Html.escape(s.type())).append("\" data-id=\"").append(Html.escape(s.id()))
          .append("\"><h3>").append(Html.escape(Format.humanised(s.type()))).append(" <span class=\"meta\">")
          .append(Html.escape(Format.date(s.date(), s.eventTime()))).append(" · weight ").append(Format.signed(s.weight(), 2))
          .append("</span></h3><p class=\"explanation\">").append(Html.escape(s.explanation())).append("</p>");
      List<Event> cited = orEmpty(s.events());
      if (cited.isEmpty()) {
        // PIVOT and PROMINENCE_SHIFT are measured over many reports, not read from a few events.
        body.append("<p class=\"meta\">It rests on no single coded event.</p>");
      } else {
        body.append("<p class=\"meta\">It rests on:</p><ol class=\"cited-events\">");
        for (Event e : cited) {
          body.append("<li class=\"cited-event\" data-id=\"").append(Html.escape(e.id())).append("\"><div><span class=\"date\">")
              .append(Html.escape(Format.eventDate(e))).append("</span> · <span class=\"who\">").append(Html.escape(EventHtml.who(e)))
              .append("</span> · ").append(EventHtml.corroboration(e.corroboration())).append("</div>")
              .append(EventHtml.evidence(e.evidence())).append(EventHtml.sources(e.sources())).append("</li>");
        }
        body.append("</ol>");
      }
      body.append("</article>");
    }
    body.append("</section>");
  }

  private static void events(StringBuilder body, String dyad, int days, List<Event> events) {
    body.append("<section id=\"events\"><h2>Events in the last ").append(Html.escape(Format.count(days, "day"))).append("</h2>");
    if (events.isEmpty()) {
      body.append("<p class=\"empty\">No event in this window.</p></section>");
      return;
    }
    body.append("<ol class=\"events\">");
    for (Event e : events.subList(0, Math.min(events.size(), MAX_LISTED_EVENTS))) {
      body.append("<li class=\"event\" data-id=\"").append(Html.escape(e.id())).append("\" data-type=\"").append(Html.escape(e.type()))
          .append("\"><div><span class=\"date\">").append(Html.escape(Format.eventDate(e))).append("</span> · <span class=\"who\">")
          .append(Html.escape(EventHtml.who(e))).append("</span>");
      if (e.modality() != null && !e.modality().isBlank() && !"FACT".equals(e.modality())) {
        body.append(" · <span class=\"modality\">").append(Html.escape(Format.humanised(e.modality()))).append("</span>");
      }
      body.append("</div><div class=\"meta\">weight <span class=\"weight ").append(sign(e.weight())).append("\">")
          .append(Format.signed(e.weight(), 2)).append("</span> · contributes <span class=\"contribution\">")
          .append(Format.signed(e.contribution(), 2)).append("</span> now · ").append(EventHtml.corroboration(e.corroboration()))
          .append("</div>").append(EventHtml.evidence(e.evidence())).append(EventHtml.sources(e.sources())).append("</li>");
    }
    body.append("</ol>");
    if (events.size() > MAX_LISTED_EVENTS) {
      String api = "/v1/dyads/" + dyad + "/history?days=" + days;
      body.append("<p class=\"more\">… and ").append(events.size() - MAX_LISTED_EVENTS).append(" older events in this window, all in the JSON history: <a href=\"")
          .append(Html.escape(api)).append("\">").append(Html.escape(api)).append("</a></p>");
    }
    body.append("</section>");
  }

  /** Events listed on the page, newest first; the JSON history has them all (a busy dyad has thousands). */
  static final int MAX_LISTED_EVENTS = 200;

  private static String sign(double v) {
    return v > 0 ? "warming" : v < 0 ? "cooling" : "neutral";
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
