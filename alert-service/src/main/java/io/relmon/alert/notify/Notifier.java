package io.relmon.alert.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.relmon.alert.rules.Channel;
import io.relmon.alert.rules.RuleSet;
import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.ChannelKind;
import io.relmon.schemas.avro.DeliveryRecord;
import io.relmon.schemas.avro.DeliveryStatus;
import io.relmon.service.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each alert on relmon.alerts.v1 to each of its channels at least once, and never twice:
 * every outcome is written to relmon.deliveries.v1 (compacted, keyed by {@code alertId/channel})
 * before the alert's offset is committed, and the log is read back at start, so a restarted
 * notifier skips what was delivered. The e-mail's Message-ID is the same key, so even a crash
 * between the SMTP server's acceptance and the log write leaves a duplicate a mail client folds.
 * Retries with exponential backoff while the channel is down; after the budget, a FAILED record
 * with the reason.
 *
 * <p>A channel with a daily digest gets no alert at once: the alert is written to the digest
 * queue (relmon.digest-queue.v1, compacted, keyed {@code channel/alertId}) and, at the channel's
 * digest time, every alert queued up to then goes out in one message; then each gets its delivery
 * record and its queue entry a tombstone.
 */
public final class Notifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  /** Exponential backoff: {@code attempts} tries, waiting {@code first}, then twice that, up to {@code max}. */
  public record Retry(int attempts, Duration first, Duration max) {
    public static Retry defaults() {
      return new Retry(8, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
  }

  private final List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> pendingWrites = new ArrayList<>();
  private final Topics topics;
  private final RuleSet rules;
  private final Mailer mailer;
  private final WebhookSender webhooks;
  private final Retry retry;
  private final MeterRegistry meters;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final Map<String, Object> clientProperties;
  private final Set<String> delivered = new HashSet<>();
  /** Alerts held for each digest channel, in the order they were queued. */
  private final Map<String, Map<String, Queued>> digestQueues = new ConcurrentHashMap<>();
  private final Clock clock;
  private final io.micrometer.core.instrument.Timer endToEnd;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean ready;

  public Notifier(Topics topics, RuleSet rules, Mailer mailer, WebhookSender webhooks, Retry retry,
      Map<String, Object> clientProperties, String groupId, MeterRegistry meters) {
    this(topics, rules, mailer, webhooks, retry, clientProperties, groupId, meters, Clock.systemUTC());
  }

  /** As above, on {@code clock}: what decides when a daily digest is due. */
  public Notifier(Topics topics, RuleSet rules, Mailer mailer, WebhookSender webhooks, Retry retry,
      Map<String, Object> clientProperties, String groupId, MeterRegistry meters, Clock clock) {
    this.topics = topics;
    this.clock = clock;
    this.endToEnd = io.micrometer.core.instrument.Timer.builder("relmon.pipeline.latency")
        .description("From the article accepted by ingest to the alert accepted by its channel (SMTP server, webhook)")
        .publishPercentileHistogram()
        .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
        .register(meters);
    this.rules = rules;
    this.mailer = mailer;
    this.webhooks = webhooks;
    this.retry = retry;
    this.meters = meters;
    this.clientProperties = clientProperties;
    Map<String, Object> consumerProps = new HashMap<>(clientProperties);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    consumerProps.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "relmon-notifier");
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerProps = new HashMap<>(clientProperties);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "relmon-notifier-log");
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "relmon-notifier");
    meters.counter("relmon.dead.letters", "topic", topics.alertDlq().name());
    for (Channel channel : rules.channels().values()) {
      // At zero from the start, so that dashboards and the delivery-failure rule see them at once.
      for (String result : List.of("delivered", "failed")) {
        meters.counter("relmon.alert.deliveries", "channel", channel.name(), "result", result);
      }
      meters.counter("relmon.alert.delivery.retries", "channel", channel.name());
      if (channel.digest().isPresent()) {
        Map<String, Queued> queue = Collections.synchronizedMap(new LinkedHashMap<>());
        digestQueues.put(channel.name(), queue);
        meters.gauge("relmon.alert.digest.queued", List.of(Tag.of("channel", channel.name())), queue, Map::size);
      }
    }
  }

  /** An alert held for a digest, and when it was queued (the time that decides which digest takes it). */
  private record Queued(Alert alert, Instant at) {}

  public KafkaConsumer<String, byte[]> consumer() {
    return consumer;
  }

  public void start() {
    thread.start();
  }

  /** True once the delivery log is loaded and alerts are being consumed. */
  public boolean ready() {
    return ready && thread.isAlive();
  }

  private void run() {
    try {
      loadDeliveryLog();
      loadDigestQueue();
      consumer.subscribe(List.of(topics.alerts().name()));
      ready = true;
      Map<TopicPartition, Long> committed = new HashMap<>();
      while (running) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> record : records) {
          handle(record);
        }
        commitProgress(committed);
        sendDueDigests();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("notifier stopped", e);
    } finally {
      ready = false;
      consumer.close();
      if (mailer != null) {
        mailer.close();
      }
    }
  }

  /**
   * Commits each partition's position when it moved. The position also moves over transaction
   * markers without returning records; committing it keeps the group's lag at zero when idle.
   */
  private void commitProgress(Map<TopicPartition, Long> committed) {
    awaitWrites();
    Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> moved = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      long position = consumer.position(partition);
      if (!Long.valueOf(position).equals(committed.get(partition))) {
        moved.put(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(position));
      }
    }
    if (!moved.isEmpty()) {
      consumer.commitSync(moved);
      moved.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    Alert alert;
    try {
      alert = topics.alerts().valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      send(DeadLetters.fromRecord(topics.alertDlq(), "alert", "cannot decode alert: " + e.getMessage(), e,
          record.topic(), record.partition(), record.offset(), record.key() == null ? null : record.key().getBytes(), record.value()),
          topics.alertDlq().valueSerde().serializer());
      meters.counter("relmon.dead.letters", "topic", record.topic()).increment();
      return;
    }
    if (alert == null) {
      return;
    }
    java.util.OptionalLong acceptedAt = io.relmon.service.PipelineHeaders.acceptedAt(record.headers());
    for (String channelName : alert.getChannels()) {
      if (deliver(alert, channelName) && acceptedAt.isPresent()) {
        // Article accepted by ingest → alert accepted by the channel (digests left out: they wait by design).
        endToEnd.record(Math.max(0, clock.millis() - acceptedAt.getAsLong()), java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Delivers to one channel; true when it was delivered just now. */
  private boolean deliver(Alert alert, String channelName) {
    String key = alert.getAlertId() + "/" + channelName;
    if (delivered.contains(key)) {
      meters.counter("relmon.alert.deliveries", "channel", channelName, "result", "already_delivered").increment();
      return false;
    }
    Channel channel = rules.channels().get(channelName);
    if (channel == null) {
      record(alert, channelName, ChannelKind.OTHER, "", key, DeliveryStatus.FAILED, 0, "channel '" + channelName + "' is not defined");
      return false;
    }
    if (channel.digest().isPresent()) {
      queueForDigest(alert, channel);
      return false;
    }
    // The idempotency key: the e-mail's Message-ID, the webhook's Idempotency-Key header.
    String idempotencyKey = channel instanceof Channel.Email ? "<" + alert.getAlertId() + "." + channelName + "@relmon>" : key;
    AlertEmail rendered = channel instanceof Channel.Email ? AlertEmail.render(alert) : null;
    Outcome outcome = attempt(channel, alert.getAlertId(), () -> {
      if (channel instanceof Channel.Email email) {
        mailer.send(email.to(), rendered, idempotencyKey);
      } else {
        webhooks.send((Channel.Webhook) channel, alert, idempotencyKey);
      }
    });
    record(alert, channel, idempotencyKey, outcome);
    return outcome.status() == DeliveryStatus.DELIVERED;
  }

  /** What came of delivering to a channel: how many attempts, and the last error if it failed. */
  private record Outcome(DeliveryStatus status, int attempts, String reason) {}

  @FunctionalInterface
  private interface Delivery {
    void run() throws Exception;
  }

  /** Tries {@code delivery} with exponential backoff, up to the retry budget. */
  private Outcome attempt(Channel channel, String what, Delivery delivery) {
    Duration wait = retry.first();
    String lastError = null;
    for (int attempt = 1; attempt <= retry.attempts() && running; attempt++) {
      try {
        delivery.run();
        return new Outcome(DeliveryStatus.DELIVERED, attempt, null);
      } catch (Exception e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        meters.counter("relmon.alert.delivery.retries", "channel", channel.name()).increment();
        log.warn("delivery of {} to {} failed (attempt {}/{}): {}", what, channel.name(), attempt, retry.attempts(), lastError);
        if (attempt < retry.attempts()) {
          sleep(wait);
          wait = wait.multipliedBy(2).compareTo(retry.max()) > 0 ? retry.max() : wait.multipliedBy(2);
        }
      }
    }
    if (!running) {
      // Shutting down mid-retry: leave the offset (or the digest queue) as it is so the next start delivers it.
      throw new WakeupException();
    }
    return new Outcome(DeliveryStatus.FAILED, retry.attempts(), "gave up after " + retry.attempts() + " attempts: " + lastError);
  }

  /**
   * Holds an alert for the channel's digest: written to the digest queue (before the alert's
   * offset is committed, like a delivery record) so that a restart finds it again.
   */
  private void queueForDigest(Alert alert, Channel channel) {
    Map<String, Queued> queue = digestQueues.get(channel.name());
    if (queue.containsKey(alert.getAlertId())) {
      return;
    }
    Instant now = clock.instant();
    Topic<String, Alert> topic = topics.digestQueue();
    send(new ProducerRecord<>(topic.name(), null, now.toEpochMilli(), channel.name() + "/" + alert.getAlertId(), alert),
        topic.valueSerde().serializer());
    queue.put(alert.getAlertId(), new Queued(alert, now));
    meters.counter("relmon.alert.deliveries", "channel", channel.name(), "result", "queued").increment();
  }

  /**
   * Sends each digest that is due: for a channel, the alerts queued up to its latest digest time
   * that are still held. The digest's id comes from the channel and that time, and its content
   * from what was queued before it, so a digest sent again after a crash (before its delivery
   * records were written) is the same message under the same Message-ID / Idempotency-Key.
   */
  private void sendDueDigests() {
    Instant now = clock.instant();
    for (Map.Entry<String, Map<String, Queued>> entry : digestQueues.entrySet()) {
      Channel channel = rules.channels().get(entry.getKey());
      Instant due = channel.digest().orElseThrow().latestAtOrBefore(now);
      List<Alert> alerts;
      synchronized (entry.getValue()) {
        alerts = entry.getValue().values().stream().filter(q -> !q.at().isAfter(due)).map(Queued::alert).toList();
      }
      if (!alerts.isEmpty()) {
        sendDigest(channel, due, alerts);
      }
    }
  }

  private void sendDigest(Channel channel, Instant due, List<Alert> alerts) {
    String digestId = "digest-" + due.toEpochMilli() + "." + channel.name();
    String idempotencyKey = channel instanceof Channel.Email ? "<" + digestId + "@relmon>" : digestId;
    java.time.LocalDate day = due.atZone(channel.digest().orElseThrow().zone()).toLocalDate();
    AlertEmail rendered = channel instanceof Channel.Email ? AlertEmail.digest(channel.name(), day, alerts) : null;
    Outcome outcome = attempt(channel, "digest " + digestId + " (" + alerts.size() + " alerts)", () -> {
      if (channel instanceof Channel.Email email) {
        mailer.send(email.to(), rendered, idempotencyKey);
      } else {
        webhooks.sendDigest((Channel.Webhook) channel, digestId, day, alerts, idempotencyKey);
      }
    });
    Topic<String, Alert> queue = topics.digestQueue();
    for (Alert alert : alerts) {
      record(alert, channel, idempotencyKey, outcome);
      send(new ProducerRecord<>(queue.name(), channel.name() + "/" + alert.getAlertId(), null), queue.valueSerde().serializer());
      digestQueues.get(channel.name()).remove(alert.getAlertId());
    }
    meters.counter("relmon.alert.digests", "channel", channel.name(), "result", outcome.status().name().toLowerCase()).increment();
    log.info("digest {} of {} alerts to {}: {}", digestId, alerts.size(), channel.name(), outcome.status());
  }

  private void record(Alert alert, Channel channel, String idempotencyKey, Outcome outcome) {
    ChannelKind kind = channel instanceof Channel.Email ? ChannelKind.EMAIL : ChannelKind.WEBHOOK;
    String recipient = channel instanceof Channel.Email email ? String.join(",", email.to()) : channel.toString();
    record(alert, channel.name(), kind, recipient, idempotencyKey, outcome.status(), outcome.attempts(), outcome.reason());
  }

  private void record(Alert alert, String channel, ChannelKind kind, String recipient, String idempotencyKey,
      DeliveryStatus status, int attempts, String reason) {
    String key = alert.getAlertId() + "/" + channel;
    DeliveryRecord deliveryRecord = DeliveryRecord.newBuilder()
        .setAlertId(alert.getAlertId())
        .setChannel(channel)
        .setChannelKind(kind)
        .setRecipient(recipient)
        .setIdempotencyKey(idempotencyKey)
        .setStatus(status)
        .setAttempts(attempts)
        .setReason(reason)
        .setAt(Instant.now())
        .build();
    send(new ProducerRecord<>(topics.deliveries().name(), key, deliveryRecord), topics.deliveries().valueSerde().serializer());
    delivered.add(key);
    meters.counter("relmon.alert.deliveries", "channel", channel, "result", status.name().toLowerCase()).increment();
  }

  /**
   * Writes a record without waiting for it: {@link #awaitWrites} waits for all of them before the
   * offsets of what they record are committed. (Waiting on each took a broker round trip per
   * alert, and alerts queued behind it: docs/benchmarks.md.)
   */
  private <V> void send(ProducerRecord<String, V> record, org.apache.kafka.common.serialization.Serializer<V> serializer) {
    byte[] value = record.value() == null ? null : serializer.serialize(record.topic(), record.value());
    pendingWrites.add(producer.send(new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(), value, record.headers())));
  }

  /** Waits until every record written since the last call is acknowledged; throws if one was not. */
  private void awaitWrites() {
    try {
      for (var write : pendingWrites) {
        write.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write a delivery record: " + e.getCause(), e.getCause());
    } finally {
      pendingWrites.clear();
    }
  }

  /** Reads relmon.deliveries.v1 to its end: every key there was delivered or given up on. */
  private void loadDeliveryLog() {
    readToEnd(topics.deliveries().name(), r -> {
      if (r.key() != null && r.value() != null) {
        delivered.add(r.key());
      }
    });
    log.info("notifier loaded {} delivery records", delivered.size());
  }

  /** Reads the digest queue to its end: alerts held for a digest and not yet sent. */
  private void loadDigestQueue() {
    if (digestQueues.isEmpty()) {
      return;
    }
    Topic<String, Alert> topic = topics.digestQueue();
    readToEnd(topic.name(), r -> {
      int slash = r.key() == null ? -1 : r.key().indexOf('/');
      Map<String, Queued> queue = slash < 0 ? null : digestQueues.get(r.key().substring(0, slash));
      if (queue == null) {
        return; // a channel no longer in the rules, or no longer a digest channel
      }
      String alertId = r.key().substring(slash + 1);
      if (r.value() == null) {
        queue.remove(alertId);
      } else {
        queue.put(alertId, new Queued(topic.valueSerde().deserializer().deserialize(r.topic(), r.value()), Instant.ofEpochMilli(r.timestamp())));
      }
    });
    log.info("notifier holds {} alerts for digests", digestQueues.values().stream().mapToInt(Map::size).sum());
  }

  /** Hands every committed record of {@code topic}, from its beginning to its end at the start, to {@code each}. */
  private void readToEnd(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p)) && running) {
        reader.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  /** Sleeps in short steps so that close() is not held up by a long backoff. */
  private void sleep(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (running && System.nanoTime() < until) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WakeupException();
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
