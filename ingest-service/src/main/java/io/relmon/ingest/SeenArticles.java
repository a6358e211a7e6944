package io.relmon.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.relmon.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article ids ingest has seen, so that a re-submitted article is answered "duplicate" and
 * not published twice. It learns them from relmon.articles.v1 itself: at start it reads the
 * latest {@code remembered} records (spread over the partitions) and then keeps following the
 * topic, so what any ingest instance published — before a restart or on another instance — is
 * known here within moments. An id is claimed before its article is published (two concurrent
 * submissions of one article: one is published, one is a duplicate) and released when the
 * publish failed, so a retry goes through.
 *
 * <p>Older articles than the remembered ones are published again when re-submitted; scoring
 * still counts an article once per event (its de-duplication keeps the article ids it counted).
 */
public final class SeenArticles implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SeenArticles.class);

  private final Cache<String, Boolean> seen;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread follower;
  private final String topic;
  private final int remembered;
  private volatile boolean running = true;
  private volatile boolean caughtUp;

  private SeenArticles(String topic, Map<String, Object> clientProperties, int remembered) {
    this.topic = topic;
    this.remembered = remembered;
    this.seen = Caffeine.newBuilder().maximumSize(remembered).build();
    if (clientProperties == null) {
      this.consumer = null;
      this.follower = null;
      this.caughtUp = true;
      return;
    }
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    // Ids published elsewhere may arrive a moment late (this instance's claims are immediate):
    // fetching one record per response took a sixth of ingest's CPU at 200 articles/s, and as
    // much again of the broker's. At rest each wait that ends empty is a fetch the broker answers:
    // a second apart, not a quarter (an idle stack's fixed cost, docs/benchmarks.md); an article
    // re-submitted to another instance within that second is published again, and scoring counts
    // it once all the same.
    props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "relmon-ingest-seen-articles");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.follower = new Thread(this::follow, "relmon-ingest-seen-articles");
    this.follower.setDaemon(true);
  }

  /** Follows {@code topic} on the cluster of {@code clientProperties}. */
  public static SeenArticles following(Topic<String, ?> topic, Map<String, Object> clientProperties, int remembered) {
    SeenArticles seen = new SeenArticles(topic.name(), clientProperties, remembered);
    seen.follower.start();
    return seen;
  }

  /** Only what this process claims (for tools and tests without a cluster to follow). */
  public static SeenArticles inMemory(int remembered) {
    return new SeenArticles(null, null, remembered);
  }

  /** True when {@code articleId} was not seen: it is now, and the caller publishes it. */
  public boolean claim(String articleId) {
    return seen.asMap().putIfAbsent(articleId, Boolean.TRUE) == null;
  }

  /** True when {@code articleId} was seen (claimed here or read from the topic). */
  public boolean contains(String articleId) {
    return seen.getIfPresent(articleId) != null;
  }

  /** Forgets a claim whose publish failed, so that the client's retry is not a "duplicate". */
  public void release(String articleId) {
    seen.invalidate(articleId);
  }

  /** True once the ids already on the topic at start have been read (or reading them failed). */
  public boolean caughtUp() {
    return caughtUp;
  }

  public long size() {
    return seen.estimatedSize();
  }

  private void follow() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      long perPartition = Math.max(1, remembered / Math.max(1, partitions.size()));
      for (TopicPartition p : partitions) {
        consumer.seek(p, Math.max(begin.get(p), end.get(p) - perPartition));
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null) {
            seen.put(record.key(), Boolean.TRUE);
          }
        }
        if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
          caughtUp = true;
          log.info("ingest knows {} article ids from {}", seen.estimatedSize(), topic);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("following {} stopped; re-submissions may be published again (scoring still counts each article once)", topic, e);
      // Nothing more will be learnt: sources waiting for the ids must not wait forever.
      caughtUp = true;
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
      try {
        follower.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
