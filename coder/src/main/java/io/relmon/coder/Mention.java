package io.relmon.coder;

import io.relmon.coder.world.Leaders;
import io.relmon.coder.world.StateForm;

/**
 * A phrase of a sentence that stands for a state: a name, adjective, capital, organ, or a person
 * in office. Offsets are within the sentence.
 *
 * @param office for a person, the kind of office held on the article's date; else null
 */
record Mention(String iso3, StateForm form, String phrase, int start, int end, Leaders.Kind office) {

  boolean isPerson() {
    return form == StateForm.PERSON;
  }

  /** A head of state or government, named. */
  boolean isLeader() {
    return office != null && office.leads();
  }
}
