package io.relmon.coder.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DependencyAnalyzer} tags faster than CoreNLP's own call ({@code LocalOnceTestSentence},
 * {@code TagContextScores}) and must give its tags: those of {@link MaxentTagger#tagCoreLabels}.
 */
class DependencyAnalyzerTest {

  private static final DependencyAnalyzer ANALYZER = DependencyAnalyzer.shared();

  @Test
  void shouldTagAsCoreNlpsTaggerDoes() throws Exception {
    MaxentTagger reference = new MaxentTagger(DependencyAnalyzer.TAGGER_MODEL);
    List<String> sentences = GoldenSentences.all();
    assertThat(sentences).hasSizeGreaterThan(200);
    List<String> differences = new ArrayList<>();
    int tokens = 0;
    // Twice: the second round reads the tag-context scores kept from the first.
    for (int round = 0; round < 2; round++) {
      for (String sentence : sentences) {
        DependencyAnalyzer.Tagged ours = ANALYZER.tag(sentence);
        if (ours == null) {
          continue;
        }
        List<CoreLabel> labels = DependencyAnalyzer.tokens(sentence);
        reference.tagCoreLabels(labels);
        List<String> expected = labels.stream().map(CoreLabel::tag).toList();
        tokens += expected.size();
        if (!ours.tags().equals(expected)) {
          differences.add(sentence + ": ours " + ours.tags() + ", CoreNLP " + expected);
        }
      }
    }
    assertThat(tokens).isGreaterThan(5000);
    assertThat(differences).isEmpty();
  }
}
