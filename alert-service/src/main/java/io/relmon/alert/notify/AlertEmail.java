package io.relmon.alert.notify;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.service.CountryNames;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What an alert e-mail says, as a subject, a plain-text part and an HTML part. Everything that
 * comes from articles (evidence, URLs) is treated as hostile: control characters never reach the
 * subject, markup is escaped in HTML, and only http(s) links become links.
 */
public record AlertEmail(String subject, String text, String html, byte[] chartPng) {

  /** Content-ID of the inline chart, referenced from the HTML part. */
  public static final String CHART_CID = "warmth-chart@relmon";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  public static AlertEmail render(Alert alert) {
    return render(alert, true);
  }

  private static AlertEmail render(Alert alert, boolean withChart) {
    String dyadName = CountryNames.dyad(alert.getDyad());
    WarmthUpdate w = alert.getWarmth();
    var signal = alert.getSignal();
    String subject = w != null
        ? String.format(Locale.ROOT, "[relmon] %s warmth %s (%s in 30 days)", dyadName, signed(w.getValue()), signed(w.getChange30d()))
        : signal != null
            ? String.format(Locale.ROOT, "[relmon] %s: %s by %s on %s", dyadName, signal.getType().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                CountryNames.of(signal.getActor()), signal.getDate())
            : "[relmon] " + dyadName + " " + alert.getRule();
    subject = oneLine(subject);
    List<Driver> drivers = w == null ? List.of() : w.getDrivers();

    StringBuilder text = new StringBuilder();
    text.append(dyadName).append(": ").append(alert.getRuleDescription()).append('\n');
    if (w != null) {
      text.append(String.format(Locale.ROOT, "Warmth %s as of %s (raw %.2f; %s in 7 days, %s in 30 days; %d events).%n",
          signed(w.getValue()), DAY.format(w.getAsOf()), w.getRaw(), signed(w.getChange7d()), signed(w.getChange30d()), w.getEventCount()));
    }
    text.append("Rule: ").append(oneLine(alert.getRule())).append(" (").append(alert.getSeverity()).append(")\n\n");
    if (signal != null) {
      text.append("Signal: ").append(oneLine(signal.getExplanation())).append('\n');
      text.append("It rests on: ").append(String.join(", ", signal.getCitedEventIds())).append("\n\n");
    }
    text.append("What drove it:\n");
    for (Driver d : drivers) {
      text.append(String.format(Locale.ROOT, "- %s  %s %s → %s  (%s)%n", d.getDate() == null ? DAY.format(d.getEventTime()) : d.getDate(),
          d.getActor(), d.getType(), String.join(", ", d.getTargets()), signed(d.getContribution())));
      text.append("  \"").append(oneLine(d.getEvidence())).append("\"\n");
      for (String url : d.getUrls()) {
        text.append("  ").append(oneLine(url)).append('\n');
      }
    }
    text.append("\nAlert ").append(alert.getAlertId()).append(" — relmon\n");

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(escape(subject)).append("</title></head>")
        .append("<body style=\"font-family:sans-serif;max-width:680px\">");
    html.append("<h2>").append(escape(dyadName)).append("</h2>");
    if (w != null) {
      html.append(String.format(Locale.ROOT, "<p>Warmth <b>%s</b> as of %s — %s in 7 days, %s in 30 days (%d events).</p>",
          escape(signed(w.getValue())), DAY.format(w.getAsOf()), escape(signed(w.getChange7d())), escape(signed(w.getChange30d())), w.getEventCount()));
    }
    html.append("<p>Rule <code>").append(escape(alert.getRule())).append("</code>: ").append(escape(alert.getRuleDescription()))
        .append(" (").append(alert.getSeverity()).append(")</p>");
    if (signal != null) {
      html.append("<p><b>Signal</b>: ").append(escape(signal.getExplanation())).append("</p>");
    }
    byte[] chart = w == null || !withChart ? null : WarmthChart.png(dyadName + ", last 90 days", alert.getHistory(), alert.getThreshold());
    if (chart != null) {
      html.append("<p><img src=\"cid:").append(CHART_CID).append("\" width=\"600\" height=\"220\" alt=\"")
          .append(escape(dyadName)).append(" warmth over the last 90 days\"></p>");
    }
    html.append("<h3>What drove it</h3><table cellpadding=\"4\" style=\"border-collapse:collapse\">");
    for (Driver d : drivers) {
      html.append("<tr style=\"border-top:1px solid #ddd\"><td>").append(escape(d.getDate() == null ? DAY.format(d.getEventTime()) : d.getDate()))
          .append("</td><td>").append(escape(d.getActor() + " " + d.getType() + " → " + String.join(", ", d.getTargets())))
          .append("</td><td>").append(escape(signed(d.getContribution()))).append("</td></tr>");
      html.append("<tr><td></td><td colspan=\"2\"><q>").append(escape(d.getEvidence())).append("</q>");
      for (String url : d.getUrls()) {
        html.append("<br>").append(link(url));
      }
      html.append("</td></tr>");
    }
    html.append("</table><p style=\"color:#777\">Alert ").append(escape(alert.getAlertId())).append(" — relmon</p></body></html>");
    return new AlertEmail(subject, text.toString(), html.toString(), chart);
  }

