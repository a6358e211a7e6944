package io.relmon.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every schema version relmon has released, read from {@code io/relmon/schemas/released/}. A
 * released file is never edited: a change to a topic's schema adds a new version beside it, so
 * that readers built from this module decode what older producers wrote.
 */
public final class ReleasedSchemas {

  private static final String ROOT = "io/relmon/schemas/released/";
  private static final Map<String, List<Schema>> BY_NAME = load();

  private ReleasedSchemas() {}

  /** Released versions of the record with this full name, oldest first. */
  public static List<Schema> versionsOf(String fullName) {
    return BY_NAME.getOrDefault(fullName, List.of());
  }

  /** Every released version, keyed by path relative to the release folder (e.g. v1/Alert.avsc). */
  public static Map<String, Schema> all() {
    Map<String, Schema> all = new LinkedHashMap<>();
    for (String path : index()) {
      all.put(path, parse(path));
    }
    return all;
  }

  private static Map<String, List<Schema>> load() {
    Map<String, List<Schema>> byName = new LinkedHashMap<>();
    for (String path : index()) {
      Schema schema = parse(path);
      byName.computeIfAbsent(schema.getFullName(), k -> new ArrayList<>()).add(schema);
    }
    return byName;
  }

  private static List<String> index() {
    try (InputStream in = open("index")) {
      List<String> paths = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          paths.add(line);
        }
      }
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema parse(String path) {
    try (InputStream in = open(path)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read released schema " + path, e);
    }
  }

  private static InputStream open(String path) {
    InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(ROOT + path);
    if (in == null) {
      throw new IllegalStateException("released schema resource missing: " + ROOT + path);
    }
    return in;
  }
}
