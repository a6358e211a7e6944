package io.relmon.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.service.Json;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns submitted input into {@link Article}s, or into the list of everything wrong with it: a
 * JSON object (the HTTP API and JSON Lines files) or the text-with-headers format of
 * {@code ../shared/eval/README.md}. Never throws on bad input.
 */
public final class ArticleParser {

  /** Longest accepted body, in characters. */
  public static final int MAX_BODY_CHARS = 200_000;
  /**
   * Longest accepted url, title and source, in characters. Every field is bounded, not only the
   * body: each travels on with every event the article yields (the events' source lists in
   * scoring, the alert e-mails), and a 600-KB url once made a record larger than Kafka accepts.
   */
  public static final int MAX_URL_CHARS = 2_048;
  public static final int MAX_TITLE_CHARS = 1_000;
  public static final int MAX_SOURCE_CHARS = 200;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** The article, or the errors (each "field: problem") and where the input came from. */
  public record Parsed(Article article, List<String> errors, String origin) {
    public boolean ok() {
      return article != null;
    }
  }

  private ArticleParser() {}

  /** Parses one JSON document holding one article. */
  public static Parsed fromJson(String json, String origin) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return failed(origin, "body: not valid JSON (" + e.getOriginalMessage() + ")");
    }
    return fromJsonNode(node, origin);
  }

  /** One article from a parsed JSON value (an item of a JSON array, say). */
  public static Parsed fromJsonNode(JsonNode node, String origin) {
    if (node == null || !node.isObject()) {
      return failed(origin, "body: expected a JSON object with url, source, title, body, published");
    }
    List<String> errors = new ArrayList<>();
    Map<String, String> fields = new TreeMap<>();
    for (String name : List.of("id", "url", "source", "title", "body", "published")) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isTextual()) {
        errors.add(name + ": must be a string, not " + value.getNodeType().name().toLowerCase());
        continue;
      }
      fields.put(name, value.textValue());
    }
    return validate(fields, errors, origin);
  }

  /** Parses the text-with-headers format: header lines, a blank line, then the body. */
  public static Parsed fromTextWithHeaders(String text, String origin) {
    Map<String, String> fields = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int i = 0;
    for (; i < lines.length && !lines[i].isBlank(); i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        errors.add("line " + (i + 1) + ": expected a 'name: value' header before the blank line");
        continue;
      }
      String name = lines[i].substring(0, colon).strip().toLowerCase();
      String value = lines[i].substring(colon + 1).strip();
      if (!value.isEmpty()) {
        fields.put(name, value);
      }
    }
    if (i >= lines.length) {
      errors.add("body: missing (headers, a blank line, then the text)");
    } else {
      String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)).strip();
      if (!body.isEmpty()) {
        fields.put("body", body);
      }
    }
    return validate(fields, errors, origin);
  }

  /**
   * Reads a file: JSON Lines when its name ends in .jsonl or .ndjson (one result a line), the
   * text-with-headers format otherwise (one result).
   */
  public static List<Parsed> fromFile(Path file) {
    try {
      return fromBytes(file, Files.readAllBytes(file));
    } catch (IOException e) {
      return List.of(failed(file.toString(), "file: cannot read (" + e.getMessage() + ")"));
    }
  }

  /** As {@link #fromFile}, from the file's bytes already read (the drop folder reads them once, checked). */
  public static List<Parsed> fromBytes(Path file, byte[] bytes) {
    String name = file.getFileName().toString();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return List.of(failed(file.toString(), "file: not valid UTF-8"));
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      List<Parsed> parsed = new ArrayList<>();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          parsed.add(fromJson(lines[i], file + ":" + (i + 1)));
        }
      }
      return parsed;
    }
    return List.of(fromTextWithHeaders(text, file.toString()));
  }

  private static Parsed validate(Map<String, String> fields, List<String> errors, String origin) {
    String source = required(fields, "source", errors);
    String title = required(fields, "title", errors);
    String body = required(fields, "body", errors);
    if (body != null && body.length() > MAX_BODY_CHARS) {
      errors.add("body: longer than " + MAX_BODY_CHARS + " characters");
    }
    if (title != null && title.length() > MAX_TITLE_CHARS) {
      errors.add("title: longer than " + MAX_TITLE_CHARS + " characters");
    }
    if (source != null && source.length() > MAX_SOURCE_CHARS) {
      errors.add("source: longer than " + MAX_SOURCE_CHARS + " characters");
    }
    String url = fields.get("url");
    if (url != null && url.length() > MAX_URL_CHARS) {
      errors.add("url: longer than " + MAX_URL_CHARS + " characters");
    } else if (url != null && !url.isBlank() && ArticleIds.canonicalUrl(url) == null) {
      errors.add("url: not an absolute http(s) URL");
    }
    String id = fields.get("id");
    if (id != null && !ID.matcher(id).matches()) {
      errors.add("id: 1-128 characters of letters, digits and . _ : -");
    }
    OffsetDateTime published = null;
    String publishedText = required(fields, "published", errors);
    if (publishedText != null) {
      published = parseTime(publishedText);
      if (published == null) {
        errors.add("published: not an ISO-8601 date or date-time (e.g. 2026-01-25T16:57:00+09:00)");
      }
    }
    if (!errors.isEmpty()) {
      return new Parsed(null, List.copyOf(errors), origin);
    }
    String cleanUrl = url == null || url.isBlank() ? null : url.strip();
    String articleId = id != null ? id : ArticleIds.forArticle(cleanUrl, title, body);
    return new Parsed(new Article(articleId, cleanUrl, source, title, body, published), List.of(), origin);
  }

  /** A date, a local date-time (both taken as UTC) or a date-time with an offset. */
  static OffsetDateTime parseTime(String text) {
    // parseBest, not three parse attempts: a failed parse builds an exception with its stack
    // trace, and a date-only "published" paid two of them per article.
    try {
      TemporalAccessor parsed = ISO_DATE_OPTIONAL_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (parsed instanceof OffsetDateTime time) {
        return time;
      }
      if (parsed instanceof LocalDateTime time) {
        return time.atOffset(ZoneOffset.UTC);
      }
      return ((LocalDate) parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** What OffsetDateTime, LocalDateTime and LocalDate parse, in one formatter. */
  private static final DateTimeFormatter ISO_DATE_OPTIONAL_TIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().parseLenient().appendOffsetId().parseStrict().optionalEnd()
      .optionalEnd()
      .toFormatter()
      .withResolverStyle(java.time.format.ResolverStyle.STRICT)
      .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  private static String required(Map<String, String> fields, String name, List<String> errors) {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      // A field given with the wrong type is already reported: not also "required".
      if (errors.stream().noneMatch(e -> e.startsWith(name + ": "))) {
        errors.add(name + ": required");
      }
      return null;
    }
    return value;
  }

  private static Parsed failed(String origin, String error) {
    return new Parsed(null, List.of(error), origin);
  }
}
