package io.framereel.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two units as systemd sees them: verify is clean, the sandbox rates at most 2.0, the settings we rely on. */
class UnitFilesTest {
    private static final double MAX_EXPOSURE = 2.0;
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for (\\S+): (\\d+\\.\\d+)");

    @TempDir
    static Path root;

    /**
     * An installed-looking root for systemd-analyze verify --root: the package unpacked, plus the host's own
     * targets and slices that every service is ordered against (sysinit.target, system.slice, ...).
     */
    @BeforeAll
    static void unpackPackageWithSystemTargets() throws IOException {
        Assumptions.assumeTrue(Cmd.onPath("systemd-analyze").isPresent(),
                "systemd-analyze is not installed (package systemd): the unit checks are skipped");
        Packaged.unpack(root);
        Path system = root.resolve("usr/lib/systemd/system");
        for (String hostDir : List.of("/usr/lib/systemd/system", "/lib/systemd/system")) {
            Path dir = Path.of(hostDir);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> units = Files.list(dir)) {
                for (Path unit : units.filter(p -> p.getFileName().toString().matches(".*\\.(target|slice)"))
                        .filter(Files::isRegularFile).toList()) {
                    Path target = system.resolve(unit.getFileName());
                    if (!Files.exists(target)) {
                        Files.copy(unit, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"framereel.service", "framereel-replay.service"})
    void verifyFindsNothingToReport(String unit) throws IOException {
        Cmd.Result r = verify(unit);
        assertEquals(0, r.exit(), r::describe);
        // verify exits 0 even for unknown keys and unparsable values: any message at all is a finding.
        assertEquals("", r.err() + r.out(), r::describe);
    }

    @Test
    void verifyReportsAnUnknownKeyAndAMissingExecutable() throws IOException {
        // The check above is only worth something if this setup makes systemd-analyze complain.
        Path broken = root.resolve("usr/lib/systemd/system/framereel-broken.service");
        Files.writeString(broken, Files.readString(root.resolve("usr/lib/systemd/system/framereel.service"))
                .replace("ExecStart=/usr/bin/framereel ", "ExecStart=/usr/bin/framereel-missing ")
                + "\n[Service]\nProtectSytem=strict\n");
        Cmd.Result r = verify("framereel-broken.service");
        assertTrue(r.err().contains("framereel-missing"), r::describe);
        assertTrue(r.err().contains("ProtectSytem"), r::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"framereel.service", "framereel-replay.service"})
    void securityExposureIsAtMostTwo(String unit) throws IOException {
        Cmd.Result r = Cmd.run(List.of("systemd-analyze", "security", "--offline=true",
                Packaged.moduleDir().resolve(unit).toString()));
        assertEquals(0, r.exit(), r::describe);
        Matcher m = EXPOSURE.matcher(r.out());
        assertTrue(m.find(), () -> "no 'Overall exposure level' line: " + r.describe());
        assertEquals(unit, m.group(1));
        double exposure = Double.parseDouble(m.group(2));
        System.out.println(unit + ": exposure " + exposure);
        assertTrue(exposure <= MAX_EXPOSURE, () -> unit + " exposure " + exposure + " is above " + MAX_EXPOSURE
                + "; the settings that count against it are marked ✗:\n" + r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"framereel.service", "framereel-replay.service"})
    void commentsStandOnLinesOfTheirOwn(String unit) throws IOException {
        // systemd would take "rw  # comment" as the whole value; verify does not catch it for every key.
        List<String> trailing = new ArrayList<>();
        for (UnitFile.Entry e : UnitFile.read(Packaged.moduleDir().resolve(unit)).entries()) {
            if (e.value().matches(".*\\s[#;].*")) {
                trailing.add(e.line() + ": " + e.key() + "=" + e.value());
            }
        }
        assertEquals(List.of(), trailing, unit + " has a comment after a value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"framereel.service", "framereel-replay.service"})
    void javaOptionsAreAcceptedByTheJvm(String unit) throws IOException {
        String options = UnitFile.read(Packaged.moduleDir().resolve(unit)).environment("FRAMEREEL_JAVA_OPTS")
                .orElseThrow(() -> new AssertionError(unit + " sets no FRAMEREEL_JAVA_OPTS"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(Arrays.asList(options.trim().split("\\s+")));
        command.add("-version");
        Cmd.Result r = Cmd.run(command);
        assertEquals(0, r.exit(), r::describe);
        assertFalse(r.err().contains("Unrecognized") || r.err().contains("warning"), r::describe);
    }

    @Test
    void recorderIsANotifyServiceWithWatchdogUnderAFixedUser() throws IOException {
        UnitFile u = UnitFile.read(Packaged.moduleDir().resolve("framereel.service"));
        Map<String, String> expected = Map.ofEntries(
                Map.entry("Type", "notify"),
                Map.entry("NotifyAccess", "main"),
                Map.entry("ExecStart", "/usr/bin/framereel daemon --config /etc/framereel/framereel.conf"),
                Map.entry("WatchdogSec", "10s"),
                Map.entry("Restart", "on-failure"),
                Map.entry("RestartSec", "2s"),
                Map.entry("SuccessExitStatus", "143"),
                Map.entry("TimeoutStopSec", "20s"),
                Map.entry("User", "framereel"),
                Map.entry("Group", "framereel"),
                Map.entry("SupplementaryGroups", "video gpio"),
                Map.entry("StateDirectory", "framereel"),
                Map.entry("RuntimeDirectory", "framereel"),
                Map.entry("RuntimeDirectoryPreserve", "restart"),
                Map.entry("CacheDirectory", "framereel"),
                Map.entry("DevicePolicy", "closed"),
                Map.entry("ProtectSystem", "strict"));
        expected.forEach((key, value) -> assertEquals(value, u.last("Service", key).orElse(null), key));
        assertEquals(List.of("char-video4linux rw", "char-media rw", "char-gpiochip rw", "char-fb rw", "char-drm rw",
                "char-dma_heap rw"), u.all("Service", "DeviceAllow"));
        assertEquals("multi-user.target", u.last("Install", "WantedBy").orElse(null));
        assertBreaksNeitherJvmNorSharedRegion(u);
    }

    @Test
    void replayShowsTheNewestRecordingWithoutTouchingTheRecordersDirectories() throws IOException {
        UnitFile u = UnitFile.read(Packaged.moduleDir().resolve("framereel-replay.service"));
        assertEquals("simple", u.last("Service", "Type").orElse(null));
        assertEquals("/usr/bin/framereel replay /var/lib/framereel/recordings --loop --to ${FRAMEREEL_REPLAY_TO}",
                u.last("Service", "ExecStart").orElse(null));
        assertEquals("framereel", u.last("Service", "User").orElse(null));
        assertEquals(List.of("char-fb rw", "char-drm rw"), u.all("Service", "DeviceAllow"));
        assertTrue(u.all("Service", "Environment").contains("FRAMEREEL_REPLAY_TO=fb"), "fbdev unless told otherwise");
        // Both units may run at once; a shared RuntimeDirectory= or StateDirectory= would be removed or re-owned
        // under the recorder whenever the replay stops or starts.
        assertEquals(List.of(), u.all("Service", "RuntimeDirectory"));
        assertEquals(List.of(), u.all("Service", "StateDirectory"));
        assertEquals(List.of(), u.all("Unit", "Conflicts"));
        assertBreaksNeitherJvmNorSharedRegion(u);
    }

    private static void assertBreaksNeitherJvmNorSharedRegion(UnitFile u) {
        String name = u.path().getFileName().toString();
        // W^X forbids the JIT's code cache; DynamicUser= and RemoveIPC= delete the user's /dev/shm regions on stop;
        // PrivateDevices= hides the hardware.
        for (String key : List.of("MemoryDenyWriteExecute", "DynamicUser", "PrivateDevices")) {
            assertNotEquals("yes", u.last("Service", key).orElse("no"), name + " " + key);
        }
        assertNotEquals("yes", u.last("Service", "RemoveIPC").orElse("no"), name + " RemoveIPC");
        assertEquals("143", u.last("Service", "SuccessExitStatus").orElse(null), name + " SuccessExitStatus");
    }

    private static Cmd.Result verify(String unit) throws IOException {
        // MANPATH: the man:framereel(1) of Documentation= must resolve to the packaged manual page.
        return Cmd.run(List.of("systemd-analyze", "verify", "--root=" + root, "/usr/lib/systemd/system/" + unit),
                Map.of("MANPATH", root.resolve("usr/share/man").toString()), null);
    }
}
