package io.relmon.scoring;

import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Articles written to the articles topic at a steady pace by a thread of their own, the last
 * {@code heldBack} of them only after {@link #release()}. A fault test injects its fault while
 * the feed runs and releases the tail afterwards: the instance that comes after the fault has
 * work left by construction, not because the machine happened to be slow (a scoring service
 * fast enough to finish 400 articles before the kill once made such a test fail on CI).
 */
final class PacedArticleFeed implements AutoCloseable {

  private final Thread thread;
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private PacedArticleFeed(String bootstrap, List<ArticleEvent> input, int heldBack, Duration pause) {
    this.thread = new Thread(() -> run(bootstrap, input, heldBack, pause), "paced-article-feed");
  }

  static PacedArticleFeed start(String bootstrap, List<ArticleEvent> input, int heldBack, Duration pause) {
    PacedArticleFeed feed = new PacedArticleFeed(bootstrap, input, heldBack, pause);
    feed.thread.setDaemon(true); // a failed test must not leave the fork waiting on the tail
    feed.thread.start();
    return feed;
  }

  /** How many articles the broker has acknowledged or been handed so far. */
  int sent() {
    return sent.get();
  }

  /** Lets the held-back tail go. */
  void release() {
    released.countDown();
  }

  /** Waits until every article is acknowledged; rethrows what went wrong on the feed's thread. */
  void awaitAllSent(Duration timeout) throws Exception {
    release();
    thread.join(timeout.toMillis());
    if (thread.isAlive()) {
      throw new AssertionError("the article feed did not finish within " + timeout + " (" + sent() + " sent)");
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private void run(String bootstrap, List<ArticleEvent> input, int heldBack, Duration pause) {
    Topic<String, ArticleEvent> topic = Topics.defaults().articles();
    try (KafkaProducer<String, ArticleEvent> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (int i = 0; i < input.size(); i++) {
        if (i == input.size() - heldBack) {
          producer.flush();
          released.await();
        }
        ArticleEvent a = input.get(i);
        producer.send(new ProducerRecord<>(topic.name(), null, a.getPublished().toEpochMilli(), a.getArticleId(), a));
        sent.incrementAndGet();
        Thread.sleep(pause.toMillis());
      }
      producer.flush();
    } catch (Exception e) {
      failure.set(e);
    }
  }

  @Override
  public void close() throws Exception {
    release();
    thread.join(30_000);
  }
}
