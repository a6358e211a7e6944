package io.relmon.local;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.Topic;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.service.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The floor under the scoring rate: the least a Kafka Streams application does per event under
 * the same settings as scoring (exactly_once_v2, its commit interval, one stream thread) — read and
 * decode the articles, write each coded event as one record. It tells what of scoring's cost per
 * event is Streams' and the broker's, and what is relmon's own work; the raw consumer beside it
 * only reads.
 *
 * <p>It reads the bench's articles topic from the beginning, after the scoring phase, so every
 * record is there when it starts (scoring's measured batch is produced while it runs); timed from
 * its first record to its last processed, the start-up and the last commit left out.
 */
final class StreamsFloor {
  static final String APPLICATION_ID = "relmon-bench-streams-floor";
  static final String OUTPUT = "relmon-bench-streams-floor-events";

  record Result(long events, double seconds) {
    double eventsPerSecond() {
      return events / seconds;
    }
  }

  private StreamsFloor() {}

  static Result run(Admin admin, String bootstrap, Topic<String, ArticleEvent> articles, long expectedEvents,
      int commitIntervalMs, Path stateDir, String deadLetterTopic, Duration timeout) throws Exception {
    admin.createTopics(List.of(new NewTopic(OUTPUT, articles.partitions(), (short) 1)))
        .all().get(30, TimeUnit.SECONDS);
    AtomicLong seen = new AtomicLong();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(articles.name(), Consumed.with(articles.keySerde(), articles.valueSerde()).withName("floor-articles"))
        .flatMapValues(ArticleEvent::getEvents, Named.as("floor-events"))
        .peek((key, event) -> {
          long now = System.nanoTime();
          first.compareAndSet(0, now);
          last.set(now);
          seen.incrementAndGet();
        }, Named.as("floor-count"))
        .to(OUTPUT, Produced.with(Serdes.String(), AvroSerde.of(CodedEvent.class)).withName("floor-sink"));
    Properties props = StreamsSettings.of(APPLICATION_ID, "bench", Map.of("bootstrap.servers", bootstrap), stateDir,
        commitIntervalMs, 1, deadLetterTopic, new SimpleMeterRegistry());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.get() < expectedEvents) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the Streams floor read " + seen.get() + " of " + expectedEvents + " events in " + timeout);
        }
        Thread.sleep(20);
      }
      streams.close(Duration.ofSeconds(30));
    }
    return new Result(seen.get(), (last.get() - first.get()) / 1e9);
  }
}
