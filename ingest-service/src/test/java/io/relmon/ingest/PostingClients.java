package io.relmon.ingest;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.service.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Clients posting one article per request to the ingest API as fast as it answers, each on a
 * thread of its own, until {@link #stop()}: client c posts articles c·1,000,000 + 0, 1, 2...
 * They keep the ids answered 202 and count the 503s; any other answer fails the run. For the
 * fault tests of ingest and of the whole pipeline (a test-jar dependency of deploy/local).
 */
public final class PostingClients {

  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread[] threads;

  private PostingClients(URI api, String token, int clients, IntFunction<String> article) {
    threads = new Thread[clients];
    for (int c = 0; c < clients; c++) {
      int client = c;
      threads[c] = new Thread(() -> post(api, token, client, article), "posting-client-" + c);
    }
  }

  public static PostingClients start(URI api, String token, int clients, IntFunction<String> article) {
    PostingClients posting = new PostingClients(api, token, clients, article);
    for (Thread t : posting.threads) {
      t.start();
    }
    return posting;
  }

  private void post(URI api, String token, int client, IntFunction<String> article) {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; running.get(); i++) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(article.apply(client * 1_000_000 + i))).build(),
            HttpResponse.BodyHandlers.ofString());
        sent.incrementAndGet();
        if (response.statusCode() == 202) {
          acknowledged.add(Json.MAPPER.readTree(response.body()).get("accepted").get(0).get("id").asText());
        } else if (response.statusCode() == 503) {
          unavailable.incrementAndGet();
        } else {
          throw new AssertionError("unexpected " + response.statusCode() + ": " + response.body());
        }
      } catch (InterruptedException e) {
        return;
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
        return;
      }
    }
  }

  /**
   * The outage both broker-restart tests inject: 3 s of posting, the broker (node 0) stopped for
   * 5 s, 10 s more after it is back, then {@link #stop()}. Returns how many articles were
   * acknowledged before the stop.
   */
  public int throughABrokerRestart(EmbeddedKafkaCluster kafka) throws InterruptedException {
    Thread.sleep(3_000);
    int beforeStop = acknowledged.size();
    kafka.stopNode(0);
    Thread.sleep(5_000);
    kafka.startNode(0);
    Thread.sleep(10_000);
    stop();
    return beforeStop;
  }

  /** Stops posting, waits for the requests in flight, and fails if a client failed. */
  public void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(60_000);
    }
    if (failure.get() != null) {
      throw new AssertionError("a posting client failed", failure.get());
    }
  }

  /** The ids of the articles answered 202 so far. */
  public Set<String> acknowledged() {
    return acknowledged;
  }

  public int unavailable() {
    return unavailable.get();
  }

  public int sent() {
    return sent.get();
  }
}
