package io.relmon.ingest.coder;

import io.relmon.ingest.Article;

/** Reads an article and returns the dated bilateral events in it. Implementations are thread-safe. */
public interface EventCoder {

  /** Name and version written on every article event, e.g. {@code keyword-coder/0.1}. */
  String version();

  Coding code(Article article);
}
