package io.framereel.device.shm;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.ArgbConverter;
import io.framereel.storage.pixel.DisplayPacker;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Turns one {@link Image} into what a slot stores: display pixels in the region's format, converted with
 * storage.pixel's code (so the region shows exactly what a PNG export shows), or the raw payload.
 *
 * <p>Split in two so the expensive part (JPEG decoding, demosaicing, YUV arithmetic into an ARGB scratch)
 * runs in {@link #prepare} before the writer marks a slot busy, and only the packing or copy runs in
 * {@link #write}, inside the seqlock's odd window: readers retry for a shorter time, and a frame that cannot be
 * converted fails before any slot is touched. RGB565 frames into an RGB565 region are copied as they are: the
 * ARGB round trip of RGB565 is lossless, so the bytes are the same either way.
 *
 * <p>Raw ImageIO formats allocate nothing here; JPEG and PNG frames allocate while decoding. Not thread-safe.
 */
final class SlotConverter {
    private final Path path;
    private final SharedFrameLayout layout;
    private final int[] argb;

    private Image source;
    private boolean copyAsIs;
    private int width;
    private int height;
    private int stride;
    private int payloadBytes;
    private int fourcc;
    private int pixformat;

    SlotConverter(Path path, SharedFrameLayout layout) {
        this.path = path;
        this.layout = layout;
        this.argb = layout.format().isDisplay() ? new int[layout.maxWidth() * layout.maxHeight()] : null;
    }

    /**
     * Validates {@code image} against the region and converts it into the scratch when it needs converting.
     *
     * @throws SharedFrameException if the frame is larger than the region's maximum geometry or slot, or cannot
     *                              be decoded
     */
    void prepare(Image image, long frameNumber) throws SharedFrameException {
        int w = image.width();
        int h = image.height();
        if (w > layout.maxWidth() || h > layout.maxHeight()) {
            throw rejected(frameNumber, image, "is larger than the region's " + layout.maxWidth() + "x"
                    + layout.maxHeight() + " maximum", null);
        }
        RegionFormat format = layout.format();
        if (format.isDisplay()) {
            stride = w * format.bytesPerPixel();
            payloadBytes = stride * h;
            fourcc = format.fourcc();
            pixformat = format.pixformat();
            copyAsIs = format == RegionFormat.RGB565 && image.format() == PixelFormat.RGB565;
            if (!copyAsIs) {
                try {
                    ArgbConverter.convert(image, argb);
                } catch (IllegalArgumentException e) {
                    throw rejected(frameNumber, image, "cannot be converted to " + format + ": " + e.getMessage(), e);
                }
            }
        } else {
            payloadBytes = image.payloadBytes();
            if (payloadBytes > layout.slotSize()) {
                throw rejected(frameNumber, image, "does not fit a " + layout.slotSize() + "-byte slot", null);
            }
            stride = rawStride(image.format(), w);
            fourcc = Fourcc.forImageIo(image.format());
            pixformat = image.format().code();
            copyAsIs = true;
        }
        width = w;
        height = h;
        source = image;
    }

    /** Stores the prepared frame at {@code slotOffset} of the region. */
    void write(ByteBuffer region, int slotOffset) {
        if (copyAsIs) {
            ByteBuffer payload = source.payload();
            region.put(slotOffset, payload, payload.position(), payloadBytes);
        } else if (layout.format() == RegionFormat.RGB565) {
            DisplayPacker.packRgb565(argb, width, height, region, slotOffset, stride);
        } else {
            DisplayPacker.packXrgb8888(argb, width, height, region, slotOffset, stride);
        }
        source = null;
    }

    /** Bytes per row of a raw frame; 0 where rows do not exist (compressed) or hold no bytes (ARGB8's quirk). */
    private static int rawStride(PixelFormat format, int width) {
        if (format == PixelFormat.BINARY) {
            return (int) PixelFormat.binaryRowBytes(width);
        }
        if (format.isCompressed() || format == PixelFormat.ARGB8) {
            return 0;
        }
        return width * format.bytesPerPixel();
    }

    private SharedFrameException rejected(long frameNumber, Image image, String problem, Throwable cause) {
        return new SharedFrameException(path, SharedFrameException.NO_OFFSET, "frame " + frameNumber + " ("
                + image.width() + "x" + image.height() + " " + image.format() + ", " + image.payloadBytes()
                + " bytes) " + problem, cause);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int stride() {
        return stride;
    }

    int payloadBytes() {
        return payloadBytes;
    }

    int fourcc() {
        return fourcc;
    }

    int pixformat() {
        return pixformat;
    }
}
