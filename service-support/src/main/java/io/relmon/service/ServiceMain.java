package io.relmon.service;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code main} of a service: start it, stop it on SIGTERM/Ctrl-C. Invalid configuration — a
 * {@link ConfigException} from the settings, the rules or the feeds file, listing every problem —
 * is printed on standard error without a stack trace and ends the process with status 2.
 */
public final class ServiceMain {
  private ServiceMain() {}

  /** Exit status of a process stopped by invalid configuration (as a command line's usage error). */
  public static final int INVALID_CONFIGURATION = 2;

  /** Starts a service from its configuration. */
  @FunctionalInterface
  public interface Startup {
    AutoCloseable start();
  }

  /** Starts the service and waits until the JVM is asked to stop; exits 2 on invalid configuration. */
  public static void run(String service, Startup startup) throws InterruptedException {
    AutoCloseable app = start(service, startup, System.err);
    if (app == null) {
      System.exit(INVALID_CONFIGURATION);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close();
      } catch (Exception e) {
        System.err.println("relmon " + service + ": stopping failed: " + e);
      } finally {
        stopped.countDown();
      }
    }, service + "-shutdown"));
    stopped.await();
  }

  /** The started service, or null when the configuration is invalid (then reported on {@code err}). */
  static AutoCloseable start(String service, Startup startup, PrintStream err) {
    try {
      return startup.start();
    } catch (ConfigException e) {
      err.println("relmon " + service + ": " + e.getMessage());
      return null;
    }
  }
}
