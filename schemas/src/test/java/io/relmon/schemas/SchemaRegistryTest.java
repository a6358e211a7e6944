package io.relmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.schemas.avro.WarmthUpdate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry framing against a registry of our own: the two endpoints of the REST API that
 * Confluent Schema Registry, Karapace and Apicurio's ccompat API serve, over real HTTP. No real
 * registry runs in the tests: none can be started here from Maven Central or Debian (docs/topics.md).
 */
class SchemaRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "relmon.warmth.v1";

  private HttpServer server;
  private final Map<Integer, String> schemas = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private volatile int failWith;

  @BeforeEach
  void startRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopRegistry() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    byte[] request = exchange.getRequestBody().readAllBytes();
    Matcher register = Pattern.compile(".*/subjects/([^/]+)/versions").matcher(path);
    Matcher byId = Pattern.compile(".*/schemas/ids/(\\d+)").matcher(path);
    if (failWith != 0) {
      reply(exchange, failWith, "{\"error_code\":" + failWith + "01,\"message\":\"Schema being registered is incompatible\"}");
    } else if (exchange.getRequestMethod().equals("POST") && register.matches()) {
      assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
      String schema = JSON.readTree(request).path("schema").asText();
      new Schema.Parser().parse(schema);
      int id = schemas.entrySet().stream().filter(e -> e.getValue().equals(schema)).map(Map.Entry::getKey)
          .findFirst().orElse(100 + schemas.size());
      schemas.put(id, schema);
      reply(exchange, 200, "{\"id\":" + id + "}");
    } else if (exchange.getRequestMethod().equals("GET") && byId.matches() && schemas.containsKey(Integer.parseInt(byId.group(1)))) {
      reply(exchange, 200, JSON.writeValueAsString(Map.of("schema", schemas.get(Integer.parseInt(byId.group(1))))));
    } else {
      reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static WarmthUpdate warmth(double value) {
    SourceRef source = SourceRef.newBuilder().setArticleId("a1").setUrl(null).setSource("Yonhap")
        .setPublished(Instant.parse("2026-01-19T08:00:00Z")).setTitle("Tourism talks").build();
    Driver driver = Driver.newBuilder().setEventId("e1").setType("CRITICIZE").setActor("PRK").setTargets(List.of("CHN"))
        .setDate("2026-01-18").setEventTime(Instant.parse("2026-01-18T00:00:00Z")).setWeight(-3).setContribution(-2.9)
        .setCorroboration(1).setEvidence("North Korea criticized China on Jan. 18.").setUrls(List.of())
        .setSources(List.of(source)).build();
    return WarmthUpdate.newBuilder()
        .setDyad("CHN-PRK").setValue(value).setRaw(-1.2).setChange7d(-3).setChange30d(-12).setEventCount(7)
        .setAsOf(Instant.parse("2026-01-21T00:00:00Z")).setHalfLifeDays(30).setScale(5).setDrivers(List.of(driver))
        .build();
  }

  @Test
  void serializerWritesTheRegistryFramingOfThePlainSchemaRegisteredOncePerTopic() throws Exception {
    AvroSerde<WarmthUpdate> serde = AvroSerde.of(WarmthUpdate.class, SchemaRegistry.at(url()));

    byte[] first = serde.serializer().serialize(TOPIC, warmth(-23.5));
    byte[] second = serde.serializer().serialize(TOPIC, warmth(-24.5));

    assertThat(requests).containsExactly("POST /subjects/relmon.warmth.v1-value/versions");
    assertThat(schemas).hasSize(1);
    int id = schemas.keySet().iterator().next();
    assertThat(Arrays.copyOf(first, 5)).containsExactly(0, 0, 0, 0, id);
    String registered = schemas.get(id);
    assertThat(registered).doesNotContain("avro.java.string").contains("timestamp-millis")
        .isEqualTo(ConsumerKit.plainJson(serde.schema()));
    // The datum after the 5-byte framing is the one single-object encoding carries after its 10 bytes.
    byte[] single = AvroSerde.of(WarmthUpdate.class, null).encode(warmth(-23.5));
    assertThat(Arrays.copyOfRange(first, 5, first.length)).containsExactly(Arrays.copyOfRange(single, 10, single.length));
    assertThat(serde.deserializer().deserialize(TOPIC, first)).isEqualTo(warmth(-23.5));
    assertThat(serde.deserializer().deserialize(TOPIC, second)).isEqualTo(warmth(-24.5));
    assertThat(requests).as("reading fetches the writer's schema once").hasSize(2).last().isEqualTo("GET /schemas/ids/" + id);
  }

  @Test
  void withoutARegistryTheSerdeWritesSingleObjectEncodingAsBefore() {
    AvroSerde<WarmthUpdate> plain = AvroSerde.of(WarmthUpdate.class, null);
    AvroSerde<WarmthUpdate> framed = AvroSerde.of(WarmthUpdate.class, SchemaRegistry.at(url()));

    byte[] bytes = plain.serializer().serialize(TOPIC, warmth(-1));
    assertThat(bytes).startsWith(0xC3, 0x01).containsExactly(plain.encode(warmth(-1)));
    assertThat(framed.encode(warmth(-1))).as("encode has no topic: single-object encoding").containsExactly(bytes);
    assertThat(requests).isEmpty();
  }

  @Test
  void deserializerWithARegistryReadsBothFramingsAndOlderWriters() throws Exception {
    AvroSerde<WarmthUpdate> serde = AvroSerde.of(WarmthUpdate.class, SchemaRegistry.at(url()));
    // Single-object records written before the registry was configured.
    byte[] single = AvroSerde.of(WarmthUpdate.class, null).encode(warmth(-5));
    assertThat(serde.deserializer().deserialize(TOPIC, single)).isEqualTo(warmth(-5));

    // A v1 writer that registered its own (plain) schema: resolved against the current one.
    Schema v1 = new Schema.Parser().parse(ConsumerKit.plainJson(ReleasedSchemas.versionsOf(WarmthUpdate.getClassSchema().getFullName()).get(0)));
    int id = SchemaRegistry.at(url()).register(TOPIC + "-value", v1.toString());
    GenericRecord old = (GenericRecord) new RandomDatum(3).next(v1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, 0, 0, 0, (byte) id});
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1, GenericData.get()).write(old, encoder);
    encoder.flush();

    WarmthUpdate read = serde.deserializer().deserialize(TOPIC, out.toByteArray());

    assertThat(read.getDyad()).isEqualTo(old.get("dyad").toString());
    assertThat(read.getValue()).isEqualTo(old.get("value"));
    assertThat(read.getDrivers()).hasSameSizeAs((List<?>) old.get("drivers"));
  }

  @Test
  void registryFramedBytesWithoutARegistryAreRefusedWithTheSettingToUse() {
    byte[] framed = AvroSerde.of(WarmthUpdate.class, SchemaRegistry.at(url())).serializer().serialize(TOPIC, warmth(-1));

    assertThatThrownBy(() -> AvroSerde.of(WarmthUpdate.class, null).decode(framed))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("registry-framed WarmthUpdate (schema id")
        .hasMessageContaining("RELMON_SCHEMA_REGISTRY_URL");
  }

  @Test
  void registryRefusalsAndUnknownIdsSayWhat() {
    AvroSerde<WarmthUpdate> serde = AvroSerde.of(WarmthUpdate.class, SchemaRegistry.at(url()));
    assertThatThrownBy(() -> serde.decode(new byte[] {0, 0, 0, 0, 42, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("refused to fetch schema id 42: HTTP 404: Schema not found");

    failWith = 409;
    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, warmth(-1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("refused to register a schema under relmon.warmth.v1-value: HTTP 409: Schema being registered is incompatible");

    failWith = 0;
    assertThat(serde.serializer().serialize(TOPIC, warmth(-1))).as("a refusal is not cached").startsWith(0);
  }

  @Test
  void unreachableRegistryIsASerializationErrorNamingIt() throws Exception {
    server.stop(0);
    SchemaRegistry gone = SchemaRegistry.at(url(), Duration.ofSeconds(2));
    assertThatThrownBy(() -> gone.register("s-value", "\"string\""))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot reach schema registry " + url());
  }

  @Test
  void credentialsInTheUrlGoAsBasicAuthAndStayOutOfMessages() throws Exception {
    String withUser = url().replace("http://", "http://relmon:s%40cret@") + "/apis/ccompat/v7/";
    SchemaRegistry registry = SchemaRegistry.at(withUser);

    assertThat(registry.redacted()).isEqualTo(url() + "/apis/ccompat/v7").doesNotContain("cret");
    int id = registry.register("relmon.alerts.v1-value", "\"string\"");

    assertThat(requests).containsExactly("POST /apis/ccompat/v7/subjects/relmon.alerts.v1-value/versions");
    assertThat(authorizations).containsExactly("Basic " + java.util.Base64.getEncoder()
        .encodeToString("relmon:s@cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(id).isEqualTo(100);
  }

  @Test
  void configuredFromTheSystemPropertyOrNot() {
    String before = System.getProperty(SchemaRegistry.URL_PROPERTY);
    try {
      System.setProperty(SchemaRegistry.URL_PROPERTY, url());
      assertThat(SchemaRegistry.configured()).get().extracting(SchemaRegistry::redacted).isEqualTo(url());
      assertThat(SchemaRegistry.configured().get()).as("shared").isSameAs(SchemaRegistry.configured().get());
      assertThat(AvroSerde.of(WarmthUpdate.class).serializer().serialize(TOPIC, warmth(-1))).startsWith(0);
      if (System.getenv(SchemaRegistry.URL_ENV) == null) {
        System.setProperty(SchemaRegistry.URL_PROPERTY, " ");
        assertThat(SchemaRegistry.configured()).isEmpty();
        assertThat(AvroSerde.of(WarmthUpdate.class).serializer().serialize(TOPIC, warmth(-1))).startsWith(0xC3, 0x01);
      }
    } finally {
      if (before == null) {
        System.clearProperty(SchemaRegistry.URL_PROPERTY);
      } else {
        System.setProperty(SchemaRegistry.URL_PROPERTY, before);
      }
    }
    assertThatThrownBy(() -> SchemaRegistry.at("registry:8081")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)://host");
  }
}
