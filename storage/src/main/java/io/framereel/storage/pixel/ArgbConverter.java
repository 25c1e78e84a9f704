package io.framereel.storage.pixel;

import io.framereel.storage.Image;

/** Converts frames of every ImageIO pixel format to 0xAARRGGBB pixels. (Placeholder: being implemented.) */
public final class ArgbConverter {
    private ArgbConverter() {
    }

    /**
     * Writes {@code src.width() * src.height()} pixels, row-major, into {@code dst} starting at index 0.
     * Raw formats allocate nothing; JPEG/PNG are decoded.
     */
    public static void convert(Image src, int[] dst) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
