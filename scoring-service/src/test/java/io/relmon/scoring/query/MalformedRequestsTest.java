package io.relmon.scoring.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.service.Metrics;
import io.relmon.service.ServiceHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** A malformed path, key or window is the client's mistake: 400 or 404, answered before any store is read. */
class MalformedRequestsTest {

  @Test
  void shouldAnswerAMalformedRequestWith400Or404() throws Exception {
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("/v1/dyads/history", 404);
    expected.put("/v1/dyads//history", 400);
    expected.put("/v1/dyads/PRK-CHN/history", 400);
    expected.put("/v1/dyads/CHN-prk/history", 400);
    expected.put("/v1/dyads/CHN-PRK/history?days=0", 400);
    expected.put("/v1/dyads/CHN-PRK/history?days=731", 400);
    expected.put("/v1/dyads/CHN-PRK/history?days=99999999999", 400);
    expected.put("/v1/dyads/CHN-PRK", 404);
    expected.put("/v1/countries/", 400);
    expected.put("/v1/countries/prk", 400);
    expected.put("/dyads/", 400);
    expected.put("/dyads/CHN-PRK?days=abc", 400);
    expected.put("/countries/PR", 400);

    HistoryRoutes history = new HistoryRoutes(() -> null, new HostInfo("127.0.0.1", 1), WarmthParameters.defaults());
    Map<String, Integer> answered = new LinkedHashMap<>();
    try (ServiceHttpServer http = ServiceHttpServer.start("malformed-requests-test", "127.0.0.1", 0, Metrics.registry("test"), () -> true,
        () -> false, history.routes().toArray(ServiceHttpServer.Route[]::new))) {
      HttpClient client = HttpClient.newHttpClient();
      for (String path : expected.keySet()) {
        answered.put(path, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode());
      }
    }
    assertThat(answered).containsExactlyEntriesOf(expected);
  }
}
