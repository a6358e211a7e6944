package io.relmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the promise that a schema change never breaks reading what an earlier release wrote.
 * Each released schema (io/relmon/schemas/released/) writes random records; the serde of the
 * current code must decode them. The other direction is promised for event types: a consumer
 * holding an older schema reads an event type it does not know (MILITARY_ATTACK, added after
 * OTHER) as OTHER, the enum's default.
 */
class ReleasedSchemasTest {

  private static final String EVENT_TYPE = "io.relmon.schemas.avro.EventType";
  private static final String MILITARY_ATTACK = "MILITARY_ATTACK";
  private static final String OTHER = "OTHER";

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

  /** Released versions that embed EventType, with the symbol their readers must see for MILITARY_ATTACK. */
  static Stream<Arguments> releasedVersionsWithEventType() {
    List<Arguments> cases = new ArrayList<>();
    for (Map.Entry<String, Schema> e : ReleasedSchemas.all().entrySet()) {
      Schema eventType = namedSchemaIn(e.getValue(), EVENT_TYPE);
      if (eventType != null) {
        String expected = eventType.hasEnumSymbol(MILITARY_ATTACK) ? MILITARY_ATTACK : OTHER;
        cases.add(Arguments.of(e.getKey(), e.getValue(), expected));
      }
    }
    return cases.stream();
  }

  @Test
  void eventTypeIsEmbeddedInReleasedSchemasThatPredateMilitaryAttack() {
    // Keeps the forward test below from passing vacuously: the topics that carry coded events
    // have a release whose EventType lacks MILITARY_ATTACK.
    assertThat(releasedVersionsWithEventType().filter(a -> a.get()[2].equals(OTHER)).map(a -> (String) a.get()[0]))
        .contains("v1/ArticleEvent.avsc", "v1/DedupedEvent.avsc");
  }

  @ParameterizedTest(name = "{0} reads MILITARY_ATTACK as {2}")
  @MethodSource("releasedVersionsWithEventType")
  void releasedSchemaReadsMilitaryAttackWrittenWithTheCurrentSchema(String path, Schema released, String expected)
      throws Exception {
    Schema current = currentSchemaOf(released.getFullName());
    List<String> releasedSymbols = namedSchemaIn(released, EVENT_TYPE).getEnumSymbols();
    List<String> currentSymbols = namedSchemaIn(current, EVENT_TYPE).getEnumSymbols();
    assertThat(currentSymbols)
        .as("EventType symbols are only appended: %s must start with those of %s", currentSymbols, path)
        .startsWith(releasedSymbols.toArray(String[]::new))
        .contains(MILITARY_ATTACK);

    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(released, current);
    assertThat(compatibility.getType())
        .as("%s reading data written with the current %s: %s", path, released.getName(), compatibility.getDescription())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

    assertReadsAs(current, released, MILITARY_ATTACK, expected, path.hashCode());
  }

  @Test
  void currentSchemaWillReadAnEventTypeAddedLaterAsOther() throws Exception {
    // The current schema is the next release's older reader: it, too, must keep the default.
    String added = "EVENT_TYPE_OF_A_LATER_RELEASE";
    List<String> checked = new ArrayList<>();
    for (Topic<String, ?> topic : Topics.defaults().all()) {
      Schema current = ((AvroSerde<?>) topic.valueSerde()).schema();
      if (namedSchemaIn(current, EVENT_TYPE) == null) {
        continue;
      }
      Schema later = withSymbolAppended(current, EVENT_TYPE, added);

      SchemaCompatibility.SchemaPairCompatibility compatibility =
          SchemaCompatibility.checkReaderWriterCompatibility(current, later);
      assertThat(compatibility.getType())
          .as("current %s reading a later %s with a new event type: %s", current.getName(), current.getName(),
              compatibility.getDescription())
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

      assertReadsAs(later, current, added, OTHER, current.getName().hashCode());
      checked.add(current.getName());
    }
    assertThat(checked).contains("ArticleEvent", "DedupedEvent");
  }

