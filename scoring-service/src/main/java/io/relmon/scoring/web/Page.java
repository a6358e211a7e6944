package io.relmon.scoring.web;

/**
 * The frame every page shares: a complete HTML5 document with its own small stylesheet. Nothing
 * is loaded from elsewhere (no CDN, no web fonts, no scripts), so the pages work offline, and the
 * Content-Security-Policy forbids scripts outright should escaping ever fail.
 */
final class Page {
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:960px;padding:0 16px 32px;color:#1b1b1b;line-height:1.45}
      header{border-bottom:1px solid #ddd;padding:10px 0;margin-bottom:8px}
      header a{font-weight:600;text-decoration:none;color:#1f4e79}
      h1{font-size:1.6em;margin:.6em 0 .3em}h2{font-size:1.25em;margin-top:1.6em}h3{font-size:1.05em;margin:.2em 0}
      .codes{color:#666;font-weight:normal;font-size:.7em}
      table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:middle}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      .warming{color:#1a7f37}.cooling{color:#c62828}
      dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dl.summary dt{color:#555}dl.summary dd{margin:0}
      svg.chart{width:100%;height:auto;max-width:800px;display:block;margin:12px 0}
      svg.chart .event-mark,svg.chart .signal-mark{cursor:help}
      .legend{color:#555;font-size:.9em}
      ol.events,ol.drivers,ol.signals,ul.signals{list-style:none;padding:0}
      li.event,li.driver,article.signal,li.signal{border-top:1px solid #eee;padding:8px 0}
      article.signal{border-left:3px solid #6a3d9a;padding-left:12px;margin:12px 0}
      li.cited-event{margin:6px 0 6px 12px}
      blockquote.evidence{margin:4px 0 4px 12px;padding-left:8px;border-left:3px solid #ccc;color:#333;font-style:italic}
      .meta,.sources,.published,.corroboration,.url{color:#555;font-size:.9em}
      ul.sources{margin:2px 0 2px 12px;padding-left:12px}
      .empty{color:#666;font-style:italic}
      footer{margin-top:32px;color:#777;font-size:.85em}
      """;

  private Page() {}

  /** A whole document: {@code title} is plain text (escaped here), {@code body} markup built safely by the pages. */
  static String document(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
        + " base-uri 'none'; form-action 'none'\">"
        + "<meta name=\"referrer\" content=\"no-referrer\">"
        + "<title>" + Html.escape(title) + " — relmon</title><style>" + STYLE + "</style></head><body>"
        + "<header><a href=\"/\">relmon</a> · relations between countries</header><main>" + body + "</main>"
        + "<footer>relmon — warmth from −100 (cold) to +100 (warm), computed from coded news events.</footer>"
        + "</body></html>\n";
  }
}
