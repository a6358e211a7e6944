package io.relmon.service;

import io.relmon.schemas.Topic;
import io.relmon.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: the original bytes in a {@link DeadLetter} envelope — whole up to
 * {@link DeadLetterInput#MAX_BYTES}, else their beginning, said in the reason, so that the dead
 * letter itself is never larger than Kafka accepts (under exactly_once_v2 a refused record fails
 * the whole transaction) — and the reason and origin repeated as headers so tools can filter
 * without decoding.
 */
public final class DeadLetters {
  public static final String REASON_HEADER = "relmon.dlq.reason";
  public static final String ORIGIN_HEADER = "relmon.dlq.origin";
  public static final String TOPIC_HEADER = "relmon.dlq.topic";
  public static final String PARTITION_HEADER = "relmon.dlq.partition";
  public static final String OFFSET_HEADER = "relmon.dlq.offset";

  private DeadLetters() {}

  /** A dead letter for a record read from Kafka. */
  public static ProducerRecord<String, DeadLetter> fromRecord(
      Topic<String, DeadLetter> dlq, String service, String reason, Throwable error,
      String topic, int partition, long offset, byte[] key, byte[] value) {
    DeadLetterInput kept = DeadLetterInput.of(reason, value);
    reason = kept.reason();
    value = kept.bytes();
    key = key == null || key.length <= DeadLetterInput.MAX_BYTES ? key : java.util.Arrays.copyOf(key, DeadLetterInput.MAX_BYTES);
    DeadLetter letter = DeadLetter.newBuilder()
        .setService(service)
        .setReason(reason)
        .setErrorClass(error == null ? null : error.getClass().getName())
        .setOrigin(topic + "/" + partition + "@" + offset)
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setAt(Instant.now())
        .build();
    RecordHeaders headers = headers(reason, letter.getOrigin());
    headers.add(TOPIC_HEADER, utf8(topic));
    headers.add(PARTITION_HEADER, utf8(Integer.toString(partition)));
    headers.add(OFFSET_HEADER, utf8(Long.toString(offset)));
    String recordKey = key == null ? null : new String(key, StandardCharsets.UTF_8);
    return new ProducerRecord<>(dlq.name(), null, recordKey, letter, headers);
  }

  /** A dead letter for input that never was a Kafka record (a file line, a feed item). */
  public static ProducerRecord<String, DeadLetter> fromInput(
      Topic<String, DeadLetter> dlq, String service, String reason, String origin, byte[] input) {
    DeadLetterInput kept = DeadLetterInput.of(reason, input);
    reason = kept.reason();
    input = kept.bytes();
    DeadLetter letter = DeadLetter.newBuilder()
        .setService(service)
        .setReason(reason)
        .setOrigin(origin)
        .setOriginalValue(input == null ? null : ByteBuffer.wrap(input))
        .setAt(Instant.now())
        .build();
    return new ProducerRecord<>(dlq.name(), null, origin, letter, headers(reason, origin));
  }

  private static RecordHeaders headers(String reason, String origin) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON_HEADER, utf8(reason));
    headers.add(ORIGIN_HEADER, utf8(origin));
    return headers;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
