package io.relmon.coder;

import io.relmon.coder.ArticleText;

/** Reads an article and returns the dated bilateral events in it. Implementations are thread-safe. */
public interface EventCoder {

  /** Name and version written on every article event, e.g. {@code keyword-coder/0.1}. */
  String version();

  Coding code(ArticleText article);
}
