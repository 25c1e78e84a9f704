package io.framereel.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** postinst, prerm and postrm: the commands they run in each situation dpkg puts them in, and what purge keeps. */
class MaintainerScriptsTest {
    private static final String UNIT = "framereel.service";
    private static final String REPLAY = "framereel-replay.service";
    private static final List<String> CREATE_USER_AND_DIRS = List.of(
            "systemd-sysusers framereel.conf",
            "systemd-tmpfiles --create framereel.conf");
    private static final List<String> UDEV = List.of(
            "udevadm control --reload-rules",
            "udevadm trigger --action=change --subsystem-match=gpio --subsystem-match=dma_heap");

    @TempDir
    static Path unpacked;
    @TempDir
    static Path work;
    private static MaintainerScripts scripts;

    @BeforeAll
    static void unpack() throws IOException {
        Packaged.unpack(unpacked);
        scripts = new MaintainerScripts(unpacked.resolve("DEBIAN"), work);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postinst", "prerm", "postrm"})
    void scriptsAreValidPosixShellThatStopsOnErrors(String script) throws IOException {
        Path path = unpacked.resolve("DEBIAN").resolve(script);
        Cmd.Result syntax = Cmd.run(List.of("sh", "-n", path.toString()));
        assertEquals(0, syntax.exit(), syntax::describe);
        if (Cmd.onPath("dash").isPresent()) {
            Cmd.Result dash = Cmd.run(List.of("dash", "-n", path.toString()));
            assertEquals(0, dash.exit(), dash::describe);
        }
        assertTrue(Files.readAllLines(path).contains("set -e"), script + " lacks set -e");
        shellcheck(path);
    }

    @Test
    void launcherIsValidPosixShell() throws IOException {
        Path launcher = unpacked.resolve("usr/bin/framereel");
        Cmd.Result syntax = Cmd.run(List.of("sh", "-n", launcher.toString()));
        assertEquals(0, syntax.exit(), syntax::describe);
        shellcheck(launcher);
    }

    @Test
    void freshInstallCreatesUserAndDirectoriesButEnablesAndStartsNothing() throws IOException {
        assumeIsolatedRun();
        MaintainerScripts.Run run = scripts.run("postinst", MaintainerScripts.Setup.booted(), "configure", "");
        assertEquals(0, run.result().exit(), run.result()::describe);
        List<String> expected = new ArrayList<>(CREATE_USER_AND_DIRS);
        expected.addAll(UDEV);
        expected.addAll(List.of(
                "deb-systemd-helper debian-installed " + UNIT,
                "deb-systemd-helper update-state " + UNIT,
                "deb-systemd-helper debian-installed " + REPLAY,
                "deb-systemd-helper update-state " + REPLAY,
                "systemctl --system daemon-reload"));
        assertEquals(expected, run.calls());
    }

    @Test
    void upgradeKeepsEnabledUnitsEnabledAndRestartsRunningOnes() throws IOException {
        assumeIsolatedRun();
        MaintainerScripts.Run run = scripts.run("postinst", MaintainerScripts.Setup.booted().withUnitsEnabledBefore(),
                "configure", "0.0.9");
        assertEquals(0, run.result().exit(), run.result()::describe);
        List<String> expected = new ArrayList<>(CREATE_USER_AND_DIRS);
        expected.addAll(UDEV);
        for (String unit : List.of(UNIT, REPLAY)) {
            expected.addAll(List.of(
                    "deb-systemd-helper debian-installed " + unit,
                    "deb-systemd-helper --quiet was-enabled " + unit,
                    "deb-systemd-helper enable " + unit,
                    "deb-systemd-helper update-state " + unit));
        }
        expected.add("systemctl --system daemon-reload");
        expected.add("deb-systemd-invoke try-restart " + UNIT + " " + REPLAY);
        assertEquals(expected, run.calls());
    }

    @Test
    void upgradeLeavesDisabledUnitsDisabled() throws IOException {
        assumeIsolatedRun();
        MaintainerScripts.Run run = scripts.run("postinst",
                MaintainerScripts.Setup.booted().withUnitsInstalledBefore(), "configure", "0.0.9");
        assertEquals(0, run.result().exit(), run.result()::describe);
        assertTrue(run.calls().stream().noneMatch(c -> c.startsWith("deb-systemd-helper enable")), run.calls()::toString);
        // try-restart starts nothing that is stopped.
        assertEquals("deb-systemd-invoke try-restart " + UNIT + " " + REPLAY, run.calls().get(run.calls().size() - 1));
    }

    @Test
    void installInAChrootTouchesNeitherSystemdNorUdev() throws IOException {
        assumeIsolatedRun();
        MaintainerScripts.Run run = scripts.run("postinst", MaintainerScripts.Setup.chroot(), "configure", "");
        assertEquals(0, run.result().exit(), run.result()::describe);
        List<String> expected = new ArrayList<>(CREATE_USER_AND_DIRS);
        expected.addAll(List.of(
                "deb-systemd-helper debian-installed " + UNIT,
                "deb-systemd-helper update-state " + UNIT,
                "deb-systemd-helper debian-installed " + REPLAY,
                "deb-systemd-helper update-state " + REPLAY));
        assertEquals(expected, run.calls());
    }

    @Test
    void installUnderDpkgRootWorksOnTheRootAndNeverOnTheRunningSystem() throws IOException {
        Path root = Files.createDirectories(work.resolve("dpkg-root"));
        MaintainerScripts.Run run = scripts.run("postinst", MaintainerScripts.Setup.booted().inDpkgRoot(root),
                "configure", "");
        assertEquals(0, run.result().exit(), run.result()::describe);
        assertEquals(List.of(
                "systemd-sysusers --root=" + root + " framereel.conf",
                "systemd-tmpfiles --root=" + root + " --create framereel.conf",
                "deb-systemd-helper debian-installed " + UNIT,
                "deb-systemd-helper update-state " + UNIT,
                "deb-systemd-helper debian-installed " + REPLAY,
                "deb-systemd-helper update-state " + REPLAY), run.calls());
    }

    @Test
    void postinstFailsWhenTheUserCannotBeCreated() throws IOException {
        Path root = Files.createDirectories(work.resolve("dpkg-root-fail"));
        MaintainerScripts.Run run = scripts.run("postinst",
                MaintainerScripts.Setup.chroot().inDpkgRoot(root).failing("systemd-sysusers"), "configure", "");
        assertNotEquals(0, run.result().exit(), run.result()::describe);
        assertEquals(List.of("systemd-sysusers --root=" + root + " framereel.conf"), run.calls());
    }

    @Test
    void removeStopsBothUnitsButAnUpgradeLeavesThemRunning() throws IOException {
        assumeIsolatedRun();
        MaintainerScripts.Run remove = scripts.run("prerm", MaintainerScripts.Setup.booted(), "remove");
        assertEquals(0, remove.result().exit(), remove.result()::describe);
        assertEquals(List.of("deb-systemd-invoke stop " + UNIT + " " + REPLAY), remove.calls());

        MaintainerScripts.Run upgrade = scripts.run("prerm", MaintainerScripts.Setup.booted(), "upgrade", "0.2.0");
        assertEquals(0, upgrade.result().exit(), upgrade.result()::describe);
        assertEquals(List.of(), upgrade.calls());

        MaintainerScripts.Run chroot = scripts.run("prerm", MaintainerScripts.Setup.chroot(), "remove");
        assertEquals(List.of(), chroot.calls());
    }

    @Test
    void removeReloadsSystemd() throws IOException {
        assumeIsolatedRun();
        MaintainerScripts.Run run = scripts.run("postrm", MaintainerScripts.Setup.booted(), "remove");
        assertEquals(0, run.result().exit(), run.result()::describe);
        assertEquals(List.of("systemctl --system daemon-reload"), run.calls());
    }

    @Test
    void purgeRemovesConfigurationAndCacheButKeepsRecordings() throws IOException {
        Path root = Files.createDirectories(work.resolve("purge-root"));
        Path conf = write(root.resolve("etc/framereel/framereel.conf.dpkg-old"), "old");
        Path defaults = write(root.resolve("etc/default/framereel"), "FRAMEREEL_JAVA_OPTS=-Xmx64m");
        Path otherDefaults = write(root.resolve("etc/default/other"), "keep");
        Path cache = write(root.resolve("var/cache/framereel/jna123.tmp"), "stub");
        Path recording = write(root.resolve("var/lib/framereel/recordings/rec-20260101-120000.bin"), "frames");
        MaintainerScripts.Run run = scripts.run("postrm", MaintainerScripts.Setup.booted().inDpkgRoot(root), "purge");
        assertEquals(0, run.result().exit(), run.result()::describe);
        assertEquals(List.of("deb-systemd-helper purge " + UNIT + " " + REPLAY), run.calls());
        assertFalse(Files.exists(conf.getParent()), "/etc/framereel survived purge");
        assertFalse(Files.exists(defaults), "/etc/default/framereel survived purge");
        assertFalse(Files.exists(cache.getParent()), "/var/cache/framereel survived purge");
        assertTrue(Files.exists(otherDefaults), "purge removed another package's file");
        assertTrue(Files.exists(recording), "purge removed a recording");
        assertEquals("frames", Files.readString(recording), "purge changed a recording");
    }

    @Test
    void realSysusersAndTmpfilesCreateTheUserAndPrivateRecordingDirectory() throws IOException {
        // The real tools, applied to a root: what the postinst does on an image being built.
        Assumptions.assumeTrue(Cmd.onPath("systemd-sysusers").isPresent() && Cmd.onPath("systemd-tmpfiles").isPresent(),
                "systemd-sysusers/systemd-tmpfiles are not installed");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "systemd-tmpfiles can give the directories to user framereel only as root");
        Path root = Files.createDirectories(work.resolve("real-root"));
        Packaged.unpack(root);
        write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        write(root.resolve("etc/group"), "root:x:0:\nvideo:x:44:\n");
        Map<String, String> env = Map.of("DPKG_ROOT", root.toString(), "DPKG_MAINTSCRIPT_PACKAGE", "framereel",
                "DPKG_MAINTSCRIPT_NAME", "postinst");
        Cmd.Result install = Cmd.run(List.of(root.resolve("DEBIAN/postinst").toString(), "configure", ""), env, null);
        assertEquals(0, install.exit(), install::describe);

        String passwd = Files.readString(root.resolve("etc/passwd"));
        String group = Files.readString(root.resolve("etc/group"));
        String user = passwd.lines().filter(l -> l.startsWith("framereel:")).findFirst()
                .orElseThrow(() -> new AssertionError("no user framereel in\n" + passwd));
        String[] u = user.split(":");
        assertEquals("/var/lib/framereel", u[5], user);
        assertEquals("/usr/sbin/nologin", u[6], user);
        assertTrue(Integer.parseInt(u[2]) < 1000, "not a system user: " + user);
        assertTrue(group.lines().anyMatch(l -> l.matches("gpio:x:\\d+:")), group);
        assertTrue(group.lines().anyMatch(l -> l.equals("video:x:44:")), "video changed: " + group);
        for (String dir : List.of("var/lib/framereel", "var/lib/framereel/recordings")) {
            Path p = root.resolve(dir);
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), dir);
            assertEquals(Integer.parseInt(u[2]), (Integer) Files.getAttribute(p, "unix:uid"), dir + " owner");
            assertEquals(Integer.parseInt(u[3]), (Integer) Files.getAttribute(p, "unix:gid"), dir + " group");
        }
        // Nothing enabled: no symlink under etc/systemd/system.
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants")),
                "a fresh install enabled a unit");

        // The administrator enables the recorder; purge (real deb-systemd-helper) removes the symlink again.
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve(UNIT), Path.of("/usr/lib/systemd/system/" + UNIT));
        Cmd.Result again = Cmd.run(List.of(root.resolve("DEBIAN/postinst").toString(), "configure", "0.0.9"), env,
                null);
        assertEquals(0, again.exit(), again::describe);
        assertEquals(passwd, Files.readString(root.resolve("etc/passwd")), "a second run changed the users");
        Cmd.Result purge = Cmd.run(List.of(root.resolve("DEBIAN/postrm").toString(), "purge"),
                Map.of("DPKG_ROOT", root.toString(), "DPKG_MAINTSCRIPT_PACKAGE", "framereel",
                        "DPKG_MAINTSCRIPT_NAME", "postrm"), null);
        assertEquals(0, purge.exit(), purge::describe);
        assertFalse(Files.exists(wants.resolve(UNIT), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "purge left the enablement symlink");
        assertTrue(Files.isDirectory(root.resolve("var/lib/framereel/recordings")), "purge removed the recordings");
    }

    private static void assumeIsolatedRun() throws IOException {
        Assumptions.assumeTrue(MaintainerScripts.canIsolateRun(), "running the scripts with and without systemd"
                + " needs a private /run (unshare --mount and mount, as root)");
    }

    private static void shellcheck(Path script) throws IOException {
        if (Cmd.onPath("shellcheck").isEmpty()) {
            System.out.println("shellcheck is not installed: " + script.getFileName() + " checked by sh -n only");
            return;
        }
        Cmd.Result r = Cmd.run(List.of("shellcheck", "--shell=sh", "--severity=style", script.toString()));
        assertEquals(0, r.exit(), r::describe);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
