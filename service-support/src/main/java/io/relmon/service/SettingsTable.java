package io.relmon.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module README's table of settings, held to the {@link Setting} declarations: one row a key,
 * {@code | `key` | default | what it does |} (a secret: {@code | `key`, `key.file` | ... |}).
 * Each module has a test that calls {@link #problems}; a failure prints the table the code
 * declares, ready to paste.
 */
public final class SettingsTable {
  private SettingsTable() {}

  private static final Pattern KEY = Pattern.compile("`(relmon\\.[a-z0-9.]+)`");

  /** The table the declarations make, header included. */
  public static String markdown(List<Setting<?>> settings) {
    StringBuilder table = new StringBuilder("| key | default | what it does |\n|---|---|---|\n");
    for (Setting<?> setting : settings) {
      table.append(row(setting)).append('\n');
    }
    return table.toString();
  }

  static String row(Setting<?> setting) {
    String keys = String.join(", ", setting.keys().stream().map(k -> "`" + k + "`").toList());
    return "| " + keys + " | " + setting.defaultText() + " | " + setting.doc() + " |";
  }

  /** Every way the README's rows and the declarations differ; empty when they agree. */
  public static List<String> problems(Path readme, List<Setting<?>> settings) {
    String text;
    try {
      text = Files.readString(readme);
    } catch (IOException e) {
      return List.of(readme + ": cannot read (" + e.getMessage() + ")");
    }
    Map<String, String[]> rows = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("| `relmon.")) {
        continue;
      }
      String[] cells = line.substring(1).split("(?<!\\\\)\\|", -1);
      if (cells.length < 3) {
        problems.add(readme + ": row without default and description: " + line);
        continue;
      }
      Matcher keys = KEY.matcher(cells[0]);
      while (keys.find()) {
        if (rows.put(keys.group(1), cells) != null) {
          problems.add(readme + ": " + keys.group(1) + " is documented twice");
        }
      }
    }
    List<String> declared = new ArrayList<>();
    for (Setting<?> setting : settings) {
      declared.addAll(setting.keys());
      for (String key : setting.keys()) {
        String[] cells = rows.get(key);
        if (cells == null) {
          problems.add(readme + ": " + key + " is not documented");
          continue;
        }
        if (!cells[1].strip().equals(setting.defaultText())) {
          problems.add(readme + ": " + key + ": default is '" + cells[1].strip() + "', the code says '" + setting.defaultText() + "'");
        }
        if (!cells[2].strip().equals(setting.doc())) {
          problems.add(readme + ": " + key + ": description differs from the code's: '" + setting.doc() + "'");
        }
      }
    }
    for (String key : rows.keySet()) {
      if (!declared.contains(key)) {
        problems.add(readme + ": " + key + " is documented but is no setting in the code");
      }
    }
    if (!problems.isEmpty()) {
      problems.add("the table the code declares:\n" + markdown(settings));
    }
    return problems;
  }
}
