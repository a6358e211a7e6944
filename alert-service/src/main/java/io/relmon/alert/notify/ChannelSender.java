package io.relmon.alert.notify;

import io.relmon.alert.rules.Channel;

/**
 * Sends to one kind of channel (e-mail, webhook). Returns normally only when the channel accepted
 * the message (the SMTP server took it, the webhook answered 2xx). A checked exception is a
 * failure worth retrying (the server is down, answered 5xx, timed out); a RuntimeException means
 * this message can never be sent (it cannot be rendered) and is not retried.
 */
public interface ChannelSender extends AutoCloseable {

  void send(Channel channel, Outgoing message) throws Exception;

  /** Releases connections; nothing by default. */
  @Override
  default void close() {}
}
