package io.relmon.coder;

/**
 * How the text presents an event: as having happened (FACT), as scheduled or announced
 * (PLANNED), or as reported with hedging (HEDGED). Negated events are never coded. Mirrors the
 * Avro {@code Modality} by name.
 */
public enum Modality { FACT, PLANNED, HEDGED }
