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

  /**
   * @param acceptedAt when ingest accepted the article whose event made the alert fire (epoch
   *     millis), where the alert's record carried it: e-mails show it in a header, so that a
   *     receiver (the bench's SMTP server) can measure each alert's latency exactly
   */
  record OneAlert(Alert alert, String idempotencyKey, java.util.OptionalLong acceptedAt) implements Outgoing {
    public OneAlert(Alert alert, String idempotencyKey) {
      this(alert, idempotencyKey, java.util.OptionalLong.empty());
    }

    public static OneAlert of(Channel channel, Alert alert) {
      return of(channel, alert, java.util.OptionalLong.empty());
    }

    public static OneAlert of(Channel channel, Alert alert, java.util.OptionalLong acceptedAt) {
      String key = alert.getAlertId() + "/" + channel.name();
      return new OneAlert(alert, channel instanceof Channel.Email ? "<" + alert.getAlertId() + "." + channel.name() + "@relmon>" : key,
          acceptedAt);
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
