package io.relmon.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Kafka Streams' clients, as Kafka's default supplier makes them, except that a stream thread's
 * poll waits longer while its application has nothing to do.
 *
 * <p>Why: a stream thread turns its loop once per {@code poll.ms} (100 ms) whether or not anything
 * arrives — ten polls, commit checks and punctuation checks a second, a fifth of an idle local
 * stack's CPU (docs/benchmarks.md, "Cost at rest"). Raising {@code poll.ms} itself would delay what
 * only a loop turn does after records: a wall-clock punctuation (the warmth publication, 100 ms
 * after a change) and the commit that makes its output visible. So the poll keeps Streams' own
 * length while records came within {@code activeWindow}, or while the application is not
 * {@code RUNNING} (starting, rebalancing, restoring: each step waits for a loop turn), and waits
 * {@code idlePoll} otherwise. The first record after a quiet spell costs nothing more: a poll returns
 * as soon as records are fetched, whatever its length.
 *
 * <p>What waits longer, by at most {@code idlePoll}: a wall-clock punctuation due after the window
 * (the quiet dyads' advance, every few minutes), a rebalance's next step when it starts while the
 * application is quiet, and {@code close()} (Streams does not wake its consumer to stop).
 */
public final class IdlePollingClients implements KafkaClientSupplier {

  /** The poll of a stream thread with nothing to do: ten loop turns a second become one. */
  public static final Duration IDLE_POLL = Duration.ofSeconds(1);

  /**
   * How long after the last records a thread keeps Streams' own poll: a commit interval and a
   * publication interval (100 ms each by default) many times over.
   */
  public static final Duration ACTIVE_WINDOW = Duration.ofSeconds(2);

  private final Duration idlePoll;
  private final Duration activeWindow;
  private final LongSupplier nanoClock;
  private volatile BooleanSupplier running = () -> false;

  /** Polls of {@link #IDLE_POLL} once no records came for {@code activeWindow}. */
  IdlePollingClients(Duration activeWindow) {
    this(IDLE_POLL, activeWindow, System::nanoTime);
  }

  IdlePollingClients(Duration idlePoll, Duration activeWindow, LongSupplier nanoClock) {
    if (idlePoll.isNegative() || activeWindow.isNegative()) {
      throw new IllegalArgumentException("idle poll and active window must not be negative");
    }
    this.idlePoll = idlePoll;
    this.activeWindow = activeWindow;
    this.nanoClock = nanoClock;
  }

  /**
   * A Streams application of {@code topology} whose threads poll long once no records came for
   * {@code activeWindow} while it is {@code RUNNING}.
   */
  public static KafkaStreams kafkaStreams(Topology topology, Properties props, Duration activeWindow) {
    IdlePollingClients clients = new IdlePollingClients(activeWindow);
    KafkaStreams streams = new KafkaStreams(topology, props, clients);
    clients.watch(() -> streams.state() == KafkaStreams.State.RUNNING);
    return streams;
  }

  /** What says whether the application is {@code RUNNING}. */
  void watch(BooleanSupplier running) {
    this.running = running;
  }

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return Admin.create(config);
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    return idlePolling(new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** {@code consumer}, its {@code poll(Duration)} lengthened while idle; every other call passed through. */
  @SuppressWarnings("unchecked")
  Consumer<byte[], byte[]> idlePolling(Consumer<byte[], byte[]> consumer) {
    return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
        new Class<?>[] {Consumer.class}, new IdlePoll(consumer));
  }

  private final class IdlePoll implements InvocationHandler {
    private final Consumer<byte[], byte[]> consumer;
    /** When the last poll returned records; a new thread starts active. */
    private long lastRecordsNanos = nanoClock.getAsLong();

    IdlePoll(Consumer<byte[], byte[]> consumer) {
      this.consumer = consumer;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (args != null && args.length == 1 && args[0] instanceof Duration requested && method.getName().equals("poll")) {
        return poll(requested);
      }
      // The proxy is its own identity: passed on, equals(proxy) would ask the consumer about the proxy.
      if (method.getDeclaringClass() == Object.class && !method.getName().equals("toString")) {
        return method.getName().equals("equals") ? proxy == args[0] : System.identityHashCode(proxy);
      }
      try {
        return method.invoke(consumer, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private ConsumerRecords<byte[], byte[]> poll(Duration requested) {
      // A poll of zero asks not to wait at all (Streams has work in hand): kept as it is.
      boolean lengthen = !requested.isZero() && idlePoll.compareTo(requested) > 0
          && nanoClock.getAsLong() - lastRecordsNanos >= activeWindow.toNanos() && running.getAsBoolean();
      ConsumerRecords<byte[], byte[]> records = consumer.poll(lengthen ? idlePoll : requested);
      if (!records.isEmpty()) {
        lastRecordsNanos = nanoClock.getAsLong();
      }
      return records;
    }
  }
}
