package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServiceHttpServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeMetricsAndHealth() throws Exception {
    PrometheusMeterRegistry registry = Metrics.registry("test");
    registry.counter("relmon.test.things").increment();
    AtomicBoolean ready = new AtomicBoolean(false);
    try (ServiceHttpServer server = ServiceHttpServer.start("test", "127.0.0.1", 0, registry, ready::get)) {
      String base = "http://127.0.0.1:" + server.port();

      assertThat(get(base + "/metrics").body()).contains("relmon_test_things_total{service=\"test\"} 1.0").contains("jvm_memory_used_bytes");
      assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(base + "/health/ready").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldTimeEveryRequestByRegisteredRouteMethodAndStatus() throws Exception {
    PrometheusMeterRegistry registry = Metrics.registry("test");
    ServiceHttpServer.Route echo = new ServiceHttpServer.Route("/v1/things", exchange ->
        ServiceHttpServer.respond(exchange, 201, "text/plain", "made"));
    try (ServiceHttpServer server = ServiceHttpServer.start("test", "127.0.0.1", 0, registry, () -> false, echo)) {
      String base = "http://127.0.0.1:" + server.port();
      get(base + "/health/ready");
      get(base + "/health/ready");
      get(base + "/v1/things/42");
      get(base + "/no/such/" + "x".repeat(100));
      http.send(HttpRequest.newBuilder(URI.create(base + "/v1/things")).method("BREW", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());

      // An exchange is timed once it is over, on the server's thread, after the client has its answer.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(count(registry, "/health/ready", "GET", "503")).isEqualTo(2);
        assertThat(count(registry, "/v1/things", "GET", "201")).as("the route, not the request's path").isEqualTo(1);
        assertThat(count(registry, "/", "GET", "404")).isEqualTo(1);
        assertThat(count(registry, "/v1/things", "OTHER", "201")).as("an unknown method grows no series").isEqualTo(1);
      });
      assertThat(get(base + "/metrics").body())
          .contains("relmon_http_requests_seconds_count{method=\"GET\",route=\"/health/ready\",service=\"test\",status=\"503\"} 2");
    }
  }

  private static long count(PrometheusMeterRegistry registry, String route, String method, String status) {
    var timer = registry.find(ServiceHttpServer.REQUESTS_METER).tags("route", route, "method", method, "status", status).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void shouldAnswerOnlyExactPathsWithJsonReasons() throws Exception {
    PrometheusMeterRegistry registry = Metrics.registry("test");
    try (ServiceHttpServer server = ServiceHttpServer.start("test", "127.0.0.1", 0, registry, () -> true)) {
      String base = "http://127.0.0.1:" + server.port();
      for (String path : java.util.List.of("/metricsXYZ", "/health/liveX", "/health/ready2", "/", "/v1/anything")) {
        HttpResponse<String> response = get(base + path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/json");
        assertThat(response.body()).as(path).startsWith("{\"errors\":[\"no such resource: ");
      }
    }
  }

  @Test
  void shouldReportNotLiveWhenTheServiceSaysSo() throws Exception {
    AtomicBoolean live = new AtomicBoolean(true);
    try (ServiceHttpServer server = ServiceHttpServer.start("test", "127.0.0.1", 0, Metrics.registry("test"), live::get, () -> true)) {
      String url = "http://127.0.0.1:" + server.port() + "/health/live";
      assertThat(get(url).statusCode()).isEqualTo(200);
      live.set(false);
      assertThat(get(url).statusCode()).isEqualTo(503);
      assertThat(get(url).body()).contains("DOWN");
    }
  }

  @Test
  void shouldAnswerAThrowingRouteWithA500AndAReason() throws Exception {
    ServiceHttpServer.Route route = new ServiceHttpServer.Route("/v1/", exchange -> {
      throw new IllegalArgumentException("secret input");
    });
    try (ServiceHttpServer server = ServiceHttpServer.start("test", "127.0.0.1", 0, Metrics.registry("test"), () -> true, route)) {
      HttpResponse<String> response = get("http://127.0.0.1:" + server.port() + "/v1/x");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("internal error: IllegalArgumentException").doesNotContain("secret");
    }
  }

  @Test
  void shouldNameTheServiceAndPortWhenThePortIsTaken() {
    PrometheusMeterRegistry registry = Metrics.registry("test");
    try (ServiceHttpServer first = ServiceHttpServer.start("scoring", "127.0.0.1", 0, registry, () -> true)) {
      assertThatThrownBy(() -> ServiceHttpServer.start("scoring", "127.0.0.1", first.port(), registry, () -> true))
          .hasMessageContaining("scoring HTTP port " + first.port() + " is already in use");
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
