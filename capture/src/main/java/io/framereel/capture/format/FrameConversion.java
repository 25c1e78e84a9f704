package io.framereel.capture.format;

import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How frames of one camera format become ImageIO frames; one instance per stream geometry, not thread-safe.
 *
 * <p>The capture loop dequeues a V4L2 buffer (a view of the kernel's mmap'd memory) and calls
 * {@link #convert} to write the frame into its ring slot or file buffer: one pass over the camera's bytes, no
 * allocation. Formats whose bytes already are an ImageIO layout are copied ({@link #isPassthrough()}, dropping
 * line padding); the others are reordered, unpacked or converted on the way. Scratch memory the conversion needs
 * (a demosaic's whole-frame arrays) is allocated here, once.
 *
 * <p>Natural formats: GREY → GRAYSCALE; RGBP → RGB565 (both little-endian, stored as is); YUYV → YUV422 and
 * YVYU → YVU422 (as is); UYVY, VYUY, NV12, NV21, YU12, YV12 → YUV422; 8-bit Bayer (BA81, GBRG, GRBG, RGGB) →
 * BAYER_* (as is); 10-bit Bayer, unpacked (BG10, GB10, BA10, RG10) or MIPI-packed (pBAA, pGAA, pgAA, pRAA) →
 * 8-bit BAYER_*; MJPG, JPEG → JPEG (as is, trailing bytes after the EOI dropped). Any YUV or Bayer format can
 * instead be stored as RGB565 or GRAYSCALE, OpenMV's usual sensor formats.
 */
public final class FrameConversion {
    private final CameraFormat format;
    private final int width;
    private final int height;
    private final PixelFormat stored;
    /** Camera bytes a raw frame occupies (every plane, every line's padding); 0 for compressed formats. */
    private final int cameraFrameBytes;
    private final int maxOutputBytes;
    private final boolean passthrough;
    /** Whether the converter can name the stored bytes inside the camera's buffer (no line padding to drop). */
    private final boolean inPlace;
    private final FrameConverter converter;
    /** "YUYV 640x480", with the stride when lines are padded; built here so error paths stay cheap to reach. */
    private final String cameraDescription;

    private FrameConversion(CameraFormat format, int width, int height, int bytesPerLine, PixelFormat stored,
            int cameraFrameBytes, int maxOutputBytes) {
        this.format = format;
        this.width = width;
        this.height = height;
        this.stored = stored;
        this.cameraFrameBytes = cameraFrameBytes;
        this.maxOutputBytes = maxOutputBytes;
        this.passthrough = stored == format.naturalFormat() && format.storedAsIs();
        this.converter = converterFor(format, width, height, bytesPerLine, stored, passthrough);
        this.inPlace = format.family() == CameraFormat.Family.COMPRESSED
                || bytesPerLine == format.minBytesPerLine(width);
        boolean padded = format.family() != CameraFormat.Family.COMPRESSED
                && bytesPerLine != format.minBytesPerLine(width);
        this.cameraDescription = format.fourccName() + " " + width + "x" + height
                + (padded ? " (" + bytesPerLine + " bytes per line)" : "");
    }

    /**
     * @param fourcc       the V4L2 pixel format, e.g. {@code FourCc.of("YUYV")}
     * @param bytesPerLine the driver's line stride (≥ the unpadded line); for MJPG/JPEG, the camera's sizeimage
     *                     divided by the height, see {@link #ofCompressed} to give the maximum directly
     * @param target       empty: store in the natural ImageIO format; or RGB565 / GRAYSCALE (OpenMV's sensor
     *                     formats) for any YUV or Bayer input
     * @throws UnsupportedCameraFormatException naming the fourcc (as text, e.g. 'NV16') and listing the
     *                                          supported ones
     * @throws IllegalArgumentException         for a target the format cannot be stored as, or a geometry the
     *                                          format cannot have (odd width of a YUV format, a stride shorter
     *                                          than a line, a frame over 2 GiB)
     */
    public static FrameConversion of(int fourcc, int width, int height, int bytesPerLine, Optional<PixelFormat> target) {
        CameraFormat format = CameraFormat.of(fourcc);
        Objects.requireNonNull(target, "target");
        checkSize(format, width, height);
        PixelFormat stored = storedFormat(format, target);
        if (format.family() == CameraFormat.Family.COMPRESSED) {
            if (bytesPerLine <= 0) {
                throw new IllegalArgumentException(format.fourccName() + " frames have no line stride (bytesPerLine "
                        + bytesPerLine + "); give the camera's sizeimage to FrameConversion.ofCompressed");
            }
            return compressed(format, width, height, (long) bytesPerLine * height);
        }
        checkRawGeometry(format, width, height, bytesPerLine);
        int cameraFrameBytes = checkedSize(format.frameBytes(bytesPerLine, height), format, width, height);
        int outputBytes = checkedSize(stored.uncompressedBytes(width, height), format, width, height);
        return new FrameConversion(format, width, height, bytesPerLine, stored, cameraFrameBytes, outputBytes);
    }

    /**
     * A conversion for a compressed format (MJPG, JPEG), whose frames are at most {@code maxFrameBytes} (the
     * camera's sizeimage) long.
     *
     * @throws UnsupportedCameraFormatException for an unknown fourcc
     * @throws IllegalArgumentException         for a raw fourcc, or a non-positive size
     */
    public static FrameConversion ofCompressed(int fourcc, int width, int height, int maxFrameBytes) {
        CameraFormat format = CameraFormat.of(fourcc);
        if (format.family() != CameraFormat.Family.COMPRESSED) {
            throw new IllegalArgumentException(format.fourccName() + " is not a compressed format; use "
                    + "FrameConversion.of with its bytesPerLine");
        }
        checkSize(format, width, height);
        return compressed(format, width, height, maxFrameBytes);
    }

    /** The fourccs this class accepts, in the order to list them (grey, RGB, YUV, Bayer, compressed). */
    public static Set<Integer> supportedFourccs() {
        return CameraFormat.fourccs();
    }

    /** The ImageIO format the frames are stored in. */
    public PixelFormat storedFormat() {
        return stored;
    }

    /** The camera's V4L2 fourcc. */
    public int fourcc() {
        return format.fourcc();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * Bytes the destination needs at most: the uncompressed stored size, or for MJPG/JPEG the camera's maximum
     * frame size.
     */
    public int maxOutputBytes() {
        return maxOutputBytes;
    }

    /** True when the stored bytes are the camera's bytes (only a copy, possibly dropping line padding). */
    public boolean isPassthrough() {
        return passthrough;
    }

    /**
     * True when a frame can be stored straight from the camera's buffer: a passthrough format whose lines carry
     * no padding, or a compressed one (see {@link #inPlaceLength}).
     */
    public boolean storesInPlace() {
        return passthrough && inPlace;
    }

    /**
     * For a format that {@link #storesInPlace()}: checks {@code src[position, limit)} as {@link #convert} would and
     * returns how many bytes from its position are the stored frame (the whole raw frame; a JPEG up to its last
     * EOI), without copying. Moves neither position nor limit.
     *
     * @throws FrameFormatException  when the frame is shorter than its format needs or not a whole JPEG
     * @throws IllegalStateException for a format that must be copied or converted
     */
    public int inPlaceLength(ByteBuffer src) throws FrameFormatException {
        if (!storesInPlace()) {
            throw new IllegalStateException(this + " cannot be stored from the camera's buffer: it is "
                    + (passthrough ? "padded to its line stride" : "converted"));
        }
        int length = src.remaining();
        if (length < cameraFrameBytes) {
            throw new FrameFormatException("frame has " + length + " bytes, " + cameraDescription + " needs "
                    + cameraFrameBytes);
        }
        return converter.inPlaceLength(src, src.position(), length);
    }

    /**
     * Converts {@code src[position, limit)} (the kernel's bytesused) into {@code dst[0, n)} using absolute
     * indexing and returns n. Moves neither buffer's position or limit; allocates nothing. Bytes beyond a raw
     * frame's size are ignored.
     *
     * @throws FrameFormatException     when the frame is shorter than its format and geometry need, or a
     *                                  compressed frame is not a whole JPEG or exceeds the destination
     * @throws IllegalArgumentException when {@code dst}'s limit is below {@link #maxOutputBytes()} for a raw
     *                                  format (a sizing bug in the caller, not a bad frame)
     */
    public int convert(ByteBuffer src, ByteBuffer dst) throws FrameFormatException {
        int start = src.position();
        int length = src.remaining();
        if (length < cameraFrameBytes) {
            throw new FrameFormatException("frame has " + length + " bytes, " + cameraDescription + " needs "
                    + cameraFrameBytes);
        }
        if (cameraFrameBytes > 0 && dst.limit() < maxOutputBytes) {
            throw new IllegalArgumentException("destination holds " + dst.limit() + " bytes, " + cameraDescription
                    + " stored as " + stored + " needs " + maxOutputBytes);
        }
        return converter.convert(src, start, length, dst);
    }

    /** For example "YUYV 640x480 -> RGB565". */
    @Override
    public String toString() {
        return cameraDescription + " -> " + stored + (passthrough ? " (as is)" : "");
    }

    private static FrameConversion compressed(CameraFormat format, int width, int height, long maxFrameBytes) {
        if (maxFrameBytes <= 0 || maxFrameBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(format.fourccName() + " " + width + "x" + height
                    + " needs a maximum frame size of 1 byte to 2 GiB (was " + maxFrameBytes + ")");
        }
        return new FrameConversion(format, width, height, 0, format.naturalFormat(), 0, (int) maxFrameBytes);
    }

    private static PixelFormat storedFormat(CameraFormat format, Optional<PixelFormat> target) {
        PixelFormat natural = format.naturalFormat();
        if (target.isEmpty() || target.get() == natural) {
            return natural;
        }
        PixelFormat wanted = target.get();
        boolean convertible = format.family() == CameraFormat.Family.YUV || format.family() == CameraFormat.Family.BAYER;
        if (convertible && (wanted == PixelFormat.RGB565 || wanted == PixelFormat.GRAYSCALE)) {
            return wanted;
        }
        throw new IllegalArgumentException("cannot store " + format.fourccName() + " frames as " + wanted + ": "
                + format.fourccName() + " is stored as " + natural + ", and only YUV and Bayer formats convert, "
                + "to RGB565 or GRAYSCALE");
    }

    private static void checkSize(CameraFormat format, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(format.fourccName() + " frame size must be positive (was " + width
                    + "x" + height + ")");
        }
    }

    private static void checkRawGeometry(CameraFormat format, int width, int height, int bytesPerLine) {
        String name = format.fourccName() + " " + width + "x" + height;
        if (format.family() == CameraFormat.Family.YUV) {
            YuvSampling yuv = format.yuv();
            // Chroma belongs to pixel pairs (and in 4:2:0 to line pairs); V4L2 drivers only offer even sizes.
            if (width % 2 != 0) {
                throw new IllegalArgumentException(name + ": a YUV format needs an even width");
            }
            if (yuv.isSubsampledVertically() && height % 2 != 0) {
                throw new IllegalArgumentException(name + ": a 4:2:0 format needs an even height");
            }
        }
        long minimum = format.minBytesPerLine(width);
        if (bytesPerLine < minimum) {
            throw new IllegalArgumentException(name + ": bytesPerLine " + bytesPerLine + " is shorter than a line ("
                    + minimum + " bytes)");
        }
        if (format == CameraFormat.YUV420 || format == CameraFormat.YVU420) {
            if (bytesPerLine % 2 != 0) {
                // The chroma planes' stride is half the luma stride, which must therefore be even.
                throw new IllegalArgumentException(name + ": bytesPerLine " + bytesPerLine + " must be even");
            }
        }
    }

    private static int checkedSize(long bytes, CameraFormat format, int width, int height) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(format.fourccName() + " " + width + "x" + height + " frames need "
                    + bytes + " bytes, more than one buffer holds");
        }
        return (int) bytes;
    }

    private static FrameConverter converterFor(CameraFormat format, int width, int height, int bytesPerLine,
            PixelFormat stored, boolean passthrough) {
        switch (format.family()) {
            case COMPRESSED:
                return new JpegPassthrough(format.fourccName());
            case DIRECT:
                return new LineCopy((int) format.minBytesPerLine(width), bytesPerLine, height);
            case YUV:
                return passthrough
                        ? new LineCopy((int) format.minBytesPerLine(width), bytesPerLine, height)
                        : new YuvConversion(format.yuv(), width, height, bytesPerLine, stored);
            case BAYER:
                if (passthrough) {
                    return new LineCopy(width, bytesPerLine, height);
                }
                return stored == format.naturalFormat()
                        ? new BayerUnpack(format.bayer(), width, height, bytesPerLine)
                        : new DemosaicConversion(format.bayer(), format.naturalFormat(), width, height, bytesPerLine,
                                stored);
            default:
                throw new AssertionError(format.family());
        }
    }
}
