package io.framereel.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the package's maintainer scripts the way dpkg does, with every command they call replaced by a stub that
 * logs its arguments. "systemd is running" and "udev is running" are made true or false in a private mount
 * namespace whose /run is an empty tmpfs (unshare, which needs root); a DPKG_ROOT run needs no namespace.
 */
final class MaintainerScripts {
    /** The commands the scripts may call; each stub logs "name arg...", one line per call. */
    static final List<String> STUBBED = List.of("systemd-sysusers", "systemd-tmpfiles", "udevadm",
            "deb-systemd-helper", "deb-systemd-invoke", "systemctl");

    private static final String STUB = """
            #!/bin/sh
            # test stub: logs its name and arguments; exit status from STUB_* variables
            name=${0##*/}
            printf '%s' "$name" >> "$STUB_LOG"
            for a in "$@"; do printf ' %s' "$a" >> "$STUB_LOG"; done
            printf '\\n' >> "$STUB_LOG"
            [ "$name" = "${STUB_FAIL:-}" ] && exit 1
            if [ "$name" = deb-systemd-helper ]; then
                case "$1 $2" in
                    "debian-installed "*) exit "${STUB_INSTALLED:-1}" ;;
                    "--quiet was-enabled") exit "${STUB_ENABLED:-1}" ;;
                esac
            fi
            exit 0
            """;

    private static Boolean canIsolateRun;

    private final Path control;
    private final Path stubs;
    private final Path log;

    /** Scripts from {@code control} (an unpacked DEBIAN/ directory); stubs and log go in {@code work}. */
    MaintainerScripts(Path control, Path work) throws IOException {
        this.control = control;
        this.stubs = Files.createDirectories(work.resolve("stubs"));
        this.log = work.resolve("calls.log");
        for (String name : STUBBED) {
            Path stub = stubs.resolve(name);
            Files.writeString(stub, STUB, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** How the system looks to the script. */
    record Setup(boolean systemdRunning, boolean udevRunning, String dpkgRoot, boolean installedBefore,
            boolean enabledBefore, String failing) {
        static Setup chroot() {
            return new Setup(false, false, null, false, false, null);
        }

        static Setup booted() {
            return new Setup(true, true, null, false, false, null);
        }

        Setup withUnitsEnabledBefore() {
            return new Setup(systemdRunning, udevRunning, dpkgRoot, true, true, failing);
        }

        Setup withUnitsInstalledBefore() {
            return new Setup(systemdRunning, udevRunning, dpkgRoot, true, false, failing);
        }

        Setup inDpkgRoot(Path root) {
            return new Setup(systemdRunning, udevRunning, root.toString(), installedBefore, enabledBefore, failing);
        }

        Setup failing(String command) {
            return new Setup(systemdRunning, udevRunning, dpkgRoot, installedBefore, enabledBefore, command);
        }
    }

    record Run(Cmd.Result result, List<String> calls) {
    }

    /** True when this process may build the private /run the setups need (root, with unshare and mount). */
    static synchronized boolean canIsolateRun() throws IOException {
        if (canIsolateRun == null) {
            canIsolateRun = Cmd.onPath("unshare").isPresent() && Cmd.run(List.of("unshare", "--mount",
                    "--propagation", "private", "/bin/sh", "-c", "mount -t tmpfs framereel-test /run")).exit() == 0;
        }
        return canIsolateRun;
    }

    Run run(String script, Setup setup, String... args) throws IOException {
        Files.deleteIfExists(log);
        Files.createFile(log);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", stubs + ":/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("STUB_LOG", log.toString());
        env.put("STUB_INSTALLED", setup.installedBefore() ? "0" : "1");
        env.put("STUB_ENABLED", setup.enabledBefore() ? "0" : "1");
        env.put("STUB_FAIL", setup.failing() == null ? "" : setup.failing());
        env.put("DPKG_ROOT", setup.dpkgRoot());
        env.put("DPKG_MAINTSCRIPT_PACKAGE", "framereel");
        env.put("DPKG_MAINTSCRIPT_NAME", script);
        List<String> command = new ArrayList<>();
        if (setup.dpkgRoot() == null) {
            // The script's view of /run: empty, plus the directories that say systemd or udev are running.
            StringBuilder dirs = new StringBuilder();
            if (setup.systemdRunning()) {
                dirs.append(" /run/systemd/system");
            }
            if (setup.udevRunning()) {
                dirs.append(" /run/udev");
            }
            command.addAll(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                    "mount -t tmpfs framereel-test /run && mkdir -p" + dirs + " /run/lock && exec \"$@\"", "sh"));
        }
        command.add(control.resolve(script).toString());
        command.addAll(List.of(args));
        Cmd.Result result = Cmd.run(command, env, null);
        return new Run(result, Files.readAllLines(log, StandardCharsets.UTF_8));
    }
}
