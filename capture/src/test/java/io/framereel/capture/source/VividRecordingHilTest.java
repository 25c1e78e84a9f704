package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.framereel.capture.format.FrameConversion;
import io.framereel.capture.record.FileFrameStore;
import io.framereel.capture.record.Recorder;
import io.framereel.capture.record.RecordingSummary;
import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.device.hil.VividCamera;
import io.framereel.device.v4l2.FormatDescription;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;
import io.framereel.storage.pixel.ArgbConverter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Scope: recording from the kernel's vivid camera through V4l2Source and Recorder into ImageIO files, in the hil
// rig: every camera format framereel maps and vivid offers round-trips with the right geometry and vivid's
// colour bars where they belong; the frame rate holds; vivid's dropped buffers are counted; a camera unplugged
// mid-recording ends it with a clear error and a closed, readable file.
@HilTest
class VividRecordingHilTest {
    private static final int W = 320;
    private static final int H = 180;
    /** vivid's "100% Colorbar", left to right. */
    private static final int[] BARS = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};
    /** Limited-range YUV, Bayer demosaicing and RGB565 all shift a channel by a little; a wrong bar is off by 255. */
    private static final int TOLERANCE = 48;

    private final Rig rig = Rig.require();
    private Path dir;

    @BeforeEach
    void showStillColourBars() throws IOException {
        dir = Files.createTempDirectory("vivid-rec");
        VividCamera camera = rig.camera();
        camera.resetFaults();
        camera.setMenu("test_pattern", "100% Colorbar");
        camera.setMenu("osd_text_mode", "None");
    }

    @AfterEach
    void clearFaults() {
        rig.camera().resetFaults();
    }

    private RecordingSummary record(String fourcc, int width, int height, double fps, Optional<PixelFormat> storeAs,
            Recorder.Limits limits, Path file) throws IOException {
        return record(fourcc, width, height, fps, storeAs, limits, file, false);
    }

    private RecordingSummary record(String fourcc, int width, int height, double fps, Optional<PixelFormat> storeAs,
            Recorder.Limits limits, Path file, boolean zeroCopy) throws IOException {
        CameraRequest request = new CameraRequest(rig.camera().node().toString(), Optional.of(fourcc),
                Optional.of(new int[] {width, height}), Optional.of(fps), storeAs, List.of(), zeroCopy ? 8 : 4);
        Recorder recorder = new Recorder(new V4l2Source(request), new FileFrameStore(file, SyncPolicy.NEVER), 8, limits,
                zeroCopy ? Recorder.Handoff.LEND : Recorder.Handoff.COPY);
        return recorder.record(null, 100);
    }

    @Test
    void zeroCopyStoresUnpaddedFormatsStraightFromTheDriversBuffers() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String fourcc : List.of("YUYV", "GREY", "RGBP", "BA81")) {
            Path file = dir.resolve("lent-" + fourcc + ".bin");
            RecordingSummary summary = record(fourcc, W, H, 30, Optional.empty(), Recorder.Limits.frames(4), file, true);
            if (summary.error().isPresent()) {
                failures.add(fourcc + ": " + summary.error().get());
            } else {
                checkBars(file, "zero-copy " + fourcc, failures);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        IOException refused = assertThrows(IOException.class,
                () -> record("YUYV", W, H, 30, Optional.of(PixelFormat.RGB565), Recorder.Limits.frames(2),
                        dir.resolve("lent-rgb565.bin"), true));
        assertTrue(refused.getMessage().contains("without a copy"), refused.getMessage());
        RecordingSummary after = record("YUYV", W, H, 30, Optional.empty(), Recorder.Limits.frames(2),
                dir.resolve("after-refusal.bin"));
        assertTrue(after.error().isEmpty(), () -> "the refused recording released the camera: " + after.error().get());
    }

    @Test
    void byDefaultFramesStoredAsIsAreWrittenFromSixteenDriverBuffersAndConvertedOnesAreCopied() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Optional<PixelFormat> storeAs : List.of(Optional.<PixelFormat>empty(), Optional.of(PixelFormat.RGB565))) {
            CameraRequest request = new CameraRequest(rig.camera().node().toString(), Optional.of("YUYV"),
                    Optional.of(new int[] {W, H}), Optional.of(30.0), storeAs, List.of(), CameraRequest.AUTO_BUFFERS);
            V4l2Source source = new V4l2Source(request);
            Path file = dir.resolve("auto-" + storeAs.map(Object::toString).orElse("as-is") + ".bin");
            RecordingSummary summary = new Recorder(source, new FileFrameStore(file, SyncPolicy.NEVER), 16,
                    Recorder.Limits.frames(4), Recorder.Handoff.LEND_WITH_SLACK).record(null, 100);
            assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
            assertEquals(storeAs.isEmpty(), summary.zeroCopy(), summary.toString());
            assertEquals(storeAs.isEmpty() ? 14 : 0, source.lendableFrames(),
                    "16 buffers, two kept for the driver; none lent when frames are converted");
            checkBars(file, "default " + summary.source(), failures);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void zeroCopyHoldsVividsFrameRateAndAccountsForEveryFrameInTheSpan() throws IOException {
        Path file = dir.resolve("lent-rate.bin");
        RecordingSummary summary = record("YUYV", 640, 480, 25, Optional.empty(), Recorder.Limits.seconds(3), file,
                true);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        long slots = Math.round(summary.spanNanos() / 40e6) + 1;
        assertEquals(slots, summary.stored() + summary.droppedByCamera() + summary.droppedByStorage(), 1,
                summary.toString());
        assertTrue(summary.stored() >= 50, "recorded for real: " + summary);
        assertElapsedFollowsTheTimestamps(file, summary);
    }

    @Test
    void everyMappedVividFormatStoresTheColourBars() throws IOException {
        Set<String> offered = new TreeSet<>();
        try (V4l2Device device = V4l2Device.open(rig.camera().node())) {
            for (FormatDescription f : device.formats()) {
                if (FrameConversion.supportedFourccs().contains(f.fourcc())) {
                    offered.add(f.fourccName());
                }
            }
        }
        for (String expected : List.of("YUYV", "YVYU", "UYVY", "GREY", "RGBP", "BA81", "RGGB", "NV12", "YU12", "BG10")) {
            assertTrue(offered.contains(expected), "vivid offers " + expected + " and framereel maps it: " + offered);
        }
        List<String> failures = new ArrayList<>();
        for (String fourcc : offered) {
            Path file = dir.resolve(fourcc.trim() + ".bin");
            RecordingSummary summary = record(fourcc, W, H, 30, Optional.empty(), Recorder.Limits.frames(3), file);
            if (summary.error().isPresent()) {
                failures.add(fourcc + ": " + summary.error().get());
                continue;
            }
            checkBars(file, fourcc, failures);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + offered.size() + " formats failed:\n" + String.join("\n", failures));
        }
    }

    @Test
    void convertsYuvAndBayerToOpenMvSensorFormatsOnCapture() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String fourcc : List.of("YUYV", "NV12", "BA81")) {
            for (PixelFormat target : List.of(PixelFormat.RGB565, PixelFormat.GRAYSCALE)) {
                Path file = dir.resolve(fourcc + "-" + target + ".bin");
                RecordingSummary summary = record(fourcc, W, H, 30, Optional.of(target), Recorder.Limits.frames(2),
                        file);
                summary.error().ifPresent(e -> failures.add(fourcc + "->" + target + ": " + e));
                if (summary.error().isEmpty()) {
                    checkBars(file, fourcc + "->" + target, failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void checkBars(Path file, String what, List<String> failures) throws IOException {
        try (ImageIO in = ImageIO.open(file, "r")) {
            if (in.count() < 2) {
                failures.add(what + ": " + in.count() + " frames stored");
                return;
            }
            Image frame = in.seek(in.count() - 1).read(false, false, false);
            if (frame.width() != W || frame.height() != H) {
                failures.add(what + ": stored " + frame.width() + "x" + frame.height());
                return;
            }
            int[] argb = new int[W * H];
            ArgbConverter.convert(frame, argb);
            boolean gray = frame.format() == PixelFormat.GRAYSCALE;
            int y = H / 2;
            for (int bar = 0; bar < BARS.length; bar++) {
                int x = (2 * bar + 1) * W / (2 * BARS.length);
                int expected = gray ? luma(BARS[bar]) * 0x010101 : BARS[bar];
                int actual = argb[y * W + x] & 0xFFFFFF;
                if (distance(expected, actual) > TOLERANCE) {
                    failures.add(String.format("%s (%s): bar %d at (%d,%d) is %06x, expected about %06x", what,
                            frame.format(), bar, x, y, actual, expected));
                    return;
                }
            }
        }
    }

    private static int luma(int rgb) {
        return (299 * (rgb >> 16 & 0xff) + 587 * (rgb >> 8 & 0xff) + 114 * (rgb & 0xff) + 500) / 1000;
    }

    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)));
        }
        return d;
    }

    @Test
    void holdsVividsFrameRateAndAccountsForEveryFrameInTheSpan() throws IOException {
        Path file = dir.resolve("rate.bin");
        RecordingSummary summary = record("YUYV", 640, 480, 25, Optional.empty(), Recorder.Limits.seconds(3), file);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        assertEquals(0, summary.unusable(), summary.toString());
        // Under TCG on a busy machine vivid may run late and skip a frame, and our writer may fall behind for a
        // moment (zero drops at vivid's top rate is a benchmark goal, docs/benchmarks.md, not something an
        // emulator shared with other jobs can promise); whatever happens, every 40 ms slot of the span is a
        // stored frame or a counted drop.
        long slots = Math.round(summary.spanNanos() / 40e6) + 1;
        assertEquals(slots, summary.stored() + summary.droppedByCamera() + summary.droppedByStorage(), 1,
                summary.toString());
        assertTrue(summary.stored() >= 50, "recorded for real: " + summary);
        assertElapsedFollowsTheTimestamps(file, summary);
    }

    @Test
    void countsTheBuffersVividDrops() throws IOException {
        rig.camera().dropPercent(30);
        Path file = dir.resolve("drops.bin");
        RecordingSummary summary = record("YUYV", W, H, 30, Optional.empty(), Recorder.Limits.frames(60), file);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        assertEquals(60, summary.stored());
        assertTrue(summary.droppedByCamera() >= 10, "30% of about 85 frames dropped: " + summary);
        long slots = Math.round(summary.spanNanos() / (1e9 / 30)) + 1;
        assertEquals(slots, summary.stored() + summary.droppedByCamera(), 2, summary.toString());
        assertElapsedFollowsTheTimestamps(file, summary);
    }

    /** The elapsed times in the file add up to the camera's span: gaps stay gaps, nothing drifts. */
    private static void assertElapsedFollowsTheTimestamps(Path file, RecordingSummary summary) throws IOException {
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(summary.stored(), in.count());
            long total = 0;
            for (int i = 1; i < in.count(); i++) {
                total += in.seek(i).read(false, false, false).elapsedMs();
            }
            assertEquals(Math.round(summary.spanNanos() / 1e6), total, 2, "sum of elapsed ms vs camera span");
        }
    }

    @ParameterizedTest(name = "zero copy {0}")
    @ValueSource(booleans = {false, true})
    void aCameraUnpluggedMidRecordingEndsItWithAClearErrorAndAReadableFile(boolean zeroCopy) throws Exception {
        // With zero copy the writer may be storing from a buffer of the vanished camera: the buffers are only
        // unmapped once it is done, or the JVM would crash here.
        Path file = dir.resolve("unplugged.bin");
        CameraRequest request = new CameraRequest(rig.camera().node().toString(), Optional.of("YUYV"),
                Optional.of(new int[] {W, H}), Optional.of(30.0), Optional.empty(), List.of(), zeroCopy ? 8 : 4);
        Recorder recorder = new Recorder(new V4l2Source(request), new FileFrameStore(file, SyncPolicy.NEVER), 8,
                Recorder.Limits.seconds(20), zeroCopy ? Recorder.Handoff.LEND : Recorder.Handoff.COPY);
        Thread unplug = new Thread(() -> {
            try {
                Thread.sleep(2000);
                rig.camera().disconnect();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        unplug.start();
        RecordingSummary summary = recorder.record(null, 100);
        unplug.join();
        Throwable error = summary.error().orElseThrow(() -> new AssertionError("no error after unplug: " + summary));
        assertTrue(error.getMessage().contains(rig.camera().node().toString()), error.getMessage());
        assertTrue(summary.stored() > 10, summary.toString());
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(summary.stored(), in.count(), "every stored frame is readable");
        }
        // vivid plugs the camera back in once its last handle is closed: the next recording works again.
        RecordingSummary again = record("YUYV", W, H, 30, Optional.empty(), Recorder.Limits.frames(5),
                dir.resolve("after.bin"));
        assertTrue(again.error().isEmpty(), () -> "after reconnect: " + again.error().get());
    }
}
