#!/usr/bin/env bash
# Creates relmon's topics on the cluster at $1 (the catalogue of schemas/Topics.java; kept equal
# to it by DeployManifestsTest). Existing topics are left alone.
set -euo pipefail
bootstrap="$1"
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 3 --config "$3"
}
# topic                       partitions  config
create relmon.articles.v1       3 cleanup.policy=delete --config retention.ms=31536000000
create relmon.events.v1         3 cleanup.policy=compact
create relmon.signals.v1        3 cleanup.policy=delete --config retention.ms=31536000000
create relmon.warmth.v1         3 cleanup.policy=compact
create relmon.alerts.v1         3 cleanup.policy=delete --config retention.ms=31536000000
create relmon.deliveries.v1     3 cleanup.policy=compact
create relmon.digest-queue.v1   3 cleanup.policy=compact
create relmon.ingest.dlq.v1     1 cleanup.policy=delete --config retention.ms=2592000000
create relmon.scoring.dlq.v1    1 cleanup.policy=delete --config retention.ms=2592000000
create relmon.alert.dlq.v1      1 cleanup.policy=delete --config retention.ms=2592000000
