package io.relmon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

class IdlePollingClientsTest {

  private static final Duration STREAMS_POLL = Duration.ofMillis(100);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final TopicPartition INPUT = new TopicPartition("input", 0);

  /** A consumer that records each poll's length and returns records when told to. */
  private static final class Fake {
    final List<Duration> polls = new ArrayList<>();
    boolean nextHasRecords;
    final Set<TopicPartition> assignment = Set.of(INPUT);

    @SuppressWarnings("unchecked")
    Consumer<byte[], byte[]> consumer() {
      return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class},
          (proxy, method, args) -> switch (method.getName()) {
            case "poll" -> {
              polls.add((Duration) args[0]);
              boolean some = nextHasRecords;
              nextHasRecords = false;
              yield some
                  ? new ConsumerRecords<>(Map.of(INPUT, List.of(new ConsumerRecord<>("input", 0, 0L, new byte[0], new byte[0]))), Map.of())
                  : ConsumerRecords.empty();
            }
            case "assignment" -> assignment;
            case "wakeup" -> throw new WakeupException();
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }

    Duration lastPoll() {
      return polls.get(polls.size() - 1);
    }
  }

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Fake fake = new Fake();
  private final Consumer<byte[], byte[]> consumer;

  IdlePollingClientsTest() {
    IdlePollingClients clients = new IdlePollingClients(IDLE_POLL, WINDOW, nanos::get);
    clients.watch(running::get);
    consumer = clients.idlePolling(fake.consumer());
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void aThreadKeepsStreamsPollUntilTheWindowHasPassedWithoutRecords() {
    consumer.poll(STREAMS_POLL);
    assertEquals(STREAMS_POLL, fake.lastPoll(), "a new thread starts active");
    advance(WINDOW.minusMillis(1));
    consumer.poll(STREAMS_POLL);
    assertEquals(STREAMS_POLL, fake.lastPoll());
    advance(Duration.ofMillis(1));
    consumer.poll(STREAMS_POLL);
    assertEquals(IDLE_POLL, fake.lastPoll(), "quiet for the whole window: the long poll");
  }

  @Test
  void recordsBringStreamsPollBackForAnotherWindow() {
    advance(WINDOW);
    fake.nextHasRecords = true;
    assertEquals(1, consumer.poll(STREAMS_POLL).count(), "the records are handed on");
    assertEquals(IDLE_POLL, fake.lastPoll(), "that poll was long; it returned with the records");
    advance(WINDOW.minusMillis(1));
    consumer.poll(STREAMS_POLL);
    assertEquals(STREAMS_POLL, fake.lastPoll(), "a punctuation or commit after the records gets its loop turns");
    advance(Duration.ofMillis(1));
    consumer.poll(STREAMS_POLL);
    assertEquals(IDLE_POLL, fake.lastPoll());
  }

  @Test
  void anApplicationNotRunningKeepsStreamsPoll() {
    advance(WINDOW.multipliedBy(5));
    running.set(false);
    consumer.poll(STREAMS_POLL);
    assertEquals(STREAMS_POLL, fake.lastPoll(), "rebalancing, restoring or stopping: each step needs a loop turn");
    running.set(true);
    consumer.poll(STREAMS_POLL);
    assertEquals(IDLE_POLL, fake.lastPoll());
  }

  @Test
  void aLongerPollThanTheIdleOneAndAPollOfZeroAreKept() {
    advance(WINDOW);
    consumer.poll(Duration.ofSeconds(5));
    assertEquals(Duration.ofSeconds(5), fake.lastPoll());
    consumer.poll(Duration.ZERO);
    assertEquals(Duration.ZERO, fake.lastPoll(), "zero: the caller has work in hand");
    consumer.poll(STREAMS_POLL);
    assertEquals(IDLE_POLL, fake.lastPoll());
  }

  @Test
  void everyOtherCallGoesToTheConsumerWithItsOwnExceptions() {
    assertSame(fake.assignment, consumer.assignment());
    assertEquals(consumer, consumer, "the proxy equals itself");
    assertEquals(System.identityHashCode(consumer), consumer.hashCode());
    assertThrows(WakeupException.class, consumer::wakeup, "not wrapped in a reflection exception");
  }
}
