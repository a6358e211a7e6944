package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.ConsumerKit;
import io.relmon.schemas.SchemaRegistry;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.service.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The consumer kit from outside Java: {@code relmon schemas export}, then the Python example
 * (examples/python/warmth_consumer.py, Debian's python3-confluent-kafka and python3-avro) reads
 * relmon.warmth.v1 from the local stack with the demo, and prints CHN-PRK's warmth as the stack
 * reports it; Python's avro computes the fingerprints the kit's table lists; and the example reads
 * both framings where a schema registry is configured. Skips, saying why, only where Debian's
 * Python or those modules are missing ({@code .ci/run} installs them).
 */
class PythonConsumerIT {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path EXAMPLE = Path.of("../../examples/python/warmth_consumer.py");

  @TempDir
  Path dir;

  @BeforeAll
  static void needsDebiansPythonWithTheModules() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON),
        PYTHON + " is missing: install Debian's python3, python3-confluent-kafka and python3-avro (.ci/run does)");
    Result check = run(List.of(PYTHON.toString(), "-c", "import confluent_kafka, avro.io, avro.schema"), Duration.ofSeconds(60));
    Assumptions.assumeTrue(check.exit() == 0,
        "python3-confluent-kafka or python3-avro is missing (apt-get install python3-confluent-kafka python3-avro; .ci/run does): "
            + check.output().strip());
  }

  @Test
  void pythonExamplePrintsChinaNorthKoreasWarmthAsTheStackReportsIt() throws Exception {
    Path kit = exportKit();
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, ArticleSources.read("/io/relmon/local/demo-rules.yaml"));
    try (LocalStack stack = LocalStack.start(new LocalStack.Options(dir.resolve("stack"), 0, 0, 0, 0, 0, rules))) {
      stack.awaitReady(Duration.ofSeconds(90));
      int accepted = LocalCommand.send(stack, ArticleSources.demo(), System.err);
      assertThat(accepted).isEqualTo(ArticleSources.demo().size());
      stack.awaitIdle(Duration.ofSeconds(240));
      WarmthUpdate expected = Summary.read(stack.bootstrapServers(), stack.topics(), List.of()).warmth().get("CHN-PRK");
      assertThat(expected).as("the stack's CHN-PRK warmth").isNotNull();

      Result python = run(List.of(PYTHON.toString(), EXAMPLE.toString(), "--bootstrap", stack.bootstrapServers(),
          "--schemas", kit.toString(), "--group", "python-consumer-it", "--exit-at-end"), Duration.ofSeconds(180));

      System.err.println(python.output());
      assertThat(python.exit()).as(python.output()).isZero();
      Matcher line = Pattern.compile("(?m)^CHN-PRK warmth (\\S+) as of (\\S+) \\((\\d+) events").matcher(python.output());
      List<String[]> chinaNorthKorea = new ArrayList<>();
      while (line.find()) {
        chinaNorthKorea.add(new String[] {line.group(1), line.group(2), line.group(3)});
      }
      assertThat(chinaNorthKorea).as(python.output()).isNotEmpty();
      String[] latest = chinaNorthKorea.get(chinaNorthKorea.size() - 1);
      // Python prints the shortest repr that reads back as the same double: equal, not close.
      assertThat(Double.parseDouble(latest[0])).as(python.output()).isEqualTo(expected.getValue()).isLessThan(-10);
      assertThat(latest[1]).isEqualTo(expected.getAsOf().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
      assertThat(Integer.parseInt(latest[2])).isEqualTo(expected.getEventCount());
    }
  }

  @Test
  void pythonAvroComputesTheFingerprintsTheTableListsForTheExportedSchemas() throws Exception {
    Path kit = exportKit();
    // Python avro 1.11's own canonical form, and the CRC-64-AVRO of the specification.
    String script = String.join("\n",
        "import json, sys, os, avro.schema",
        "EMPTY = 0xc15d213aa4d7a795",
        "table = []",
        "for i in range(256):",
        "    fp = i",
        "    for _ in range(8):",
        "        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))",
        "    table.append(fp)",
        "def crc64(data):",
        "    fp = EMPTY",
        "    for b in data:",
        "        fp = (fp >> 8) ^ table[(fp ^ b) & 0xff]",
        "    return fp",
        "kit = sys.argv[1]",
        "for entry in json.load(open(os.path.join(kit, 'fingerprints.json')))['schemas']:",
        "    schema = avro.schema.parse(open(os.path.join(kit, entry['file'])).read())",
        "    print(entry['file'], '%016x' % crc64(schema.canonical_form.encode('utf-8')))");
    Result python = run(List.of(PYTHON.toString(), "-c", script, kit.toString()), Duration.ofSeconds(60));

    assertThat(python.exit()).as(python.output()).isZero();
    JsonNode table = Json.MAPPER.readTree(kit.resolve(ConsumerKit.TABLE_FILE).toFile());
    List<String> expected = new ArrayList<>();
    for (JsonNode entry : table.path("schemas")) {
      expected.add(entry.path("file").asText() + " " + entry.path("pythonGoFingerprint").asText());
    }
    // Where Java and Python disagree is what the table is for (asOf is a timestamp-millis long).
    JsonNode warmth = table.path("schemas").get(3);
    assertThat(warmth.path("file").asText()).isEqualTo("v1/WarmthUpdate.avsc");
    assertThat(warmth.path("pythonGoFingerprint").asText()).isNotEqualTo(warmth.path("fingerprint").asText());
    assertThat(expected).hasSize(ConsumerKit.entries().size());
    assertThat(python.output().strip().lines().toList()).containsExactlyElementsOf(expected);
  }

  @Test
  void pythonExampleDecodesBothFramingsWithARegistry() throws Exception {
    Path kit = exportKit();
    // A registry of the two endpoints (see SchemaRegistryTest), and a topic holding one value in
    // each framing: what a consumer sees after the producers switched to the registry.
    Map<Integer, String> registered = new ConcurrentHashMap<>();
    HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body;
      int status = 200;
      if (exchange.getRequestMethod().equals("POST") && path.equals("/subjects/warmth-it-value/versions")) {
        registered.put(7, Json.MAPPER.readTree(exchange.getRequestBody()).path("schema").asText());
        body = "{\"id\":7}";
      } else if (path.equals("/schemas/ids/7") && registered.containsKey(7)) {
        body = Json.MAPPER.writeValueAsString(Map.of("schema", registered.get(7)));
      } else {
        status = 404;
        body = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    registry.start();
    String url = "http://127.0.0.1:" + registry.getAddress().getPort();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.startSingleNode()) {
      kafka.createTopics(List.of(new NewTopic("warmth-it", 1, kafka.replicationFactor())));
      byte[] single = AvroSerde.of(WarmthUpdate.class, null).serializer().serialize("warmth-it", warmth("CHN-PRK", -28.5));
      byte[] framed = AvroSerde.of(WarmthUpdate.class, SchemaRegistry.at(url)).serializer()
          .serialize("warmth-it", warmth("KOR-PRK", -38.25));
      assertThat(framed[0]).as("registry framing").isZero();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
          new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>("warmth-it", "CHN-PRK", single)).get();
        producer.send(new ProducerRecord<>("warmth-it", "KOR-PRK", framed)).get();
      }

      Result python = run(List.of(PYTHON.toString(), EXAMPLE.toString(), "--bootstrap", kafka.bootstrapServers(),
          "--schemas", kit.toString(), "--topic", "warmth-it", "--registry", url, "--exit-at-end"), Duration.ofSeconds(120));

      assertThat(python.exit()).as(python.output()).isZero();
      assertThat(python.output()).as(python.output())
          .contains("CHN-PRK warmth -28.5 as of 2026-01-21 (4 events, 0 drivers)")
          .contains("KOR-PRK warmth -38.25 as of 2026-01-21 (4 events, 0 drivers)");
    } finally {
      registry.stop(0);
    }
  }

  private static WarmthUpdate warmth(String dyad, double value) {
    return WarmthUpdate.newBuilder().setDyad(dyad).setValue(value).setRaw(-1).setChange7d(0).setChange30d(0)
        .setEventCount(4).setAsOf(java.time.Instant.parse("2026-01-21T00:00:00Z")).setHalfLifeDays(30).setScale(5)
        .setDrivers(List.of()).build();
  }

  private Path exportKit() {
    Path kit = dir.resolve("kit");
    int exit = new CommandLine(new RelmonCli()).execute("schemas", "export", kit.toString());
    assertThat(exit).isZero();
    assertThat(kit.resolve("v2/WarmthUpdate.avsc")).exists();
    return kit;
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Read while it runs so a full pipe never blocks it.
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        output.append("(cannot read output: ").append(e.getMessage()).append(')');
      }
    });
    reader.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      reader.join(5_000);
      throw new AssertionError(command.get(0) + " did not finish in " + timeout + ":\n" + output);
    }
    reader.join(10_000);
    return new Result(process.exitValue(), output.toString());
  }
}
