package io.relmon.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The HTTP face every service shares: {@code GET /metrics} (Prometheus text format), {@code GET
 * /health/live} (the process answers) and {@code GET /health/ready} (200 only when the service
 * can do its work, e.g. its Streams instance is RUNNING), plus the service's own routes.
 * Built on the JDK's HTTP server: three endpoints do not earn a web framework.
 */
public final class ServiceHttpServer implements AutoCloseable {

  /** Paths every service serves; deploy manifests' probes and scrapes use them (DeployManifestsTest). */
  public static final String METRICS_PATH = "/metrics";
  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK: 40 ms added to every small answer
    // (measured: 46 ms a request in IngestFuzzIT). Read once, before the first server starts.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private ServiceHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code port} (0 for any free port) on {@code host} and serves the shared endpoints.
   *
   * @throws IllegalStateException naming the service and port when the port is taken
   */
  public static ServiceHttpServer start(
      String service, String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    return start(service, host, port, registry, ready, new Route[0]);
  }

  /** As {@link #start(String, String, int, PrometheusMeterRegistry, BooleanSupplier)}, with routes. */
  public static ServiceHttpServer start(
      String service, String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready,
      Route... routes) {
    return start(service, host, port, registry, () -> true, ready, routes);
  }

  /**
   * As above, with {@code live} deciding {@code /health/live}: 503 when false (a worker thread of
   * the service died or stalled, and only a restart helps).
   */
  public static ServiceHttpServer start(
      String service, String host, int port, PrometheusMeterRegistry registry, BooleanSupplier live,
      BooleanSupplier ready, Route... routes) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (BindException e) {
      throw new IllegalStateException(
          service + " HTTP port " + port + " is already in use; choose another with the matching flag or environment variable", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + service + " HTTP port " + port, e);
    }
    server.createContext(METRICS_PATH, exchange -> {
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "text/plain", "only GET\n");
        return;
      }
      respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    });
    server.createContext(LIVE_PATH, exchange -> {
      boolean up = live.getAsBoolean();
      respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
    });
    server.createContext(READY_PATH, exchange -> {
      boolean up = ready.getAsBoolean();
      respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
    });
    for (Route route : routes) {
      server.createContext(route.path(), route.handler());
    }
    ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
      Thread thread = new Thread(runnable, service + "-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
    return new ServiceHttpServer(server, executor);
  }

  /** Adds a route after start (for a handler that needs the bound port). */
  public void addRoute(Route route) {
    server.createContext(route.path(), route.handler());
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Writes {@code {"errors": [message, ...]}} with the status. */
  public static void respondErrors(HttpExchange exchange, int status, java.util.List<String> messages) throws IOException {
    var node = Json.MAPPER.createObjectNode();
    var list = node.putArray("errors");
    messages.forEach(list::add);
    respond(exchange, status, "application/json", node + "\n");
  }

  /** Writes a JSON body with the status. */
  public static void respondJson(HttpExchange exchange, int status, com.fasterxml.jackson.databind.JsonNode body) throws IOException {
    respond(exchange, status, "application/json", body + "\n");
  }

  /** Writes a complete response and closes the exchange. */
  public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A service route: a path prefix and its handler. */
  public record Route(String path, HttpHandler handler) {}
}
