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

  /** How long the follower's fetch waits at the broker for 64 KB of new articles, once caught up. */
  static final int FOLLOW_FETCH_WAIT_MS = 5000;

  private final Cache<String, Boolean> seen;
  private final Map<String, Object> followProperties;
  /** The consumer polling now: the catching-up one, then the following one. */
  private volatile KafkaConsumer<String, byte[]> consumer;
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
      this.followProperties = null;
      this.consumer = null;
      this.follower = null;
      this.caughtUp = true;
      return;
    }
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "relmon-ingest-seen-articles");
    // Two consumers one after the other, because no fetch setting suits both phases. Catching up,
    // every fetch returns what there is: the last one must not wait for more (ingest's feeds wait
    // until it is caught up). Following, ids published elsewhere may arrive a few seconds late
    // (this instance's claims are immediate): fetching one record per response took a sixth of
    // ingest's CPU at 200 articles/s, and as much again of the broker's, so a fetch waits for 64
    // KB; and at rest each wait that ends empty is a fetch the broker answers — every 5 s, not
    // every 500 ms (an idle stack's fixed cost, docs/benchmarks.md). An article re-submitted to
    // another instance within those seconds is published again, and scoring counts it once all
    // the same.
    Map<String, Object> catchingUp = new HashMap<>(props);
    catchingUp.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FOLLOW_FETCH_WAIT_MS);
    this.followProperties = props;
    this.consumer = new KafkaConsumer<>(catchingUp, new StringDeserializer(), new ByteArrayDeserializer());
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
    KafkaConsumer<String, byte[]> catchingUp = consumer;
    try {
      Map<TopicPartition, Long> positions;
      try {
        List<TopicPartition> partitions = catchingUp.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        catchingUp.assign(partitions);
        Map<TopicPartition, Long> end = catchingUp.endOffsets(partitions);
        Map<TopicPartition, Long> begin = catchingUp.beginningOffsets(partitions);
        long perPartition = Math.max(1, remembered / Math.max(1, partitions.size()));
        for (TopicPartition p : partitions) {
          catchingUp.seek(p, Math.max(begin.get(p), end.get(p) - perPartition));
        }
        while (running && !partitions.stream().allMatch(p -> catchingUp.position(p) >= end.get(p))) {
          remember(catchingUp.poll(Duration.ofMillis(500)));
        }
        positions = new HashMap<>();
        for (TopicPartition p : partitions) {
          positions.put(p, catchingUp.position(p));
        }
      } finally {
        catchingUp.close();
      }
      if (!running) {
        return;
      }
      caughtUp = true;
      log.info("ingest knows {} article ids from {}", seen.estimatedSize(), topic);
      try (KafkaConsumer<String, byte[]> following = new KafkaConsumer<>(followProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer = following;
        following.assign(positions.keySet());
        positions.forEach(following::seek);
        // A poll returns as soon as a fetch brings records, and close() wakes it: waiting as
        // long as the fetch does costs nothing, and a shorter poll would only turn the loop idly.
        while (running) {
          remember(following.poll(Duration.ofMillis(FOLLOW_FETCH_WAIT_MS)));
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("following {} stopped; re-submissions may be published again (scoring still counts each article once)", topic, e);
    } finally {
      // Nothing more will be learnt: sources waiting for the ids must not wait forever.
      caughtUp = true;
    }
  }

  private void remember(Iterable<ConsumerRecord<String, byte[]>> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.key() != null) {
        seen.put(record.key(), Boolean.TRUE);
      }
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
