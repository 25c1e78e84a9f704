package io.framereel.capture.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Frames rpicam-vid's {@code --codec yuv420} output: back-to-back I420 frames of exactly {@code frameBytes}
 * (stride x height x 3/2, see {@link RpicamPlatform}) with no header or separator, so every frame starts where
 * the previous one ended. Reads straight into the frame buffer; no copy, no allocation.
 */
final class RpicamI420Framer implements RpicamFramer {
    private final int frameBytes;
    private long streamOffset;
    private long partialBytes;

    RpicamI420Framer(int frameBytes) {
        if (frameBytes <= 0) {
            throw new IllegalArgumentException("frameBytes must be positive (was " + frameBytes + ")");
        }
        this.frameBytes = frameBytes;
    }

    @Override
    public int next(InputStream in, byte[] dst) throws IOException {
        if (dst.length < frameBytes) {
            throw new IllegalArgumentException("frame buffer of " + dst.length + " bytes, frames need " + frameBytes);
        }
        int filled = 0;
        while (filled < frameBytes) {
            int n = in.read(dst, filled, frameBytes - filled);
            if (n < 0) {
                partialBytes = filled;
                return END;
            }
            filled += n;
            streamOffset += n;
        }
        return frameBytes;
    }

    @Override
    public long streamOffset() {
        return streamOffset;
    }

    @Override
    public long partialBytes() {
        return partialBytes;
    }

    @Override
    public long skippedBytes() {
        return 0;
    }
}
