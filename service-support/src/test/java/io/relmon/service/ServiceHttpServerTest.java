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
