package io.relmon.alert.notify;

/** Where an alert was read: its partition of relmon.alerts.v1 and its offset there. */
public record RecordPosition(int partition, long offset) {}
