package io.relmon.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro record type, using Avro single-object encoding: the value is
 * {@code C3 01}, the 8-byte CRC-64 fingerprint of the writer's schema, then the binary datum. No
 * registry is needed; the decoder knows the current schema and every released version of it
 * ({@link ReleasedSchemas}), so data written by an older producer is read with schema resolution.
 *
 * <p>Thread-safe: Avro's encoder and decoder keep their buffers per thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static {
    AvroTrust.install();
  }

  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Schema schema) {
    this.schema = schema;
    SpecificData model = SpecificData.getForSchema(schema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    for (Schema older : ReleasedSchemas.versionsOf(schema.getFullName())) {
      decoder.addSchema(older);
    }
  }

  /** A serde for the generated record class {@code type}. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(SpecificData.get().getSchema(Objects.requireNonNull(type)));
  }

  public Schema schema() {
    return schema;
  }

  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + schema.getName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes single-object-encoded bytes.
   *
   * @throws SerializationException naming what was wrong: not single-object encoded, an unknown
   *     writer schema, or a truncated or corrupt datum
   */
  public T decode(byte[] bytes) {
    if (bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      throw new SerializationException(
          "not an Avro single-object encoded " + schema.getName() + " (bad header, " + bytes.length + " bytes)");
    }
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "unknown writer schema for " + schema.getName() + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("corrupt " + schema.getName() + ": " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }
}
