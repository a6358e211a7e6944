package edu.stanford.nlp.tagger.maxent;

import edu.stanford.nlp.math.ArrayMath;
import edu.stanford.nlp.util.Pair;
import java.util.List;

/**
 * CoreNLP's {@link TestSentence} (one sentence being tagged) with the same scores and tags, minus
 * work it throws away. For every tag history it scores, CoreNLP recomputes the features of the
 * current word alone ("local": the word, and for a rare word its prefixes, suffixes and shapes,
 * some thirty string lookups), but uses them only for the first history at that position, where
 * it adds them to the position's context features and keeps the sum; with exact scoring its
 * per-word cache never hits (it compares a score array of every tag with the word's possible
 * tags). Here they are computed once per position, when that sum is made; so are a position's
 * possible tags and their indexes, which CoreNLP looks up for every history. The common features of
 * the previous tags, the same for every sentence, come from {@link TagContextScores}. The
 * arithmetic, and so every score, is CoreNLP's.
 *
 * <p>In CoreNLP's package because the tagger's features, weights and histories are package-private.
 * Relies on CoreNLP 4.5.x's {@code TestSentence} (relmon's {@code DependencyAnalyzerTest} checks
 * that the tags are those of {@link MaxentTagger#tagCoreLabels}).
 */
public final class LocalOnceTestSentence extends TestSentence {

  /** Per position: its local and context features' scores, summed (CoreNLP's {@code localContextScores}). */
  private double[][] localAndContext;
  /** Per position: whether its word is rare (0 not yet known, 1 no, 2 yes). */
  private byte[] rare;

  /** Our own history (CoreNLP's is private), and per padded position its possible tags and their indexes. */
  private History scored;
  private String[][] possibleTags;
  private int[][] possibleIndexes;

  private final TagContextScores tagContexts;

  public LocalOnceTestSentence(MaxentTagger tagger, TagContextScores tagContexts) {
    super(tagger);
    this.tagContexts = tagContexts;
  }

  @Override
  protected void init() {
    super.init();
    localAndContext = new double[size][];
    rare = new byte[size];
    scored = new History(pairs, maxentTagger.extractors);
    possibleTags = new String[size + leftWindow() + rightWindow()][];
    possibleIndexes = new int[possibleTags.length][];
  }

  /**
   * CoreNLP's normalised scores of the possible tags at {@code pos} given the tags around it, as
   * its own method computes them, but with the position's possible tags and their indexes looked
   * up once rather than for every history (a set built and hashed each time).
   */
  @Override
  public double[] scoresOf(int[] tags, int pos) {
    if (VERBOSE || maxentTagger.hasApproximateScoring()) {
      return super.scoresOf(tags, pos);
    }
    int left = leftWindow();
    // While a sentence is tagged its words are the only pairs held: positions 0 to size - 1.
    scored.init(0, size - 1, pos - left);
    TTags ttags = maxentTagger.tags;
    for (int j = Math.max(pos - left, left), last = Math.min(pos + rightWindow(), size + left - 1); j <= last; j++) {
      scored.setTag(j - left, ttags.getTag(tags[j]));
    }
    String[] possible = possibleTags[pos];
    if (possible == null) {
      possible = stringTagsAt(pos);
      int[] indexes = new int[possible.length];
      for (int j = 0; j < possible.length; j++) {
        indexes[j] = ttags.getIndex(possible[j]);
      }
      possibleTags[pos] = possible;
      possibleIndexes[pos] = indexes;
    }
    int[] indexes = possibleIndexes[pos];
    double[] histories = histories(scored, tagContexts.slot(tags, pos, left));
    ArrayMath.logNormalize(histories);
    double[] scores = new double[possible.length];
    for (int j = 0; j < possible.length; j++) {
      scores[j] = histories[indexes[j]];
    }
    return scores;
  }

  @Override
  protected double[] getHistories(String[] tags, History h) {
    if (VERBOSE || maxentTagger.hasApproximateScoring()) {
      return super.getHistories(tags, h);
    }
    return histories(h, tagContexts.slot(pairs, h));
  }

  /** CoreNLP's unnormalised scores of every tag for this history, whose previous tags have this slot. */
  private double[] histories(History h, int slot) {
    boolean rareWord = rareAt(h);
    Extractors ex = maxentTagger.extractors;
    Extractors exR = maxentTagger.extractorsRare;
    double[] lcS = localAndContext[h.current];
    if (lcS == null) {
      double[] lS = exactScores(h, ex.local, rareWord ? exR.local : null);
      lcS = exactScores(h, ex.localContext, rareWord ? exR.localContext : null);
      ArrayMath.pairwiseAddInPlace(lcS, lS);
      localAndContext[h.current] = lcS;
    }
    double[] totalS = contextScores(h, slot, ex, rareWord ? exR.dynamic : null);
    ArrayMath.pairwiseAddInPlace(totalS, lcS);
    return totalS;
  }

  /**
   * The tag-context features' scores: the common ones' sum for these previous tags as first
   * computed (the same additions in the same order), then the rare ones' added as CoreNLP would.
   */
  private double[] contextScores(History h, int slot, Extractors ex, List<Pair<Integer, Extractor>> rareDynamic) {
    if (slot < 0) {
      return exactScores(h, ex.dynamic, rareDynamic);
    }
    double[] common = tagContexts.get(slot);
    if (common == null) {
      common = exactScores(h, ex.dynamic, null);
      tagContexts.put(slot, common.clone());
    } else {
      common = common.clone();
    }
    if (rareDynamic != null) {
      double[] lambda = maxentTagger.getLambdaSolve().lambda;
      int first = maxentTagger.extractors.size();
      for (Pair<Integer, Extractor> e : rareDynamic) {
        add(first + e.first(), e.second(), h, common, lambda);
      }
    }
    return common;
  }

  private boolean rareAt(History h) {
    byte known = rare[h.current];
    if (known == 0) {
      known = maxentTagger.isRare(ExtractorFrames.cWord.extract(h)) ? (byte) 2 : (byte) 1;
      rare[h.current] = known;
    }
    return known == 2;
  }

  /** The summed weights of the features these extractors find, per tag (CoreNLP's exact scoring, same order). */
  private double[] exactScores(History h, List<Pair<Integer, Extractor>> extractors,
      List<Pair<Integer, Extractor>> extractorsRare) {
    double[] scores = new double[maxentTagger.ySize];
    double[] lambda = maxentTagger.getLambdaSolve().lambda;
    for (Pair<Integer, Extractor> e : extractors) {
      add(e.first(), e.second(), h, scores, lambda);
    }
    if (extractorsRare != null) {
      // Rare features are numbered after all common ones.
      int common = maxentTagger.extractors.size();
      for (Pair<Integer, Extractor> e : extractorsRare) {
        add(common + e.first(), e.second(), h, scores, lambda);
      }
    }
    return scores;
  }

  private void add(int feature, Extractor extractor, History h, double[] scores, double[] lambda) {
    int[] associations = maxentTagger.fAssociations.get(feature).get(extractor.extract(h));
    if (associations != null) {
      for (int j = 0; j < maxentTagger.ySize; j++) {
        int f = associations[j];
        if (f >= 0) {
          scores[j] += lambda[f];
        }
      }
    }
  }
}
