package io.framereel.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writer process killed with SIGKILL at random points leaves a stream that READ opens, that holds every
 * frame whose write() returned, and that APPEND repairs and extends.
 *
 * <p>SIGKILL ends the process but not the kernel: what write() handed to the page cache reaches the file
 * whatever the sync policy. So this test proves that no <em>written</em> frame is lost or corrupted and that
 * a torn last chunk is recognised and cut; it cannot prove power-cut durability, which rests on fdatasync
 * (the {@link io.framereel.storage.SyncPolicy}) and on the filesystem and disk honouring it. Testing that
 * needs a real power cut or a block-device rig such as dm-log-writes; it cannot be simulated by kill -9.
 *
 * <p>Each kill point starts one child JVM ({@link CrashingWriterMain}, about 0.1 s); a chain of kill points
 * reuses the file (the first child writes with 'w', the rest append with 'a'), so a file that was itself
 * recovered is recovered again. Random choices come from a printed seed; rerun with {@code -Dcrash.seed=N}
 * and {@code -Dcrash.killPoints=N} (per sync policy).
 */
class CrashRecoveryTest {
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final int KILL_POINTS_PER_POLICY = Integer.getInteger("crash.killPoints", 30);
    private static final int CHAIN_LENGTH = 6;
    private static final int LARGE_FRAME_PERCENT = 25;
    /** Frames at least this big take long enough to write (100+ us) that a well-timed kill tears them. */
    private static final int LARGE_WRITE_BYTES = 100_000;

    /**
     * Delay ranges of the kill styles. Measured on a 2-vCPU VM: a free-running writer writes about 1 GB/s
     * and a 1 MB writev takes 100-300 us; a lockstep writer starts its write 0.3-5 ms after the release byte
     * (an idle vCPU wakes slowly); the child JVM reaches main about 80 ms after start.
     */
    private static final long TIMED_MAX_DELAY_NANOS = 40_000_000;
    private static final long LOCKSTEP_MAX_DELAY_NANOS = 4_000_000;
    private static final long STARTUP_MAX_DELAY_NANOS = 200_000_000;

