package io.relmon.local;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.util.StatusPrinter2;

/**
 * Logback's own warnings and errors (a bad RELMON_LOG_FORMAT, a logback-test.xml twice on a test
 * classpath) on standard error. Without a listener logback prints them, with its whole status, on
 * standard output — which carries {@code relmon local --once --json}'s JSON and {@code relmon
 * code}'s events. Registered in this module's logback.xml; earlier statuses are printed at start.
 */
public final class LogStatusOnStderr extends ContextAwareBase implements StatusListener, LifeCycle {
  private boolean started;

  @Override
  public void start() {
    started = true;
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      addStatusEvent(status);
    }
  }

  @Override
  public void addStatusEvent(Status status) {
    if (started && status.getEffectiveLevel() >= Status.WARN) {
      StringBuilder line = new StringBuilder();
      new StatusPrinter2().buildStr(line, "", status);
      System.err.print(line);
    }
  }

  @Override
  public void stop() {
    started = false;
  }

  @Override
  public boolean isStarted() {
    return started;
  }
}