  /**
   * One e-mail for a day's digest of a channel: a line per alert (what its own e-mail's subject
   * says), the rule and severity, and its strongest driver with the evidence and the links.
   * No chart: the single-alert e-mail has one; a digest is a reading list.
   */
  public static AlertEmail digest(String channel, java.time.LocalDate day, List<Alert> alerts) {
    String subject = oneLine(String.format(Locale.ROOT, "[relmon] Daily digest %s: %d alert%s for %s", day, alerts.size(),
        alerts.size() == 1 ? "" : "s", channel));
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(escape(subject)).append("</title></head>")
        .append("<body style=\"font-family:sans-serif;max-width:680px\">")
        .append("<h2>").append(escape(alerts.size() + " alert" + (alerts.size() == 1 ? "" : "s") + " since the last digest")).append("</h2>");
    text.append(alerts.size()).append(alerts.size() == 1 ? " alert" : " alerts").append(" since the last digest (").append(day).append(").\n\n");
    for (Alert alert : alerts) {
      AlertEmail single = render(alert, false);
      String headline = single.subject().replaceFirst("^\\[relmon\\] ", "");
      text.append("* ").append(headline).append('\n');
      text.append("  Rule: ").append(oneLine(alert.getRule())).append(" (").append(alert.getSeverity()).append(")\n");
      html.append("<h3>").append(escape(headline)).append("</h3><p>Rule <code>").append(escape(alert.getRule())).append("</code>: ")
          .append(escape(alert.getRuleDescription())).append(" (").append(alert.getSeverity()).append(")</p>");
      if (alert.getSignal() != null) {
        text.append("  Signal: ").append(oneLine(alert.getSignal().getExplanation())).append('\n');
        html.append("<p><b>Signal</b>: ").append(escape(alert.getSignal().getExplanation())).append("</p>");
      }
      List<Driver> drivers = alert.getWarmth() == null ? List.of() : alert.getWarmth().getDrivers();
      if (!drivers.isEmpty()) {
        Driver d = drivers.get(0);
        String date = d.getDate() == null ? DAY.format(d.getEventTime()) : d.getDate();
        text.append("  Strongest driver: ").append(date).append(' ').append(d.getActor()).append(' ').append(d.getType())
            .append(" → ").append(String.join(", ", d.getTargets())).append(": \"").append(oneLine(d.getEvidence())).append("\"\n");
        html.append("<p>Strongest driver, ").append(escape(date)).append(": <q>").append(escape(d.getEvidence())).append("</q>");
        for (String url : d.getUrls()) {
          text.append("  ").append(oneLine(url)).append('\n');
          html.append("<br>").append(link(url));
        }
        html.append("</p>");
      }
      text.append("  Alert ").append(alert.getAlertId()).append("\n\n");
    }
    text.append("— relmon\n");
    html.append("<p style=\"color:#777\">— relmon</p></body></html>");
    return new AlertEmail(subject, text.toString(), html.toString(), null);
  }

  static String signed(double v) {
    long rounded = Math.round(v);
    return rounded > 0 ? "+" + rounded : rounded < 0 ? "−" + (-rounded) : "0";
  }

  /** Removes line breaks and other control characters: no header injection through a subject. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String link(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return "<a href=\"" + escape(url) + "\">" + escape(url) + "</a>";
    }
    return escape(url);
  }
}
