package io.relmon.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
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
 * <p>Where a schema registry is configured ({@link SchemaRegistry#configured()}, e.g.
 * {@code RELMON_SCHEMA_REGISTRY_URL}), the serializer writes the registry framing instead: byte
 * {@code 00}, the schema's 4-byte big-endian registry id, the same binary datum — registering the
 * plain schema ({@link ConsumerKit#plainJson}) under the subject {@code <topic>-value} first. The
 * deserializer then reads both framings, so records written before the switch still decode.
 * {@link #encode} (no topic, no subject) always writes single-object encoding.
 *
 * <p>Thread-safe: Avro's encoder and decoder keep their buffers per thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static {
    AvroTrust.install();
  }

  /** First byte of a value in the schema registry's framing. */
  private static final byte REGISTRY_MAGIC = 0;

  private final Schema schema;
  private final SpecificData model;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final SchemaRegistry registry;
  private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();
  private volatile String plainSchema;

  private AvroSerde(Schema schema, SchemaRegistry registry) {
    this.schema = schema;
    this.model = SpecificData.getForSchema(schema);
    // Without Avro's copy: encode() copies the datum out of Avro's per-thread buffer once, itself.
    this.encoder = new BinaryMessageEncoder<>(model, schema, false);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    for (Schema older : ReleasedSchemas.versionsOf(schema.getFullName())) {
      decoder.addSchema(older);
    }
    this.registry = registry;
  }

  /**
   * A serde for the generated record class {@code type}: single-object encoding, or the registry
   * framing where a schema registry is configured ({@link SchemaRegistry#configured()}).
   */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return of(type, SchemaRegistry.configured().orElse(null));
  }

  /** A serde for {@code type} that writes the framing of {@code registry}; none (null): single-object encoding. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaRegistry registry) {
    return new AvroSerde<>(SpecificData.get().getSchema(Objects.requireNonNull(type)), registry);
  }

  public Schema schema() {
    return schema;
  }

  public byte[] encode(T value) {
    try {
      // A view of Avro's per-thread buffer, valid until this thread's next encode: copied at once.
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + schema.getName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Encodes in the registry framing: {@code 00}, the id under which the plain schema is registered
   * for {@code <topic>-value}, the binary datum.
   *
   * @throws SerializationException when no registry is configured, or it refuses or cannot be reached
   */
  public byte[] encodeFramed(String topic, T value) {
    if (registry == null) {
      throw new SerializationException("no schema registry configured for " + schema.getName()
          + " (" + SchemaRegistry.URL_ENV + ")");
    }
    int id = registry.register(topic + "-value", plainSchema());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      out.write(REGISTRY_MAGIC);
      out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
      BinaryEncoder binary = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<T>(schema, model).write(value, binary);
      binary.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + schema.getName() + ": " + e.getMessage(), e);
    }
  }

  /** The schema as relmon exports and registers it: without Java-only properties. */
  String plainSchema() {
    String plain = plainSchema;
    if (plain == null) {
      plain = ConsumerKit.plainJson(schema);
      plainSchema = plain;
    }
    return plain;
  }

  /**
   * Decodes single-object-encoded bytes, or registry-framed bytes where a registry is configured.
   *
   * @throws SerializationException naming what was wrong: neither framing, an unknown writer
   *     schema, or a truncated or corrupt datum
   */
  public T decode(byte[] bytes) {
    if (bytes.length >= 5 && bytes[0] == REGISTRY_MAGIC) {
      return decodeFramed(bytes);
    }
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

  private T decodeFramed(byte[] bytes) {
    int id = ((bytes[1] & 0xFF) << 24) | ((bytes[2] & 0xFF) << 16) | ((bytes[3] & 0xFF) << 8) | (bytes[4] & 0xFF);
    if (registry == null) {
      throw new SerializationException("registry-framed " + schema.getName() + " (schema id " + id
          + ") but no schema registry configured (" + SchemaRegistry.URL_ENV + ")");
    }
    SpecificDatumReader<T> reader = readersById.computeIfAbsent(id,
        k -> new SpecificDatumReader<>(registry.schema(k), schema, model));
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("corrupt " + schema.getName() + " (schema id " + id + "): " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null
        : registry == null || topic == null ? encode(value) : encodeFramed(topic, value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }
}
