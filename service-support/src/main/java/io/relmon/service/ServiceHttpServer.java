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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP face every service shares: {@code GET /metrics} (Prometheus text format), {@code GET
 * /health/live} (the process answers) and {@code GET /health/ready} (200 only when the service
 * can do its work, e.g. its Streams instance is RUNNING), plus the service's own routes.
 * Built on the JDK's HTTP server: three endpoints do not earn a web framework.
 *
 * <p>Slow and idle clients are bounded, so that a handful of them cannot starve a health probe:
 * <ul>
 *   <li>a request (line, headers and body) must arrive within {@link #MAX_REQUEST_SECONDS} and
 *       a response be taken within {@link #MAX_RESPONSE_SECONDS}, or the connection is closed;
 *       a connection that sends nothing is closed after the JDK's idle interval;
 *   <li>at most {@link #MAX_CONNECTIONS} connections per server (the JDK refuses more);
 *   <li>the JDK server reads a request on a pool thread, so a client that sends one byte holds a
 *       thread until the request timeout: the pool grows to one thread per allowed connection
 *       (threads start on demand and end after a minute idle), so health probes always find one.
 *       Routes that do heavy work bound their own concurrency (ingest's article handler).
 * </ul>
 * The JDK reads these limits once per process from system properties; they are set here, before
 * the first server starts, unless already given on the command line ({@code -Dsun.net.httpserver.maxReqTime=...}).
 * A per-client limit is left to the ingress or proxy in front (docs/reliability.md).
 *
 * <p>Paths are exact: {@code /metricsX} is a 404, answered, like every error, as JSON with a
 * reason. A route's handler that throws still answers: 500 with the exception's class, never an
 * empty reply.
 */
public final class ServiceHttpServer implements AutoCloseable {

  /** Paths every service serves; deploy manifests' probes and scrapes use them (DeployManifestsTest). */
  public static final String METRICS_PATH = "/metrics";
  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";

  /** Seconds to receive a whole request (headers and body) before the connection is closed. */
  public static final int MAX_REQUEST_SECONDS = 20;
  /** Seconds for a client to take a response before the connection is closed. */
  public static final int MAX_RESPONSE_SECONDS = 30;
  /** Connections per server; threads in its pool. */
  public static final int MAX_CONNECTIONS = 256;

  static {
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", String.valueOf(MAX_RESPONSE_SECONDS));
    System.getProperties().putIfAbsent("jdk.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK: 40 ms added to every small answer
    // (measured: 46 ms a request in IngestFuzzIT). Read once, before the first server starts.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  /** The timer of every answered request, by route, method and status (docs/metrics.md). */
  public static final String REQUESTS_METER = "relmon.http.requests";

  private final HttpServer server;
  private final ExecutorService executor;
  private final io.micrometer.core.instrument.MeterRegistry registry;

  private final java.util.concurrent.atomic.AtomicReference<HttpHandler> home;

  private ServiceHttpServer(HttpServer server, ExecutorService executor, io.micrometer.core.instrument.MeterRegistry registry,
      java.util.concurrent.atomic.AtomicReference<HttpHandler> home) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
    this.home = home;
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
   * As above, with {@code live}: {@code /health/live} answers 503 when it is false (a thread the
   * service cannot work without has died or stalled), so that an orchestrator restarts it.
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
    HttpHandler notFound = exchange ->
        respondErrors(exchange, 404, java.util.List.of("no such resource: " + exchange.getRequestURI().getPath()));
    java.util.concurrent.atomic.AtomicReference<HttpHandler> home = new java.util.concurrent.atomic.AtomicReference<>(notFound);
    server.createContext("/", timed(registry, "/", guarded(exchange -> {
      if ("/".equals(exchange.getRequestURI().getPath())) {
        home.get().handle(exchange);
      } else {
        notFound.handle(exchange);
      }
    })));
    server.createContext(METRICS_PATH, timed(registry, METRICS_PATH, exact(METRICS_PATH, exchange -> {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        respondErrors(exchange, 405, java.util.List.of("use GET"));
        return;
      }
      respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    })));
    server.createContext(LIVE_PATH, timed(registry, LIVE_PATH, exact(LIVE_PATH, exchange -> {
      boolean up = live.getAsBoolean();
      respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
    })));
    server.createContext(READY_PATH, timed(registry, READY_PATH, exact(READY_PATH, exchange -> {
      boolean up = ready.getAsBoolean();
      respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
    })));
    for (Route route : routes) {
      server.createContext(route.path(), timed(registry, route.path(), guarded(route.handler())));
    }
    ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_CONNECTIONS, MAX_CONNECTIONS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, service + "-http");
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.start();
    return new ServiceHttpServer(server, executor, registry, home);
  }

  /** Methods counted by name; any other is counted as OTHER, so a client cannot grow the series. */
  private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

  /**
   * Times every exchange of a route (a registered path, never the request's own: the series stay
   * bounded) by method and status; "none" when no response was sent (the client went away).
   */
  static HttpHandler timed(io.micrometer.core.instrument.MeterRegistry registry, String route, HttpHandler guardedHandler) {
    return exchange -> {
      long start = System.nanoTime();
      try {
        guardedHandler.handle(exchange);
      } finally {
        int status = exchange.getResponseCode();
        String method = METHODS.contains(exchange.getRequestMethod()) ? exchange.getRequestMethod() : "OTHER";
        io.micrometer.core.instrument.Timer.builder(REQUESTS_METER)
            .description("HTTP requests answered, by route (registered path), method and status")
            .tags("route", route, "method", method, "status", status < 0 ? "none" : Integer.toString(status))
            .register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    };
  }

  /** Only {@code path} itself: the JDK matches contexts by prefix. */
  private static HttpHandler exact(String path, HttpHandler handler) {
    return guarded(exchange -> {
      if (!path.equals(exchange.getRequestURI().getPath())) {
        respondErrors(exchange, 404, java.util.List.of("no such resource: " + exchange.getRequestURI().getPath()));
        return;
      }
      handler.handle(exchange);
    });
  }

  /**
   * Every exchange answered and closed: a handler that throws before it responded gets a 500 with
   * the exception's class (its message may hold input); one that fails mid-response (the client
   * went away) is closed.
   */
  static HttpHandler guarded(HttpHandler handler) {
    return exchange -> {
      try {
        handler.handle(exchange);
      } catch (RuntimeException | IOException | Error e) {
        if (exchange.getResponseCode() == -1) {
          try {
            respondErrors(exchange, 500, java.util.List.of("internal error: " + e.getClass().getSimpleName()));
          } catch (IOException | RuntimeException ignored) {
            // the client is gone
          }
        }
        if (e instanceof Error error && !(e instanceof StackOverflowError)) {
          throw error;
        }
      } finally {
        exchange.close();
      }
    };
  }

  /** Answers {@code /} itself (a service's home page); every other unrouted path stays a JSON 404. */
  public void setHome(HttpHandler handler) {
    home.set(handler);
  }

  /** Adds a route after start (for a handler that needs the bound port). */
  public void addRoute(Route route) {
    server.createContext(route.path(), timed(registry, route.path(), guarded(route.handler())));
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
