package io.relmon.ingest.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs a URL of someone else's choosing — a feed, an item's page — so that it can neither reach
 * what it must not nor hold the caller:
 *
 * <ul>
 *   <li>every hop's host is checked by the {@link AddressPolicy} before anything is sent to it;
 *       redirects are followed here, not by the client, at most {@code maxRedirects} of them, so
 *       that each new location is checked too. A refused address is never contacted.
 *   <li>one deadline covers the whole fetch from its first request — every hop, connection,
 *       headers and body: a server that trickles a byte at a time is cut off when it passes, and
 *       its connection closed.
 *   <li>a body over {@code maxBytes} is refused: a declared Content-Length over it before a byte
 *       of the body is read, a longer stream as soon as it passes the cap.
 *   <li>each hop waits for its host's turn ({@link HostPacer}).
 * </ul>
 *
 * <p>Residual risk, DNS rebinding: the JDK client resolves the host again when it connects, and
 * cannot be handed the addresses that were checked (it has no resolver hook, and connecting to
 * the address with the name in a Host header would break TLS name checks). A name whose DNS
 * answer changes between the check and the connection, within the record's lifetime, could still
 * reach a refused address. The JVM's own DNS cache (30 s by default) narrows the window.
 */
public final class SafeFetcher {

  /** What a fetch gave. */
  public sealed interface Outcome permits Fetched, Refused {}

  /** The final hop's answer (any status but a redirect), its body whole and within the cap. */
  public record Fetched(int statusCode, HttpHeaders headers, byte[] body, URI uri) implements Outcome {}

  /** Not fetched (or not wholly): why, as a fixed word for metrics and a sentence for people. */
  public record Refused(URI uri, Why why, String reason) implements Outcome {}

  /** The kinds of refusal; {@link #tag} is the metric tag. */
  public enum Why {
    ADDRESS("address"), REDIRECTS("redirects"), TOO_LARGE("too_large");

    private final String tag;

    Why(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final AddressPolicy policy;
  private final HostPacer pacer;
  private final Duration deadline;
  private final int maxRedirects;
  private final HttpClient http;

  SafeFetcher(AddressPolicy policy, HostPacer pacer, Duration deadline, int maxRedirects) {
    this.policy = policy;
    this.pacer = pacer;
    this.deadline = deadline;
    this.maxRedirects = maxRedirects;
    this.http = HttpClient.newBuilder()
        .connectTimeout(deadline)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Fetches {@code uri} with the given request headers (sent on every hop). Throws IOException
   * for what may pass (a network failure, an unknown host, a deadline passed).
   */
  public Outcome fetch(URI uri, Map<String, String> headers, int maxBytes) throws IOException, InterruptedException {
    long end = 0;
    URI current = uri;
    for (int hop = 0; hop <= maxRedirects; hop++) {
      HttpResponse<byte[]> response;
      try (HostPacer.Turn turn = pacer.turn(current.getHost() + ":" + current.getPort())) {
        // Checked at the last moment before the connection, to keep the rebinding window small.
        if (policy.check(current) instanceof AddressPolicy.Refused refused) {
          return new Refused(current, Why.ADDRESS, hop == 0 ? refused.reason()
              : "redirected from " + uri + " to " + current + ": " + refused.reason());
        }
        // The deadline runs from the first request, not from the wait for the host's turn.
        end = hop == 0 ? System.nanoTime() + deadline.toNanos() : end;
        response = send(current, headers, maxBytes, end);
      } catch (TooLarge e) {
        return new Refused(current, Why.TOO_LARGE, current + " sent " + e.getMessage());
      }
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse(null);
      if (!REDIRECTS.contains(status) || location == null) {
        return new Fetched(status, response.headers(), response.body(), current);
      }
      try {
        current = current.resolve(location.strip());
      } catch (IllegalArgumentException e) {
        throw new IOException(current + " redirected to '" + location + "', not a URL");
      }
    }
    return new Refused(uri, Why.REDIRECTS, uri + " redirected more than " + maxRedirects + " times");
  }

  /** One GET, answered in full before {@code end} (System.nanoTime), or aborted. */
  private HttpResponse<byte[]> send(URI uri, Map<String, String> headers, int maxBytes, long end)
      throws IOException, InterruptedException {
    long left = end - System.nanoTime();
    if (left <= 0) {
      throw new HttpTimeoutException(uri + ": no complete answer within " + deadline);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left)).GET();
    headers.forEach(request::header);
    CappedBody body = new CappedBody(maxBytes);
    CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request.build(), body);
    try {
      return answer.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abort(answer, body);
      throw new HttpTimeoutException(uri + ": no complete answer within " + deadline);
    } catch (InterruptedException e) {
      abort(answer, body);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(uri + ": " + e.getCause(), e.getCause());
    }
  }

  /** Stops reading and closes the exchange, so that a trickling server costs nothing more. */
  private static void abort(CompletableFuture<?> answer, CappedBody body) {
    body.cancel();
    answer.cancel(true);
  }

  /** A body over the cap: the reading stopped there. */
  private static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  /**
   * Collects a body up to a cap; cancels the subscription (which closes the connection) when the
   * declared length or the bytes received pass it, or when {@link #cancel} is called.
   */
  private static final class CappedBody implements HttpResponse.BodyHandler<byte[]> {
    private final int maxBytes;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    CappedBody(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new HttpResponse.BodySubscriber<>() {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public CompletionStage<byte[]> getBody() {
          return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          if (declared > maxBytes) {
            s.cancel();
            result.completeExceptionally(new TooLarge(declared + " bytes (Content-Length), more than " + maxBytes));
          } else if (cancelled) {
            s.cancel();
            result.completeExceptionally(new IOException("cancelled"));
          } else {
            s.request(Long.MAX_VALUE);
          }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
          if (result.isDone()) {
            return;
          }
          for (ByteBuffer item : items) {
            if (bytes.size() + (long) item.remaining() > maxBytes) {
              subscription.cancel();
              result.completeExceptionally(new TooLarge("more than " + maxBytes + " bytes"));
              return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.write(chunk, 0, chunk.length);
          }
        }

        @Override
        public void onError(Throwable error) {
          result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
          result.complete(bytes.toByteArray());
        }
      };
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
