package io.framereel.capture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

// Scope: the command line against the kernel's vivid camera in the hil rig, as the unprivileged user a Pi's
// recorder runs as: `devices` finds it by name, `record` stores what was asked and prints the summary scripts read.
@HilTest
class RecordCommandHilTest {
    private final Rig rig = Rig.require();

    @Test
    void devicesListsVividWithItsStorableFormatsAndControls() {
        CliRun run = CliRun.framereel("devices", "--json");
        assertEquals(0, run.exitCode, run.toString());
        String node = rig.camera().node().toString();
        assertTrue(run.out.startsWith("[") && run.out.contains("\"path\":\"" + node + "\""), run.out);
        assertTrue(run.out.contains("\"driver\":\"vivid\""), run.out);
        assertTrue(run.out.contains("{\"fourcc\":\"YUYV\""), run.out);
        assertTrue(run.out.contains("\"storable\":true"), run.out);
        assertTrue(run.out.contains("\"name\":\"brightness\""), run.out);
        CliRun text = CliRun.framereel("devices");
        assertTrue(text.out.contains(node) && text.out.contains("YUYV"), text.out);
    }

    @Test
    void recordsVividByNameWithAControlAndPrintsAJsonSummary() throws IOException {
        Path file = Files.createTempDirectory("rec").resolve("vivid.bin");
        CliRun run = CliRun.framereel("record", "--device", "vivid", "--format", "YUYV", "--size", "640x360",
                "--fps", "30", "--frames", "20", "--set", "brightness=140", "--store", "file:" + file, "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("\"frames\":20"), run.out);
        assertTrue(run.out.contains("\"error\":null"), run.out);
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(20, in.count());
            assertEquals(PixelFormat.YUV422, in.read(false, false, false).format());
        }
        CliRun again = CliRun.framereel("record", "--device", "vivid", "--frames", "1", "--store", file.toString());
        assertEquals(2, again.exitCode, "refuses to overwrite: " + again);
        assertTrue(again.err.contains("--overwrite"), again.err);
    }

    @Test
    void zeroCopyRecordsVividStraightFromItsBuffers() throws IOException {
        Path file = Files.createTempDirectory("rec").resolve("lent.bin");
        CliRun run = CliRun.framereel("record", "--device", "vivid", "--format", "GREY", "--size", "640x360",
                "--fps", "30", "--frames", "30", "--zero-copy", "--store", "file:" + file, "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("\"frames\":30") && run.out.contains("\"error\":null"), run.out);
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(30, in.count());
            assertEquals(PixelFormat.GRAYSCALE, in.read(false, false, false).format());
        }
    }

    @Test
    void namesTheDeviceAndItsFormatsWhenAFormatIsNotOffered() throws IOException {
        Path file = Files.createTempDirectory("rec").resolve("mjpeg.bin");
        CliRun run = CliRun.framereel("record", "--device", "vivid", "--format", "MJPG", "--frames", "5",
                "--store", file.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("MJPG") && run.err.contains("YUYV"), run.err);
    }
}
