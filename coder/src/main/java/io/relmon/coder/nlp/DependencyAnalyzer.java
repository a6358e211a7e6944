package io.relmon.coder.nlp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.Morphology;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.tagger.maxent.LocalOnceTestSentence;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import edu.stanford.nlp.tagger.maxent.TagContextScores;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Stanford CoreNLP's tokenizer, part-of-speech tagger and lemmatiser, and its neural dependency
 * parser's {@code english_UD} model (Universal Dependencies) run by {@link ArcStandardParser},
 * called directly rather than through the annotation pipeline: the pipeline also builds enhanced
 * graphs the coder does not read, which doubled the cost per sentence. The models load once
 * (a few seconds) and are shared; {@link #parse} is thread-safe (the tagger and parser keep no
 * per-call state, their caches are concurrent; {@link Morphology} does, so each call makes its own).
 */
public final class DependencyAnalyzer {

  static final String TAGGER_MODEL = "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger";
  static final String PARSER_MODEL = "edu/stanford/nlp/models/parser/nndep/english_UD.gz";
  /** A sentence longer than this is not parsed (the parser's cost grows with it; news sentences are shorter). */
  public static final int MAX_TOKENS = 120;

  private static volatile DependencyAnalyzer shared;

  /** The model's most frequent features whose first-layer products are computed at load (4 KB each). */
  static final int PRECOMPUTED_FEATURES = 20_000;
  /** Other features' products kept once met (4 KB each, 120 MB at most). */
  static final int CACHED_FEATURES = 30_000;

  private final MaxentTagger tagger;
  private final ArcStandardParser parser;
  /** The tagger's tag-context feature scores by previous tags (see {@link TagContextScores}). */
  private final TagContextScores tagContexts;
  /** Lemmas by tag and word (CoreNLP's lemmatiser was a tenth of the coder's time). */
  private final Cache<String, String> lemmas = Caffeine.newBuilder().maximumSize(50_000).build();

  private DependencyAnalyzer() {
    this.tagger = new MaxentTagger(TAGGER_MODEL);
    this.tagContexts = new TagContextScores(tagger);
    this.parser = ArcStandardParser.load(PARSER_MODEL, PRECOMPUTED_FEATURES, CACHED_FEATURES);
  }

  /** The models of this JVM, loaded on first use. */
  public static DependencyAnalyzer shared() {
    DependencyAnalyzer a = shared;
    if (a == null) {
      synchronized (DependencyAnalyzer.class) {
        a = shared;
        if (a == null) {
          a = new DependencyAnalyzer();
          shared = a;
        }
      }
    }
    return a;
  }

  /** A sentence tokenised, tagged and lemmatised, not yet parsed: the cheap first look. */
  public static final class Tagged {
    private final String text;
    private final List<CoreLabel> labels;

    private Tagged(String text, List<CoreLabel> labels) {
      this.text = text;
      this.labels = labels;
    }

    /** Every token's lemma and word, lower-cased, and a plural word also without its "s". */
    public java.util.Set<String> forms() {
      java.util.Set<String> forms = new java.util.HashSet<>();
      for (CoreLabel label : labels) {
        String word = label.word().toLowerCase(java.util.Locale.ROOT);
        forms.add(label.lemma().toLowerCase(java.util.Locale.ROOT));
        forms.add(word);
        if (word.endsWith("s") && word.length() > 3) {
          forms.add(word.substring(0, word.length() - 1));
        }
      }
      return forms;
    }

    /** Every token's part-of-speech tag, in order. */
    List<String> tags() {
      return labels.stream().map(CoreLabel::tag).toList();
    }

    /** Whether some token has a lemma (or, for an adjective, a word form) and tag that {@code wanted} accepts. */
    public boolean any(java.util.function.BiPredicate<String, String> wanted) {
      for (CoreLabel label : labels) {
        String lemma = label.lemma().toLowerCase(java.util.Locale.ROOT);
        String word = label.word().toLowerCase(java.util.Locale.ROOT);
        if (wanted.test(lemma, label.tag()) || wanted.test(word, label.tag())) {
          return true;
        }
      }
      return false;
    }
  }

  /** CoreNLP's tokens of a sentence, with their offsets. */
  static List<CoreLabel> tokens(String sentence) {
    return new PTBTokenizer<>(new StringReader(sentence), new CoreLabelTokenFactory(),
        "invertible=false,ptb3Escaping=false,normalizeParentheses=false,normalizeOtherBrackets=false,splitHyphenated=false,"
            + "untokenizable=noneDelete").tokenize();
  }

  /** Tokens, tags and lemmas of one sentence (about a tenth of the cost of its parse); null when too long. */
  public Tagged tag(String sentence) {
    List<CoreLabel> labels = tokens(sentence);
    if (labels.isEmpty() || labels.size() > MAX_TOKENS) {
      return null;
    }
    // CoreNLP's tagCoreLabels without the work it throws away: the same tags (DependencyAnalyzerTest),
    // a third less time.
    List<TaggedWord> tagged = new LocalOnceTestSentence(tagger, tagContexts).tagSentence(labels, false);
    for (int i = 0; i < labels.size(); i++) {
      labels.get(i).setTag(tagged.get(i).tag());
    }
    Morphology morphology = null;
    for (CoreLabel label : labels) {
      // A word with its tag has one lemma: news repeats its words, so most come from the cache.
      String key = label.tag() + ' ' + label.word();
      String lemma = lemmas.getIfPresent(key);
      if (lemma == null) {
        if (morphology == null) {
          morphology = new Morphology();
        }
        lemma = morphology.lemma(label.word(), label.tag());
        lemmas.put(key, lemma);
      }
      label.setLemma(lemma);
    }
    return new Tagged(sentence, labels);
  }

  /** Tokens, tags, lemmas and the tree of one sentence; null when it is too long to parse. */
  public ParsedSentence parse(String sentence) {
    Tagged tagged = tag(sentence);
    return tagged == null ? null : parse(tagged);
  }

  /** The tree of a tagged sentence. */
  public ParsedSentence parse(Tagged tagged) {
    List<CoreLabel> labels = tagged.labels;
    String sentence = tagged.text;
    int n = labels.size();
    List<String> words = new ArrayList<>(n);
    List<String> tags = new ArrayList<>(n);
    for (CoreLabel label : labels) {
      words.add(label.word());
      tags.add(label.tag());
    }
    ArcStandardParser.Arcs arcs = parser.parse(words, tags);
    int[] heads = arcs.heads();
    String[] relations = arcs.relations();
    List<Token> tokens = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      CoreLabel label = labels.get(i);
      tokens.add(new Token(i, label.word(), label.tag(), label.lemma(), label.beginPosition(), label.endPosition(),
          heads[i], relations[i]));
    }
    return new ParsedSentence(sentence, tokens);
  }
}
