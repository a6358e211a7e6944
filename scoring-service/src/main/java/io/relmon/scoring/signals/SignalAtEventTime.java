package io.relmon.scoring.signals;

import io.relmon.schemas.avro.Signal;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Times a signal at its event time. A join's output carries the later of its inputs' timestamps,
 * which for TIMED_PROVOCATION are the stamped join times (JoinTimeStamper); downstream, and on
 * relmon.signals.v1, a signal is timed when its provocation happened.
 */
public final class SignalAtEventTime implements FixedKeyProcessor<String, Signal, Signal> {

  private FixedKeyProcessorContext<String, Signal> context;

  @Override
  public void init(FixedKeyProcessorContext<String, Signal> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Signal> record) {
    context.forward(record.withTimestamp(record.value().getEventTime().toEpochMilli()));
  }
}
