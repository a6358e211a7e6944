package io.relmon.alert.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sends FAILED deliveries again on an operator's request. */
public interface Redeliveries {

  /**
   * Sends again every delivery of an alert fired since {@code since} that is FAILED, for the
   * channel and alert given (all when empty).
   *
   * @return the keys ({@code alertId/channel}) to be sent again
   */
  List<String> redeliverFailed(Instant since, Optional<String> channel, Optional<String> alertId);
}
