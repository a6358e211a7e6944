package io.relmon.service;

import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates relmon's topics with the layout of the catalogue, leaving existing ones alone. */
public final class TopicSetup {
  private TopicSetup() {}

  public static void ensure(Admin admin, Topics topics, short replicationFactor) {
    List<NewTopic> wanted = new ArrayList<>();
    for (Topic<String, ?> topic : topics.all()) {
      wanted.add(new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.config()));
    }
    for (NewTopic topic : wanted) {
      try {
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (TimeoutException e) {
        throw new IllegalStateException("timed out creating topic " + topic.name(), e);
      }
    }
  }
}
