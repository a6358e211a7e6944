package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code relmon} command line in process: help on every subcommand, usage and exit 2 without one. */
class RelmonCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new RelmonCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldPrintUsageOnStandardErrorAndExitTwoWithoutASubcommand() {
    int exit = run();

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("Missing required subcommand").contains("Usage: relmon");
    for (String name : List.of("local", "code", "eval", "ingest", "bench")) {
      assertThat(err.toString()).contains(name);
    }
  }

  @Test
  void shouldAnswerHelpOnEverySubcommandWithItsUsageAndEveryOption() {
    CommandLine cli = new CommandLine(new RelmonCli());
    assertThat(cli.getSubcommands()).containsKeys("local", "code", "eval", "ingest", "bench");
    for (var sub : cli.getSubcommands().entrySet()) {
      for (String flag : List.of("--help", "-h")) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        int exit = run(sub.getKey(), flag);

        assertThat(exit).as("relmon %s %s: %s", sub.getKey(), flag, err).isEqualTo(0);
        assertThat(err.toString()).as("relmon %s %s", sub.getKey(), flag).isEmpty();
        assertThat(out.toString()).contains("Usage: relmon " + sub.getKey());
        for (CommandLine.Model.OptionSpec option : sub.getValue().getCommandSpec().options()) {
          assertThat(out.toString()).as("relmon %s %s", sub.getKey(), flag).contains(option.longestName());
        }
      }
    }
  }

  @Test
  void shouldKeepTheOptionsOfLocalThatScriptsRelyOn() {
    int exit = run("local", "--help");

    assertThat(exit).isEqualTo(0);
    for (String option : List.of("--once", "--json", "--articles", "--data-dir", "--rules", "--ingest-port",
        "--scoring-port", "--alert-port", "--kafka-port", "--smtp-port", "--timeout")) {
      assertThat(out.toString()).contains(option);
    }
  }

  @Test
  void shouldStillRefuseAnUnknownOptionWithExitTwo() {
    int exit = run("local", "--no-such-option");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'").contains("Usage: relmon local");
  }

  @Test
  void shouldPrintTheTopLevelHelpOnStandardOutputWithExitZero() {
    int exit = run("--help");

    assertThat(exit).isEqualTo(0);
    assertThat(out.toString()).contains("Usage: relmon").contains("local").contains("bench");
  }
}
