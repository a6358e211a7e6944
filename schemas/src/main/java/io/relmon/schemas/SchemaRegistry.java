package io.relmon.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A small client of the schema registry REST API that Confluent Schema Registry, Karapace and
 * Apicurio Registry (under {@code /apis/ccompat/v7}) serve — the two calls the registry framing
 * needs: register a schema under a subject ({@code POST /subjects/<subject>/versions}) and fetch
 * one by id ({@code GET /schemas/ids/<id>}). Answers are cached: a schema is registered once per
 * subject and process, and an id is fetched once. Credentials, if any, come from the URL's user
 * info ({@code https://user:secret@registry:8081}) and go as HTTP basic authentication.
 *
 * <p>Configured by the system property {@value #URL_PROPERTY} or else the environment variable
 * {@value #URL_ENV}; unset or blank means no registry, and {@link AvroSerde} writes Avro
 * single-object encoding as always.
 */
public final class SchemaRegistry {

  /** Environment variable naming the registry's base URL. */
  public static final String URL_ENV = "RELMON_SCHEMA_REGISTRY_URL";

  /** System property naming the registry's base URL; wins over {@value #URL_ENV}. */
  public static final String URL_PROPERTY = "relmon.schema.registry.url";

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, SchemaRegistry> BY_URL = new ConcurrentHashMap<>();

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, Integer> registered = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

  private SchemaRegistry(URI url, Duration timeout) {
    String text = url.toString();
    if (url.getRawUserInfo() != null) {
      this.authorization = "Basic " + Base64.getEncoder().encodeToString(
          decode(url.getRawUserInfo()).getBytes(StandardCharsets.UTF_8));
      text = text.replace(url.getRawUserInfo() + "@", "");
    } else {
      this.authorization = null;
    }
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
      throw new IllegalArgumentException("schema registry URL must be http(s)://host[:port][/path]: " + redacted());
    }
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A client of the registry at {@code url} (http or https, optionally with user info and a path). */
  public static SchemaRegistry at(String url) {
    return at(url, Duration.ofSeconds(10));
  }

  static SchemaRegistry at(String url, Duration timeout) {
    return new SchemaRegistry(URI.create(Objects.requireNonNull(url, "url").strip()), timeout);
  }

  /** The registry configured for this process, shared by every serde, or empty. */
  public static Optional<SchemaRegistry> configured() {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv(URL_ENV);
    }
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(BY_URL.computeIfAbsent(url.strip(), SchemaRegistry::at));
  }

  /** The base URL, without credentials. */
  public String redacted() {
    return base.toString();
  }

  /**
   * Registers {@code schemaJson} under {@code subject} (a no-op for the registry when it holds it
   * already) and answers its global id.
   *
   * @throws SerializationException naming the registry's answer when it refuses or cannot be reached
   */
  public int register(String subject, String schemaJson) {
    return registered.computeIfAbsent(subject + '\n' + schemaJson, k -> {
      String body;
      try {
        body = JSON.writeValueAsString(Map.of("schema", schemaJson));
      } catch (IOException e) {
        throw new SerializationException(e);
      }
      JsonNode answer = call(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
          .header("Content-Type", CONTENT_TYPE)
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), "register a schema under " + subject);
      if (!answer.path("id").canConvertToInt()) {
        throw new SerializationException("schema registry " + redacted() + " answered no id registering under "
            + subject + ": " + answer);
      }
      return answer.path("id").intValue();
    });
  }

  /**
   * The schema with this global id.
   *
   * @throws SerializationException when the registry does not know it or cannot be reached
   */
  public Schema schema(int id) {
    return byId.computeIfAbsent(id, k -> {
      JsonNode answer = call(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET(), "fetch schema id " + id);
      String type = answer.path("schemaType").asText("AVRO");
      if (!type.equals("AVRO") || !answer.path("schema").isTextual()) {
        throw new SerializationException("schema registry " + redacted() + ": schema id " + id
            + " is not an Avro schema (" + type + ")");
      }
      try {
        return new Schema.Parser().parse(answer.path("schema").asText());
      } catch (RuntimeException e) {
        throw new SerializationException("schema registry " + redacted() + ": schema id " + id
            + " does not parse: " + e.getMessage(), e);
      }
    });
  }

  private JsonNode call(HttpRequest.Builder request, String what) {
    request.timeout(timeout).header("Accept", CONTENT_TYPE + ", application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SerializationException("cannot reach schema registry " + redacted() + " to " + what + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SerializationException("interrupted asking schema registry " + redacted() + " to " + what, e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (response.statusCode() / 100 != 2 || body == null) {
      String message = body != null && body.has("message") ? body.path("message").asText() : response.body().strip();
      throw new SerializationException("schema registry " + redacted() + " refused to " + what + ": HTTP "
          + response.statusCode() + (message.isEmpty() ? "" : ": " + message));
    }
    return body;
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String userInfo) {
    return java.net.URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SchemaRegistry[" + redacted() + "]";
  }
}
