package io.relmon.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when everything given to the stack has flowed through: every consumer group of the
 * pipeline has committed, on every partition of its input topics, the end of what is committed
 * there. Checked twice in a row, because each stage's output is the next stage's input.
 */
final class FlowWatcher {

  /** A consumer group of the pipeline; its inputs are read from its members' assignments. */
  record Stage(String group) {}

  private final Admin admin;
  private final List<Stage> stages;

  FlowWatcher(Admin admin, List<Stage> stages) {
    this.admin = admin;
    this.stages = List.copyOf(stages);
  }

  /** Waits until the pipeline is idle, or throws after {@code timeout} naming the stage behind. */
  void awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int idleChecks = 0;
    String behind = "not checked yet";
    while (System.nanoTime() < deadline) {
      behind = firstStageBehind();
      idleChecks = behind == null ? idleChecks + 1 : 0;
      if (idleChecks >= 2) {
        return;
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException("the pipeline did not finish within " + timeout + ": " + behind);
  }

  /** The first stage with unconsumed records, described, or null when all are idle. */
  String firstStageBehind() {
    try {
      for (Stage stage : stages) {
        // The group's own assignment says what it reads, repartition topics included, so this
        // stays right when the topology changes.
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        var description = admin.describeConsumerGroups(List.of(stage.group())).all().get(10, TimeUnit.SECONDS).get(stage.group());
        description.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
        if (wanted.isEmpty()) {
          return stage.group() + " has no assigned partitions yet";
        }
        var ends = admin.listOffsets(wanted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(stage.group()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        for (var end : ends.entrySet()) {
          long endOffset = end.getValue().offset();
          OffsetAndMetadata done = committed.get(end.getKey());
          long position = done == null ? 0 : done.offset();
          if (position < endOffset) {
            return stage.group() + " is at " + position + " of " + endOffset + " on " + end.getKey();
          }
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      return "cannot read offsets: " + e.getMessage();
    }
  }
}
