package io.relmon.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Random generic data for any schema, to write test records with a released schema. */
final class RandomDatum {
  private final Random random;
  private final Map<String, String> fixedSymbols;

  RandomDatum(long seed) {
    this(seed, Map.of());
  }

  /** Random data in which every value of an enum named in {@code fixedSymbols} (by full name) is the symbol given. */
  RandomDatum(long seed, Map<String, String> fixedSymbols) {
    this.random = new Random(seed);
    this.fixedSymbols = Map.copyOf(fixedSymbols);
  }

  Object next(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.name(), next(field.schema()));
        }
        yield record;
      }
      case ENUM -> new GenericData.EnumSymbol(schema, fixedSymbols.getOrDefault(
          schema.getFullName(), schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size()))));
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(next(schema.getElementType()));
        }
        yield new GenericData.Array<>(schema, items);
      }
      case UNION -> next(schema.getTypes().get(random.nextInt(schema.getTypes().size())));
      case STRING -> "s" + Long.toString(random.nextLong(), 36);
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(16)];
        random.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case INT -> random.nextInt();
      case LONG -> random.nextLong() >>> 20; // stays a valid timestamp-millis
      case DOUBLE -> random.nextDouble() * 200 - 100;
      case FLOAT -> random.nextFloat();
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
      default -> throw new IllegalArgumentException("unsupported in relmon schemas: " + schema.getType());
    };
  }
}
