package io.framereel.capture.format;

import java.nio.ByteBuffer;

/**
 * Turns a Bayer frame of any packing and line padding into tight 8-bit samples, OpenMV's BAYER_* layout: the
 * natural conversion of 10-bit cameras, and the first step of demosaicing a padded or 10-bit frame.
 */
final class BayerUnpack implements FrameConverter {
    private final BayerPacking packing;
    private final int width;
    private final int height;
    private final int bytesPerLine;

    BayerUnpack(BayerPacking packing, int width, int height, int bytesPerLine) {
        this.packing = packing;
        this.width = width;
        this.height = height;
        this.bytesPerLine = bytesPerLine;
    }

    @Override
    public int convert(ByteBuffer src, int start, int length, ByteBuffer dst) {
        for (int y = 0; y < height; y++) {
            packing.unpackLine(src, start + y * bytesPerLine, width, dst, y * width);
        }
        return width * height;
    }
}
