package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Country;
import io.relmon.scoring.history.HistoryView.Dyad;
import io.relmon.scoring.history.HistoryView.Overview;

/**
 * The web view's pages, rendered on the server as complete HTML5 documents (UTF-8): inline style
 * and inline SVG charts, no scripts and nothing loaded from elsewhere, so they work offline.
 * Everything that comes from articles or the data is escaped, and only http(s) URLs become links.
 * Pure rendering: the caller fetches the data and answers the HTTP request.
 */
public final class WebPages {
  private WebPages() {}

  /** {@code /}: the dyads that moved most in 7 and in 30 days (with sparklines), and the latest signals. */
  public static String overview(Overview overview) {
    return OverviewPage.render(overview);
  }

  /**
   * {@code /dyads/{DYAD}}: warmth now, the timeline ({@code <svg id="timeline">}) with events and
   * signals marked, the drivers, each signal with its events, and the window's events newest first
   * (sorted here by event time, stably).
   */
  public static String dyad(Dyad dyad) {
    return DyadPage.render(dyad);
  }

  /** {@code /countries/{ISO3}}: the state's partners sorted here by warmth, warmest first (ties by partner code). */
  public static String country(Country country) {
    return CountryPage.render(country);
  }

  /** The page to answer 404 with; {@code message} is plain text, e.g. "No dyad CHN-XYZ". */
  public static String notFound(String message) {
    return message("Not found", message);
  }

  /** The page to answer 400 with; {@code message} is plain text, e.g. "A dyad is two ISO3 codes: CHN-PRK". */
  public static String badRequest(String message) {
    return message("Bad request", message);
  }

  private static String message(String title, String message) {
    return Page.document(title, "<h1>" + Html.escape(title) + "</h1><p class=\"message\">" + Html.escape(message)
        + "</p><p><a href=\"/\">Back to the overview</a></p>");
  }
}
