package io.relmon.kafka.embedded;

/** A port relmon was asked to listen on is taken by another process. */
public final class PortInUseException extends IllegalStateException {
  private final int port;

  public PortInUseException(String what, int port) {
    super(what + " port " + port + " is already in use; choose another with the matching flag or environment variable");
    this.port = port;
  }

  public int port() {
    return port;
  }
}
