package io.relmon.local;

import io.relmon.service.PipelineHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the time goes between hops: a read_committed consumer of the pipeline's topics that notes,
 * for every record carrying the {@code relmon.accepted.at} header, how long after its article was
 * accepted the record became visible to consumers of that topic. Each topic a service writes in
 * a transaction is a hop; the differences between topics are the services' shares.
 */
final class HopWatcher implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final Map<String, List<Long>> delays = new ConcurrentHashMap<>();
  private volatile boolean counting;

  HopWatcher(String bootstrap, List<String> topics) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.GROUP_ID_CONFIG, "relmon-bench-hops-" + System.nanoTime()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(topics);
    topics.forEach(t -> delays.put(t, Collections.synchronizedList(new ArrayList<>())));
    thread = new Thread(this::run, "bench-hop-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          OptionalLong accepted = PipelineHeaders.acceptedAt(record.headers());
          if (counting && accepted.isPresent()) {
            delays.get(record.topic()).add(System.currentTimeMillis() - accepted.getAsLong());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Counts from now on (after the warm-up). */
  void startCounting() {
    counting = true;
  }

  /** Per topic: records seen, p50, p95, p99 in ms (exact, from every record). */
  Map<String, long[]> summary() {
    Map<String, long[]> out = new LinkedHashMap<>();
    delays.forEach((topic, list) -> {
      List<Long> sorted;
      synchronized (list) {
        sorted = new ArrayList<>(list);
      }
      Collections.sort(sorted);
      out.put(topic, sorted.isEmpty() ? new long[] {0, -1, -1, -1}
          : new long[] {sorted.size(), at(sorted, 0.5), at(sorted, 0.95), at(sorted, 0.99)});
    });
    return out;
  }

  private static long at(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  @Override
  /** Stops watching; a second call does nothing. */
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    consumer.wakeup();
    thread.join(10_000);
  }

  private boolean closed;
}
