package io.relmon.alert.notify;

import static io.relmon.alert.notify.Markup.escape;
import static io.relmon.alert.notify.Markup.oneLine;
import static io.relmon.alert.notify.Markup.signed;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.service.CountryNames;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What an alert e-mail says, as a subject, a plain-text part and an HTML part: what moved, the
 * evidence behind it (the events that drove warmth, or that a signal rests on, with the articles
 * that reported them), and a link to the relationship's page in relmon's web view. Everything that
 * comes from articles (evidence, outlets, headlines, URLs) is treated as hostile: control
 * characters never reach the subject, markup is escaped in HTML, and only http(s) links become links.
 */
public record AlertEmail(String subject, String text, String html, byte[] chartPng) {

  /** Content-ID of the inline chart, referenced from the HTML part. */
  public static final String CHART_CID = "warmth-chart@relmon";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** The e-mail with links to the web view at its default address ({@link WebLinks#DEFAULT}). */
  public static AlertEmail render(Alert alert) {
    return render(alert, WebLinks.DEFAULT);
  }

  public static AlertEmail render(Alert alert, WebLinks links) {
    String dyadName = CountryNames.dyad(alert.getDyad());
    String dyadPage = links.dyadPage(alert.getDyad());
    WarmthUpdate w = alert.getWarmth();
    Signal signal = alert.getSignal();
    String subject = oneLine("[relmon] " + alert.getSeverity() + ": " + headline(alert));
    List<EvidenceItem> drivers = w == null ? List.of() : w.getDrivers().stream().map(EvidenceItem::of).toList();
    List<EvidenceItem> citedEvents = signal == null ? List.of() : signal.getCitedEvents().stream().map(EvidenceItem::of).toList();

    StringBuilder text = new StringBuilder();
    text.append(dyadName).append(": ").append(oneLine(alert.getRuleDescription())).append('\n');
    text.append("See the relationship: ").append(dyadPage).append('\n');
    if (w != null) {
      text.append(String.format(Locale.ROOT, "Warmth %s as of %s (raw %.2f; %s in 7 days, %s in 30 days; %d events).%n",
          signed(w.getValue()), DAY.format(w.getAsOf()), w.getRaw(), signed(w.getChange7d()), signed(w.getChange30d()), w.getEventCount()));
    }
    text.append("Rule: ").append(oneLine(alert.getRule())).append(" (").append(alert.getSeverity()).append(")\n\n");
    if (signal != null) {
      text.append("Signal: ").append(oneLine(signal.getExplanation())).append('\n');
      // Older records carry only the ids of the events; a PIVOT rests on no coded event at all.
      if (citedEvents.isEmpty() && !signal.getCitedEventIds().isEmpty()) {
        text.append("It rests on: ").append(oneLine(String.join(", ", signal.getCitedEventIds()))).append('\n');
      }
      text.append('\n');
      EvidenceSection.text(text, "What it rests on", citedEvents);
    }
    EvidenceSection.text(text, "What drove it", drivers);
    text.append("See the relationship: ").append(dyadPage).append('\n');
    text.append("Alert ").append(oneLine(alert.getAlertId())).append(" — relmon\n");

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(escape(subject)).append("</title></head>")
        .append("<body style=\"font-family:sans-serif;max-width:680px\">");
    html.append("<h2>").append(escape(dyadName)).append("</h2>");
    html.append("<p>See the relationship: ").append(Markup.link(dyadPage)).append("</p>");
    if (w != null) {
      html.append(String.format(Locale.ROOT, "<p>Warmth <b>%s</b> as of %s — %s in 7 days, %s in 30 days (%d events).</p>",
          escape(signed(w.getValue())), DAY.format(w.getAsOf()), escape(signed(w.getChange7d())), escape(signed(w.getChange30d())), w.getEventCount()));
    }
    html.append("<p>Rule <code>").append(escape(alert.getRule())).append("</code>: ").append(escape(alert.getRuleDescription()))
        .append(" (").append(alert.getSeverity()).append(")</p>");
    if (signal != null) {
      html.append("<p><b>Signal</b>: ").append(escape(signal.getExplanation())).append("</p>");
      if (citedEvents.isEmpty() && !signal.getCitedEventIds().isEmpty()) {
        html.append("<p>It rests on: ").append(escape(String.join(", ", signal.getCitedEventIds()))).append("</p>");
      }
    }
    byte[] chart = w == null ? null : WarmthChart.png(dyadName + ", last 90 days", alert.getHistory(), alert.getThreshold());
    if (chart != null) {
      html.append("<p><img src=\"cid:").append(CHART_CID).append("\" width=\"600\" height=\"220\" alt=\"")
          .append(escape(dyadName)).append(" warmth over the last 90 days\"></p>");
    }
    EvidenceSection.html(html, "What it rests on", citedEvents);
    EvidenceSection.html(html, "What drove it", drivers);
    html.append("<p style=\"color:#777\">See the relationship: ").append(Markup.link(dyadPage)).append("<br>Alert ")
        .append(escape(alert.getAlertId())).append(" — relmon</p></body></html>");
    return new AlertEmail(subject, text.toString(), html.toString(), chart);
  }

  /** The digest with links to the web view at its default address ({@link WebLinks#DEFAULT}). */
  public static AlertEmail digest(String channel, LocalDate day, List<Alert> alerts) {
    return digest(channel, day, alerts, WebLinks.DEFAULT);
  }

  /**
   * One e-mail for a day's digest of a channel: a line per alert (what its own e-mail's subject
   * says), the rule and severity, the link to its relationship's page, and its strongest driver
   * (or the first event its signal rests on) with the evidence and the articles. No chart: the
   * single-alert e-mail has one; a digest is a reading list.
   */
  public static AlertEmail digest(String channel, LocalDate day, List<Alert> alerts, WebLinks links) {
    String subject = oneLine(String.format(Locale.ROOT, "[relmon] Daily digest %s: %d alert%s for %s", day, alerts.size(),
        alerts.size() == 1 ? "" : "s", channel));
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(escape(subject)).append("</title></head>")
        .append("<body style=\"font-family:sans-serif;max-width:680px\">")
        .append("<h2>").append(escape(alerts.size() + " alert" + (alerts.size() == 1 ? "" : "s") + " since the last digest")).append("</h2>");
    text.append(alerts.size()).append(alerts.size() == 1 ? " alert" : " alerts").append(" since the last digest (").append(day).append(").\n\n");
    for (Alert alert : alerts) {
      String headline = oneLine(alert.getSeverity() + ": " + headline(alert));
      String dyadPage = links.dyadPage(alert.getDyad());
      text.append("* ").append(headline).append('\n');
      text.append("  Rule: ").append(oneLine(alert.getRule())).append(" (").append(alert.getSeverity()).append(")\n");
      text.append("  See the relationship: ").append(dyadPage).append('\n');
      html.append("<h3>").append(escape(headline)).append("</h3><p>Rule <code>").append(escape(alert.getRule())).append("</code>: ")
          .append(escape(alert.getRuleDescription())).append(" (").append(alert.getSeverity()).append(")<br>See the relationship: ")
          .append(Markup.link(dyadPage)).append("</p>");
      Signal signal = alert.getSignal();
      if (signal != null) {
        text.append("  Signal: ").append(oneLine(signal.getExplanation())).append('\n');
        html.append("<p><b>Signal</b>: ").append(escape(signal.getExplanation())).append("</p>");
        if (!signal.getCitedEvents().isEmpty()) {
          strongest(text, html, "Rests on", EvidenceItem.of(signal.getCitedEvents().get(0)));
        }
      }
      if (alert.getWarmth() != null && !alert.getWarmth().getDrivers().isEmpty()) {
        strongest(text, html, "Strongest driver", EvidenceItem.of(alert.getWarmth().getDrivers().get(0)));
      }
      text.append("  Alert ").append(oneLine(alert.getAlertId())).append("\n\n");
    }
    text.append("— relmon\n");
    html.append("<p style=\"color:#777\">— relmon</p></body></html>");
    return new AlertEmail(subject, text.toString(), html.toString(), null);
  }

  /** One event of a digest's alert: when, what, the sentence and the articles. */
  private static void strongest(StringBuilder text, StringBuilder html, String label, EvidenceItem item) {
    text.append("  ").append(label).append(": ").append(oneLine(item.when())).append(' ').append(oneLine(item.what()))
        .append(": \"").append(oneLine(item.evidence())).append("\"\n");
    EvidenceSection.articlesText(text, item);
    html.append("<p>").append(escape(label)).append(", ").append(escape(item.when())).append(": <q>").append(escape(item.evidence())).append("</q>");
    EvidenceSection.articlesHtml(html, item);
    html.append("</p>");
  }

  /** What moved, without the severity: "China–North Korea warmth −38 (−30 in 30 days)". */
  private static String headline(Alert alert) {
    String dyadName = CountryNames.dyad(alert.getDyad());
    WarmthUpdate w = alert.getWarmth();
    Signal signal = alert.getSignal();
    if (w != null) {
      return String.format(Locale.ROOT, "%s warmth %s (%s in 30 days)", dyadName, signed(w.getValue()), signed(w.getChange30d()));
    }
    if (signal != null) {
      return String.format(Locale.ROOT, "%s: %s by %s on %s", dyadName, signal.getType().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          CountryNames.of(signal.getActor()),
          // A signal without a date of its own (none yet; the schema allows it) is dated by the time it is scored at.
          signal.getDate() != null ? signal.getDate() : java.time.LocalDate.ofInstant(signal.getEventTime(), java.time.ZoneOffset.UTC));
    }
    return dyadName + " " + alert.getRule();
  }
}
