package io.relmon.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka's own KRaft server, run in this JVM: one node or several, each a combined broker
 * and controller with a static quorum. Used by the integration tests and by {@code ./relmon
 * local}; no mock of Kafka anywhere on that path.
 *
 * <p>Nodes can be stopped, halted and restarted one by one (same ports, same logs) for failover
 * tests. Data lives under the given directory, so a cluster started again on the same directory
 * keeps its topics.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

  private final Path dataDir;
  private final String clusterId;
  private final List<Node> nodes = new ArrayList<>();

  private record Node(int id, int brokerPort, int controllerPort, Path logDir) {}

  private final KafkaRaftServer[] servers;

  private EmbeddedKafkaCluster(Path dataDir, int nodeCount, int firstBrokerPort) throws IOException {
    this.dataDir = dataDir;
    Files.createDirectories(dataDir);
    Path idFile = dataDir.resolve("cluster.id");
    if (Files.exists(idFile)) {
      clusterId = Files.readString(idFile).strip();
    } else {
      clusterId = Uuid.randomUuid().toString();
      Files.writeString(idFile, clusterId);
    }
    for (int id = 0; id < nodeCount; id++) {
      int brokerPort = firstBrokerPort == 0 ? freePort() : firstBrokerPort + id;
      nodes.add(new Node(id, brokerPort, freePort(), dataDir.resolve("node-" + id)));
    }
    servers = new KafkaRaftServer[nodeCount];
  }

  /**
   * Starts a cluster of {@code nodeCount} nodes with data under {@code dataDir} and waits until
   * it accepts requests.
   *
   * @param brokerPort port of node 0's client listener (node i uses brokerPort + i), or 0 for
   *     free ephemeral ports
   * @throws PortInUseException when a requested port is taken
   */
  public static EmbeddedKafkaCluster start(Path dataDir, int nodeCount, int brokerPort) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("nodeCount must be at least 1: " + nodeCount);
    }
    for (int i = 0; brokerPort != 0 && i < nodeCount; i++) {
      if (!isFree(brokerPort + i)) {
        throw new PortInUseException("Kafka broker", brokerPort + i);
      }
    }
    try {
      EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(dataDir, nodeCount, brokerPort);
      for (Node node : cluster.nodes) {
        cluster.format(node);
      }
      // A node's startup blocks until a quorum of controllers answers, so the nodes of a
      // multi-node cluster must start side by side.
      List<Thread> starters = new ArrayList<>();
      List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (Node node : cluster.nodes) {
        Thread starter = new Thread(() -> {
          try {
            cluster.startNode(node.id());
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }, "kafka-node-" + node.id() + "-start");
        starter.start();
        starters.add(starter);
      }
      for (Thread starter : starters) {
        starter.join();
      }
      if (!failures.isEmpty()) {
        cluster.close();
        throw failures.get(0);
      }
      cluster.awaitReady(Duration.ofSeconds(60));
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Kafka", e);
    }
  }

  /** A single node on a free port, data in a fresh temporary directory. */
  public static EmbeddedKafkaCluster startSingleNode() {
    try {
      return start(Files.createTempDirectory("relmon-kafka-"), 1, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort()).collect(Collectors.joining(","));
  }

  public int size() {
    return nodes.size();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Creates each topic unless it exists, with the cluster's replication (at most 3). */
  public void createTopics(Collection<NewTopic> topics) {
    try (Admin admin = admin()) {
      for (NewTopic topic : topics) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topics", e);
    }
  }

  /** Replication factor topics should use on this cluster. */
  public short replicationFactor() {
    return (short) Math.min(3, nodes.size());
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Shuts node {@code id} down cleanly. */
  public void stopNode(int id) {
    KafkaRaftServer server;
    synchronized (this) {
      server = servers[id];
      servers[id] = null;
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
    }
  }

  /** Starts node {@code id} again on its old ports and logs. */
  public void startNode(int id) {
    synchronized (this) {
      if (servers[id] != null) {
        return;
      }
    }
    // Before the broker makes its first meter (docs/benchmarks.md, "Cost at rest").
    CoalescedTickScheduler.install(KafkaYammerMetrics.defaultRegistry());
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties(nodes.get(id))), Time.SYSTEM);
    server.startup();
    synchronized (this) {
      servers[id] = server;
    }
    log.info("Kafka node {} listening on 127.0.0.1:{}", id, nodes.get(id).brokerPort());
  }

  /** Blocks until the cluster answers metadata requests with every running node. */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long running = java.util.Arrays.stream(servers).filter(s -> s != null).count();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = admin()) {
        int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        if (brokers >= running) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      sleep(200);
    }
    throw new IllegalStateException("Kafka cluster not ready within " + timeout, last);
  }

  @Override
  public void close() {
    // Shut every node down at once: a node shut down alone waits for a controller quorum that
    // the others, already gone, can no longer form.
    List<Thread> stoppers = new ArrayList<>();
    for (int id = 0; id < servers.length; id++) {
      int node = id;
      Thread stopper = new Thread(() -> stopNode(node), "kafka-node-" + id + "-stop");
      stopper.start();
      stoppers.add(stopper);
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void format(Node node) throws IOException {
    Files.createDirectories(node.logDir());
    Formatter formatter = new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setClusterId(clusterId)
        .setNodeId(node.id())
        .setControllerListenerName("CONTROLLER")
        .setMetadataLogDirectory(node.logDir().toString())
        .addDirectory(node.logDir().toString())
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setIgnoreFormatted(true);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IOException("cannot format Kafka storage in " + node.logDir() + ": " + e.getMessage(), e);
    }
  }

  private Properties properties(Node node) {
    int n = nodes.size();
    String voters = nodes.stream()
        .map(v -> v.id() + "@127.0.0.1:" + v.controllerPort())
        .collect(Collectors.joining(","));
    String replication = Integer.toString(Math.min(3, n));
    String minIsr = n >= 3 ? "2" : "1";
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(node.id()));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", node.logDir().toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", replication);
    p.put("offsets.topic.replication.factor", replication);
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", replication);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", replication);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("min.insync.replicas", minIsr);
    p.put("group.initial.rebalance.delay.ms", "0");
    // The active controller appends a no-op record to the metadata log every 500 ms by default
    // (KIP-835: a liveness beacon for monitoring); each is appended, committed and published to
    // every node's metadata image — on an idle local stack the raft, controller and metadata-loader
    // threads' largest work (docs/benchmarks.md, "Cost at rest"). Leader election and broker
    // fencing do not use them (fetch timeouts and heartbeats do), so one every 10 s will do.
    p.put("metadata.max.idle.interval.ms", "10000");
    // Kafka's defaults (8 request handlers, 3 network threads, each for the broker and again for
    // the controller) are sized for a broker of its own on a large machine; each idle thread wakes
    // three times a second to look at its queue. On the local stack's two cores one network thread
    // and two handlers per listener serve the bench's full load as fast (docs/benchmarks.md,
    // "2026-12-05") and halve the broker's wake-ups at rest.
    p.put("num.network.threads", "1");
    p.put("num.io.threads", "2");
    // Likewise the group coordinator's event loop: four threads by default, each waking five
    // times a second; relmon's few groups need one.
    p.put("group.coordinator.threads", "1");
    // The 128 MiB default costs ~115 MB of heap for nothing on a small box.
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("auto.create.topics.enable", "false");
    p.put("delete.topic.enable", "true");
    return p;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when nothing listens on {@code port} on the loopback address. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
