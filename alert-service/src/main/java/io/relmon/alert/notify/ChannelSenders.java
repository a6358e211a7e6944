package io.relmon.alert.notify;

import io.relmon.alert.rules.Channel;

/** Hands each message to the sender of its channel's kind. */
public final class ChannelSenders implements ChannelSender {

  private final ChannelSender email;
  private final ChannelSender webhook;

  public ChannelSenders(ChannelSender email, ChannelSender webhook) {
    this.email = email;
    this.webhook = webhook;
  }

  /** E-mail through {@code mailer} linking to the web view at its default address, webhooks through {@code webhooks}. */
  public static ChannelSenders of(Mailer mailer, WebhookSender webhooks) {
    return of(mailer, WebLinks.DEFAULT, webhooks);
  }

  /** E-mail through {@code mailer} with links starting at {@code links}, webhooks through {@code webhooks}. */
  public static ChannelSenders of(Mailer mailer, WebLinks links, WebhookSender webhooks) {
    return new ChannelSenders(new EmailSender(mailer, links), webhooks);
  }

  @Override
  public void send(Channel channel, Outgoing message) throws Exception {
    (channel instanceof Channel.Email ? email : webhook).send(channel, message);
  }

  @Override
  public void close() {
    try {
      email.close();
    } catch (Exception e) {
      // closing: nothing left to do with it
    }
  }
}
