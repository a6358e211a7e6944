package io.relmon.local;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end pipeline test against Apache Kafka's own KRaft server, in process. */
class InProcessBrokerPipelineIT extends PipelineEndToEndTest {
  private static EmbeddedKafkaCluster kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaCluster.startSingleNode();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Override
  String bootstrapServers() {
    return kafka.bootstrapServers();
  }
}
