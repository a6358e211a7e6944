package io.relmon.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.avro.DeadLetter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record a Streams application cannot decode to its dead-letter topic, original bytes
 * kept, reason and origin in the envelope and in headers, and carries on: one bad record must not
 * stop the pipeline, and must not vanish either. Streams writes the dead letter in the same
 * transaction as the offsets, so under exactly_once_v2 it is written exactly once.
 *
 * <p>Configured through the Streams properties: {@link #DLQ_TOPIC}, {@link #SERVICE} and,
 * optionally, a {@link MeterRegistry} under {@link #METER_REGISTRY} that counts dead letters.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  public static final String DLQ_TOPIC = "relmon.dlq.topic";
  public static final String SERVICE = "relmon.dlq.service";
  public static final String METER_REGISTRY = "relmon.dlq.meter.registry";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  private static final AvroSerde<DeadLetter> SERDE = AvroSerde.of(DeadLetter.class);

  private String topic;
  private String service;
  private MeterRegistry meters;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = Objects.requireNonNull((String) configs.get(DLQ_TOPIC), DLQ_TOPIC + " must be set");
    service = Objects.requireNonNullElse((String) configs.get(SERVICE), "unknown");
    meters = (MeterRegistry) configs.get(METER_REGISTRY);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = "cannot decode record: " + exception.getMessage();
    log.warn("dead-lettering {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    if (meters != null) {
      meters.counter("relmon.dead.letters", "topic", topic).increment();
    }
    ProducerRecord<String, DeadLetter> letter = DeadLetters.fromRecord(
        new io.relmon.schemas.Topic<>(topic, org.apache.kafka.common.serialization.Serdes.String(), SERDE, 1, Map.of()),
        service, reason, exception, record.topic(), record.partition(), record.offset(), record.key(), record.value());
    return Response.resume(List.of(new ProducerRecord<>(
        topic, null, record.key(), SERDE.encode(letter.value()), letter.headers())));
  }
}
