package io.relmon.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relmon} command: the local stack and the coder's command-line faces. */
@Command(
    name = "relmon",
    mixinStandardHelpOptions = true,
    version = "relmon 0.1.0",
    description = "Event-streaming monitor of relations between countries.",
    subcommands = {LocalCommand.class, CodeCommand.class, EvalCommand.class, IngestCommand.class,
        BenchCommand.class, SchemasCommand.class})
public final class RelmonCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RelmonCli()).execute(args));
  }
}
