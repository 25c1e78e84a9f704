package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.PixelKernels;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RpicamSource against a stand-in rpicam-vid ({@link RpicamStandIn}, a JVM writing the test pattern): framing,
 * conversion, timestamps and drops from metadata, every way rpicam-vid can fail, and leaving no process behind.
 */
class RpicamSourceTest {
    /** Not a multiple of 64: the VC4 ISP pads these lines to 128 bytes. */
    private static final int W = 100;
    private static final int H = 60;

    @TempDir
    Path dir;

    private final List<RpicamSource> opened = new ArrayList<>();

    @AfterEach
    void closeEverySource() throws IOException {
        for (RpicamSource s : opened) {
            s.close();
        }
    }

    private RpicamSource source(RpicamOptions options, RpicamPlatform platform) {
        RpicamSource source = new RpicamSource(options, platform);
        opened.add(source);
        return source;
    }

    private RpicamOptions standIn(RpicamCodec codec, double fps, String... switches) throws IOException {
        return standIn(codec, W, H, fps, false, switches);
    }

    private RpicamOptions standIn(RpicamCodec codec, int width, int height, double fps, boolean ignoreSigterm,
            String... switches) throws IOException {
        Path launcher = RpicamStandIn.install(dir, ignoreSigterm, switches);
        return RpicamOptions.of(codec, width, height, fps).withExecutable(launcher.toString());
    }

    /** One frame as the capture thread got it. */
    private record Got(byte[] bytes, long sequence, long timestampNanos) {
    }

    private static List<Got> read(RpicamSource source, int frames, int maxFrameBytes) throws IOException {
        ByteBuffer dst = ByteBuffer.allocateDirect(maxFrameBytes).order(ByteOrder.LITTLE_ENDIAN);
        CapturedFrame frame = new CapturedFrame();
        List<Got> got = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (got.size() < frames) {
            assertTrue(System.nanoTime() < deadline, "frames within 30 s: " + got.size());
            if (source.next(dst, frame, 250)) {
                byte[] bytes = new byte[frame.bytes];
                dst.get(0, bytes);
                got.add(new Got(bytes, frame.sequence, frame.timestampNanos));
            }
        }
        return got;
    }

