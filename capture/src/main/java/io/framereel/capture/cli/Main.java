package io.framereel.capture.cli;

import io.framereel.capture.log.JournalLog;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code framereel} command line: one subcommand per capability, each a small class that parses and
 * validates all of its input before it does any work.
 *
 * <p>Conventions shared by every command: results go to stdout, progress and logs to stderr; an error is one
 * line {@code framereel: <message>} on stderr naming the file (and frame and byte offset where they apply),
 * with exit status 1 for a failure at run time and 2 for bad usage; {@code --verbose} adds the stack trace.
 * See {@link ErrorReporter}.
 *
 * <p>Each {@link #commandLine()} is independent; a command line is not thread-safe.
 */
@Command(name = "framereel",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Capture, record (as a daemon or once), replay, inspect and convert OpenMV-compatible ImageIO stream files.",
        footer = {"", "Start with:  framereel demo", "Then:        framereel info FILE"},
        subcommands = {
            InfoCommand.class,
            ExportCommand.class,
            ConvertCommand.class,
            RepairCommand.class,
            SynthCommand.class,
            DemoCommand.class,
            RecordCommand.class,
            ReplayCommand.class,
            DevicesCommand.class,
            DaemonCommand.class,
            CtlCommand.class,
        })
public final class Main implements Callable<Integer> {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error, not just its one-line message.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "no command given; choose one of record, replay, devices, daemon, ctl, info, export, convert, repair, synth, demo");
    }

    public static void main(String[] args) {
        // Thumbnails and PNGs need java.awt images but never a display (and, on macOS, no Dock icon).
        System.setProperty("java.awt.headless", "true");
        // one line per log record on stderr, with journald priorities under systemd
        JournalLog.configure(java.util.Arrays.asList(args).contains("--verbose"));
        System.exit(commandLine().execute(args));
    }

    /** Builds the command line with framereel's error reporting; set its out and err before executing. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        ErrorReporter errors = new ErrorReporter();
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        return commandLine;
    }
}
