package io.relmon.coder;

/**
 * An article the coder will not code, with the reason: it would take longer than the coder's time
 * budget allows (a bound per kilobyte of text), so that no single article can hold a thread. The
 * caller rejects the article with this message (HTTP 422, a dead letter) and goes on with the next.
 */
public final class CodingRefused extends RuntimeException {

  public CodingRefused(String reason) {
    super(reason, null, false, false);
  }
}
