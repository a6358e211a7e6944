package io.relmon.alert.admin;

import io.relmon.service.BearerToken;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.relmon.service.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The redelivery endpoint's HTTP face: the token, the parameters, the answer. */
class RedeliverHandlerTest {

  private static final String TOKEN = "0123456789abcdef-admin";

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  private URI start(BearerToken token) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(RedeliverHandler.PATH, new RedeliverHandler((since, channel, alertId) -> {
      requests.add(since + " " + channel.orElse("*") + " " + alertId.orElse("*"));
      return List.of("a1/desk");
    }, token));
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + RedeliverHandler.PATH);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static HttpResponse<String> post(URI uri, String query, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri + query)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRedeliverWithTheTokenAndSayWhat() throws Exception {
    URI uri = start(new BearerToken(TOKEN));

    HttpResponse<String> response = post(uri, "?since=2026-12-01T00:00:00Z&channel=desk", TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Json.MAPPER.readTree(response.body()).path("redelivering").get(0).asText()).isEqualTo("a1/desk");
    assertThat(requests).containsExactly(Instant.parse("2026-12-01T00:00:00Z") + " desk *");
  }

  @Test
  void shouldRefuseWithoutTheTokenOrWithoutSince() throws Exception {
    URI uri = start(new BearerToken(TOKEN));

    assertThat(post(uri, "?since=2026-12-01T00:00:00Z", null).statusCode()).isEqualTo(401);
    assertThat(post(uri, "?since=2026-12-01T00:00:00Z", "wrong-token-0123456789").statusCode()).isEqualTo(401);
    assertThat(post(uri, "", TOKEN).statusCode()).isEqualTo(400);
    assertThat(post(uri, "?since=yesterday", TOKEN).statusCode()).isEqualTo(400);
    assertThat(post(uri, "?since=2026-13-01T00:00:00Z", TOKEN).statusCode()).isEqualTo(400);
    assertThat(requests).isEmpty();
  }

  @Test
  void shouldBeOffWithoutAConfiguredToken() throws Exception {
    URI uri = start(null);

    HttpResponse<String> response = post(uri, "?since=2026-12-01T00:00:00Z", TOKEN);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("RELMON_ALERT_ADMIN_TOKEN");
    assertThat(requests).isEmpty();
  }
}
