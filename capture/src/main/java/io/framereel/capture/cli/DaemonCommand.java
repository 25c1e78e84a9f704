package io.framereel.capture.cli;

import io.framereel.capture.daemon.ConfigException;
import io.framereel.capture.daemon.Daemon;
import io.framereel.capture.daemon.DaemonConfig;
import io.framereel.capture.daemon.ServiceNotifier;
import io.framereel.capture.daemon.SystemdNotifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code framereel daemon --config FILE}: the recorder service (systemd/framereel.service runs it). Runs until
 * SIGTERM or SIGINT, after which every recording is closed and committed; the JVM then exits with 143 (130 for
 * SIGINT), which the unit counts as success. SIGUSR1 toggles recording, as with rpicam-vid.
 */
@Command(name = "daemon",
        footer = {"", "Examples:",
            "  framereel daemon --config /etc/framereel/framereel.conf",
            "  framereel daemon --config my.conf --check          # only check the file",
            "  kill -USR1 $(pidof java)                           # toggle recording"},
        description = {
            "Run the recorder daemon: the camera streams into a RAM ring of the last seconds; GPIO buttons, "
                    + "'framereel ctl', SIGUSR1 or a timer start and stop recordings, which begin with the frames "
                    + "from before the trigger. Files left open by a crash are repaired at start. Logs go to stderr "
                    + "(journald priorities under systemd); systemd is notified (Type=notify, watchdog).",
            "The configuration keys, with their defaults, are documented in systemd/framereel.conf "
                    + "(/etc/framereel/framereel.conf when installed)."})
final class DaemonCommand implements Callable<Integer> {
    /** How long a stop may take to close files before the JVM exits anyway; below the unit's TimeoutStopSec. */
    static final long STOP_TIMEOUT_SECONDS = 15;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The configuration file.")
    Path config;

    @Option(names = "--check", description = "Check the configuration file and exit (0 when it is valid).")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DaemonConfig cfg;
        try {
            cfg = DaemonConfig.load(config);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
        if (check) {
            spec.commandLine().getOut().println(config + ": valid; camera " + cfg.camera.describe() + ", recordings in "
                    + cfg.storeDirectory);
            spec.commandLine().getOut().flush();
            return 0;
        }
        ServiceNotifier notifier = SystemdNotifier.fromEnvironment();
        Daemon daemon = new Daemon(cfg, notifier);
        return run(daemon);
    }

    /** Runs a daemon until a signal stops it; shared with the demo. */
    static int run(Daemon daemon) throws IOException {
        Thread hook = new Thread(() -> {
            daemon.requestStop();
            try {
                daemon.awaitStopped(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "framereel-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Signals.onUsr1(() -> daemon.triggers().toggle("SIGUSR1"));
        try {
            daemon.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal is stopping the JVM; the hook is waiting for us
            }
        }
        return 0;
    }
}
