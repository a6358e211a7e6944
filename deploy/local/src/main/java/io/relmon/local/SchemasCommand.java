package io.relmon.local;

import io.relmon.schemas.ConsumerKit;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code relmon schemas export DIR}: the consumer kit (docs/topics.md) — every released schema as
 * plain Avro and the fingerprint table that maps a record's header to its schema.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
    description = "The topics' Avro schemas for consumers in any language.",
    subcommands = SchemasCommand.Export.class)
final class SchemasCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: export");
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write every released schema as plain .avsc (no Java-only properties) to DIR/vN/<Record>.avsc, "
          + "with the fingerprint table that maps a value's header to its schema ("
          + ConsumerKit.TABLE_FILE + ", " + ConsumerKit.TABLE_MARKDOWN_FILE + "). See docs/topics.md.")
  static final class Export implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder to write the kit to (created when missing; files in it are replaced).")
    Path dir;

    @Override
    public Integer call() {
      try {
        List<String> written = ConsumerKit.export(dir);
        System.out.println("relmon: wrote " + written.size() + " files to " + dir.toAbsolutePath() + ":");
        written.forEach(f -> System.out.println("  " + f));
        return 0;
      } catch (UncheckedIOException e) {
        System.err.println("relmon schemas export: " + e.getMessage());
        return 1;
      }
    }
  }
}
