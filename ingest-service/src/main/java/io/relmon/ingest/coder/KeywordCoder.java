package io.relmon.ingest.coder;

import io.relmon.ingest.Article;
import io.relmon.ingest.coder.Dictionaries.Leader;
import io.relmon.ingest.coder.Dictionaries.Trigger;
import io.relmon.ingest.coder.Dictionaries.TypeInfo;
import io.relmon.ingest.coder.Sentences.Sentence;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * relmon's first event coder: dictionaries and trigger patterns, sentence by sentence
 * (docs/event-coding.md). It finds state mentions (country names, adjectives, capitals, and
 * leaders in office on the publication date, with a leader's surname once the full name has
 * appeared); a trigger pattern gives the event type; the nearest mention before the trigger is
 * the actor and the mentions after it the targets — with the exceptions a reader makes: joint
 * actors named together, an undirected event whose participants follow the trigger, a quotation
 * whose speaker follows it. The nearest date expression gives the date; hedging, future and
 * negation words between actor and trigger set the modality or drop the event. Headlines,
 * captions and analysts' views are not coded, and an article reporting the same event twice
 * yields it once.
 */
public final class KeywordCoder implements EventCoder {

  public static final String VERSION = "keyword-coder/0.2";

  private static final Pattern OPINION = Pattern.compile(
      "\\b(analysts?|experts?|observers?|research fellow|professor|speculat\\w*)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATION = Pattern.compile(
      "\\b(not|never|no|denied|refused to|failed to)\\b|n't\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEDGE = Pattern.compile(
      "\\b(reportedly|allegedly|believed to|is said to|are said to|suspected|may have|might have|apparently|appeared to|likely)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FUTURE = Pattern.compile(
      "\\b(will|plans? to|planned to|is expected to|are expected to|scheduled to|is set to|are set to|intends to|would|plans to)\\b",
      Pattern.CASE_INSENSITIVE);
  /** "invited Kim to visit", "urged Seoul to": the infinitive is what was asked for, not an event. */
  private static final Pattern SPEECH_ACT_INFINITIVE = Pattern.compile(
      "\\b(invit\\w*|urg\\w*|ask\\w*|hopes?|hoped|call\\w* on|want\\w*|demand\\w*)\\b[^.;\"“”]{0,40}\\bto $",
      Pattern.CASE_INSENSITIVE);
  /**
   * A dateline names where a report was filed, not who acted: "SEOUL/BEIJING —",
   * "SEOUL, Jan. 18 (Yonhap) --", "MOSCOW, June 19 (AFP):", "WASHINGTON (Reuters) -".
   */
  private static final Pattern DATELINE = Pattern.compile(
      "^\\p{Lu}[\\p{Lu}/ .'-]+(?:, [\\p{L}.]+ \\d{1,2})?\\s*(?:\\([^)]{1,40}\\))?\\s*(?::|[—–-]{1,2})\\s*");
  /** Sentence-final punctuation after a word: a paragraph without any is a headline or a caption. */
  private static final Pattern SENTENCE_END = Pattern.compile("[\\p{Ll}\\d\"”’')][.!?][\"”’']?(\\s|$|\\p{Lu})");
  private static final Pattern JOINED = Pattern.compile("^\\s*(and|,|&)\\s", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTE_OPEN = Pattern.compile("^[\"“]");
  private static final Pattern QUOTE_CLOSE = Pattern.compile("[\"”](?=[,.!?]?\\s)");
  private static final Pattern ADJECTIVE = Pattern.compile(".*(ese|ian|an|ish|ic|i)$");

  private final Dictionaries dictionaries;

  public KeywordCoder() {
    this.dictionaries = Dictionaries.load();
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Coding code(Article article) {
    LocalDate published = article.published().toLocalDate();
    Pattern mentions = mentionPattern(article.body(), published);
    String title = normalise(article.title());
    List<CodedEvent> events = new ArrayList<>();
    for (Sentence sentence : Sentences.split(article.body())) {
      if (OPINION.matcher(sentence.text()).find() || isHeadline(article.body(), sentence, title)) {
        continue;
      }
      List<Mention> found = mentionsIn(sentence.text(), mentions, published);
      Set<EventType> coded = EnumSet.noneOf(EventType.class);
      for (Trigger trigger : dictionaries.triggers()) {
        if (coded.contains(trigger.type())) {
          continue;
        }
        Matcher m = trigger.pattern().matcher(sentence.text());
        while (m.find()) {
          CodedEvent event = codeAt(trigger.type(), m.start(), m.end(), sentence, found, published);
          if (event != null) {
            events.add(event);
            coded.add(trigger.type());
            break;
          }
        }
      }
    }
    events.sort(Comparator.comparingInt(CodedEvent::evidenceStart));
    return new Coding(withoutRepeats(events), List.of());
  }

  /**
   * A paragraph that repeats the title, or has no sentence-final punctuation at all, is a
   * headline, a caption or a byline: news leads restate it with its date.
   */
  private static boolean isHeadline(String body, Sentence sentence, String title) {
    int lineStart = body.lastIndexOf('\n', sentence.start()) + 1;
    int lineEnd = body.indexOf('\n', sentence.start());
    String paragraph = body.substring(lineStart, lineEnd < 0 ? body.length() : lineEnd).strip();
    return normalise(paragraph).equals(title) || !SENTENCE_END.matcher(paragraph).find();
  }

  /**
   * An article often reports one event twice — in the lead without a date, in the body with it.
   * Keeps the first of identical events and drops an undated event when a dated one of the same
   * type, actor and targets is in the article.
   */
  private static List<CodedEvent> withoutRepeats(List<CodedEvent> events) {
    List<CodedEvent> kept = new ArrayList<>();
    for (CodedEvent e : events) {
      boolean repeat = events.stream().anyMatch(o -> o != e && o.type() == e.type() && o.actor().equals(e.actor())
          && overlap(o.targets(), e.targets())
          && ((e.date() == null && o.date() != null)
              || (java.util.Objects.equals(o.date(), e.date()) && events.indexOf(o) < events.indexOf(e))));
      if (!repeat) {
        kept.add(e);
      }
    }
    return kept;
  }

  private static boolean overlap(List<String> a, List<String> b) {
    return a.isEmpty() && b.isEmpty() || a.stream().anyMatch(b::contains);
  }

  private CodedEvent codeAt(EventType type, int start, int end, Sentence sentence, List<Mention> mentions, LocalDate published) {
    String text = sentence.text();
    if (SPEECH_ACT_INFINITIVE.matcher(text.substring(Math.max(0, start - 60), start)).find()) {
      return null;
    }
    TypeInfo info = dictionaries.types().get(type);
    List<Mention> before = new ArrayList<>();
    List<Mention> after = new ArrayList<>();
    Mention actor = null;
    int quoteEnd = quotationEnd(text);
    if (quoteEnd > start) {
      // "“We appreciate your support,” Putin said ...": the speaker after the quotation acts.
      for (Mention mention : mentions) {
        if (mention.start() >= quoteEnd && actor == null) {
          actor = mention;
        } else {
          after.add(mention);
        }
      }
      if (actor == null) {
        return null;
      }
    } else {
      for (Mention mention : mentions) {
        if (mention.end() <= start) {
          before.add(mention);
        } else if (mention.start() >= end) {
          after.add(mention);
        }
      }
      if (info.targets() == Dictionaries.Targets.ALL && jointBefore(text, before)) {
        // "Xi Jinping and Kim Jong Un met for talks": the first named acts, the others are targets.
        Mention first = before.get(0);
        for (Mention m : before) {
          if (!m.iso3().equals(first.iso3())) {
            after.add(m);
          }
        }
        before.clear();
        before.add(first);
      }
      if (before.isEmpty()) {
        // Undirected: "the opening of the bridge between China and North Korea was delayed".
        if (after.stream().map(Mention::iso3).distinct().count() < 2) {
          return null;
        }
        actor = after.remove(0);
      } else {
        actor = before.get(before.size() - 1);
        String gap = text.substring(actor.end(), start).strip();
        if (type == EventType.SOLIDARITY_GESTURE && before.size() > 1 && isAdjective(actor) && gap.split("\\s+").length <= 2) {
          // "visited a site for a Russian war memorial": the adjective names the honoured state.
          after.add(0, actor);
          before.remove(before.size() - 1);
          actor = before.get(before.size() - 1);
        }
      }
    }
    String between = text.substring(Math.min(actor.end(), start), start);
    if (NEGATION.matcher(between).find()) {
      return null;
    }
    Set<String> targets = new LinkedHashSet<>();
    for (Mention mention : after) {
      if (!mention.iso3().equals(actor.iso3())) {
        targets.add(mention.iso3());
      }
    }
    if (info.targets() == Dictionaries.Targets.NONE) {
      targets.clear();
    } else if (targets.isEmpty()) {
      return null;
    } else if (info.targets() == Dictionaries.Targets.FIRST) {
      String first = targets.iterator().next();
      targets.clear();
      targets.add(first);
    }
    String window = text.substring(Math.min(actor.end(), start), Math.min(text.length(), end + 20));
    Modality modality = HEDGE.matcher(between).find() ? Modality.HEDGED
        : FUTURE.matcher(between).find() || text.substring(Math.max(0, start - 3), start).equals("to ") ? Modality.PLANNED
        : Modality.FACT;
    double confidence = switch (modality) {
      case FACT -> 0.8;
      case PLANNED -> 0.6;
      case HEDGED -> 0.5;
    };
    String date = DateResolver.resolve(text, start, published);
    return new CodedEvent(type, actor.iso3(), List.copyOf(targets), date, modality, info.weight(), confidence,
        info.plover(), info.ploverMode(), info.cameo(), text, sentence.start(), sentence.end());
  }

  /** Where a sentence-opening quotation closes, or -1. */
  private static int quotationEnd(String text) {
    if (!QUOTE_OPEN.matcher(text).find()) {
      return -1;
    }
    Matcher close = QUOTE_CLOSE.matcher(text);
    return close.find(1) ? close.end() : -1;
  }

  /** Two or more states named together before the trigger: "Seoul and Beijing", "Xi and Kim". */
  private static boolean jointBefore(String text, List<Mention> before) {
    for (int i = 1; i < before.size(); i++) {
      Mention previous = before.get(i - 1);
      Mention current = before.get(i);
      if (!previous.iso3().equals(current.iso3()) && JOINED.matcher(text.substring(previous.end(), current.start())).find()) {
        return true;
      }
    }
    return false;
  }

  private record Mention(String iso3, String phrase, int start, int end) {}

  private static boolean isAdjective(Mention mention) {
    return ADJECTIVE.matcher(mention.phrase()).matches();
  }

  private List<Mention> mentionsIn(String text, Pattern mentions, LocalDate published) {
    int skip = 0;
    Matcher dateline = DATELINE.matcher(text);
    if (dateline.find()) {
      skip = dateline.end();
    }
    List<Mention> found = new ArrayList<>();
    Matcher m = mentions.matcher(text);
    while (m.find()) {
      if (m.start() < skip) {
        continue;
      }
      String iso3 = countryOf(m.group(), published);
      if (iso3 != null) {
        found.add(new Mention(iso3, m.group(), m.start(), m.end()));
      }
    }
    return found;
  }

  private String countryOf(String phrase, LocalDate published) {
    for (var name : dictionaries.countryNames()) {
      if (name.phrase().equals(phrase)) {
        return name.iso3();
      }
    }
    for (Leader leader : dictionaries.leaders()) {
      if (leader.inOfficeOn(published) && (leader.names().contains(phrase) || surnameOf(leader).equals(phrase))) {
        return leader.iso3();
      }
    }
    return null;
  }

  /**
   * One alternation of every phrase that can name a state in this article, longest first: the
   * countries, the leaders in office on the publication date, and the surnames of those whose
   * full name the article uses ("Lee" after "Lee Jae Myung").
   */
  private Pattern mentionPattern(String body, LocalDate published) {
    Set<String> phrases = new LinkedHashSet<>();
    dictionaries.countryNames().forEach(n -> phrases.add(n.phrase()));
    for (Leader leader : dictionaries.leaders()) {
      if (!leader.inOfficeOn(published)) {
        continue;
      }
      for (String name : leader.names()) {
        phrases.add(name);
        if (body.contains(name)) {
          phrases.add(surnameOf(leader));
        }
      }
    }
    String alternation = phrases.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote)
        .collect(Collectors.joining("|"));
    return Pattern.compile("(?<!\\p{L})(?:" + alternation + ")(?!\\p{L})");
  }

  private static String surnameOf(Leader leader) {
    // Korean and Chinese names put the family name first; Western ones last.
    String name = leader.names().get(0);
    String[] parts = name.split(" ");
    return Set.of("PRK", "KOR", "CHN", "VNM").contains(leader.iso3()) ? parts[0] : parts[parts.length - 1];
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\d]+", " ").strip();
  }
}
