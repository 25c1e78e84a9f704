package io.framereel.capture.source;

import io.framereel.storage.PixelFormat;

/**
 * What a started source delivers: the stored geometry and format, the largest frame it can produce (slot size),
 * its nominal rate, and a one-line description of the camera side (device, camera format, conversion).
 */
public record StreamShape(int width, int height, PixelFormat format, int maxFrameBytes, double framesPerSecond,
        String description) {
    public StreamShape {
        if (width <= 0 || height <= 0 || maxFrameBytes <= 0) {
            throw new IllegalArgumentException("bad stream shape " + width + "x" + height + " max " + maxFrameBytes);
        }
    }
}
