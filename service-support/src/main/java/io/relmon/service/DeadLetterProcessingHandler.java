package io.relmon.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a processor throws on a record, that input record is dead-lettered with the exception as
 * the reason, and the application carries on. Kafka Streams' default fails the task instead: the
 * replacement thread meets the same record and fails again, every ~45 s, for good, and nothing
 * after it is processed (this happened with an article whose derived record was larger than
 * Kafka accepts). The processors check such limits themselves and throw ({@code
 * RecordLimits}-style checks in each service), because under exactly_once_v2 a record the
 * producer refuses puts the whole transaction in error: a production exception handler can no
 * longer save it.
 *
 * <p>The dead letter carries the input's bytes, cut as {@link DeadLetters} cuts every dead
 * letter's (so that it is never too large to write itself). Configured
 * like {@link DeadLetterDeserializationHandler}, from the same properties.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private static final AvroSerde<DeadLetter> SERDE = AvroSerde.of(DeadLetter.class);
  private String topic;
  private String service;
  private MeterRegistry meters;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = Objects.requireNonNull((String) configs.get(DeadLetterDeserializationHandler.DLQ_TOPIC),
        DeadLetterDeserializationHandler.DLQ_TOPIC + " must be set");
    service = Objects.requireNonNullElse((String) configs.get(DeadLetterDeserializationHandler.SERVICE), "unknown");
    meters = (MeterRegistry) configs.get(DeadLetterDeserializationHandler.METER_REGISTRY);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String reason = "cannot process record at " + context.processorNodeId() + ": " + exception;
    log.warn("dead-lettering {}/{}@{}: {}", context.topic(), context.partition(), context.offset(), reason, exception);
    String inputTopic = context.topic() == null ? "unknown" : context.topic();
    if (meters != null) {
      meters.counter("relmon.dead.letters", "topic", topic).increment();
    }
    ProducerRecord<String, DeadLetter> letter = DeadLetters.fromRecord(
        new io.relmon.schemas.Topic<>(topic, org.apache.kafka.common.serialization.Serdes.String(), SERDE, 1, Map.of()),
        service, reason.length() > 4_000 ? reason.substring(0, 4_000) : reason, exception,
        inputTopic, context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue());
    return Response.resume(List.of(new ProducerRecord<>(
        topic, null, letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8),
        SERDE.encode(letter.value()), letter.headers())));
  }
}
