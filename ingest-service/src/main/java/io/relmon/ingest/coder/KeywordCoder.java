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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * relmon's first event coder: dictionaries and trigger patterns, sentence by sentence. What it
 * does, and no more: it finds state mentions (country names, adjectives, capitals, and leaders in
 * office on the publication date, with a leader's surname once the full name has appeared); a
 * trigger pattern gives the event type; the nearest mention before the trigger is the actor and
 * the mentions after it in the same sentence the targets; the nearest date expression gives the
 * date; hedging words between actor and trigger make it HEDGED, future words PLANNED, and a
 * negation drops the event; sentences that report an analyst's or expert's view are skipped.
 *
 * <p>It does not yet resolve pronouns ("Her remarks"), titles without names ("the Chinese
 * President"), or extract state-media leader mentions: those are the event-coder issue.
 */
public final class KeywordCoder implements EventCoder {

  public static final String VERSION = "keyword-coder/0.1";

  private static final Pattern OPINION = Pattern.compile(
      "\\b(analysts?|experts?|observers?|research fellow|professor|speculat\\w*)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATION = Pattern.compile(
      "\\b(not|never|no|denied|refused to|failed to)\\b|n't\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEDGE = Pattern.compile(
      "\\b(reportedly|allegedly|believed to|is said to|are said to|suspected|may have|might have|apparently|appeared to)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FUTURE = Pattern.compile(
      "\\b(will|plans? to|planned to|is expected to|are expected to|scheduled to|is set to|are set to|intends to|would)\\b",
      Pattern.CASE_INSENSITIVE);
  /** "SEOUL/BEIJING —": a dateline names where the report was filed, not who acted. */
  private static final Pattern DATELINE = Pattern.compile("^[A-Z][A-Z /,.]+ ?[—–-]{1,2} ");

  private static final Pattern JOINT = Pattern.compile("^\\s*(and|,)\\s", Pattern.CASE_INSENSITIVE);
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
    List<CodedEvent> events = new ArrayList<>();
    for (Sentence sentence : Sentences.split(article.body())) {
      if (OPINION.matcher(sentence.text()).find()) {
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
    return new Coding(events, List.of());
  }

  private CodedEvent codeAt(EventType type, int start, int end, Sentence sentence, List<Mention> mentions, LocalDate published) {
    List<Mention> before = new ArrayList<>();
    List<Mention> after = new ArrayList<>();
    for (Mention mention : mentions) {
      if (mention.end() <= start) {
        before.add(mention);
      } else if (mention.start() >= end) {
        after.add(mention);
      }
    }
    TypeInfo info = dictionaries.types().get(type);
    if (after.isEmpty() && info.targets() == Dictionaries.Targets.ALL && distinctCountries(before) >= 2
        && JOINT.matcher(sentence.text().substring(before.get(0).end(), start)).find()) {
      // Joint: "Seoul and Beijing held talks": the first named acts, the others are its targets.
      after.addAll(before.subList(1, before.size()));
      before.subList(1, before.size()).clear();
    }
    Mention actor;
    if (before.isEmpty()) {
      // Undirected: "the opening of the bridge between China and North Korea was delayed".
      if (after.size() < 2) {
        return null;
      }
      actor = after.remove(0);
    } else {
      actor = before.get(before.size() - 1);
      String gap = sentence.text().substring(actor.end(), start).strip();
      if (before.size() > 1 && isAdjective(actor) && gap.split("\\s+").length <= 2) {
        // "visited a site for a Russian war memorial": the adjective names the target.
        after.add(0, actor);
        before.remove(before.size() - 1);
        actor = before.get(before.size() - 1);
      }
    }
    String between = sentence.text().substring(Math.min(actor.end(), start), start);
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
    Modality modality = HEDGE.matcher(between).find() ? Modality.HEDGED
        : FUTURE.matcher(between).find() ? Modality.PLANNED : Modality.FACT;
    double confidence = switch (modality) {
      case FACT -> 0.8;
      case PLANNED -> 0.6;
      case HEDGED -> 0.5;
    };
    String date = DateResolver.resolve(sentence.text(), start, published);
    return new CodedEvent(type, actor.iso3(), List.copyOf(targets), date, modality, info.weight(), confidence,
        info.plover(), info.ploverMode(), info.cameo(), sentence.text(), sentence.start(), sentence.end());
  }

  private record Mention(String iso3, String phrase, int start, int end) {}

  private static long distinctCountries(List<Mention> mentions) {
    return mentions.stream().map(Mention::iso3).distinct().count();
  }

  /** "Russian", "Chinese", "North Korean": a country adjective modifies the noun that follows. */
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
}
