package io.relmon.coder.nlp;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.parser.nndep.DependencyParser;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.Morphology;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import edu.stanford.nlp.trees.GrammaticalStructure;
import edu.stanford.nlp.trees.TypedDependency;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Stanford CoreNLP's tokenizer, part-of-speech tagger, lemmatiser and neural dependency parser
 * (Universal Dependencies), called directly rather than through the annotation pipeline: the
 * pipeline also builds enhanced graphs the coder does not read, which doubled the cost per
 * sentence. The models load once (about 10 s, ~250 MB of heap) and are shared; {@link #parse} is
 * thread-safe (the tagger and parser keep no per-call state; {@link Morphology} does, so each
 * call makes its own).
 */
public final class DependencyAnalyzer {

  static final String TAGGER_MODEL = "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger";
  static final String PARSER_MODEL = "edu/stanford/nlp/models/parser/nndep/english_UD.gz";
  /** A sentence longer than this is not parsed (the parser's cost grows with it; news sentences are shorter). */
  public static final int MAX_TOKENS = 120;

  private static volatile DependencyAnalyzer shared;

  private final MaxentTagger tagger;
  private final DependencyParser parser;

  private DependencyAnalyzer() {
    this.tagger = new MaxentTagger(TAGGER_MODEL);
    this.parser = DependencyParser.loadFromModelFile(PARSER_MODEL, new Properties());
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

  /** Tokens, tags and lemmas of one sentence (about a tenth of the cost of its parse); null when too long. */
  public Tagged tag(String sentence) {
    List<CoreLabel> labels = new PTBTokenizer<>(new StringReader(sentence), new CoreLabelTokenFactory(),
        "invertible=false,ptb3Escaping=false,normalizeParentheses=false,normalizeOtherBrackets=false,splitHyphenated=false,"
            + "untokenizable=noneDelete").tokenize();
    if (labels.isEmpty() || labels.size() > MAX_TOKENS) {
      return null;
    }
    tagger.tagCoreLabels(labels);
    Morphology morphology = new Morphology();
    for (CoreLabel label : labels) {
      label.setLemma(morphology.lemma(label.word(), label.tag()));
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
    GrammaticalStructure structure = parser.predict(labels);
    int n = labels.size();
    int[] heads = new int[n];
    String[] relations = new String[n];
    java.util.Arrays.fill(heads, -1);
    java.util.Arrays.fill(relations, "dep");
    for (TypedDependency d : structure.typedDependencies()) {
      int dependent = d.dep().index() - 1;
      if (dependent < 0 || dependent >= n) {
        continue;
      }
      heads[dependent] = d.gov().index() - 1;
      relations[dependent] = d.reln().toString();
    }
    List<Token> tokens = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      CoreLabel label = labels.get(i);
      tokens.add(new Token(i, label.word(), label.tag(), label.lemma(), label.beginPosition(), label.endPosition(),
          heads[i], relations[i]));
    }
    return new ParsedSentence(sentence, tokens);
  }
}
