package io.relmon.ingest.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Politeness towards each host: one request at a time, and the next no sooner than the
 * politeness delay after the end of the last one (a slow host gets more time, not less).
 *
 * <p>What it remembers is bounded: a host is forgotten once its delay has passed (remembering it
 * would change nothing), and at most {@code maxRemembered} hosts are kept — past that the one whose
 * delay ends first is forgotten early, which can only make one request to it a little early.
 * Hosts being fetched right now are remembered apart; there are at most as many as fetching
 * threads.
 */
final class HostPacer {

  /** Held while a request to the host runs; closing it starts the host's delay. */
  interface Turn extends AutoCloseable {
    @Override
    void close();
  }

  static final int DEFAULT_MAX_REMEMBERED = 10_000;

  private final Duration politeness;
  private final int maxRemembered;
  private final Clock clock;
  private final Set<String> busy = new HashSet<>();
  /** When each host's last request ended, oldest first. */
  private final LinkedHashMap<String, Instant> lastEnd = new LinkedHashMap<>();

  HostPacer(Duration politeness, int maxRemembered, Clock clock) {
    this.politeness = politeness;
    this.maxRemembered = maxRemembered;
    this.clock = clock;
  }

  /** Waits until {@code host} may be sent a request; the caller closes the turn when it ended. */
  Turn turn(String host) throws InterruptedException {
    synchronized (this) {
      while (true) {
        forgetPassed();
        long waitMillis;
        if (busy.contains(host)) {
          waitMillis = 1000;
        } else {
          Instant last = lastEnd.get(host);
          waitMillis = last == null ? 0 : Duration.between(clock.instant(), last.plus(politeness)).toMillis();
          if (waitMillis <= 0) {
            busy.add(host);
            return () -> ended(host);
          }
        }
        // Releases the lock: others take their turns meanwhile; an ended turn wakes us early.
        wait(waitMillis);
      }
    }
  }

  private synchronized void ended(String host) {
    busy.remove(host);
    lastEnd.remove(host);
    lastEnd.put(host, clock.instant());
    Iterator<String> oldest = lastEnd.keySet().iterator();
    while (lastEnd.size() > maxRemembered) {
      oldest.next();
      oldest.remove();
    }
    notifyAll();
  }

  /** Forgets the hosts whose delay has passed, oldest first, stopping at the first still waited for. */
  private void forgetPassed() {
    Instant now = clock.instant();
    Iterator<Map.Entry<String, Instant>> entries = lastEnd.entrySet().iterator();
    while (entries.hasNext()) {
      if (entries.next().getValue().plus(politeness).isAfter(now)) {
        return;
      }
      entries.remove();
    }
  }

  /** How many hosts are remembered (delays not yet passed, and hosts being fetched). */
  synchronized int remembered() {
    forgetPassed();
    Set<String> all = new HashSet<>(lastEnd.keySet());
    all.addAll(busy);
    return all.size();
  }
}
