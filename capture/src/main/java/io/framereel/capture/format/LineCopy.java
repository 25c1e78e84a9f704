package io.framereel.capture.format;

import java.nio.ByteBuffer;

/**
 * Stores a one-plane raw frame whose bytes are already in the ImageIO layout (GREY, RGBP, YUYV, YVYU, 8-bit
 * Bayer): a copy that drops the line padding. An unpadded frame is copied in one bulk transfer.
 */
final class LineCopy implements FrameConverter {
    private final int lineBytes;
    private final int bytesPerLine;
    private final int height;

    LineCopy(int lineBytes, int bytesPerLine, int height) {
        this.lineBytes = lineBytes;
        this.bytesPerLine = bytesPerLine;
        this.height = height;
    }

    @Override
    public int convert(ByteBuffer src, int start, int length, ByteBuffer dst) {
        int frameBytes = lineBytes * height;
        if (bytesPerLine == lineBytes) {
            dst.put(0, src, start, frameBytes);
        } else {
            for (int y = 0; y < height; y++) {
                dst.put(y * lineBytes, src, start + y * bytesPerLine, lineBytes);
            }
        }
        return frameBytes;
    }

    @Override
    public int inPlaceLength(ByteBuffer src, int start, int length) {
        return bytesPerLine == lineBytes ? lineBytes * height : -1;
    }
}
