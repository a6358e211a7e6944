package io.relmon.local;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same end-to-end test against the {@code apache/kafka} image, pinned to the client version.
 * Runs where a Docker engine exists; skipped cleanly where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerPipelineIT extends PipelineEndToEndTest {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.4.0");

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
