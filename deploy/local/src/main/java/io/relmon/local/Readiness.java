package io.relmon.local;

import io.relmon.service.ServiceHttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Waits until each service of a stack answers 200 on its readiness route, for {@code relmon
 * local} and {@code relmon bench} alike; a service found dead on the way (a process that exited)
 * fails the wait at once with the reason its caller gives.
 */
final class Readiness {

  private Readiness() {}

  /**
   * @param ports service name → HTTP port on the loopback address
   * @param deadReason service name → why it is known dead (e.g. "stopped at start; its log: …"), or null while alive
   */
  static void await(Map<String, Integer> ports, Function<String, String> deadReason, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (var service : ports.entrySet()) {
      String url = "http://" + StackSettings.HOST + ":" + service.getValue() + ServiceHttpServer.READY_PATH;
      while (Http.status(url) != 200) {
        String dead = deadReason.apply(service.getKey());
        if (dead != null) {
          throw new IllegalStateException(service.getKey() + " " + dead);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(service.getKey() + " not ready within " + timeout);
        }
        Thread.sleep(200);
      }
    }
  }
}
