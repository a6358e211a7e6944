package io.relmon.coder.world;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the coder's tab-separated data files from {@code io/relmon/coder/}: '#' starts a comment line. */
public final class DataFiles {

  private DataFiles() {}

  /** The rows of a data file, each cut at tabs (trailing empty columns kept). */
  public static List<String[]> rows(String file) {
    String path = "/io/relmon/coder/" + file;
    try (InputStream in = DataFiles.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("coder data file missing: " + path);
      }
      List<String[]> rows = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        rows.add(line.split("\t", -1));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }

  /** A '|'-separated column as a list, without blanks. */
  public static List<String> values(String[] row, int column) {
    if (column >= row.length || row[column].isBlank()) {
      return List.of();
    }
    return Arrays.stream(row[column].split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public static String column(String[] row, int column) {
    return column < row.length ? row[column].strip() : "";
  }
}
