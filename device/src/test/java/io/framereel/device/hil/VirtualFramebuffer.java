package io.framereel.device.hil;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rig's vfb display ("Virtual FB") from the outside: mode switches with fbset, geometry from sysfs, and the
 * pixels read back through plain file reads (not the project's mmap), so a test sees what a monitor would.
 * The rig starts it at 800x480 RGB565 with the console detached.
 */
public final class VirtualFramebuffer {
    private final Path node;

    VirtualFramebuffer(Path node) {
        this.node = node;
    }

    /** The device node, e.g. /dev/fb0 (found by its sysfs name "Virtual FB"). */
    public Path node() {
        return node;
    }

    /** Switches the mode, e.g. 800x480 at 16 (RGB565) or 32 (XRGB8888) bits per pixel. */
    public void setMode(int width, int height, int bitsPerPixel) {
        GuestCommand.run("fbset", "-fb", node.toString(), "-g", Integer.toString(width), Integer.toString(height),
                Integer.toString(width), Integer.toString(height), Integer.toString(bitsPerPixel)).orFail();
    }

    /** The visible geometry as the kernel reports it in sysfs. */
    public record Geometry(int width, int height, int bitsPerPixel, int stride) {
        public int bytesPerPixel() {
            return bitsPerPixel / 8;
        }
    }

    public Geometry geometry() {
        Path sys = Path.of("/sys/class/graphics").resolve(node.getFileName());
        String[] size = attribute(sys, "virtual_size").split(",");
        return new Geometry(Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                Integer.parseInt(attribute(sys, "bits_per_pixel")), Integer.parseInt(attribute(sys, "stride")));
    }

    /** The visible screen as stored: {@code stride * height} bytes. */
    public byte[] readBack() {
        Geometry g = geometry();
        byte[] screen = new byte[g.stride() * g.height()];
        try (RandomAccessFile file = new RandomAccessFile(node.toFile(), "r")) {
            file.readFully(screen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + node, e);
        }
        return screen;
    }

    /** The raw pixel at (x, y): 16 bits (RGB565) or 32 bits (XRGB8888), little-endian as stored. */
    public int pixel(int x, int y) {
        Geometry g = geometry();
        byte[] raw = new byte[g.bytesPerPixel()];
        try (RandomAccessFile file = new RandomAccessFile(node.toFile(), "r")) {
            file.seek((long) y * g.stride() + (long) x * g.bytesPerPixel());
            file.readFully(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pixel (" + x + "," + y + ") of " + node, e);
        }
        int value = 0;
        for (int i = raw.length - 1; i >= 0; i--) {
            value = (value << 8) | (raw[i] & 0xff);
        }
        return value;
    }

    /** Fills the whole screen with zero bytes. */
    public void clear() {
        Geometry g = geometry();
        try (RandomAccessFile file = new RandomAccessFile(node.toFile(), "rw")) {
            file.write(new byte[g.stride() * g.height()]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + node, e);
        }
    }

    private static String attribute(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
        }
    }

    @Override
    public String toString() {
        return "vfb " + node;
    }
}
