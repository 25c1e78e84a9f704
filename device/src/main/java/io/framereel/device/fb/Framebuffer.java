package io.framereel.device.fb;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import io.framereel.device.libc.Libc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Linux framebuffer device ({@code /dev/fbN}): its geometry and pixel layout from FBIOGET_VSCREENINFO and
 * FBIOGET_FSCREENINFO, and its memory mapped through JNA (Java's file mapping cannot map a character device).
 * Rows are {@link #stride()} bytes apart, never width times pixel size. When the virtual screen is at least two
 * screens high and the driver can pan, {@link #pages()} is 2 and {@link #show(int)} flips between them. Not
 * thread-safe.
 */
public final class Framebuffer implements Screen, AutoCloseable {
    public static final Path SYSFS_CLASS = Path.of("/sys/class/graphics");

    private final String path;
    private final String id;
    private final int width;
    private final int height;
    private final int stride;
    private final PixelLayout layout;
    private final int pages;
    private final long mappedBytes;
    private final Memory var = new Memory(FbLayout.VAR_SIZE);
    private int fd;
    private Pointer mapping;
    private ByteBuffer memory;

    private Framebuffer(String path, int fd) throws FbException {
        this.path = path;
        this.fd = fd;
        FbLayout.Fix at = FbLayout.Fix.forPointerSize(Native.POINTER_SIZE);
        Memory fix = new Memory(at.size());
        fix.clear();
        ioctl(FbLayout.FBIOGET_FSCREENINFO, fix, "FBIOGET_FSCREENINFO");
        var.clear();
        ioctl(FbLayout.FBIOGET_VSCREENINFO, var, "FBIOGET_VSCREENINFO");
        byte[] idBytes = fix.getByteArray(FbLayout.FIX_ID, FbLayout.FIX_ID_BYTES);
        int end = 0;
        while (end < idBytes.length && idBytes[end] != 0) {
            end++;
        }
        this.id = new String(idBytes, 0, end, StandardCharsets.US_ASCII);
        this.width = var.getInt(FbLayout.VAR_XRES);
        this.height = var.getInt(FbLayout.VAR_YRES);
        this.stride = fix.getInt(at.lineLength());
        int bpp = var.getInt(FbLayout.VAR_BITS_PER_PIXEL);
        int type = fix.getInt(at.type());
        int visual = fix.getInt(at.visual());
        long smemLen = Integer.toUnsignedLong(fix.getInt(at.smemLen()));
        if (type != FbLayout.FB_TYPE_PACKED_PIXELS || visual != FbLayout.FB_VISUAL_TRUECOLOR) {
            throw new FbException(path, "FBIOGET_FSCREENINFO", 0, id + " is type " + type + " visual " + visual
                    + ", framereel draws packed true-colour pixels; set a 16- or 32-bit mode (fbset -depth 16)");
        }
        try {
            this.layout = new PixelLayout(bpp, var.getInt(FbLayout.VAR_RED), var.getInt(FbLayout.VAR_RED + 4),
                    var.getInt(FbLayout.VAR_GREEN), var.getInt(FbLayout.VAR_GREEN + 4),
                    var.getInt(FbLayout.VAR_BLUE), var.getInt(FbLayout.VAR_BLUE + 4));
        } catch (IllegalArgumentException e) {
            throw new FbException(path, "FBIOGET_VSCREENINFO", 0, id + ": " + e.getMessage());
        }
        if (width <= 0 || height <= 0 || stride < width * layout.bytesPerPixel()) {
            throw new FbException(path, "FBIOGET_FSCREENINFO", 0, "implausible geometry " + width + "x" + height
                    + " stride " + stride);
        }
        long screen = (long) stride * height;
        if (smemLen < screen) {
            throw new FbException(path, "FBIOGET_FSCREENINFO", 0, "video memory of " + smemLen
                    + " bytes is smaller than one " + width + "x" + height + " screen (" + screen + ")");
        }
        int virtualHeight = var.getInt(FbLayout.VAR_YRES_VIRTUAL);
        boolean canPan = fix.getShort(at.ypanstep()) != 0 && virtualHeight >= 2 * height && smemLen >= 2 * screen;
        this.pages = canPan ? 2 : 1;
        this.mappedBytes = screen * pages;
        this.mapping = Libc.mapShared(fd, mappedBytes, 0);
        if (mapping == null) {
            throw new FbException(path, "mmap", Libc.errno(), mappedBytes + " bytes");
        }
        this.memory = mapping.getByteBuffer(0, mappedBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Opens a framebuffer for drawing.
     *
     * @throws FbException naming the device and what is wrong (no such device, not a framebuffer, a palette or
     *                     planar mode, no permission)
     */
    public static Framebuffer open(Path node) throws FbException {
        String path = node.toString();
        int fd = Libc.open(path);
        if (fd < 0) {
            int errno = Libc.errno();
            throw new FbException(path, "open", errno, errno == 13 ? "add the user to the device's group (video)"
                    : null);
        }
        try {
            return new Framebuffer(path, fd);
        } catch (FbException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** A framebuffer as the user names it: a path (/dev/fb1), a kernel name (fb1), or its sysfs name or part of it. */
    public static Path find(String selector) throws IOException {
        return find(selector, SYSFS_CLASS, Path.of("/dev"));
    }

    static Path find(String selector, Path sysfs, Path dev) throws IOException {
        if (selector.startsWith("/")) {
            return Path.of(selector);
        }
        List<String> seen = new ArrayList<>();
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(sysfs)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(sysfs, "fb[0-9]*")) {
                for (Path fb : dir) {
                    String kernelName = fb.getFileName().toString();
                    Path nameFile = fb.resolve("name");
                    String name = Files.isRegularFile(nameFile) ? Files.readString(nameFile).trim() : "";
                    seen.add(kernelName + " (" + name + ")");
                    if (kernelName.equals(selector) || name.equalsIgnoreCase(selector)
                            || name.toLowerCase(Locale.ROOT).contains(selector.toLowerCase(Locale.ROOT))) {
                        matches.add(dev.resolve(kernelName));
                    }
                }
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new FbException(selector, "find", 0, (matches.isEmpty() ? "no framebuffer matches" : "matches "
                + matches) + "; framebuffers: " + (seen.isEmpty() ? "none under " + sysfs : String.join(", ", seen)));
    }

    private void ioctl(int request, Pointer argument, String name) throws FbException {
        int errno = Libc.ioctl(fd, request, argument);
        if (errno != 0) {
            throw new FbException(path, name, errno, errno == 25 ? "not a framebuffer device" : null);
        }
    }

    public String path() {
        return path;
    }

    /** The driver's id, e.g. "Virtual FB", "vc4drmfb", "simple". */
    public String id() {
        return id;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Bytes from one row to the next (line_length), which may exceed width times pixel size. */
    @Override
    public int stride() {
        return stride;
    }

    @Override
    public PixelLayout layout() {
        return layout;
    }

    /** 2 when drawing can go to a hidden page and {@link #show(int)} it (double buffering), else 1. */
    @Override
    public int pages() {
        return pages;
    }

    /** Page {@code n}'s memory: {@code stride * height} bytes, little-endian, positioned at 0. */
    @Override
    public ByteBuffer page(int n) {
        ensureOpen();
        if (n < 0 || n >= pages) {
            throw new IndexOutOfBoundsException("page " + n + " of " + pages);
        }
        int size = stride * height;
        return memory.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(n * size).limit((n + 1) * size).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Pans the display to page {@code n} (FBIOPAN_DISPLAY), typically after drawing it. */
    @Override
    public void show(int n) throws FbException {
        ensureOpen();
        if (n < 0 || n >= pages) {
            throw new IndexOutOfBoundsException("page " + n + " of " + pages);
        }
        if (pages == 1) {
            return;
        }
        var.setInt(FbLayout.VAR_XOFFSET, 0);
        var.setInt(FbLayout.VAR_YOFFSET, n * height);
        ioctl(FbLayout.FBIOPAN_DISPLAY, var, "FBIOPAN_DISPLAY");
    }

    private void ensureOpen() {
        if (fd < 0) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    /** Unmaps and closes; safe to call more than once. Views from {@link #page} must not be used afterwards. */
    @Override
    public void close() throws FbException {
        if (fd < 0) {
            return;
        }
        FbException failure = null;
        memory = null;
        if (mapping != null && Libc.munmap(mapping, mappedBytes) != 0) {
            failure = new FbException(path, "munmap", Libc.errno(), null);
        }
        mapping = null;
        if (Libc.close(fd) != 0 && failure == null) {
            failure = new FbException(path, "close", Libc.errno(), null);
        }
        fd = -1;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return path + " (" + id + ") " + width + "x" + height + " " + layout + " stride " + stride
                + (pages == 2 ? ", double-buffered" : "");
    }
}
