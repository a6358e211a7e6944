package io.relmon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fetcher against a real HTTP server on loopback: redirects checked hop by hop, one deadline
 * for the whole answer, a cap on its size. The server counts what it was asked, so "refused"
 * means "never asked".
 */
@Timeout(60)
class SafeFetcherTest {

  private HttpServer server;
  private ExecutorService handlers;
  private int port;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  /** When the trickling answer stopped (its connection closed under it), System.nanoTime. */
  private final AtomicLong trickleEnded = new AtomicLong();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    port = server.getAddress().getPort();
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    try (exchange) {
      switch (path) {
        case "/page" -> {
          if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
          } else {
            respond(exchange, 200, "the page");
          }
        }
        case "/hop" -> redirect(exchange, "/page");
        case "/to-secret" -> redirect(exchange, "http://127.0.0.1:" + port + "/secret");
        case "/to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        case "/loop" -> redirect(exchange, "/loop");
        case "/big" -> respond(exchange, 200, "x".repeat(3000));
        case "/big-chunked" -> {
          exchange.sendResponseHeaders(200, 0);
          for (int i = 0; i < 50; i++) {
            exchange.getResponseBody().write("y".repeat(100).getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
          }
        }
        case "/trickle" -> trickle(exchange);
        case "/stall" -> sleep(30_000);
        default -> respond(exchange, 404, "not found");
      }
    }
  }

  /** Headers at once, then one byte every 200 ms for up to 30 s, or until the client hangs up. */
  private void trickle(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      for (int i = 0; i < 150; i++) {
        out.write('.');
        out.flush();
        sleep(200);
      }
    } catch (IOException hungUp) {
      trickleEnded.set(System.nanoTime());
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Allows the name "localhost" (what the tests fetch from), not the address 127.0.0.1 as such. */
  private SafeFetcher fetcher(Duration deadline) {
    return new SafeFetcher(AddressPolicy.allowing("localhost"), new HostPacer(Duration.ZERO, 100, Clock.systemUTC()),
        deadline, 5);
  }

  private URI local(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  @Test
  void shouldFetchAnAllowedPageFollowingRedirectsAndSendTheHeadersOnEveryHop() throws Exception {
    SafeFetcher.Outcome page = fetcher(Duration.ofSeconds(20)).fetch(local("/hop"), Map.of(), 1000);
    SafeFetcher.Outcome conditional = fetcher(Duration.ofSeconds(20)).fetch(local("/hop"), Map.of("If-None-Match", "\"v1\""), 1000);

    assertThat(page).isInstanceOf(SafeFetcher.Fetched.class);
    SafeFetcher.Fetched fetched = (SafeFetcher.Fetched) page;
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("the page");
    assertThat(fetched.uri()).isEqualTo(local("/page"));
    assertThat(((SafeFetcher.Fetched) conditional).statusCode()).isEqualTo(304);
  }

  @Test
  void shouldRefuseALoopbackAddressWithoutSendingIt() throws Exception {
    SafeFetcher publicOnly = new SafeFetcher(AddressPolicy.publicOnly(), new HostPacer(Duration.ZERO, 100, Clock.systemUTC()),
        Duration.ofSeconds(20), 5);

    SafeFetcher.Outcome outcome = publicOnly.fetch(URI.create("http://127.0.0.1:" + port + "/page"), Map.of(), 1000);
    SafeFetcher.Outcome byName = publicOnly.fetch(local("/page"), Map.of(), 1000);

    assertThat(outcome).isInstanceOf(SafeFetcher.Refused.class);
    assertThat(((SafeFetcher.Refused) outcome).why()).isEqualTo(SafeFetcher.Why.ADDRESS);
    assertThat(((SafeFetcher.Refused) outcome).reason()).contains("127.0.0.1 is a loopback address");
    assertThat(((SafeFetcher.Refused) byName).reason()).contains("localhost resolves to").contains("a loopback address");
    assertThat(requests).as("the server was asked nothing").isEmpty();
  }

  @Test
  void shouldCheckEveryRedirectAndNeverAskARefusedAddress() throws Exception {
    SafeFetcher fetcher = fetcher(Duration.ofSeconds(20));

    SafeFetcher.Outcome toSecret = fetcher.fetch(local("/to-secret"), Map.of(), 1000);
    SafeFetcher.Outcome toMetadata = fetcher.fetch(local("/to-metadata"), Map.of(), 1000);

    assertThat(toSecret).isInstanceOf(SafeFetcher.Refused.class);
    assertThat(((SafeFetcher.Refused) toSecret).reason())
        .startsWith("redirected from " + local("/to-secret") + " to http://127.0.0.1:" + port + "/secret: ")
        .contains("127.0.0.1 is a loopback address");
    assertThat(((SafeFetcher.Refused) toMetadata).reason()).contains("169.254.169.254 is a cloud metadata address");
    assertThat(((SafeFetcher.Refused) toMetadata).uri().getHost()).isEqualTo("169.254.169.254");
    assertThat(requests).containsOnlyKeys("/to-secret", "/to-metadata");
  }

  @Test
  void shouldStopAfterFiveRedirects() throws Exception {
    SafeFetcher.Outcome outcome = fetcher(Duration.ofSeconds(20)).fetch(local("/loop"), Map.of(), 1000);

    assertThat(outcome).isEqualTo(new SafeFetcher.Refused(local("/loop"), SafeFetcher.Why.REDIRECTS,
        local("/loop") + " redirected more than 5 times"));
    assertThat(requests.get("/loop").get()).as("the first request and five redirects").isEqualTo(6);
  }

  @Test
  void shouldRefuseABodyOverTheCapDeclaredOrStreamed() throws Exception {
    SafeFetcher fetcher = fetcher(Duration.ofSeconds(20));

    SafeFetcher.Outcome declared = fetcher.fetch(local("/big"), Map.of(), 1000);
    SafeFetcher.Outcome streamed = fetcher.fetch(local("/big-chunked"), Map.of(), 1000);
    SafeFetcher.Outcome fits = fetcher.fetch(local("/big"), Map.of(), 3000);

    assertThat(declared).isInstanceOf(SafeFetcher.Refused.class);
    assertThat(((SafeFetcher.Refused) declared).why()).isEqualTo(SafeFetcher.Why.TOO_LARGE);
    assertThat(((SafeFetcher.Refused) declared).reason()).contains("3000 bytes (Content-Length), more than 1000");
    assertThat(((SafeFetcher.Refused) streamed).why()).isEqualTo(SafeFetcher.Why.TOO_LARGE);
    assertThat(((SafeFetcher.Refused) streamed).reason()).contains("more than 1000 bytes");
    assertThat(((SafeFetcher.Fetched) fits).body()).hasSize(3000);
  }

  @Test
  void shouldAbortAnAnswerThatTricklesPastTheDeadlineAndCloseItsConnection() {
    SafeFetcher fetcher = fetcher(Duration.ofSeconds(2));
    long start = System.nanoTime();

    assertThatThrownBy(() -> fetcher.fetch(local("/trickle"), Map.of(), 1_000_000))
        .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("no complete answer within PT2S");
    long took = System.nanoTime() - start;
    // The server notices the closed connection at its next write or two.
    await().atMost(Duration.ofSeconds(20)).until(() -> trickleEnded.get() != 0);

    assertThat(took).as("ended by the deadline, not by the 30 s answer")
        .isBetween(TimeUnit.MILLISECONDS.toNanos(1900), TimeUnit.SECONDS.toNanos(15));
    assertThat(trickleEnded.get() - start).isLessThan(TimeUnit.SECONDS.toNanos(25));
  }

  @Test
  void shouldAbortAServerThatSendsNoHeadersWithinTheDeadline() {
    SafeFetcher fetcher = fetcher(Duration.ofSeconds(2));
    long start = System.nanoTime();

    assertThatThrownBy(() -> fetcher.fetch(local("/stall"), Map.of(), 1000)).isInstanceOf(HttpTimeoutException.class);

    assertThat(System.nanoTime() - start).isBetween(TimeUnit.MILLISECONDS.toNanos(1900), TimeUnit.SECONDS.toNanos(15));
    assertThat(List.copyOf(requests.keySet())).containsExactly("/stall");
  }
}
