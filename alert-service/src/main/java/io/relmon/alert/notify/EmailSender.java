package io.relmon.alert.notify;

import io.relmon.alert.rules.Channel;

/**
 * E-mail channels: renders the alert or digest ({@link AlertEmail}) with links into the web view
 * and sends it with the {@link Mailer}.
 */
public final class EmailSender implements ChannelSender {

  private final Mailer mailer;
  private final WebLinks links;

  public EmailSender(Mailer mailer, WebLinks links) {
    this.mailer = mailer;
    this.links = links;
  }

  @Override
  public void send(Channel channel, Outgoing message) throws Exception {
    Channel.Email email = (Channel.Email) channel;
    AlertEmail rendered = message instanceof Outgoing.Digest digest
        ? AlertEmail.digest(channel.name(), digest.day(), digest.alerts(), links)
        : AlertEmail.render(((Outgoing.OneAlert) message).alert(), links);
    mailer.send(email.to(), rendered, message.idempotencyKey(),
        message instanceof Outgoing.OneAlert one ? one.acceptedAt() : java.util.OptionalLong.empty());
  }

  @Override
  public void close() {
    mailer.close();
  }
}
