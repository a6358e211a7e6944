package io.relmon.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The consumer kit: every released schema as plain Avro (no Java-only properties) and the table of
 * fingerprints that lets a reader in any language find the schema of a single-object-encoded
 * value from its header ({@code C3 01}, then the 8-byte fingerprint, little-endian).
 *
 * <p>Two fingerprints exist for one schema. relmon's Java writer puts the specification's
 * CRC-64-AVRO of the Parsing Canonical Form on the wire, where a primitive type is always reduced
 * to its name. Python's {@code avro} 1.11 and goavro keep a primitive that carries attributes (here
 * {@code logicalType}) as {@code {"type":"long"}} in their canonical form, so they compute another
 * fingerprint for the same schema. The table lists both; both map to the same exported file.
 */
public final class ConsumerKit {

  /** Name of the machine-readable fingerprint table in an exported kit. */
  public static final String TABLE_FILE = "fingerprints.json";

  /** Name of the same table for people (Markdown), in an exported kit. */
  public static final String TABLE_MARKDOWN_FILE = "fingerprints.md";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PRIMITIVES =
      Set.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");

  private ConsumerKit() {}

  /**
   * One released schema version in the kit.
   *
   * @param file path in the kit and under {@code released/} (e.g. {@code v2/WarmthUpdate.avsc})
   * @param record full name of the record
   * @param topics the topics (contract names) whose values use this record
   * @param current whether relmon's writers write this version today
   * @param fingerprint CRC-64-AVRO of the Parsing Canonical Form: what relmon writes in the header
   * @param attributedFingerprint what Python avro 1.11 and goavro compute for the exported schema
   * @param javaFileAttributedFingerprint what they compute for the Java resource file under
   *     {@code released/} (with {@code avro.java.string}), for readers that took the schema there
   * @param plainSchema the exported schema text
   */
  public record Entry(String file, String record, List<String> topics, boolean current, long fingerprint,
      long attributedFingerprint, long javaFileAttributedFingerprint, String plainSchema) {

    /** The version, as in the file's folder (v2 → 2). */
    public int version() {
      return Integer.parseInt(file.substring(1, file.indexOf('/')));
    }
  }

