package io.relmon.alert.notify;

import io.relmon.alert.rules.Channel;

/** E-mail channels: renders the alert or digest ({@link AlertEmail}) and sends it with the {@link Mailer}. */
public final class EmailSender implements ChannelSender {

  private final Mailer mailer;

  public EmailSender(Mailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public void send(Channel channel, Outgoing message) throws Exception {
    Channel.Email email = (Channel.Email) channel;
    AlertEmail rendered = message instanceof Outgoing.Digest digest
        ? AlertEmail.digest(channel.name(), digest.day(), digest.alerts())
        : AlertEmail.render(((Outgoing.OneAlert) message).alert());
    mailer.send(email.to(), rendered, message.idempotencyKey());
  }

  @Override
  public void close() {
    mailer.close();
  }
}
