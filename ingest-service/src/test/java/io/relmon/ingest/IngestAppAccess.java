package io.relmon.ingest;

import io.relmon.coder.EventCoder;
import io.relmon.schemas.Topics;

/** Test access to starting the ingest service with another coder (from other packages too). */
public final class IngestAppAccess {
  private IngestAppAccess() {}

  public static IngestApp start(IngestConfig config, Topics topics, EventCoder coder) {
    return IngestApp.start(config, topics, coder);
  }
}
