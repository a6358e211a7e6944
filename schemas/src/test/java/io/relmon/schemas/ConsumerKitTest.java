package io.relmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relmon.schemas.avro.WarmthUpdate;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerKitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void exportsEveryReleasedSchemaWithoutJavaOnlyPropertiesAndAsTheSameSchema() throws Exception {
    Map<String, Schema> released = ReleasedSchemas.all();
    List<ConsumerKit.Entry> entries = ConsumerKit.entries();
    assertThat(entries).extracting(ConsumerKit.Entry::file).containsExactlyElementsOf(released.keySet());
    for (ConsumerKit.Entry entry : entries) {
      Schema original = released.get(entry.file());
      String plain = entry.plainSchema();
      assertThat(original.toString()).as(entry.file()).contains("\"avro.java.string\"");
      assertThat(plain).as(entry.file()).doesNotContain("avro.java").doesNotContain("java-class");
      assertThat(count(plain, "\"logicalType\"")).as("logical types kept in %s", entry.file())
          .isPositive().isEqualTo(count(original.toString(), "\"logicalType\""));
      assertThat(count(plain, "\"doc\"")).as("docs kept").isEqualTo(count(original.toString(), "\"doc\""));
      Schema reparsed = new Schema.Parser().parse(plain);
      assertThat(SchemaNormalization.parsingFingerprint64(reparsed)).isEqualTo(entry.fingerprint())
          .isEqualTo(SchemaNormalization.parsingFingerprint64(original));
      // Defaults survive as values (a record's default list, a union's null).
      assertThat(reparsed.getFields()).extracting(Schema.Field::defaultVal)
          .containsExactlyElementsOf(original.getFields().stream().map(Schema.Field::defaultVal).toList());
    }
  }

  @Test
  void fingerprintsAreTheOnesTheIssueMeasuredForWarmthUpdateV1() throws Exception {
    // Issue 17: AvroSerde writes 791947c8943d3d0e for a v1 WarmthUpdate; Debian's python3-avro
    // 1.11 and goavro 2.10 compute f1bb8fd0d416e5b2 for the released file, which still carries
    // avro.java.string.
    ConsumerKit.Entry v1 = entry("v1/WarmthUpdate.avsc");
    assertThat(ConsumerKit.hex(v1.fingerprint())).isEqualTo("791947c8943d3d0e");
    assertThat(ConsumerKit.hex(v1.javaFileAttributedFingerprint())).isEqualTo("f1bb8fd0d416e5b2");
    assertThat(v1.attributedFingerprint()).isNotEqualTo(v1.fingerprint())
        .isNotEqualTo(v1.javaFileAttributedFingerprint());
    assertThat(ConsumerKit.attributedCanonicalForm(new Schema.Parser().parse(v1.plainSchema())))
        .contains("{\"name\":\"asOf\",\"type\":{\"type\":\"long\"}}")
        .contains("{\"name\":\"dyad\",\"type\":\"string\"}");
  }

  @Test
  void ownCanonicalFormIsAvrosWhenAttributesAreReduced() {
    for (Map.Entry<String, Schema> released : ReleasedSchemas.all().entrySet()) {
      assertThat(ConsumerKit.parsingCanonicalForm(released.getValue())).as(released.getKey())
          .isEqualTo(SchemaNormalization.toParsingForm(released.getValue()));
    }
  }

  @Test
  void headerOfWhatAvroSerdeWritesIsTheCurrentEntrysFingerprint() {
    WarmthUpdate update = WarmthUpdate.newBuilder()
        .setDyad("CHN-PRK").setValue(-20).setRaw(-1).setChange7d(0).setChange30d(0).setEventCount(1)
        .setAsOf(Instant.parse("2026-01-21T00:00:00Z")).setHalfLifeDays(30).setScale(5).setDrivers(List.of())
        .build();
    byte[] bytes = AvroSerde.of(WarmthUpdate.class).encode(update);

    List<ConsumerKit.Entry> current = ConsumerKit.entries().stream()
        .filter(e -> e.topics().contains("relmon.warmth.v1") && e.current()).toList();
    assertThat(current).hasSize(1);
    assertThat(HexFormat.of().formatHex(bytes, 2, 10)).isEqualTo(ConsumerKit.headerHex(current.get(0).fingerprint()));
    for (Topic<String, ?> topic : Topics.defaults().all()) {
      assertThat(ConsumerKit.entries()).as(topic.name()).filteredOn(e -> e.topics().contains(topic.name()))
          .filteredOn(ConsumerKit.Entry::current).hasSize(1);
    }
  }

  @Test
  void exportedKitDecodesAnOldVersionFoundByItsHeader() throws Exception {
    List<String> written = ConsumerKit.export(dir);
    assertThat(written).contains("v1/WarmthUpdate.avsc", "v2/WarmthUpdate.avsc", ConsumerKit.TABLE_FILE,
        ConsumerKit.TABLE_MARKDOWN_FILE);
    JsonNode table = JSON.readTree(dir.resolve(ConsumerKit.TABLE_FILE).toFile());
    assertThat(table.path("topics").path("relmon.warmth.v1").path("current").asText()).isEqualTo("v2/WarmthUpdate.avsc");

    // A v1 record, as an old producer wrote it: the reader finds its file by the header alone,
    // whichever fingerprint it computes itself.
    ConsumerKit.Entry v1 = entry("v1/WarmthUpdate.avsc");
    Schema writer = ReleasedSchemas.all().get("v1/WarmthUpdate.avsc");
    GenericRecord record = (GenericRecord) new RandomDatum(17).next(writer);
    ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    String header = HexFormat.of().formatHex(bytes, 2, 10);
    JsonNode byHeader = table.path("byHeader");
    assertThat(byHeader.path(header).asText()).isEqualTo("v1/WarmthUpdate.avsc");
    assertThat(byHeader.path(ConsumerKit.headerHex(v1.attributedFingerprint())).asText()).isEqualTo("v1/WarmthUpdate.avsc");
    assertThat(byHeader.path(ConsumerKit.headerHex(v1.javaFileAttributedFingerprint())).asText())
        .isEqualTo("v1/WarmthUpdate.avsc");
    assertThat(byHeader.size()).as("no two schemas share a fingerprint").isEqualTo(3 * ConsumerKit.entries().size());

    Schema exported = new Schema.Parser().parse(dir.resolve(byHeader.path(header).asText()).toFile());
    BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), exported);
    GenericRecord read = decoder.decode(bytes);
    assertThat(read.toString()).isEqualTo(record.toString());
  }

  @Test
  void docsCarryTheFingerprintTable() throws Exception {
    String docs = Files.readString(Path.of("../docs/topics.md"));
    assertThat(docs)
        .as("docs/topics.md must carry the fingerprint table as `relmon schemas export` writes it (fingerprints.md)")
        .contains(ConsumerKit.tableMarkdown(ConsumerKit.entries()));
  }

  private static ConsumerKit.Entry entry(String file) {
    return ConsumerKit.entries().stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow();
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
