package io.relmon.coder.world;

/** How a phrase names a state: the kind of form decides how the coder reads it. */
public enum StateForm {
  /** "North Korea", "DPRK". */
  NAME,
  /** "Chinese", "U.S.": before a noun it says whose the noun is ("Chinese coast guard"). */
  ADJECTIVE,
  /** "Americans": the people, who act for the state only as its organs do. */
  DEMONYM,
  /** "Pyongyang", "the Kremlin": a place that stands for the government. */
  METONYM,
  /** "People's Liberation Army", "State Department": an organ of one state. */
  INSTITUTION,
  /** A person who holds office for the state (leaders.tsv). */
  PERSON
}