    /**
     * Pattern frame k as RpicamSource stores rpicam-vid's I420 version of it: luma as is, each chroma line (taken
     * from an even line) repeated for the odd line below it.
     */
    private static byte[] expectedYuv422(int width, int height, long k) {
        TestPatternSource pattern = new TestPatternSource(width, height, PixelFormat.YUV422, 30);
        pattern.seek(k);
        ByteBuffer p = pattern.next().payload();
        byte[] out = new byte[width * height * 2];
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < width * 2; i++) {
                boolean chroma = (i & 1) == 1;
                out[y * width * 2 + i] = p.get(p.position() + ((chroma ? y & ~1 : y) * width * 2) + i);
            }
        }
        return out;
    }

    @Test
    void yuv420FramesAreStoredAsYuv422WithTheIspLinePaddingDropped() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 30), RpicamPlatform.VC4);
        StreamShape shape = source.start();
        assertEquals(W, shape.width());
        assertEquals(H, shape.height());
        assertEquals(PixelFormat.YUV422, shape.format());
        assertEquals(W * H * 2, shape.maxFrameBytes());
        assertTrue(shape.description().contains("YUV420 100x60 (128 bytes per line) at 30 fps -> YUV422"),
                shape.description());
        List<Got> frames = read(source, 8, shape.maxFrameBytes());
        for (int k = 0; k < frames.size(); k++) {
            assertEquals(k, frames.get(k).sequence());
            assertArrayEquals(expectedYuv422(W, H, k), frames.get(k).bytes(), "frame " + k);
        }
        assertEquals(0, source.droppedFrames());
        assertEquals(0, source.unusableFrames());
    }

    @Test
    void aPi5StrideIsFramedByThePispRule() throws IOException {
        // 160 wide: VC4 pads to 192, PiSP to 256 (chroma 80 -> 128); the stand-in writes PiSP's
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 160, 60, 30, false, "stride=256"),
                RpicamPlatform.PISP);
        StreamShape shape = source.start();
        List<Got> frames = read(source, 3, shape.maxFrameBytes());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(expectedYuv422(160, 60, k), frames.get(k).bytes(), "frame " + k);
        }
    }

    @Test
    void grayscaleIsTheLumaPlaneAndRgb565IsTheRenderedYuv() throws IOException {
        RpicamSource gray = source(standIn(RpicamCodec.YUV420, 30).withStoredAs(Optional.of(PixelFormat.GRAYSCALE)),
                RpicamPlatform.VC4);
        StreamShape shape = gray.start();
        assertEquals(PixelFormat.GRAYSCALE, shape.format());
        TestPatternSource luma = new TestPatternSource(W, H, PixelFormat.GRAYSCALE, 30);
        for (Got f : read(gray, 3, shape.maxFrameBytes())) {
            luma.seek(f.sequence());
            ByteBuffer expected = luma.next().payload();
            assertEquals(expected, ByteBuffer.wrap(f.bytes()), "frame " + f.sequence());
        }
        gray.close();

        RpicamSource rgb = source(standIn(RpicamCodec.YUV420, 30).withStoredAs(Optional.of(PixelFormat.RGB565)),
                RpicamPlatform.VC4);
        Got first = read(rgb, 1, rgb.start().maxFrameBytes()).get(0);
        byte[] yuv = expectedYuv422(W, H, first.sequence());
        ByteBuffer expected = ByteBuffer.allocate(W * H * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < yuv.length; i += 4) {
            expected.putInt(i, PixelKernels.yuvPairToRgb565(yuv[i] & 0xFF, yuv[i + 2] & 0xFF, yuv[i + 1] & 0xFF,
                    yuv[i + 3] & 0xFF));
        }
        assertArrayEquals(expected.array(), first.bytes());
    }

    @Test
    void framesAreTimedBySensorTimestampNotByArrival() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 20), RpicamPlatform.VC4);
        List<Got> frames = read(source, 10, source.start().maxFrameBytes());
        for (int k = 1; k < frames.size(); k++) {
            assertEquals(50_000_000L, frames.get(k).timestampNanos() - frames.get(k - 1).timestampNanos(),
                    "exactly one 20 fps period between frames " + (k - 1) + " and " + k);
        }
        assertEquals(0, source.untimedFrames());
        long now = System.nanoTime();
        long last = frames.get(frames.size() - 1).timestampNanos();
        assertTrue(last < now && now - last < 5_000_000_000L, "on System.nanoTime's clock: " + (now - last) + " ns");
    }

    @Test
    void framesTheCameraLostAreCountedFromTheTimestampGaps() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 20, "drop=3:4:7"), RpicamPlatform.VC4);
        StreamShape shape = source.start();
        List<Got> frames = read(source, 8, shape.maxFrameBytes());
        assertEquals(3, source.droppedFrames());
        List<Long> sequences = new ArrayList<>();
        for (Got f : frames) {
            sequences.add(f.sequence());
            assertArrayEquals(expectedYuv422(W, H, f.sequence()), f.bytes(), "the camera's frame " + f.sequence());
        }
        assertEquals(List.of(0L, 1L, 2L, 5L, 6L, 8L, 9L, 10L), sequences);
        assertEquals(3 * 50_000_000L, frames.get(3).timestampNanos() - frames.get(2).timestampNanos());
    }

    @Test
    void aFrameWhoseMetadataIsMissingOrLateIsTimedByArrival() throws IOException {
        // 10 fps: the source waits up to 50 ms for a frame's metadata; frame 5's comes 80 ms late
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 10, "no-timestamp=2", "late-metadata=5"),
                RpicamPlatform.VC4);
        List<Got> frames = read(source, 8, source.start().maxFrameBytes());
        assertTrue(source.untimedFrames() >= 1, "frame 2 at least (and 5, unless this thread was held up)");
        long t0 = frames.get(0).timestampNanos();
        for (int k = 1; k < frames.size(); k++) {
            assertTrue(frames.get(k).timestampNanos() > frames.get(k - 1).timestampNanos(), "in order at " + k);
        }
        for (int k : new int[] {2, 5}) {
            long error = frames.get(k).timestampNanos() - (t0 + k * 100_000_000L);
            assertTrue(Math.abs(error) < 50_000_000L, "frame " + k + " is off its sensor time by " + error + " ns");
        }
        assertEquals(0, source.droppedFrames(), "arrival jitter is not taken for lost frames");
    }

    @Test
    void mjpegFramesAreTheCamerasJpegsEvenWithJunkBetweenThem() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.MJPEG, 30, "garbage=1"), RpicamPlatform.VC4);
        StreamShape shape = source.start();
        assertEquals(PixelFormat.JPEG, shape.format());
        assertEquals(W * H * 3 / 2 + 64 * 1024, shape.maxFrameBytes());
        for (Got f : read(source, 5, shape.maxFrameBytes())) {
            assertArrayEquals(RpicamStandIn.jpegFrame(W, H, 30, f.sequence(), true), f.bytes(),
                    "JPEG " + f.sequence() + ", its COM segment's FF D9 included");
        }
        assertEquals(0, source.unusableFrames());
    }

    @Test
    void anEarlyExitFailsWithTheStatusTheFrameTheOffsetAndRpicamsLastWords() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 50, "die-after=5"), RpicamPlatform.VC4);
        StreamShape shape = source.start();
        read(source, 5, shape.maxFrameBytes());
        ByteBuffer dst = ByteBuffer.allocateDirect(shape.maxFrameBytes());
        RpicamException e = assertThrows(RpicamException.class, () -> {
            while (true) {
                source.next(dst, new CapturedFrame(), 250);
            }
        });
        int frameBytes = 128 * H * 3 / 2;
        assertTrue(e.getMessage().matches("rpicam-vid \\(pid \\d+\\) exited with status 255 after 5 frames; its "
                + "output ended " + frameBytes / 2 + " bytes into frame 5 \\(stdout byte offset "
                + (5 * frameBytes + frameBytes / 2) + "\\); stderr: .*Camera frontend has timed out! \\*\\*\\*"),
                e.getMessage());
        assertEquals(255, e.exitStatus());
        assertEquals(5, e.frames());
        assertEquals(5L * frameBytes + frameBytes / 2, e.streamOffset());
        assertTrue(e.stderrTail().contains("Dequeue timer"), e.stderrTail());
        assertThrows(RpicamException.class, () -> source.next(dst, new CapturedFrame(), 10), "and stays failed");
    }

    @Test
    void aCleanExitIsReportedOnlyAfterTheStallTimeoutSoThatACtrlCStopsRecordingQuietly() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 50, "frames=4", "exit=0").withTimeouts(10_000, 800),
                RpicamPlatform.VC4);
        StreamShape shape = source.start();
        read(source, 4, shape.maxFrameBytes());
        ByteBuffer dst = ByteBuffer.allocateDirect(shape.maxFrameBytes());
        long started = System.nanoTime();
        int noFrame = 0;
        RpicamException e = null;
        while (e == null) {
            try {
                assertFalse(source.next(dst, new CapturedFrame(), 100));
                noFrame++;
            } catch (RpicamException thrown) {
                e = thrown;
            }
        }
        assertTrue(noFrame >= 4 && System.nanoTime() - started >= 600_000_000L, "a quiet grace period first, "
                + "in timeouts of 100 ms: " + noFrame);
        assertTrue(e.getMessage().contains("exited with status 0 after 4 frames (stdout byte offset "), e.getMessage());
    }

    @Test
    void aMissingCameraFailsToStartWithRpicamsError() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 30, "fail=camera"), RpicamPlatform.VC4);
        RpicamException e = assertThrows(RpicamException.class, source::start);
        assertTrue(e.getMessage().contains("exited with status 255 before its first frame (stdout byte offset 0); "
                + "stderr: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("ERROR: *** no cameras available ***"), e.getMessage());
    }

    @Test
    void aRefusedOptionFailsToStartAndLeavesNoFifoBehind() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 30, "fail=options"), RpicamPlatform.VC4);
        long started = System.nanoTime();
        RpicamException e = assertThrows(RpicamException.class, source::start);
        assertTrue(e.getMessage().contains("unrecognised option '--bogus'"), e.getMessage());
        assertTrue(System.nanoTime() - started < 15_000_000_000L, "the FIFO reader rpicam-vid never met is freed");
        assertTrue(source.workDir() != null && !Files.exists(source.workDir()), "FIFO and its directory deleted: "
                + source.workDir());
    }

    @Test
    void aMissingExecutableSaysHowToInstallIt() {
        RpicamSource bare = source(RpicamOptions.of(RpicamCodec.YUV420, W, H, 30)
                .withExecutable("rpicam-vid-not-installed-here"), RpicamPlatform.VC4);
        RpicamException e = assertThrows(RpicamException.class, bare::start);
        assertTrue(e.getMessage().startsWith("rpicam-vid-not-installed-here not found on PATH; install rpicam-apps "
                + "(sudo apt install rpicam-apps) or set FRAMEREEL_RPICAM to its path"), e.getMessage());
        RpicamSource path = source(RpicamOptions.of(RpicamCodec.YUV420, W, H, 30)
                .withExecutable(dir.resolve("no/rpicam-vid").toString()), RpicamPlatform.VC4);
        e = assertThrows(RpicamException.class, path::start);
        assertTrue(e.getMessage().startsWith(dir.resolve("no/rpicam-vid") + " does not exist"), e.getMessage());
    }

    @Test
    void aSizeTheIspAdjustedIsRefusedRatherThanFramedWrongly() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 30, "configure=96x60"), RpicamPlatform.VC4);
        RpicamException e = assertThrows(RpicamException.class, source::start);
        assertTrue(e.getMessage().contains("configured the camera for 96x60, not the 100x60 asked for"),
                e.getMessage());
    }

    @Test
    void aStalledCameraFailsOnceTheStallTimeoutHasPassed() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 50, "stall-after=3").withTimeouts(10_000, 800),
                RpicamPlatform.VC4);
        StreamShape shape = source.start();
        read(source, 3, shape.maxFrameBytes());
        ByteBuffer dst = ByteBuffer.allocateDirect(shape.maxFrameBytes());
        long started = System.nanoTime();
        RpicamException e = assertThrows(RpicamException.class, () -> {
            while (true) {
                source.next(dst, new CapturedFrame(), 100);
            }
        });
        assertTrue(System.nanoTime() - started >= 600_000_000L, "not before the stall timeout");
        assertTrue(e.getMessage().matches("rpicam-vid \\(pid \\d+\\) stalled: no frame for \\d+ ms after 3 frames "
                + "\\(stdout byte offset " + 3 * 128 * H * 3 / 2 + "\\); stderr: .*"), e.getMessage());
        assertEquals(RpicamException.NO_EXIT_STATUS, e.exitStatus());
    }

    @Test
    void closeKillsRpicamVidAndReapsIt() throws IOException, InterruptedException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 30), RpicamPlatform.VC4);
        read(source, 2, source.start().maxFrameBytes());
        ProcessHandle child = source.processHandle();
        assertTrue(child.isAlive());
        source.close();
        assertFalse(child.isAlive());
        assertFalse(Files.exists(Path.of("/proc/" + child.pid())), "no zombie left: pid " + child.pid());
        assertFalse(Files.exists(source.workDir()), "metadata FIFO deleted");
        source.close(); // idempotent
    }

    @Test
    void closeEscalatesToSigkillWhenAHungRpicamVidIgnoresSigterm() throws IOException {
        // Hung: it writes nothing, so the closed pipe cannot end it either (Process.destroy closes our ends)
        RpicamSource source = source(standIn(RpicamCodec.YUV420, W, H, 30, true, "stall-after=2"),
                RpicamPlatform.VC4);
        read(source, 2, source.start().maxFrameBytes());
        ProcessHandle child = source.processHandle();
        long started = System.nanoTime();
        source.close();
        assertTrue(System.nanoTime() - started >= 1_500_000_000L, "SIGTERM was given its time first");
        assertFalse(child.isAlive());
        assertFalse(Files.exists(Path.of("/proc/" + child.pid())), "no zombie left: pid " + child.pid());
    }

    @Test
    void passesTheCameraAndExtraOptionsThrough() throws IOException {
        Path args = dir.resolve("args.txt");
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 30, "args-file=" + args).withCamera(1)
                .withExtraArgs(List.of("--shutter=20000", "--awb", "daylight")), RpicamPlatform.VC4);
        source.start();
        List<String> argv = Files.readAllLines(args);
        assertEquals(List.of("--camera", "1"), argv.subList(3, 5));
        assertEquals(List.of("--shutter=20000", "--awb", "daylight", "-o", "-"), argv.subList(argv.size() - 5,
                argv.size()));
    }

    @Test
    void readingYuv420FramesAllocatesNothingAfterWarmUp() throws IOException {
        RpicamSource source = source(standIn(RpicamCodec.YUV420, 100), RpicamPlatform.VC4);
        StreamShape shape = source.start();
        ByteBuffer dst = ByteBuffer.allocateDirect(shape.maxFrameBytes()).order(ByteOrder.LITTLE_ENDIAN);
        CapturedFrame frame = new CapturedFrame();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        readFrames(source, dst, frame, 60);
        Thread[] measured = {Thread.currentThread(), thread("framereel-rpicam-reader"),
            thread("framereel-rpicam-metadata")};
        long[] before = new long[3];
        long[] after = new long[3];
        allocated(threads, measured, before);
        readFrames(source, dst, frame, 150);
        allocated(threads, measured, after);
        String[] names = {"capture (this) thread", "pipe reader thread", "metadata thread"};
        for (int i = 0; i < 3; i++) {
            assertTrue(after[i] - before[i] < 4096, names[i] + " allocated " + (after[i] - before[i])
                    + " bytes over 150 frames");
        }
    }

    private static void readFrames(RpicamSource source, ByteBuffer dst, CapturedFrame frame, int n)
            throws IOException {
        for (int got = 0; got < n; ) {
            if (source.next(dst, frame, 250)) {
                got++;
            }
        }
    }

    private static Thread thread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no thread " + name);
    }

    /** Fills {@code bytes} with what each thread allocated so far, allocating nothing itself. */
    private static void allocated(com.sun.management.ThreadMXBean threads, Thread[] measured, long[] bytes) {
        for (int i = 0; i < measured.length; i++) {
            bytes[i] = threads.getThreadAllocatedBytes(measured[i].getId());
        }
    }
}
