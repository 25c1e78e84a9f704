package io.framereel.capture.cli;

import io.framereel.capture.daemon.ConfigException;
import io.framereel.capture.daemon.ControlClient;
import io.framereel.capture.daemon.DaemonConfig;
import io.framereel.capture.json.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framereel ctl start|stop|toggle|snapshot|status}: talks to a running daemon over its control socket.
 * Exit status 0 when the daemon accepted the command, 1 when it refused or cannot be reached.
 */
@Command(name = "ctl",
        footer = {"", "Examples:",
            "  framereel ctl start",
            "  framereel ctl status --json",
            "  framereel ctl --socket /tmp/demo/control.sock stop"},
        description = {"Control a running framereel daemon: start or stop recording (stop keeps the post-trigger "
                + "seconds), take a snapshot, or show its status (state, current file, frames, dropped frames, "
                + "frame rate, ring fill, free space, last error)."})
final class CtlCommand implements Callable<Integer> {
    enum Action { start, stop, toggle, snapshot, status }

    @Parameters(index = "0", paramLabel = "COMMAND", description = "start, stop, toggle, snapshot or status.")
    Action action;

    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's control socket (default: "
            + "control.socket of --config, else /run/framereel/control.sock).")
    Path socket;

    @Option(names = "--config", paramLabel = "FILE", description = "Read the socket path from this configuration file.")
    Path config;

    @Option(names = "--json", description = "Print the daemon's reply as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path where = socket;
        if (where == null && config != null) {
            try {
                where = DaemonConfig.load(config).controlSocket;
            } catch (ConfigException e) {
                throw new CliException(e.getMessage());
            }
        }
        if (where == null) {
            where = Path.of("/run/framereel/control.sock");
        }
        String reply = ControlClient.send(where, action.name());
        Map<String, String> fields;
        try {
            fields = Json.parseFlatObject(reply);
        } catch (IllegalArgumentException e) {
            throw new CliException("the daemon at " + where + " sent a reply that is not a status: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = "true".equals(fields.get("ok"));
        if (json) {
            out.println(reply);
        } else if (!ok) {
            spec.commandLine().getErr().println("framereel: the daemon refused '" + action + "': " + fields.get("error"));
            spec.commandLine().getErr().flush();
        } else if (action == Action.status) {
            fields.forEach((k, v) -> {
                if (!k.equals("ok")) {
                    out.printf("%-20s %s%n", k, v == null ? "-" : v);
                }
            });
        } else {
            out.println(action + ": ok; " + fields.get("state") + (fields.get("file") == null ? ""
                    : ", recording to " + fields.get("file")));
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
