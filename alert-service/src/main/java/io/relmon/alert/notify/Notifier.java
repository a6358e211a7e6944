package io.relmon.alert.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.alert.rules.Channel;
import io.relmon.alert.rules.RuleSet;
import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.DeliveryRecord;
import io.relmon.schemas.avro.DeliveryStatus;
import io.relmon.service.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each alert on relmon.alerts.v1 to each of its channels at least once, and never twice:
 * every outcome is written to relmon.deliveries.v1 (compacted, keyed by {@code alertId/channel})
 * before the alert's offset is committed, and the log is read back at start ({@link DeliveryLog}),
 * so a restarted notifier skips what was delivered. The e-mail's Message-ID is the same key, so
 * even a crash between the SMTP server's acceptance and the log write leaves a duplicate a mail
 * client folds. Daily digests go through relmon.digest-queue.v1 ({@link DigestScheduler}).
 *
 * <p>This class is the thin Kafka loop around {@link DeliveryScheduler}: poll, hand each alert to
 * the scheduler, let it send what is due (it never sleeps: a failing channel's alerts wait in its
 * pending set), wait for the journal's writes, commit — never past an alert that is not yet
 * DELIVERED or FAILED. When the pending set is full the partitions are paused (the consumer
 * still polls, so it stays in the group) and what was polled past the bound is sought back.
 *
 * <p>A record that cannot be handled is dead-lettered and the loop goes on; a round that fails
 * (the broker unreachable, a write refused) is logged, everything not committed is read again
 * from the committed offsets, and the loop goes on. Each completed round beats the
 * {@link Heartbeat} that {@link #live()} and the gauge {@code relmon.notifier.last.loop} report.
 */
public final class Notifier implements AutoCloseable, Redeliveries {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  /**
   * The notifier's bounds.
   *
   * @param maxPending deliveries that may wait for their channel at once (then the partitions pause)
   * @param logRetention how long the delivery log remembers a key
   * @param logMaxKeys how many keys it remembers at most
   * @param stallBound how long a round may take before {@link #live()} says no
   * @param roundTime how long one round starts new delivery attempts for
   */
  public record Options(RetryPolicy retry, int maxPending, Duration logRetention, int logMaxKeys, Duration stallBound,
      Duration roundTime) {
    public static Options defaults() {
      return new Options(RetryPolicy.defaults(), 1000, DeliveryLog.DEFAULT_RETENTION, DeliveryLog.DEFAULT_MAX_KEYS,
          Duration.ofMinutes(2), Duration.ofSeconds(10));
    }

    public Options withRetry(RetryPolicy retry) {
      return new Options(retry, maxPending, logRetention, logMaxKeys, stallBound, roundTime);
    }

    public Options withMaxPending(int maxPending) {
      return new Options(retry, maxPending, logRetention, logMaxKeys, stallBound, roundTime);
    }

    public Options withStallBound(Duration stallBound) {
      return new Options(retry, maxPending, logRetention, logMaxKeys, stallBound, roundTime);
    }
  }

  /** A FAILED delivery an operator asked to send again. */
  private record Redelivery(Alert alert, String channel) {}

  private final List<Future<RecordMetadata>> pendingWrites = new ArrayList<>();
  /** What was written since the last acknowledged batch: written again after a failed round. */
  private final List<ProducerRecord<String, byte[]>> unconfirmed = new ArrayList<>();
  private final Topics topics;
  private final ChannelSender sender;
  private final MeterRegistry meters;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final Map<String, Object> clientProperties;
  private final Clock clock;
  private final DeliveryLog deliveryLog;
  private final DigestQueue digestQueue;
  private final DeliveryScheduler scheduler;
  private final Heartbeat heartbeat;
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final ConcurrentLinkedQueue<Redelivery> redeliveries = new ConcurrentLinkedQueue<>();
  /**
   * How long a round waits for alerts while deliveries are pending (retries come due) and while
   * none are: an idle notifier turns once a second (a redelivery asked for waits up to that), not
   * five times (docs/benchmarks.md, cost at rest).
   */
  static final Duration BUSY_POLL = Duration.ofMillis(200);
  static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile boolean ready;
  private boolean loaded;
  private boolean recovering;

  public Notifier(Topics topics, RuleSet rules, Mailer mailer, WebhookSender webhooks, RetryPolicy retry,
      Map<String, Object> clientProperties, String groupId, MeterRegistry meters) {
    this(topics, rules, mailer, webhooks, retry, clientProperties, groupId, meters, Clock.systemUTC());
  }

  /** As above, on {@code clock}: what decides when a daily digest is due and when a retry is. */
  public Notifier(Topics topics, RuleSet rules, Mailer mailer, WebhookSender webhooks, RetryPolicy retry,
      Map<String, Object> clientProperties, String groupId, MeterRegistry meters, Clock clock) {
    this(topics, rules, ChannelSenders.of(mailer, webhooks), Options.defaults().withRetry(retry), clientProperties, groupId,
        meters, clock);
  }

  public Notifier(Topics topics, RuleSet rules, ChannelSender sender, Options options, Map<String, Object> clientProperties,
      String groupId, MeterRegistry meters, Clock clock) {
    this.topics = topics;
    this.sender = sender;
    this.clock = clock;
    this.meters = meters;
    this.clientProperties = clientProperties;
    Map<String, Object> consumerProps = new HashMap<>(clientProperties);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    consumerProps.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "relmon-notifier");
    // At rest each fetch that ends empty is a request the broker answers: every 2 s, not Kafka's
    // 500 ms (docs/benchmarks.md, "2026-12-05"). A waiting fetch ends as soon as an alert is
    // committed, so delivery is not delayed; what may wait up to 2 s is reading again after a
    // seek (a full pending set, a failed round) or a rebalance, while an earlier fetch waits.
    consumerProps.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 2000);
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerProps = new HashMap<>(clientProperties);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "relmon-notifier-log");
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    this.deliveryLog = new DeliveryLog(options.logRetention(), options.logMaxKeys());
    this.digestQueue = new DigestQueue(rules.channels().values().stream().filter(c -> c.digest().isPresent())
        .map(Channel::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
    this.scheduler = new DeliveryScheduler(rules.channels(), sender, options.retry(), deliveryLog, digestQueue, new KafkaJournal(),
        meters, clock, options.maxPending(), options.roundTime());
    this.heartbeat = new Heartbeat(options.stallBound());
    this.thread = new Thread(this::run, "relmon-notifier");
    meters.counter("relmon.dead.letters", "topic", topics.alertDlq().name());
    // At zero from the start: RelmonNotifierFailing reads increase(), which misses a first failure
    // of a series that does not exist yet.
    meters.counter("relmon.notifier.round.failures");
    for (Channel channel : rules.channels().values()) {
      // At zero from the start, so that dashboards and the delivery-failure rule see them at once.
      for (String result : List.of("delivered", "failed")) {
        meters.counter("relmon.alert.deliveries", "channel", channel.name(), "result", result);
      }
      meters.counter("relmon.alert.delivery.retries", "channel", channel.name());
      if (channel.digest().isPresent()) {
        Gauge.builder("relmon.alert.digest.queued", digestQueue, q -> q.size(channel.name())).tag("channel", channel.name())
            .register(meters);
      }
    }
    Gauge.builder("relmon.notifier.last.loop", heartbeat, Heartbeat::ageSeconds).baseUnit("seconds")
        .description("Seconds since the notifier last completed a round of its loop").register(meters);
    Gauge.builder("relmon.alert.delivery.log.keys", deliveryLog, DeliveryLog::size)
        .description("Keys the notifier's delivery log remembers").register(meters);
  }

  public KafkaConsumer<String, byte[]> consumer() {
    return consumer;
  }

  public void start() {
    started = true;
    heartbeat.beat();
    thread.start();
  }

  /** True once the delivery log is loaded and alerts are being consumed. */
  public boolean ready() {
    return ready && thread.isAlive();
  }

  /**
   * False when the notifier's thread has ended or has not completed a round for longer than the
   * stall bound; true before {@link #start()} (the service is starting).
   */
  public boolean live() {
    return !started || heartbeat.alive(thread);
  }

  /** Deliveries waiting for their channel now. */
  public int pending() {
    return scheduler.pending();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topics.alerts().name()), new Rebalance());
      int failuresInARow = 0;
      while (running) {
        try {
          round();
          heartbeat.beat();
          failuresInARow = 0;
        } catch (WakeupException e) {
          if (!running) {
            break;
          }
        } catch (RuntimeException e) {
          failuresInARow++;
          log.error("notifier round failed ({} in a row); reading again from the committed offsets", failuresInARow, e);
          meters.counter("relmon.notifier.round.failures").increment();
          forgetUncommitted();
          pause(Duration.ofMillis(Math.min(30_000, 500L << Math.min(6, failuresInARow))));
          // A failing round (the broker away) is a loop that goes on, not a stalled one: a restart
          // would not bring the broker back. Failures are counted (relmon.notifier.round.failures)
          // and logged; liveness and RelmonNotifierStalled are for a thread that is blocked or dead.
          heartbeat.beat();
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      ready = false;
      consumer.close();
      sender.close();
    }
  }

  /** One round: poll, hand the alerts over, send what is due, write, commit. */
  private void round() {
    if (!loaded) {
      loadDeliveryLog();
      loadDigestQueue();
      loaded = true;
    }
    if (recovering) {
      // The delivery log and digest queue in memory hold what these writes say: make Kafka agree
      // before anything read after them is committed.
      rewriteUnconfirmed();
      seekToCommitted();
      recovering = false;
    }
    ready = true;
    takeRedeliveries();
    if (!scheduler.full() && !consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
    // New alerts end the poll as they come; the wait only sets how often an idle notifier turns.
    boolean idle = scheduler.pending() == 0 && redeliveries.isEmpty();
    ConsumerRecords<String, byte[]> records = consumer.poll(idle ? IDLE_POLL : BUSY_POLL);
    Map<TopicPartition, Long> notTaken = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      if (notTaken.containsKey(partition)) {
        continue;
      }
      if (scheduler.full()) {
        notTaken.put(partition, record.offset());
        continue;
      }
      handle(record);
    }
    // Polled past the bound: read those again once there is room.
    notTaken.forEach(consumer::seek);
    if (scheduler.full()) {
      consumer.pause(consumer.assignment());
    }
    scheduler.deliverDue(() -> running);
    commitProgress(consumer.assignment());
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    try {
      Alert alert = topics.alerts().valueSerde().deserializer().deserialize(record.topic(), record.value());
      if (alert != null) {
        scheduler.accept(alert, new RecordPosition(record.partition(), record.offset()),
            io.relmon.service.PipelineHeaders.acceptedAt(record.headers()));
      }
    } catch (RuntimeException e) {
      log.warn("alert at {}/{}@{} cannot be handled: dead-lettered", record.topic(), record.partition(), record.offset(), e);
      deadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
          "cannot handle alert: " + e.getMessage(), e);
    }
  }

  /**
   * Commits each partition's progress when it moved: its position, or the first alert read there
   * that is not yet done. The position also moves over transaction markers without returning
   * records; committing it keeps the group's lag at zero when idle.
   */
  private void commitProgress(Collection<TopicPartition> partitions) {
    awaitWrites();
    Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
    for (TopicPartition partition : partitions) {
      long offset = scheduler.committable(partition.partition(), consumer.position(partition));
      if (!Long.valueOf(offset).equals(committed.get(partition))) {
        moved.put(partition, new OffsetAndMetadata(offset));
      }
    }
    if (!moved.isEmpty()) {
      consumer.commitSync(moved);
      moved.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }
  }

  /**
   * After a failed round: what was read and not committed is forgotten, and read again from the
   * committed offsets; writes not acknowledged are written again first. The delivery log in
   * memory stays: what it says was delivered was, so it is not sent again.
   */
  private void forgetUncommitted() {
    pendingWrites.clear();
    scheduler.dropAllRead();
    committed.clear();
    recovering = true;
    ready = false;
  }

  private void rewriteUnconfirmed() {
    if (!unconfirmed.isEmpty()) {
      log.info("writing {} records again whose acknowledgement was not received", unconfirmed.size());
      for (ProducerRecord<String, byte[]> record : unconfirmed) {
        pendingWrites.add(producer.send(record));
      }
      awaitWrites();
    }
  }

  /** Moves every assigned partition back to its committed offset (the start, for one without). */
  private void seekToCommitted() {
    var assignment = consumer.assignment();
    if (assignment.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(assignment);
    for (TopicPartition partition : assignment) {
      OffsetAndMetadata offset = offsets.get(partition);
      if (offset == null) {
        consumer.seekToBeginning(List.of(partition));
      } else {
        consumer.seek(partition, offset.offset());
        committed.put(partition, offset.offset());
      }
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Runs inside poll on the notifier's thread: commit what is done, forget what another member
      // reads again. A failure here fails the round (poll throws it), which writes again what was
      // not acknowledged.
      try {
        commitProgress(partitions);
      } finally {
        forget(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    private void forget(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        scheduler.dropPartition(partition.partition());
        committed.remove(partition);
      }
    }
  }

  // ---- Redelivery on request ----

  /**
   * Finds the alerts on relmon.alerts.v1 from {@code since} to the end (as it is now) whose
   * delivery to a channel matching {@code channel} is FAILED in the delivery log, and hands them to
   * the notifier's loop to send again. Runs on the caller's thread with a consumer of its own.
   *
   * @return the keys ({@code alertId/channel}) to be sent again
   */
  @Override
  public List<String> redeliverFailed(Instant since, Optional<String> channel, Optional<String> alertId) {
    List<Redelivery> found = new ArrayList<>();
    Topic<String, Alert> topic = topics.alerts();
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "relmon-notifier-redeliver");
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = reader.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      reader.assign(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      Map<TopicPartition, OffsetAndTimestamp> start = reader.offsetsForTimes(
          partitions.stream().collect(Collectors.toMap(p -> p, p -> since.toEpochMilli())));
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp at = start.get(partition);
        reader.seek(partition, at == null ? end.get(partition) : at.offset());
      }
      Predicate<String> channelMatches = c -> channel.map(c::equals).orElse(true);
      while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          Alert alert;
          try {
            alert = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
          } catch (RuntimeException e) {
            continue; // dead-lettered when it was read the first time
          }
          if (alert == null || alertId.map(id -> !id.equals(alert.getAlertId())).orElse(false)) {
            continue;
          }
          for (String name : alert.getChannels()) {
            if (channelMatches.test(name)
                && deliveryLog.status(DeliveryOutcomes.key(alert.getAlertId(), name)).orElse(null) == DeliveryStatus.FAILED) {
              found.add(new Redelivery(alert, name));
            }
          }
        }
      }
    }
    redeliveries.addAll(found);
    return found.stream().map(r -> DeliveryOutcomes.key(r.alert().getAlertId(), r.channel())).distinct().toList();
  }

  /** Takes the requested redeliveries that are still FAILED (a request made twice sends once), while there is room. */
  private void takeRedeliveries() {
    while (!scheduler.full()) {
      Redelivery next = redeliveries.poll();
      if (next == null) {
        return;
      }
      String key = DeliveryOutcomes.key(next.alert().getAlertId(), next.channel());
      if (deliveryLog.status(key).orElse(null) == DeliveryStatus.FAILED) {
        scheduler.redeliver(next.alert(), next.channel());
      }
    }
  }

  // ---- Writing ----

  /** The journal on Kafka: each write is awaited before the offsets of what it records are committed. */
  private final class KafkaJournal implements DeliveryJournal {
    @Override
    public void delivery(String key, DeliveryRecord record) {
      send(new ProducerRecord<>(topics.deliveries().name(), key, record), topics.deliveries().valueSerde().serializer());
    }

    @Override
    public void queuedForDigest(String channel, Alert alert, Instant at) {
      Topic<String, Alert> topic = topics.digestQueue();
      send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), channel + "/" + alert.getAlertId(), alert),
          topic.valueSerde().serializer());
    }

    @Override
    public void leftDigestQueue(String channel, String alertId) {
      Topic<String, Alert> topic = topics.digestQueue();
      send(new ProducerRecord<>(topic.name(), channel + "/" + alertId, null), topic.valueSerde().serializer());
    }

    @Override
    public void deadLetter(Alert alert, RecordPosition from, String reason, Throwable error) {
      byte[] value = topics.alerts().valueSerde().serializer().serialize(topics.alerts().name(), alert);
      Notifier.this.deadLetter(topics.alerts().name(), from.partition(), from.offset(), alert.getAlertId(), value, reason, error);
    }
  }

  private void deadLetter(String topic, int partition, long offset, String key, byte[] value, String reason, Throwable error) {
    send(DeadLetters.fromRecord(topics.alertDlq(), "alert", reason, error, topic, partition, offset,
        key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value), topics.alertDlq().valueSerde().serializer());
    meters.counter("relmon.dead.letters", "topic", topics.alertDlq().name()).increment();
  }

  /**
   * Writes a record without waiting for it: {@link #awaitWrites} waits for all of them before the
   * offsets of what they record are committed. (Waiting on each took a broker round trip per
   * alert, and alerts queued behind it: docs/benchmarks.md.)
   */
  private <V> void send(ProducerRecord<String, V> record, Serializer<V> serializer) {
    byte[] value = record.value() == null ? null : serializer.serialize(record.topic(), record.value());
    ProducerRecord<String, byte[]> bytes = new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(), value, record.headers());
    unconfirmed.add(bytes);
    pendingWrites.add(producer.send(bytes));
  }

  /**
   * Waits until every record written since the last call is acknowledged; throws if one was not
   * (they stay unconfirmed, to be written again).
   */
  private void awaitWrites() {
    try {
      for (var write : pendingWrites) {
        write.get();
      }
      unconfirmed.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write a delivery record: " + e.getCause(), e.getCause());
    } finally {
      pendingWrites.clear();
    }
  }

  // ---- Loading ----

  /** Reads relmon.deliveries.v1 to its end: every key there was delivered or given up on. */
  private void loadDeliveryLog() {
    Topic<String, DeliveryRecord> topic = topics.deliveries();
    Instant now = clock.instant();
    readToEnd(topic.name(), r -> {
      if (r.key() != null && r.value() != null) {
        DeliveryStatus status;
        try {
          status = topic.valueSerde().deserializer().deserialize(r.topic(), r.value()).getStatus();
        } catch (RuntimeException e) {
          status = DeliveryStatus.DELIVERED; // unreadable: never send twice
        }
        deliveryLog.record(r.key(), status, Instant.ofEpochMilli(r.timestamp()), now);
      }
    });
    log.info("notifier loaded {} delivery records", deliveryLog.size());
  }

  /** Reads the digest queue to its end: alerts held for a digest and not yet sent. */
  private void loadDigestQueue() {
    if (digestQueue.channels().isEmpty()) {
      return;
    }
    Topic<String, Alert> topic = topics.digestQueue();
    readToEnd(topic.name(), r -> {
      int slash = r.key() == null ? -1 : r.key().indexOf('/');
      String channel = slash < 0 ? null : r.key().substring(0, slash);
      if (channel == null || !digestQueue.channels().contains(channel)) {
        return; // a channel no longer in the rules, or no longer a digest channel
      }
      String alertId = r.key().substring(slash + 1);
      if (r.value() == null) {
        digestQueue.remove(channel, alertId);
      } else {
        digestQueue.put(channel, topic.valueSerde().deserializer().deserialize(r.topic(), r.value()), Instant.ofEpochMilli(r.timestamp()));
      }
    });
    log.info("notifier holds {} alerts for digests", digestQueue.size());
  }

  /** Hands every committed record of {@code topic}, from its beginning to its end at the start, to {@code each}. */
  private void readToEnd(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "relmon-notifier-load");
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p)) && running) {
        reader.poll(Duration.ofMillis(200)).forEach(each);
        heartbeat.beat(); // a long log is progress, not a stall
      }
    }
  }

  /** Waits in short steps so that close() is not held up. */
  private void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (running && System.nanoTime() < until) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
  }
}
