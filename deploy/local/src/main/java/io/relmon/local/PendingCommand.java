package io.relmon.local;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Commands of the contract (BRIEF §7) whose issue has not landed yet. They exist so that the
 * command line is complete and says plainly what is missing, instead of "unknown command".
 */
abstract class PendingCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", hidden = true)
  List<String> ignored;

  private final String what;

  PendingCommand(String what) {
    this.what = what;
  }

  @Override
  public Integer call() {
    System.err.println("relmon: " + what + " is not built yet; see the issue list (`issues`). Nothing was done.");
    return 2;
  }

  @Command(name = "bench", description = "Load harness against the real broker (not built yet: performance issue).")
  static final class Bench extends PendingCommand {
    Bench() {
      super("`bench` (performance issue)");
    }
  }
}
