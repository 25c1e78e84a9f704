package io.framereel.storage.pixel;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Converts a frame of any {@link PixelFormat} into opaque 0xAARRGGBB pixels for display and PNG export.
 *
 * <p>Output is row-major, {@code width * height} entries starting at index 0 of the destination, with alpha
 * always 0xFF. The payload is read with absolute gets from its position, so the image's buffer is left
 * untouched. Raw formats (BINARY, GRAYSCALE, RGB565, BAYER_*, YUV422, YVU422, ARGB8) allocate nothing per
 * call; JPEG and PNG are decoded with {@code javax.imageio}, which allocates.
 *
 * <p>Thread-safe: pure static methods with no shared state; concurrent calls must use distinct
 * destination arrays.
 */
public final class ArgbConverter {
    private ArgbConverter() {
    }

    /**
     * Writes {@code src.width() * src.height()} pixels, row-major, into {@code dst} starting at index 0.
     *
     * @throws IllegalArgumentException if {@code dst} is too small, or a JPEG/PNG frame cannot be decoded or
     *                                  decodes to a size other than the frame's
     */
    public static void convert(Image src, int[] dst) {
        int width = src.width();
        int height = src.height();
        long pixels = (long) width * height;
        if (dst.length < pixels) {
            throw new IllegalArgumentException("dst holds " + dst.length + " pixels but a " + width + "x" + height
                    + " frame needs " + pixels);
        }
        ByteBuffer payload = src.payload();
        int offset = payload.position();
        PixelFormat format = src.format();
        switch (format) {
            case BINARY:
                DirectConverter.binary(payload, offset, width, height, dst);
                break;
            case GRAYSCALE:
                DirectConverter.grayscale(payload, offset, width, height, dst);
                break;
            case RGB565:
                DirectConverter.rgb565(payload, offset, width, height, dst);
                break;
            case ARGB8:
                // OpenMV's image_size() has no ARGB8 case, so the firmware writes and reads these frames
                // with zero payload bytes: there is no pixel data to show, and black is the honest rendering.
                Arrays.fill(dst, 0, (int) pixels, Channels.OPAQUE_BLACK);
                break;
            case BAYER_BGGR:
            case BAYER_GBRG:
            case BAYER_GRBG:
            case BAYER_RGGB:
                BayerDemosaic.demosaic(payload, offset, width, height, format, dst);
                break;
            case YUV422:
                YuvConverter.convert(payload, offset, width, height, false, dst);
                break;
            case YVU422:
                YuvConverter.convert(payload, offset, width, height, true, dst);
                break;
            case JPEG:
            case PNG:
                CompressedDecoder.decode(src, dst);
                break;
            default:
                throw new AssertionError(format);
        }
    }
}