    /** Exit status Process reports for a child ended by signal 9. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "sync {0}")
    @ValueSource(strings = {"always", "frames:3", "frames:16", "never"})
    void killedWriterLosesNoWrittenFrameAndAppendCutsTheTornTail(String syncPolicy) throws Exception {
        long seed = SEED ^ syncPolicy.hashCode();
        System.out.println("CrashRecoveryTest sync=" + syncPolicy + " seed=" + seed + " (rerun with -Dcrash.seed="
                + SEED + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Path file = dir.resolve("crash-" + syncPolicy.replace(':', '-') + ".bin");
        KillStats stats = new KillStats();
        DeterministicFrames frames = null;
        int framesInFile = 0;

        for (int point = 0; point < KILL_POINTS_PER_POLICY; point++) {
            boolean fresh = point % CHAIN_LENGTH == 0;
            if (fresh) {
                frames = new DeterministicFrames(random.nextLong(), LARGE_FRAME_PERCENT);
                framesInFile = 0;
            }
            KillPlan plan = KillPlan.random(random, frames, framesInFile, fresh);
            String where = "sync=" + syncPolicy + " seed=" + seed + " kill point " + point + " (" + plan
                    + ", frame seed " + frames.seed() + ")";
            ChildReport child = runAndKill(file, fresh ? "w" : "a", syncPolicy, frames, framesInFile + 100_000, plan,
                    where);
            TailRecoveryCheck.Outcome outcome = TailRecoveryCheck.verify(file, frames, 1 + random.nextInt(3), where);
            int survived = outcome.framesAfterCrash;
            if (child.openedCount < 0) { // killed before the stream was open: the file must be as we left it
                assertEquals(framesInFile, survived, where + ": frames after a kill during open");
                assertEquals(TailDamage.Kind.NONE, outcome.tail, where + ": tail after a kill during open");
                stats.add(plan, outcome, child);
                framesInFile = outcome.framesAfterAppend;
                continue;
            }
            assertEquals(framesInFile, child.openedCount, where + ": child opened a different stream");
            assertTrue(survived >= child.synced, where + ": " + survived + " frames survived but " + child.synced
                    + " were synced");
            assertTrue(survived >= child.wrote, where + ": " + survived + " frames survived but write() returned for "
                    + child.wrote + " (a kill keeps the page cache)");
            assertTrue(survived <= child.wrote + 1, where + ": " + survived + " frames in the file but only "
                    + child.wrote + " were reported written (only the write in flight may be unreported)");
            if (plan.lockstep()) {
                assertTrue(survived <= plan.killAtCount + 1, where + ": " + survived
                        + " frames in the file but the writer was let past " + plan.killAtCount);
            }
            stats.add(plan, outcome, child);
            framesInFile = outcome.framesAfterAppend;
        }
        System.out.println("CrashRecoveryTest sync=" + syncPolicy + ": " + stats);
        assertEquals(KILL_POINTS_PER_POLICY, stats.kills, "every kill point must kill a running writer");
    }

    /** Starts the writer, follows its progress until the plan says kill, kills it, and collects what it printed. */
    private static ChildReport runAndKill(Path file, String mode, String syncPolicy, DeterministicFrames frames,
            int maxFrames, KillPlan plan, String where) throws IOException, InterruptedException {
        Path stderr = file.resolveSibling("child-stderr.txt");
        List<String> command = List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx96m",
                CrashingWriterMain.class.getName(), file.toString(), mode, syncPolicy, Long.toString(frames.seed()),
                Integer.toString(LARGE_FRAME_PERCENT), Integer.toString(maxFrames),
                plan.lockstep() ? "lockstep" : "free");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        ChildReport report = new ChildReport();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream go = process.getOutputStream()) {
            if (plan.style != KillStyle.STARTUP) {
                followUntilKillPoint(out, go, plan, report, where, process, stderr);
            }
            waitPrecisely(plan.delayNanos);
            process.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it keeps stdout open
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail(where + ": writer did not die");
            }
            String line;
            while ((line = out.readLine()) != null) { // lines flushed before the kill are still in the pipe
                report.accept(line);
            }
        } finally {
            process.destroyForcibly();
        }
        assertEquals(KILLED_BY_SIGKILL, process.exitValue(), where + ": writer was not killed but ended: "
                + Files.readString(stderr));
        assertFalse(report.done, where + ": writer reached maxFrames");
        return report;
    }

    /** Reads the writer's progress up to the plan's kill point; a lockstep writer is released into its last write. */
    private static void followUntilKillPoint(BufferedReader out, OutputStream go, KillPlan plan, ChildReport report,
            String where, Process process, Path stderr) throws IOException, InterruptedException {
        String line;
        while ((line = out.readLine()) != null) {
            boolean progress = report.accept(line);
            if (report.openedCount >= 0 && report.wrote >= plan.killAtCount) {
                break;
            }
            if (plan.lockstep() && progress) {
                release(go);
            }
        }
        if (line == null) {
            process.waitFor(10, TimeUnit.SECONDS);
            fail(where + ": writer ended before the kill, exit " + process.exitValue() + ": " + Files.readString(stderr));
        }
        if (plan.lockstep()) {
            release(go); // the write the kill is aimed at
        }
    }

    /** Lets a lockstep writer start its next frame. */
    private static void release(OutputStream go) throws IOException {
        go.write('g');
        go.flush();
    }

    /** Waits precisely: parks for all but the last millisecond (the child needs the other core), spins the rest. */
    private static void waitPrecisely(long nanos) {
        long end = System.nanoTime() + nanos;
        if (nanos > 2_000_000) {
            LockSupport.parkNanos(nanos - 1_000_000);
        }
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** How a kill point picks its moment. */
    private enum KillStyle {
        /**
         * The writer runs flat out and is killed a random time after it reports the open, without the parent
         * reading its progress meanwhile. The style that tears chunks most often: a busy writer spends most of
         * its time inside writev.
         */
        TIMED,
        /** The writer runs flat out and is killed a random sub-ms or ms delay after it reports a frame count. */
        COUNTED,
        /**
         * The writer waits for a byte from the parent before each frame and is killed a random delay after
         * the release of one chosen frame, so the parent knows exactly which write was in flight (checked: no
         * more than that frame survives). Rarely tears a chunk: an idle writer starts late and, once inside
         * writev, finishes it (the kernel looks for a fatal signal only between page-cache folios).
         */
        LOCKSTEP,
        /** Killed during JVM start or while APPEND opens and repairs the file (only for an existing file). */
        STARTUP
    }

    /** When to kill: the style, the frame count it refers to (where it uses one) and the delay. */
    private static final class KillPlan {
        final KillStyle style;
        final int killAtCount;
        final long delayNanos;

        private KillPlan(KillStyle style, int killAtCount, long delayNanos) {
            this.style = style;
            this.killAtCount = killAtCount;
            this.delayNanos = delayNanos;
        }

        static KillPlan random(SplittableRandom r, DeterministicFrames frames, int framesInFile, boolean fresh) {
            int dice = r.nextInt(20);
            if (dice < 11) {
                return new KillPlan(KillStyle.TIMED, -1, r.nextLong(TIMED_MAX_DELAY_NANOS / 4, TIMED_MAX_DELAY_NANOS));
            } else if (dice < 15) {
                int target = framesInFile + (r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(12)); // +0: right after open
                long delay = r.nextBoolean() ? r.nextLong(1_000_000) : 1_000_000 + r.nextLong(4_000_000);
                return new KillPlan(KillStyle.COUNTED, target, delay);
            } else if (dice < 19 || fresh) {
                int target = framesInFile + r.nextInt(6);
                while (r.nextInt(4) != 0 && frames.frame(target).payloadBytes() < LARGE_WRITE_BYTES) {
                    target++;
                }
                return new KillPlan(KillStyle.LOCKSTEP, target, r.nextLong(LOCKSTEP_MAX_DELAY_NANOS));
            }
            return new KillPlan(KillStyle.STARTUP, -1, r.nextLong(STARTUP_MAX_DELAY_NANOS));
        }

        boolean lockstep() {
            return style == KillStyle.LOCKSTEP;
        }

        @Override
        public String toString() {
            switch (style) {
                case TIMED:
                    return "kill free-running writer " + delayNanos / 1000 + " us after open";
                case COUNTED:
                    return "kill free-running writer " + delayNanos / 1000 + " us after it reports count " + killAtCount;
                case LOCKSTEP:
                    return "kill " + delayNanos / 1000 + " us after releasing the write of frame " + killAtCount;
                default:
                    return "kill " + delayNanos / 1000 + " us after process start";
            }
        }
    }

    /** How the kill points turned out, to show that kills land both between and inside writes. */
    private static final class KillStats {
        final EnumMap<KillStyle, int[]> killsAndTears = new EnumMap<>(KillStyle.class);
        int kills;
        long tornBytes;
        int unreportedWrites;
        int framesReported;

        void add(KillPlan plan, TailRecoveryCheck.Outcome outcome, ChildReport child) {
            kills++;
            int[] counts = killsAndTears.computeIfAbsent(plan.style, k -> new int[2]);
            counts[0]++;
            if (outcome.tail == TailDamage.Kind.TORN) {
                counts[1]++;
                tornBytes += outcome.tornBytes;
            }
            if (child.openedCount >= 0) {
                unreportedWrites += outcome.framesAfterCrash > child.wrote ? 1 : 0;
                framesReported += child.wrote - child.openedCount;
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(kills).append(" kills (style: kills/torn chunks");
            killsAndTears.forEach((style, c) -> sb.append(", ").append(style).append(' ').append(c[0]).append('/')
                    .append(c[1]));
            return sb.append("), ").append(tornBytes).append(" torn bytes cut by APPEND, ").append(unreportedWrites)
                    .append(" kills between a write and its report, ").append(framesReported)
                    .append(" frames reported written").toString();
        }
    }

    /** What the child printed before it died. */
    private static final class ChildReport {
        int openedCount = -1;
        int wrote;
        int synced;
        boolean done;

        /** Takes one line; returns true for "opened" and "wrote", after which a lockstep writer waits. */
        boolean accept(String line) {
            int space = line.indexOf(' ');
            String event = line.substring(0, space);
            int n = Integer.parseInt(line.substring(space + 1));
            switch (event) {
                case "opened":
                    openedCount = n;
                    wrote = n; // frames already in the file count as written
                    return true;
                case "wrote":
                    wrote = Math.max(wrote, n);
                    return true;
                case "synced":
                    synced = Math.max(synced, n);
                    return false;
                case "done":
                    done = true;
                    return false;
                default:
                    throw new AssertionError("unexpected line from the writer: " + line);
            }
        }
    }
}