  /** Every released version, oldest first per record, in the order of the release index. */
  public static List<Entry> entries() {
    Map<String, List<String>> topicsByRecord = new LinkedHashMap<>();
    Map<String, Long> currentByRecord = new LinkedHashMap<>();
    for (Topic<String, ?> topic : Topics.defaults().all()) {
      Schema schema = ((AvroSerde<?>) topic.valueSerde()).schema();
      topicsByRecord.computeIfAbsent(schema.getFullName(), k -> new ArrayList<>()).add(topic.name());
      currentByRecord.put(schema.getFullName(), SchemaNormalization.parsingFingerprint64(schema));
    }
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Schema> released : ReleasedSchemas.all().entrySet()) {
      Schema schema = released.getValue();
      String plain = plainJson(schema);
      Schema parsedPlain = new Schema.Parser().parse(plain);
      long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
      if (SchemaNormalization.parsingFingerprint64(parsedPlain) != fingerprint) {
        throw new IllegalStateException("exported " + released.getKey() + " is not the released schema");
      }
      entries.add(new Entry(released.getKey(), schema.getFullName(),
          List.copyOf(topicsByRecord.getOrDefault(schema.getFullName(), List.of())),
          Long.valueOf(fingerprint).equals(currentByRecord.get(schema.getFullName())),
          fingerprint, attributedFingerprint(parsedPlain), attributedFingerprint(schema), plain));
    }
    return entries;
  }

  /**
   * The schema as plain Avro JSON: without Java-only properties ({@code avro.java.string},
   * {@code java-class} and kin), a primitive left with no attribute written as its bare name;
   * {@code logicalType}, {@code doc} and defaults kept.
   */
  public static String plainJson(Schema schema) {
    try {
      JsonNode tree = plain(JSON.readTree(schema.toString()));
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      return JSON.writer(printer).writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot re-read " + schema.getFullName() + " as JSON", e);
    }
  }

  private static JsonNode plain(JsonNode node) {
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> out.add(plain(child)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (isJavaOnly(field.getKey())) {
        continue;
      }
      // A field's default is a value, not a schema: copy it as it is.
      out.set(field.getKey(), field.getKey().equals("default") ? field.getValue() : plain(field.getValue()));
    }
    if (out.size() == 1 && out.path("type").isTextual() && PRIMITIVES.contains(out.path("type").asText())) {
      return TextNode.valueOf(out.path("type").asText());
    }
    return out;
  }

  private static boolean isJavaOnly(String property) {
    return property.startsWith("avro.java.") || property.startsWith("java-");
  }

  /**
   * The CRC-64-AVRO fingerprint Python's {@code avro} 1.11 and goavro compute: the Parsing
   * Canonical Form, except that a primitive carrying any attribute stays {@code {"type":"x"}}.
   */
  public static long attributedFingerprint(Schema schema) {
    return SchemaNormalization.fingerprint64(attributedCanonicalForm(schema).getBytes(StandardCharsets.UTF_8));
  }

  /** The canonical form of {@link #attributedFingerprint}. */
  static String attributedCanonicalForm(Schema schema) {
    StringBuilder out = new StringBuilder();
    canonical(schema, new HashSet<>(), out, true);
    return out.toString();
  }

  /** The specification's Parsing Canonical Form, by the same writer (checks it against Avro's). */
  static String parsingCanonicalForm(Schema schema) {
    StringBuilder out = new StringBuilder();
    canonical(schema, new HashSet<>(), out, false);
    return out.toString();
  }

  private static void canonical(Schema schema, Set<String> defined, StringBuilder out, boolean keepAttributed) {
    switch (schema.getType()) {
      case UNION -> {
        out.append('[');
        String sep = "";
        for (Schema branch : schema.getTypes()) {
          out.append(sep);
          canonical(branch, defined, out, keepAttributed);
          sep = ",";
        }
        out.append(']');
      }
      case ARRAY -> {
        out.append("{\"type\":\"array\",\"items\":");
        canonical(schema.getElementType(), defined, out, keepAttributed);
        out.append('}');
      }
      case MAP -> {
        out.append("{\"type\":\"map\",\"values\":");
        canonical(schema.getValueType(), defined, out, keepAttributed);
        out.append('}');
      }
      case RECORD, ENUM, FIXED -> {
        String name = schema.getFullName();
        if (!defined.add(name)) {
          out.append('"').append(name).append('"');
          return;
        }
        out.append("{\"name\":\"").append(name).append("\",\"type\":\"")
            .append(schema.getType().getName()).append('"');
        switch (schema.getType()) {
          case RECORD -> {
            out.append(",\"fields\":[");
            String sep = "";
            for (Schema.Field field : schema.getFields()) {
              out.append(sep).append("{\"name\":\"").append(field.name()).append("\",\"type\":");
              canonical(field.schema(), defined, out, keepAttributed);
              out.append('}');
              sep = ",";
            }
            out.append(']');
          }
          case ENUM -> {
            out.append(",\"symbols\":[");
            String sep = "";
            for (String symbol : schema.getEnumSymbols()) {
              out.append(sep).append('"').append(symbol).append('"');
              sep = ",";
            }
            out.append(']');
          }
          default -> out.append(",\"size\":").append(schema.getFixedSize());
        }
        out.append('}');
      }
      default -> {
        String name = schema.getType().getName();
        if (keepAttributed && !schema.getObjectProps().isEmpty()) {
          out.append("{\"type\":\"").append(name).append("\"}");
        } else {
          out.append('"').append(name).append('"');
        }
      }
    }
  }

  /** A fingerprint as a 64-bit number in hex (as Avro libraries print it; goavro's {@code Codec.Rabin}). */
  public static String hex(long fingerprint) {
    return String.format(Locale.ROOT, "%016x", fingerprint);
  }

  /** A fingerprint as the 8 header bytes after {@code C3 01}, in wire order (little-endian), in hex. */
  public static String headerHex(long fingerprint) {
    return hex(Long.reverseBytes(fingerprint));
  }

  /** The fingerprint table as JSON (the exported {@value #TABLE_FILE}). */
  public static String tableJson(List<Entry> entries) {
    ObjectNode root = JSON.createObjectNode();
    root.put("encoding", "Avro single-object encoding: C3 01, the writer schema's 8-byte CRC-64-AVRO fingerprint"
        + " (little-endian), the binary datum. Look the 8 header bytes up in byHeader (hex, wire order).");
    ObjectNode topics = root.putObject("topics");
    for (Entry entry : entries) {
      for (String topic : entry.topics()) {
        ObjectNode node = topics.has(topic) ? (ObjectNode) topics.get(topic) : topics.putObject(topic);
        node.put("record", entry.record());
        node.withArray("files").add(entry.file());
        if (entry.current()) {
          node.put("current", entry.file());
        }
      }
    }
    ArrayNode schemas = root.putArray("schemas");
    ObjectNode byHeader = root.putObject("byHeader");
    for (Entry entry : entries) {
      ObjectNode node = schemas.addObject();
      node.put("file", entry.file());
      node.put("record", entry.record());
      node.put("version", entry.version());
      node.put("current", entry.current());
      entry.topics().forEach(node.withArray("topics")::add);
      node.put("fingerprint", hex(entry.fingerprint()));
      node.put("header", headerHex(entry.fingerprint()));
      node.put("pythonGoFingerprint", hex(entry.attributedFingerprint()));
      node.put("pythonGoHeader", headerHex(entry.attributedFingerprint()));
      node.put("pythonGoFingerprintOfJavaFile", hex(entry.javaFileAttributedFingerprint()));
      byHeader.put(headerHex(entry.fingerprint()), entry.file());
      byHeader.put(headerHex(entry.attributedFingerprint()), entry.file());
      byHeader.put(headerHex(entry.javaFileAttributedFingerprint()), entry.file());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fingerprint table as Markdown, as docs/topics.md carries it. */
  public static String tableMarkdown(List<Entry> entries) {
    StringBuilder out = new StringBuilder();
    out.append("| file | record | topics | on the wire (Java, spec) | Python avro 1.11, goavro |\n");
    out.append("|---|---|---|---|---|\n");
    for (Entry entry : entries) {
      out.append("| `").append(entry.file()).append(entry.current() ? "` (current)" : "`")
          .append(" | `").append(entry.record().substring(entry.record().lastIndexOf('.') + 1)).append('`')
          .append(" | ").append(entry.topics().isEmpty() ? "—" : "`" + String.join("`, `", entry.topics()) + "`")
          .append(" | `").append(hex(entry.fingerprint())).append("` (header `")
          .append(headerHex(entry.fingerprint())).append("`)")
          .append(" | `").append(hex(entry.attributedFingerprint())).append("` (header `")
          .append(headerHex(entry.attributedFingerprint())).append("`) |\n");
    }
    return out.toString();
  }

  /**
   * Writes the kit into {@code dir}: each released schema at its path ({@code v2/WarmthUpdate.avsc}),
   * {@value #TABLE_FILE} and {@value #TABLE_MARKDOWN_FILE}.
   *
   * @return the files written, relative to {@code dir}
   */
  public static List<String> export(Path dir) {
    List<Entry> entries = entries();
    List<String> written = new ArrayList<>();
    try {
      for (Entry entry : entries) {
        Path file = dir.resolve(entry.file());
        Files.createDirectories(file.getParent());
        Files.writeString(file, entry.plainSchema());
        written.add(entry.file());
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(TABLE_FILE), tableJson(entries));
      written.add(TABLE_FILE);
      Files.writeString(dir.resolve(TABLE_MARKDOWN_FILE), tableMarkdown(entries));
      written.add(TABLE_MARKDOWN_FILE);
    } catch (IOException e) {
      String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
          ? f.getFile() + ": " + f.getReason() : e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new UncheckedIOException("cannot write the consumer kit to " + dir + ": " + reason, e);
    }
    return written;
  }
}
