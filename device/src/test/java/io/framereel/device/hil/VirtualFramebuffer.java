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
        setMode(width, height, height, bitsPerPixel);
    }

    /** Switches the mode with a virtual screen {@code virtualHeight} rows high (2x height allows page flipping). */
    public void setMode(int width, int height, int virtualHeight, int bitsPerPixel) {
        // Without -rgba a 16-bit mode inherits the transparency bit of the mode before and becomes 5-5-5-1.
        String rgba = bitsPerPixel == 16 ? "5,6,5,0" : "8,8,8,0";
        GuestCommand.run("fbset", "-fb", node.toString(), "-g", Integer.toString(width), Integer.toString(height),
                Integer.toString(width), Integer.toString(virtualHeight), Integer.toString(bitsPerPixel),
                "-rgba", rgba).orFail();
    }

    /** Where the colour channels sit in a pixel, as fbset reports them. */
    public record Bitfields(int redLength, int redOffset, int greenLength, int greenOffset, int blueLength,
            int blueOffset) {
        /** The raw pixel value for an 0xRRGGBB colour. */
        public int pack(int rgb) {
            return (rgb >>> 16 & 0xff) >>> (8 - redLength) << redOffset
                    | (rgb >>> 8 & 0xff) >>> (8 - greenLength) << greenOffset
                    | (rgb & 0xff) >>> (8 - blueLength) << blueOffset;
        }
    }

    /**
     * The channel bitfields of the current mode from fbset ("rgba 5/0,6/5,5/11,0/0": length/offset). vfb puts
     * red in the low bits, unlike a Pi's RGB565.
     */
    public Bitfields bitfields() {
        String rgba = null;
        for (String line : GuestCommand.run("fbset", "-fb", node.toString()).orFail().stdout().split("\n")) {
            if (line.trim().startsWith("rgba ")) {
                rgba = line.trim().substring(5).trim();
            }
        }
        if (rgba == null) {
            throw new AssertionError("fbset printed no rgba line for " + node);
        }
        int[] f = new int[6];
        String[] channels = rgba.split(",");
        for (int c = 0; c < 3; c++) {
            String[] lengthOffset = channels[c].split("/");
            f[2 * c] = Integer.parseInt(lengthOffset[0].trim());
            f[2 * c + 1] = Integer.parseInt(lengthOffset[1].trim());
        }
        return new Bitfields(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    /** The raw pixel value the current mode stores for an 0xRRGGBB colour (runs fbset: cache bitfields() in loops). */
    public int pack(int rgb) {
        return bitfields().pack(rgb);
    }

    /** The row the display currently shows at its top (the pan offset), from sysfs. */
    public int panRow() {
        String[] pan = attribute(Path.of("/sys/class/graphics").resolve(node.getFileName()), "pan").split(",");
        return Integer.parseInt(pan[1]);
    }

    /** The visible geometry as fbset reports it, and the stride from sysfs. */
    public record Geometry(int width, int height, int bitsPerPixel, int stride) {
        public int bytesPerPixel() {
            return bitsPerPixel / 8;
        }
    }

    public Geometry geometry() {
        // fbset prints "geometry <xres> <yres> <xres_virtual> <yres_virtual> <bpp>"
        String[] g = null;
        for (String line : GuestCommand.run("fbset", "-fb", node.toString()).orFail().stdout().split("\n")) {
            if (line.trim().startsWith("geometry ")) {
                g = line.trim().split("\\s+");
            }
        }
        if (g == null || g.length < 6) {
            throw new AssertionError("fbset printed no geometry for " + node);
        }
        Path sys = Path.of("/sys/class/graphics").resolve(node.getFileName());
        return new Geometry(Integer.parseInt(g[1]), Integer.parseInt(g[2]), Integer.parseInt(g[5]),
                Integer.parseInt(attribute(sys, "stride")));
    }

    /** The visible screen as stored: {@code stride * height} bytes from the current pan row. */
    public byte[] readBack() {
        Geometry g = geometry();
        byte[] screen = new byte[g.stride() * g.height()];
        try (RandomAccessFile file = new RandomAccessFile(node.toFile(), "r")) {
            file.seek((long) panRow() * g.stride());
            file.readFully(screen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + node, e);
        }
        return screen;
    }

    /** The raw pixel at (x, y) of what is shown: 16 bits (RGB565) or 32 bits (XRGB8888), little-endian as stored. */
    public int pixel(int x, int y) {
        Geometry g = geometry();
        byte[] raw = new byte[g.bytesPerPixel()];
        try (RandomAccessFile file = new RandomAccessFile(node.toFile(), "r")) {
            file.seek((long) (panRow() + y) * g.stride() + (long) x * g.bytesPerPixel());
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
