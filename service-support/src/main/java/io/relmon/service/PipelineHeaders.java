package io.relmon.service;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Record headers that travel with the data from ingest to the notifier, for the end-to-end
 * latency histogram: {@code relmon.accepted.at}, the time ingest accepted the article (epoch
 * milliseconds, 8 bytes big-endian). Kafka Streams carries headers through every processor and
 * repartition topic of scoring and rules, so an alert's record still holds the acceptance time of
 * the article whose event made it fire.
 */
public final class PipelineHeaders {

  public static final String ACCEPTED_AT = "relmon.accepted.at";

  private PipelineHeaders() {}

  public static byte[] encode(long epochMillis) {
    return ByteBuffer.allocate(Long.BYTES).putLong(epochMillis).array();
  }

  /** The latest acceptance time among the headers, if any. */
  public static OptionalLong acceptedAt(Headers headers) {
    if (headers == null) {
      return OptionalLong.empty();
    }
    Header header = headers.lastHeader(ACCEPTED_AT);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
  }
}
