package io.relmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the promise that a schema change never breaks reading what an earlier release wrote.
 * Each released schema (io/relmon/schemas/released/) writes random records; the serde of the
 * current code must decode them.
 */
class ReleasedSchemasTest {

  static Stream<Arguments> releasedVersions() {
    return ReleasedSchemas.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedVersions")
  void currentSchemaCanReadEveryReleasedVersion(String path, Schema released) throws Exception {
    Schema current = currentSchemaOf(released.getFullName());

    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(current, released);
    assertThat(compatibility.getType())
        .as("current %s reading data written with %s: %s", released.getName(), path, compatibility.getDescription())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

    AvroSerde<? extends SpecificRecord> serde = serdeOf(released.getFullName());
    BinaryMessageEncoder<GenericRecord> oldWriter = new BinaryMessageEncoder<>(GenericData.get(), released);
    RandomDatum random = new RandomDatum(path.hashCode());
    for (int i = 0; i < 200; i++) {
      GenericRecord written = (GenericRecord) random.next(released);
      ByteBuffer buffer = oldWriter.encode(written);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);

      SpecificRecord read = serde.decode(bytes);

      for (Schema.Field field : released.getFields()) {
        Schema.Field now = current.getField(field.name());
        if (now != null && field.schema().getType() == Schema.Type.STRING) {
          assertThat(read.get(now.pos())).as(field.name()).isEqualTo(written.get(field.name()).toString());
        }
      }
    }
  }

  @Test
  void everyTopicSchemaIsReleasedAsItStandsNow() {
    for (Topic<String, ?> topic : Topics.defaults().all()) {
      Schema current = ((AvroSerde<?>) topic.valueSerde()).schema();
      List<Schema> versions = ReleasedSchemas.versionsOf(current.getFullName());
      assertThat(versions).as("released versions of %s", current.getName()).isNotEmpty();
      Schema latest = versions.get(versions.size() - 1);
      assertThat(SchemaNormalization.parsingFingerprint64(current))
          .as("%s changed since its last release: add released/vN/%s.avsc (never edit an old one) and list it in the index",
              current.getName(), current.getName())
          .isEqualTo(SchemaNormalization.parsingFingerprint64(latest));
    }
  }

  @Test
  void everyFieldOfEveryTopicSchemaIsDocumented() {
    for (Topic<String, ?> topic : Topics.defaults().all()) {
      assertDocumented(((AvroSerde<?>) topic.valueSerde()).schema(), topic.name());
    }
  }

  private static void assertDocumented(Schema schema, String where) {
    switch (schema.getType()) {
      case RECORD -> {
        assertThat(schema.getDoc()).as("doc of %s in %s", schema.getName(), where).isNotBlank();
        for (Schema.Field field : schema.getFields()) {
          assertThat(field.doc()).as("doc of %s.%s in %s", schema.getName(), field.name(), where).isNotBlank();
          assertDocumented(field.schema(), where);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> assertDocumented(t, where));
      case ARRAY -> assertDocumented(schema.getElementType(), where);
      case ENUM -> assertThat(schema.getDoc()).as("doc of enum %s in %s", schema.getName(), where).isNotBlank();
      default -> { }
    }
  }

  @Test
  void releasedIndexListsOnlyFilesThatParse() {
    assertThatCode(ReleasedSchemas::all).doesNotThrowAnyException();
    assertThat(ReleasedSchemas.all()).isNotEmpty();
  }

  private static Schema currentSchemaOf(String fullName) {
    return serdeOf(fullName).schema();
  }

  @SuppressWarnings("unchecked")
  private static AvroSerde<? extends SpecificRecord> serdeOf(String fullName) {
    try {
      return AvroSerde.of((Class<? extends SpecificRecord>) Class.forName(fullName));
    } catch (ClassNotFoundException e) {
      throw new AssertionError("a released schema has no generated class: " + fullName, e);
    }
  }

  static Map<String, Schema> all() {
    return ReleasedSchemas.all();
  }
}
