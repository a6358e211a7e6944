package io.relmon.alert.notify;

import io.relmon.alert.rules.Channel;
import io.relmon.schemas.avro.Alert;
import java.time.LocalDate;
import java.util.List;

/**
 * What a {@link ChannelSender} sends: one alert as it fired, or a day's digest. The idempotency
 * key travels with it (the e-mail's Message-ID, the webhook's Idempotency-Key header): the same
 * alert or digest always gets the same key, so a receiver can fold a second delivery.
 */
public sealed interface Outgoing permits Outgoing.OneAlert, Outgoing.Digest {

  String idempotencyKey();

  record OneAlert(Alert alert, String idempotencyKey) implements Outgoing {
    public static OneAlert of(Channel channel, Alert alert) {
      String key = alert.getAlertId() + "/" + channel.name();
      return new OneAlert(alert, channel instanceof Channel.Email ? "<" + alert.getAlertId() + "." + channel.name() + "@relmon>" : key);
    }
  }

  /** {@code digestId} names the channel and the digest time, so a digest sent again after a crash is the same message. */
  record Digest(String digestId, LocalDate day, List<Alert> alerts, String idempotencyKey) implements Outgoing {
    public static Digest of(Channel channel, java.time.Instant due, List<Alert> alerts) {
      String digestId = "digest-" + due.toEpochMilli() + "." + channel.name();
      LocalDate day = due.atZone(channel.digest().orElseThrow().zone()).toLocalDate();
      return new Digest(digestId, day, alerts, channel instanceof Channel.Email ? "<" + digestId + "@relmon>" : digestId);
    }
  }
}
