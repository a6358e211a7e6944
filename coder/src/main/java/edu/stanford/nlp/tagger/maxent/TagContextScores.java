package edu.stanford.nlp.tagger.maxent;

import edu.stanford.nlp.util.Pair;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The summed weights of a tagger's common tag-context features (the previous tag, the previous two
 * tags) for each pair of previous tags, kept once computed. The tagger looks these up for every
 * tag history of every position — two feature strings built and looked up in tables of millions
 * of entries — while they depend on the two tags alone: a few thousand pairs. Shared by all
 * threads; an entry, once stored, never changes.
 */
public final class TagContextScores {

  private final MaxentTagger tagger;
  /** Whether every common tag-context feature reads only the previous two tags (else nothing is kept). */
  private final boolean usable;
  private final int width;
  private final AtomicReferenceArray<double[]> byTags;

  public TagContextScores(MaxentTagger tagger) {
    this.tagger = tagger;
    this.usable = readsOnlyPreviousTags(tagger.extractors);
    this.width = tagger.tags.getSize() + 1;
    this.byTags = new AtomicReferenceArray<>(usable ? width * width : 0);
  }

  private static boolean readsOnlyPreviousTags(Extractors extractors) {
    for (Pair<Integer, Extractor> e : extractors.dynamic) {
      Extractor x = e.second();
      boolean previousTags = x instanceof ExtractorFrames.ExtractorContinuousTagConjunction
          || x.getClass() == Extractor.class && x.isDynamic();
      if (!previousTags || x.rightContext() != 0 || x.leftContext() > 2 || x.leftContext() < 1) {
        return false;
      }
    }
    return true;
  }

  /** Slot of the tag pair of this history, or -1 when this tagger's features are not kept. */
  int slot(PairsHolder pairs, History h) {
    if (!usable) {
      return -1;
    }
    // "NA" (before the sentence) is not a tag of the index: -1, slot 0.
    int before = tagger.tags.getIndex(pairs.getTag(h, -2)) + 1;
    int previous = tagger.tags.getIndex(pairs.getTag(h, -1)) + 1;
    return before * width + previous;
  }

  /**
   * The same slot from the tag indexes the sequence finder scores ({@code tags}, padded by
   * {@code left} positions before the sentence) at padded position {@code pos}.
   */
  int slot(int[] tags, int pos, int left) {
    if (!usable) {
      return -1;
    }
    int before = pos - 2 >= left ? tags[pos - 2] + 1 : 0;
    int previous = pos - 1 >= left ? tags[pos - 1] + 1 : 0;
    return before * width + previous;
  }

  double[] get(int slot) {
    return byTags.get(slot);
  }

  void put(int slot, double[] scores) {
    byTags.compareAndSet(slot, null, scores);
  }
}
