package io.framereel.device.hil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rig's USB webcam from the outside: {@code hil/guest/uvc/uvc-camera.py}, a UVC camera plugged into the
 * kernel's USB/IP virtual host controller and driven by uvcvideo. Its MJPEG frame n is JPEG file n mod 6
 * ({@link #servedJpeg(int, int, int)}), without its Huffman tables when n mod 4 is 2 or 3 (as UVC cameras send
 * MJPEG) and padded with 1000 zero bytes after EOI when n is odd ({@link #servedFrame(int, int, long)}); n counts
 * from 0 at each stream start, as uvcvideo's sequence numbers do. Its YUYV 320x240 frames are vivid-ordered colour
 * bars with a marker. The cable is pulled and put back through the player's command FIFO; what the camera was told
 * (brightness, streams) is read from its control directory.
 */
public final class UsbCamera {
    /** The USB product name, which uvcvideo gives both its nodes. */
    public static final String NAME = "framereel UVC camera";
    /** JPEG files per size, served in turn. */
    public static final int JPEG_FRAMES = 6;
    /** Zero bytes after the EOI of every odd MJPEG frame. */
    public static final int PADDING = 1000;

    private final Path control;
    private final Path frames;

    UsbCamera(Path control, Path frames) {
        this.control = control;
        this.frames = frames;
    }

    /** The capture node of the current plug-in (uvcvideo's index 0 node), as the player found it in sysfs. */
    public Path node() {
        return Path.of(read("node"));
    }

    /** Whether the cable is in and the nodes are ready. */
    public boolean isPlugged() {
        return read("state").equals("plugged");
    }

    /** Pulls the cable and waits until the camera is gone from the bus. */
    public void unplug() {
        command("unplug", "unplugged");
    }

    /** Puts the cable back and waits until the camera's nodes exist and the video group may open them. */
    public void plug() {
        command("plug", "plugged");
    }

    /** The last brightness the host set on the camera (a UVC SET_CUR to its processing unit), or -1. */
    public int brightness() {
        String text = readOrNull("brightness");
        return text == null ? -1 : Integer.parseInt(text);
    }

    /** The player's stream log: "start format=F frame=I interval=N" and "stop frames=N" lines. */
    public List<String> streams() {
        String text = readOrNull("streams.log");
        return text == null ? List.of() : new ArrayList<>(List.of(text.split("\n")));
    }

    /** MJPEG frame {@code n} of a stream as the camera sends it, less its padding ({@link #padding(long)}). */
    public byte[] servedFrame(int width, int height, long n) {
        byte[] jpeg = servedJpeg(width, height, (int) (n % JPEG_FRAMES));
        return n % 4 >= 2 ? withoutHuffmanTables(jpeg) : jpeg;
    }

    /** The zero bytes after the EOI of MJPEG frame {@code n}. */
    public static int padding(long n) {
        return n % 2 == 1 ? PADDING : 0;
    }

    /** The JPEG without its DHT segments (everything before the start of scan but those, then the rest). */
    static byte[] withoutHuffmanTables(byte[] jpeg) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = (jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF;
            if (marker == 0xDA) {
                break;
            }
            if (marker != 0xC4) {
                out.write(jpeg, at, 2 + length);
            }
            at += 2 + length;
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** The JPEG file the camera serves as frame k of every six (0-based), with its Huffman tables. */
    public byte[] servedJpeg(int width, int height, int k) {
        try {
            return Files.readAllBytes(frames.resolve("mjpeg-" + width + "x" + height + "-" + k + ".jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void command(String word, String state) {
        requireAlive();
        // Writing a FIFO blocks until it has a reader: the player holds it open, but should it have died, the test
        // must fail, not hang the run until QEMU's time limit.
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(control.resolve("command"), word + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot command the USB camera player", e);
            }
        }, "usb-camera-command");
        writer.setDaemon(true);
        writer.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!state.equals(readOrNull("state"))) {
            requireAlive();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the USB camera did not become " + state + " within 30 s (state "
                        + readOrNull("state") + (writer.isAlive() ? "; the command FIFO has no reader" : "") + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private void requireAlive() {
        String state = readOrNull("state");
        if (state != null && state.startsWith("dead")) {
            throw new AssertionError("the USB camera player ended: " + state);
        }
    }

    private String read(String name) {
        String text = readOrNull(name);
        if (text == null) {
            throw new AssertionError(control.resolve(name) + " is missing: is the USB camera player running?");
        }
        return text;
    }

    private String readOrNull(String name) {
        try {
            return Files.readString(control.resolve(name), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
