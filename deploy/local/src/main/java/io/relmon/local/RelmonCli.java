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

  /** Bare {@code relmon}: picocli prints the message and the usage on standard error, exit status 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RelmonCli()).execute(args));
  }
}
