package io.relmon.coder;

/**
 * The event vocabulary (BRIEF §3). The same symbols, in the same order, as the Avro
 * {@code EventType} of the {@code schemas} module, which ingest maps to by name; the coder keeps
 * its own copy so that it depends on neither Avro nor Kafka.
 */
public enum EventType {
  MISSILE_TEST, NUCLEAR_TEST, MILITARY_EXERCISE, THREAT, STATEMENT_HOSTILE,
  STATEMENT_FRIENDLY, GREETING, SUMMIT, STATE_VISIT, MINISTERIAL_MEETING,
  MEDIATION_REQUEST, SOLIDARITY_GESTURE, STATE_MEDIA_PROMINENCE, COOPERATION_STEP,
  COOPERATION_STALLED, TREATY, AID, TROOP_DEPLOYMENT, SANCTIONS, OTHER, MILITARY_ATTACK
}