  /**
   * Writes random records with {@code writer}, every EventType set to {@code written}, reads them
   * with {@code reader} and checks that every EventType reads as {@code expected}.
   */
  private static void assertReadsAs(Schema writer, Schema reader, String written, String expected, long seed)
      throws Exception {
    RandomDatum random = new RandomDatum(seed, Map.of(EVENT_TYPE, written));
    GenericDatumWriter<Object> datumWriter = new GenericDatumWriter<>(writer);
    GenericDatumReader<Object> datumReader = new GenericDatumReader<>(writer, reader);
    int seen = 0;
    for (int i = 0; i < 50; i++) {
      Object datum = random.next(writer);
      List<String> writtenTypes = symbolsOf(datum, writer, EVENT_TYPE);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      datumWriter.write(datum, encoder);
      encoder.flush();

      Object read = datumReader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

      List<String> readTypes = symbolsOf(read, reader, EVENT_TYPE);
      assertThat(writtenTypes).allMatch(written::equals);
      assertThat(readTypes).as("event types read by %s", reader.getName()).hasSameSizeAs(writtenTypes)
          .allMatch(expected::equals);
      seen += readTypes.size();
    }
    assertThat(seen).as("event types written in %s records", writer.getName()).isPositive();
  }

  /** The symbols of every value of the enum {@code enumName} inside {@code datum}, in order. */
  private static List<String> symbolsOf(Object datum, Schema schema, String enumName) {
    List<String> symbols = new ArrayList<>();
    collectSymbols(datum, schema, enumName, symbols);
    return symbols;
  }

  private static void collectSymbols(Object datum, Schema schema, String enumName, List<String> out) {
    switch (schema.getType()) {
      case RECORD -> {
        GenericRecord record = (GenericRecord) datum;
        for (Schema.Field field : schema.getFields()) {
          collectSymbols(record.get(field.pos()), field.schema(), enumName, out);
        }
      }
      case ARRAY -> {
        for (Object item : (List<?>) datum) {
          collectSymbols(item, schema.getElementType(), enumName, out);
        }
      }
      case UNION -> collectSymbols(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), enumName, out);
      case ENUM -> {
        if (schema.getFullName().equals(enumName)) {
          out.add(datum.toString());
        }
      }
      default -> { }
    }
  }

  /** The named type {@code fullName} wherever {@code schema} defines or uses it, or null. */
  private static Schema namedSchemaIn(Schema schema, String fullName) {
    return namedSchemaIn(schema, fullName, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static Schema namedSchemaIn(Schema schema, String fullName, Set<Schema> visited) {
    if (!visited.add(schema)) {
      return null;
    }
    if ((schema.getType() == Schema.Type.ENUM || schema.getType() == Schema.Type.RECORD
        || schema.getType() == Schema.Type.FIXED) && schema.getFullName().equals(fullName)) {
      return schema;
    }
    List<Schema> children = switch (schema.getType()) {
      case RECORD -> schema.getFields().stream().map(Schema.Field::schema).toList();
      case UNION -> schema.getTypes();
      case ARRAY -> List.of(schema.getElementType());
      case MAP -> List.of(schema.getValueType());
      default -> List.of();
    };
    for (Schema child : children) {
      Schema found = namedSchemaIn(child, fullName, visited);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** {@code schema} with {@code symbol} appended to the enum {@code enumName}: a later release. */
  private static Schema withSymbolAppended(Schema schema, String enumName, String symbol) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode root = json.readTree(schema.toString());
    ObjectNode definition = enumDefinition(root, enumName, "");
    assertThat(definition).as("definition of %s in %s", enumName, schema.getName()).isNotNull();
    ((ArrayNode) definition.get("symbols")).add(symbol);
    return new Schema.Parser().parse(json.writeValueAsString(root));
  }

  /** The JSON definition of the named enum; {@code namespace} is the enclosing one (Avro's rule). */
  private static ObjectNode enumDefinition(JsonNode node, String enumName, String namespace) {
    String inner = namespace;
    if (node.isObject() && node.has("name") && node.path("type").isTextual()) {
      String name = node.path("name").asText();
      String own = name.contains(".") ? name.substring(0, name.lastIndexOf('.'))
          : node.has("namespace") ? node.path("namespace").asText() : namespace;
      String full = name.contains(".") ? name : (own.isEmpty() ? name : own + "." + name);
      if ("enum".equals(node.path("type").asText()) && full.equals(enumName)) {
        return (ObjectNode) node;
      }
      if ("record".equals(node.path("type").asText()) || "enum".equals(node.path("type").asText())) {
        inner = own;
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        ObjectNode found = enumDefinition(child, enumName, inner);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
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
