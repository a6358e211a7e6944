package io.relmon.alert.notify;

import io.relmon.schemas.avro.CitedEvent;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceRef;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One event as an e-mail shows it, whether it drove warmth or a signal rests on it: when, who did
 * what to whom, how the text put it, the sentence that says so and the articles that reported it.
 * Fields hold the article's text as it came (unescaped): the renderer makes it safe.
 *
 * @param when the event's date, or "undated (published …)" when the text gave none — never the
 *     publication time passed off as the event's date
 * @param what e.g. "PRK STATEMENT_HOSTILE → CHN"
 * @param modality "planned" or "hedged"; null for a fact
 * @param contribution what it adds to warmth, e.g. "−2"; null for an event a signal rests on
 * @param corroboration how many articles had reported it
 * @param articles those articles, first sighting first (as many as the record carries)
 */
record EvidenceItem(String when, String what, String modality, String contribution, int corroboration, String evidence,
    List<Article> articles) {

  /** An article that reported the event; any of the three may be null (older records carry a bare URL). */
  record Article(String outlet, String title, String url) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  static EvidenceItem of(Driver d) {
    // A null date means the event time is the publication time: say so rather than show it as the date.
    Instant published = d.getSources().isEmpty() ? d.getEventTime() : d.getSources().get(0).getPublished();
    List<Article> articles = d.getSources().isEmpty()
        ? d.getUrls().stream().map(url -> new Article(null, null, url)).toList()
        : articles(d.getSources());
    return new EvidenceItem(when(d.getDate(), published), what(d.getActor(), d.getType(), d.getTargets()), null,
        Markup.signed(d.getContribution()), d.getCorroboration(), d.getEvidence(), articles);
  }

  static EvidenceItem of(CitedEvent e) {
    Instant published = e.getSources().isEmpty() ? null : e.getSources().get(0).getPublished();
    String modality = e.getModality() == null || e.getModality() == Modality.FACT ? null : e.getModality().name().toLowerCase(Locale.ROOT);
    return new EvidenceItem(when(e.getDate(), published), what(e.getActor(), String.valueOf(e.getType()), e.getTargets()), modality,
        null, e.getCorroboration(), e.getEvidence(), articles(e.getSources()));
  }

  private static String when(String date, Instant published) {
    if (date != null && !date.isBlank()) {
      return date;
    }
    return published == null ? "undated" : "undated (published " + DAY.format(published) + ")";
  }

  private static String what(String actor, String type, List<String> targets) {
    // An untargeted event (a missile test) has no arrow pointing nowhere.
    return targets.isEmpty() ? actor + " " + type : actor + " " + type + " → " + String.join(", ", targets);
  }

  private static List<Article> articles(List<SourceRef> sources) {
    return sources.stream().map(s -> new Article(s.getSource(), s.getTitle(), s.getUrl())).toList();
  }
}
