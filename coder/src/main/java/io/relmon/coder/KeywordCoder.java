package io.relmon.coder;

import io.relmon.coder.ArticleText;
import io.relmon.coder.Dictionaries.Leader;
import io.relmon.coder.Dictionaries.Trigger;
import io.relmon.coder.Dictionaries.TypeInfo;
import io.relmon.coder.Sentences.Sentence;
import io.relmon.coder.EventType;
import io.relmon.coder.Modality;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
  /** Sentence-final punctuation after a word: a paragraph without any is a headline or a caption. */
  private static final Pattern SENTENCE_END = Pattern.compile("[\\p{Ll}\\d\"”’')][.!?][\"”’']?(\\s|$|\\p{Lu})");
  private static final Pattern JOINED = Pattern.compile("^\\s*(and|,|&)\\s", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTE_OPEN = Pattern.compile("^[\"“]");
  private static final Pattern QUOTE_CLOSE = Pattern.compile("[\"”](?=[,.!?]?\\s)");
  private static final Pattern ADJECTIVE = Pattern.compile(".*(ese|ian|an|ish|ic|i)$");
  /** "by " or "by the " right before a mention: the agent of a passive or nominal action. */
  private static final Pattern BY = Pattern.compile("\\bby (the )?$");
  /** A participial or adverbial phrase attached to the subject: ", voicing support", "during a visit". */
  private static final Pattern SUBJECT_ATTACHED = Pattern.compile("(,\\s*|\\bduring (a |an |the |his |her |their )?(\\w+ )?)$", Pattern.CASE_INSENSITIVE);
  private static final Set<EventType> MEETINGS = EnumSet.of(EventType.SUMMIT, EventType.MINISTERIAL_MEETING);
  /** Types whose participants stand on an equal footing: "A and B" is "B and A". */
  private static final Set<EventType> SYMMETRIC = ClauseCoder.SYMMETRIC;
  private static final Pattern PASSIVE = Pattern.compile("\\b(was|were|been|being|is|are)\\s+(\\w+ly\\s+)?$", Pattern.CASE_INSENSITIVE);
  private static final double JOINT_EXERCISE_WEIGHT = 4;
  /** How many sentences after naming a state's media a prominence report still refers to it. */
  private static final int STATE_MEDIA_REACH = 3;
  private static final Pattern STATE_MEDIA = Pattern.compile("(['’]s )?state(-run)? (media|television|news agency|newspaper)\\b");
  private static final Set<EventType> STATEMENTS = EnumSet.of(EventType.STATEMENT_HOSTILE, EventType.STATEMENT_FRIENDLY,
      EventType.THREAT);
  /** A trigger that is a verb in the past ("agreed", "signed", "met", "held"), not a bare noun ("summit"). */
  private static final Pattern VERBAL = Pattern.compile("\\w+(ed|met|held|signs?|agree)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIMPLE_PAST = Pattern.compile("\\w+ed\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern PERFECT = Pattern.compile("\\b(has|have|had)\\s+(\\w+\\s+)?$", Pattern.CASE_INSENSITIVE);
  /** Verbs that report what another did: the subject of the report is not the actor. */
  private static final Pattern REPORTING = Pattern.compile(
      "\\b(said|says|say|reported|reports|told|claimed|claims|according to)\\b( that)?", Pattern.CASE_INSENSITIVE);
  /**
   * Types whose trigger spans name their subject states ("the foreign ministers of Japan and
   * Korea met"); in the others a state inside the span is an object ("flanked Xi at a parade").
   */
  private static final Set<EventType> SPAN_SUBJECT = EnumSet.of(EventType.MINISTERIAL_MEETING, EventType.MILITARY_EXERCISE);
  /** A pronoun right after a reporting verb: "Putin said he appreciated" — the speaker acts. */
  private static final Pattern PRONOUN_NEXT = Pattern.compile("^[^,.;\"“]{0,25}?\\b(he|she|it|they|we)\\b", Pattern.CASE_INSENSITIVE);
  /** A proposed meeting has not happened yet. */
  private static final Pattern PROPOSAL = Pattern.compile("propos", Pattern.CASE_INSENSITIVE);
  /** A sentence that opens with a pronoun continues the previous sentence's subject. */
  private static final Pattern PRONOUN_OPENING = Pattern.compile("^(He|She|His|Her|They|Their|It|Its)\\b");
  private static final Pattern SPEECH_VERB = Pattern.compile("^[^.]{0,60}?\\b(said|added|stated|told|was quoted)\\b");

  private final Dictionaries dictionaries;

  private final LeaderMentions leaderMentions;

  /** Every phrase that can name a state, indexed once (see {@link #mentionsIn}). */
  private final PhraseIndex<Boolean> allMentions;
  private final Map<String, String> countryByPhrase = new HashMap<>();
  private final List<TriggerFilter> triggerFilters;

  public KeywordCoder() {
    this.dictionaries = Dictionaries.load();
    this.leaderMentions = new LeaderMentions(dictionaries);
    Set<String> phrases = new LinkedHashSet<>();
    for (var name : dictionaries.countryNames()) {
      phrases.add(name.phrase());
      countryByPhrase.putIfAbsent(name.phrase(), name.iso3());
    }
    for (Leader leader : dictionaries.leaders()) {
      phrases.addAll(leader.names());
      phrases.add(leader.surname());
    }
    Map<String, Boolean> index = new HashMap<>();
    phrases.forEach(phrase -> index.put(phrase, Boolean.TRUE));
    this.allMentions = new PhraseIndex<>(index);
    this.triggerFilters = dictionaries.triggers().stream().map(TriggerFilter::of).toList();
  }

  Dictionaries dictionaries() {
    return dictionaries;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Coding code(ArticleText article) {
    LocalDate published = article.published().toLocalDate();
    Set<String> mentions = surnamesInUse(article.body(), published);
    String title = normalise(article.title());
    List<CodedEvent> events = new ArrayList<>();
    int paragraph = -1;
    List<Sentence> paragraphSoFar = new ArrayList<>();
    String stateMedia = null;
    int stateMediaAge = Integer.MAX_VALUE;
    String subject = null;
    List<Sentence> sentences = Sentences.split(article.body());
    Map<Integer, Boolean> headlines = new HashMap<>();
    for (Sentence sentence : sentences) {
      String outlet = stateMediaIn(sentence.text(), mentions, published);
      if (outlet != null) {
        stateMedia = outlet;
        stateMediaAge = 0;
      } else if (stateMediaAge != Integer.MAX_VALUE) {
        stateMediaAge++;
      }
      int lineStart = article.body().lastIndexOf('\n', sentence.start()) + 1;
      if (lineStart != paragraph) {
        paragraph = lineStart;
        paragraphSoFar.clear();
      }
      // Resolved only when an undated event asks for it: most sentences never need it.
      List<Sentence> earlier = List.copyOf(paragraphSoFar);
      java.util.function.Supplier<String> inherited = () -> lastDateIn(earlier, published);
      paragraphSoFar.add(sentence);
      if (mayBeOpinion(sentence.text()) && OPINION.matcher(sentence.text()).find()
          || headlines.computeIfAbsent(lineStart, k -> isHeadline(article.body(), sentence, title))) {
        continue;
      }
      List<Mention> found = mentionsIn(sentence.text(), mentions, published);
      String previousSubject = subject;
      if (!found.isEmpty()) {
        subject = found.get(0).iso3();
      }
      Set<EventType> coded = EnumSet.noneOf(EventType.class);
      String lower = sentence.text().toLowerCase(Locale.ROOT);
      for (TriggerFilter filter : triggerFilters) {
        Trigger trigger = filter.trigger();
        if (coded.contains(trigger.type()) || !filter.mayMatch(lower)) {
          continue;
        }
        Matcher m = trigger.pattern().matcher(sentence.text());
        while (m.find()) {
          CodedEvent event = trigger.type() == EventType.STATE_MEDIA_PROMINENCE
              ? prominenceAt(trigger, m, sentence, found, stateMediaAge <= STATE_MEDIA_REACH ? stateMedia : null, inherited, published)
              : codeAt(trigger.type(), m.start(), m.end(), sentence, found, previousSubject, inherited, published);
          if (event != null) {
            events.add(event);
            coded.add(trigger.type());
            break;
          }
        }
      }
    }
    events.sort(Comparator.comparingInt(CodedEvent::evidenceStart));
    return new Coding(withoutRepeats(events), leaderMentions.extract(article.body(), sentences, published));
  }

  /** The date last stated in these sentences (nearest their end), or null. */
  private static String lastDateIn(List<Sentence> sentences, LocalDate published) {
    for (int i = sentences.size() - 1; i >= 0; i--) {
      String text = sentences.get(i).text();
      String date = DateResolver.resolve(text, text.length(), published);
      if (date != null) {
        return date;
      }
    }
    return null;
  }

  /** A cheap test before the opinion expression: it needs one of these word stems. */
  private static boolean mayBeOpinion(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String stem : OPINION_STEMS) {
      if (lower.contains(stem)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] OPINION_STEMS = {"analyst", "expert", "observer", "fellow", "professor", "speculat"};

  /**
   * A paragraph that repeats the title, or has no sentence-final punctuation at all, is a
   * headline, a caption or a byline: news leads restate it with its date.
   */
  static boolean isHeadline(String body, Sentence sentence, String title) {
    int lineStart = body.lastIndexOf('\n', sentence.start()) + 1;
    int lineEnd = body.indexOf('\n', sentence.start());
    String paragraph = body.substring(lineStart, lineEnd < 0 ? body.length() : lineEnd).strip();
    // Only a paragraph about as long as the title can repeat it: no need to normalise the others.
    boolean mayRepeatTitle = Math.abs(paragraph.length() - title.length()) <= title.length() / 4 + 8;
    return (mayRepeatTitle && normalise(paragraph).equals(title)) || !SENTENCE_END.matcher(paragraph).find();
  }

  /**
   * An article often reports one event twice — in the lead without a date, in the body with it.
   * Drops an undated event when a dated one of the same type and parties is in the article, and a
   * second identical material event (one launch told twice); statements stay, since one side may
   * well say several things on a day.
   */
  static List<CodedEvent> withoutRepeats(List<CodedEvent> events) {
    List<CodedEvent> kept = new ArrayList<>();
    for (CodedEvent e : events) {
      boolean repeat = events.stream().anyMatch(o -> o != e && o.type() == e.type() && sameParties(o, e)
          && ((e.date() == null && o.date() != null)
              || (!STATEMENTS.contains(e.type()) && java.util.Objects.equals(o.date(), e.date())
                  && new java.util.HashSet<>(o.targets()).equals(new java.util.HashSet<>(e.targets()))
                  && events.indexOf(o) < events.indexOf(e))));
      if (!repeat) {
        kept.add(e);
      }
    }
    return kept;
  }

  /** Same actor and overlapping targets; for symmetric types, the same participants in any order. */
  private static boolean sameParties(CodedEvent a, CodedEvent b) {
    if (SYMMETRIC.contains(a.type())) {
      return ClauseCoder.participants(a).equals(ClauseCoder.participants(b));
    }
    return a.actor().equals(b.actor()) && overlap(a.targets(), b.targets());
  }

  private static boolean overlap(List<String> a, List<String> b) {
    return a.isEmpty() && b.isEmpty() || a.stream().anyMatch(b::contains);
  }

  private CodedEvent codeAt(EventType type, int start, int end, Sentence sentence, List<Mention> mentions,
      String previousSubject, java.util.function.Supplier<String> inheritedDate, LocalDate published) {
    String text = sentence.text();
    if (SPEECH_ACT_INFINITIVE.matcher(text.substring(Math.max(0, start - 60), start)).find()) {
      return null;
    }
    TypeInfo info = dictionaries.types().get(type);
    List<Mention> before = new ArrayList<>();
    List<Mention> after = new ArrayList<>();
    Mention actor = null;
    int quoteEnd = quotationEnd(text);
    Mention speaker = quoteEnd > start ? mentions.stream().filter(m -> m.start() >= quoteEnd).findFirst().orElse(null) : null;
    boolean joint = false;
    Mention reporter = null;
    if (speaker != null) {
      // "“We appreciate your support,” Putin said ...": the speaker after the quotation acts.
      actor = speaker;
      for (Mention mention : mentions) {
        if (mention != speaker) {
          after.add(mention);
        }
      }
    } else {
      for (Mention mention : mentions) {
        // Mentions inside a long trigger ("the foreign ministers of Japan and Korea met") come
        // before its verb: they are its subject.
        if (mention.start() < start || (mention.start() < end && SPAN_SUBJECT.contains(type))) {
          before.add(mention);
        } else if (mention.start() >= end) {
          after.add(mention);
        } else {
          after.add(mention);
        }
      }
      Matcher report = REPORTING.matcher(text.substring(0, start));
      int reportEnd = -1;
      while (report.find()) {
        reportEnd = report.end();
      }
      if (reportEnd >= 0 && !PRONOUN_NEXT.matcher(text.substring(reportEnd)).find()) {
        // "Seoul said Pyongyang launched": who reports is not who acts; the actor follows the verb.
        int from = reportEnd;
        for (Mention m : before) {
          if (m.start() < from && reporter == null) {
            reporter = m;
          }
        }
        before.removeIf(m -> m.start() < from);
      }
      if (MEETINGS.contains(type)) {
        // "a summit with Trump in Hanoi": where a meeting takes place is not who takes part.
        after.removeIf(m -> text.startsWith("in ", Math.max(0, m.start() - 3)));
      }
      List<Mention> group = jointGroup(text, before);
      if ((info.targets() == Dictionaries.Targets.ALL || info.targets() == Dictionaries.Targets.ANY) && group.size() > 1) {
        // "Xi Jinping and Kim Jong Un met for talks": the first named acts, the others are targets.
        joint = true;
        Mention first = group.get(0);
        for (Mention m : group) {
          if (!m.iso3().equals(first.iso3())) {
            after.add(m);
          }
        }
        before.clear();
        before.add(first);
      }
      // Only a passive ("were targeted by Washington") or a nominal action ("the dispatch of
      // troops by Pyongyang") takes its actor from a by-phrase; in "dismissed the decision by
      // Seoul", Seoul decided, it did not dismiss.
      boolean passive = PASSIVE.matcher(text.substring(0, start)).find();
      boolean nominal = text.substring(start, end).contains(" of ");
      Mention agent = null;
      if (passive || nominal) {
        for (Mention m : mentions) {
          if (m.start() >= start && m.start() <= end + 40 && BY.matcher(text.substring(Math.max(0, m.start() - 7), m.start())).find()) {
            agent = m;
            break;
          }
        }
      }
      if (agent != null) {
        if (passive) {
          // The passive subject is what the action was done to.
          after.addAll(0, before);
        }
        before.clear();
        before.add(agent);
        after.remove(agent);
      } else if (!before.isEmpty() && SUBJECT_ATTACHED.matcher(text.substring(0, start)).find()) {
        // ", voicing support", "during a visit": the phrase belongs to the sentence's subject.
        Mention subject = before.get(0);
        before.clear();
        before.add(subject);
      }
      if (before.isEmpty() && previousSubject != null && PRONOUN_OPENING.matcher(text).find()) {
        // "She accused Seoul ...": the pronoun stands for the previous sentence's subject.
        before.add(new Mention(previousSubject, "", 0, 0));
      }
      if (before.isEmpty()) {
        // Undirected: "the opening of the bridge between China and North Korea was delayed".
        if (after.stream().map(Mention::iso3).distinct().count() < 2) {
          return null;
        }
        actor = after.remove(0);
      } else {
        actor = before.get(before.size() - 1);
        // (A by-agent stands after the trigger; only a mention before it can be an adjective on it.)
        String gap = actor.end() <= start ? text.substring(actor.end(), start).strip() : "";
        if (type == EventType.SOLIDARITY_GESTURE && before.size() > 1 && actor.end() <= start && isAdjective(actor)
            && gap.split("\\s+").length <= 2) {
          // "visited a site for a Russian war memorial": the adjective names the honoured state.
          after.add(0, actor);
          before.remove(before.size() - 1);
          actor = before.get(before.size() - 1);
        }
      }
    }
    // Words between the actor and the trigger (none when the actor is named after it).
    String between = actor.end() <= start ? text.substring(actor.end(), start) : "";
    if (NEGATION.matcher(between).find()) {
      return null;
    }
    Set<String> targets = new LinkedHashSet<>();
    for (Mention mention : after) {
      if (!mention.iso3().equals(actor.iso3())) {
        targets.add(mention.iso3());
      }
    }
    if (targets.isEmpty() && SYMMETRIC.contains(type) && speaker == null && VERBAL.matcher(text.substring(start, end)).lookingAt()) {
      // "Putin's visit to North Korea, when the leaders agreed a pact": a treaty or a meeting is
      // between the states of the clause, even when none is named after the trigger.
      for (int i = mentions.size() - 1; i >= 0 && targets.isEmpty(); i--) {
        Mention m = mentions.get(i);
        if (m.end() <= start && !m.iso3().equals(actor.iso3())) {
          targets.add(m.iso3());
        }
      }
    }
    if (targets.isEmpty() && reporter != null && !reporter.iso3().equals(actor.iso3()) && info.targets() != Dictionaries.Targets.ANY) {
      // "North Korea says Japan proposed a summit": a proposal told by its addressee.
      targets.add(reporter.iso3());
    }
    if (info.targets() == Dictionaries.Targets.NONE) {
      targets.clear();
    } else if (info.targets() == Dictionaries.Targets.ANY && !joint) {
      // An exercise is "toward" a state only when it is named as the target; otherwise untargeted.
      targets.clear();
    } else if (targets.isEmpty() && info.targets() != Dictionaries.Targets.ANY) {
      return null;
    } else if (info.targets() == Dictionaries.Targets.FIRST) {
      String first = targets.iterator().next();
      targets.clear();
      targets.add(first);
    }
    Modality modality = HEDGE.matcher(between).find() ? Modality.HEDGED
        : FUTURE.matcher(between).find() || text.substring(Math.max(0, start - 3), start).equals("to ")
            || PROPOSAL.matcher(text.substring(start, end)).lookingAt() ? Modality.PLANNED
        : Modality.FACT;
    double confidence = switch (modality) {
      case FACT -> 0.8;
      case PLANNED -> 0.6;
      case HEDGED -> 0.5;
    };
    String date = DateResolver.resolve(text, start, end, published);
    if (date == null && modality == Modality.FACT) {
      // A paragraph tells one story: an undated sentence happens when the one before it did.
      date = inheritedDate.get();
    }
    if (date == null && modality == Modality.FACT && STATEMENTS.contains(type) && reportedToday(text, start, end, speaker)) {
      // News reports what was said in the simple past without a date when it was said that day.
      date = published.toString();
    }
    if (type == EventType.MILITARY_EXERCISE && joint) {
      // Exercising together is cooperation between the participants (BRIEF §3: +4, COOPERATE/062).
      return new CodedEvent(type, actor.iso3(), List.copyOf(targets), date, modality, JOINT_EXERCISE_WEIGHT, confidence,
          "COOPERATE", null, "062", text, sentence.start(), sentence.end());
    }
    return new CodedEvent(type, actor.iso3(), List.copyOf(targets), date, modality, info.weight(), confidence,
        info.plover(), info.ploverMode(), info.cameo(), text, sentence.start(), sentence.end());
  }

  /**
   * A statement told as news of the day: a quotation with its speaker, or a verb in the simple
   * past ("criticized", "thanked") — not the present perfect of background ("has long criticized").
   */
  private static boolean reportedToday(String text, int start, int end, Mention speaker) {
    if (speaker != null) {
      return SPEECH_VERB.matcher(text.substring(speaker.end())).find();
    }
    int quoteEnd = quotationEnd(text);
    if (quoteEnd > start) {
      return SPEECH_VERB.matcher(text.substring(quoteEnd)).find();
    }
    String trigger = text.substring(start, end);
    return SIMPLE_PAST.matcher(trigger).lookingAt() && !PERFECT.matcher(text.substring(0, start)).find();
  }

  /**
   * A report about how a state's media presented a foreign leader ("Xi was only referred to by
   * title and grouped with minor leaders"): the state whose media it was acts; the first other
   * state the sentence names is the one raised or lowered.
   */
  private CodedEvent prominenceAt(Trigger trigger, Matcher m, Sentence sentence, List<Mention> mentions, String outletState,
      java.util.function.Supplier<String> inheritedDate, LocalDate published) {
    if (outletState == null) {
      return null;
    }
    String target = mentions.stream().map(Mention::iso3).filter(iso3 -> !iso3.equals(outletState)).findFirst().orElse(null);
    if (target == null) {
      return null;
    }
    TypeInfo info = dictionaries.types().get(EventType.STATE_MEDIA_PROMINENCE);
    double weight = trigger.weight() != null ? trigger.weight() : info.weight();
    String date = DateResolver.resolve(sentence.text(), m.start(), m.end(), published);
    if (date == null) {
      date = inheritedDate.get();
    }
    return new CodedEvent(EventType.STATE_MEDIA_PROMINENCE, outletState, List.of(target), date, Modality.FACT, weight, 0.8,
        info.plover(), info.ploverMode(), info.cameo(), sentence.text(), sentence.start(), sentence.end());
  }

  /** The state whose media a sentence names: an outlet of state-media.tsv, or "North Korea's state media". */
  private String stateMediaIn(String text, Set<String> mentions, LocalDate published) {
    for (var outlet : dictionaries.stateMedia().entrySet()) {
      int at = text.indexOf(outlet.getKey());
      if (at >= 0 && (at == 0 || !Character.isLetter(text.charAt(at - 1)))) {
        return outlet.getValue();
      }
    }
    Matcher media = STATE_MEDIA.matcher(text);
    if (text.contains("state") && media.find()) {
      Mention owner = null;
      for (Mention mention : mentionsIn(text.substring(0, media.start()), mentions, published)) {
        owner = mention;
      }
      return owner == null ? null : owner.iso3();
    }
    return null;
  }

  /** Where a sentence-opening quotation closes, or -1. */
  private static int quotationEnd(String text) {
    if (!QUOTE_OPEN.matcher(text).find()) {
      return -1;
    }
    Matcher close = QUOTE_CLOSE.matcher(text);
    return close.find(1) ? close.end() : -1;
  }

  /**
   * The states named together right before the trigger ("Seoul and Washington", "Xi Jinping and
   * Kim Jong Un"): the last run of mentions joined by "and" or commas; a single mention otherwise.
   */
  private static List<Mention> jointGroup(String text, List<Mention> before) {
    if (before.isEmpty()) {
      return List.of();
    }
    int first = before.size() - 1;
    while (first > 0) {
      Mention previous = before.get(first - 1);
      Mention current = before.get(first);
      String gap = text.substring(previous.end(), current.start());
      boolean sameState = previous.iso3().equals(current.iso3()) && gap.matches("[\\s\\p{L}'’.]{0,20}");
      if (!sameState && !JOINED.matcher(gap).find() && !gap.matches("\\s*(and|,)\\s*[\\p{L}'’. ]{0,30}")) {
        break;
      }
      first--;
    }
    List<Mention> group = before.subList(first, before.size());
    return group.stream().map(Mention::iso3).distinct().count() > 1 ? List.copyOf(group) : List.of(before.get(before.size() - 1));
  }

  private record Mention(String iso3, String phrase, int start, int end) {}

  private static boolean isAdjective(Mention mention) {
    return ADJECTIVE.matcher(mention.phrase()).matches();
  }

  private List<Mention> mentionsIn(String text, Set<String> surnames, LocalDate published) {
    int skip = Dateline.end(text);
    List<Mention> found = new ArrayList<>();
    for (PhraseIndex.Match<Boolean> m : allMentions.findAll(text)) {
      if (m.start() < skip) {
        continue;
      }
      String iso3 = countryOf(m.phrase(), surnames, published);
      if (iso3 != null) {
        found.add(new Mention(iso3, m.phrase(), m.start(), m.end()));
      }
    }
    return found;
  }

  private String countryOf(String phrase, Set<String> surnames, LocalDate published) {
    String country = countryByPhrase.get(phrase);
    if (country != null) {
      return country;
    }
    for (Leader leader : dictionaries.leaders()) {
      if (leader.inOfficeOn(published)
          && (leader.names().contains(phrase) || (surnames.contains(phrase) && leader.surname().equals(phrase)))) {
        return leader.iso3();
      }
    }
    return null;
  }

  /**
   * The surnames that name a state in this article: those of leaders in office on the
   * publication date whose full name the article uses ("Lee" after "Lee Jae Myung").
   */
  private Set<String> surnamesInUse(String body, LocalDate published) {
    Set<String> surnames = new HashSet<>();
    for (Leader leader : dictionaries.leaders()) {
      if (leader.inOfficeOn(published) && leader.names().stream().anyMatch(body::contains)) {
        surnames.add(leader.surname());
      }
    }
    return surnames;
  }


  static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\d]+", " ").strip();
  }
}
