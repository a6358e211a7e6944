package io.relmon.coder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The cheap look before tagging ({@link Lexicon#mayHoldTrigger}): a sentence is tagged and parsed
 * only when a word can be a trigger whose required object or dependent is also there. Missing a
 * sentence here loses its events for good, so the forms that do not start with the lemma are
 * tested too.
 */
class LexiconPrefilterTest {

  private static final Lexicon LEXICON = Lexicon.load();

  @Test
  void shouldLookAtInflectionsOfShortLemmasEndingInEOrY() {
    assertThat(LEXICON.mayHoldTrigger("kenya denied the report.")).isTrue();
    assertThat(LEXICON.mayHoldTrigger("ghana was urging ivory coast to halt the work.")).isTrue();
    assertThat(LEXICON.mayHoldTrigger("peru is easing the restrictions on chilean trucks.")).isTrue();
  }

  @Test
  void shouldLookAtIrregularPastFormsWithTheirTriggersConditions() {
    // irregular-verbs.tsv: "froze" is a form of "freeze", "withdrew" of "withdraw".
    assertThat(LEXICON.mayHoldTrigger("canada froze the assets of six officials.")).isTrue();
    assertThat(LEXICON.mayHoldTrigger("chad withdrew its military attaché.")).isTrue();
    // ... and still needs what the trigger needs: frozen food is no sanction.
    assertThat(LEXICON.mayHoldTrigger("the market froze on monday.")).isFalse();
  }

  @Test
  void shouldSkipATriggerWhoseRequiredObjectIsAbsent() {
    // "release" and "ease" need prisoners, sanctions, restrictions ...: figures and tension are none.
    assertThat(LEXICON.mayHoldTrigger("the quarterly figures will be released on thursday.")).isFalse();
    assertThat(LEXICON.mayHoldTrigger("the fog began to ease by noon.")).isFalse();
  }

  @Test
  void shouldTakeTheRequiredObjectInAnyForm() {
    assertThat(LEXICON.mayHoldTrigger("belarus released 14 prisoners on friday.")).isTrue();
    // "urged ... to withdraw" needs a dependent of the withdraw family, here in its past form.
    assertThat(LEXICON.mayHoldTrigger("it urged them after the troops withdrew.")).isTrue();
  }
}
