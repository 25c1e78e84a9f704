package io.framereel.device.fb;

/**
 * How a display packs a pixel: its size and where each 8-bit-or-less colour channel sits, as the kernel's
 * {@code fb_bitfield}s say. RGB565 and XRGB8888 are what Pi displays and DRM fbdev emulation offer, but vfb and
 * some panels use other orders (vfb's 32-bit mode is red in the low byte), so packing follows the bitfields
 * rather than assuming one. Immutable.
 */
public record PixelLayout(int bitsPerPixel, int redOffset, int redLength, int greenOffset, int greenLength,
        int blueOffset, int blueLength) {

    public static final PixelLayout RGB565 = new PixelLayout(16, 11, 5, 5, 6, 0, 5);
    public static final PixelLayout XRGB8888 = new PixelLayout(32, 16, 8, 8, 8, 0, 8);

    public PixelLayout {
        if (bitsPerPixel != 16 && bitsPerPixel != 32) {
            throw new IllegalArgumentException("framereel draws 16 or 32 bits per pixel, not " + bitsPerPixel);
        }
        check("red", redOffset, redLength, bitsPerPixel);
        check("green", greenOffset, greenLength, bitsPerPixel);
        check("blue", blueOffset, blueLength, bitsPerPixel);
    }

    private static void check(String channel, int offset, int length, int bits) {
        if (length < 1 || length > 8 || offset < 0 || offset + length > bits) {
            throw new IllegalArgumentException(channel + " channel at bit " + offset + " length " + length
                    + " does not fit a " + bits + "-bit pixel of up to 8 bits per channel");
        }
    }

    public int bytesPerPixel() {
        return bitsPerPixel / 8;
    }

    /** The display's pixel value for an 0xAARRGGBB colour (alpha ignored; channels truncated to their width). */
    public int pack(int argb) {
        int r = argb >>> 16 & 0xff;
        int g = argb >>> 8 & 0xff;
        int b = argb & 0xff;
        return (r >>> (8 - redLength)) << redOffset | (g >>> (8 - greenLength)) << greenOffset
                | (b >>> (8 - blueLength)) << blueOffset;
    }

    @Override
    public String toString() {
        if (equals(RGB565)) {
            return "RGB565";
        }
        if (equals(XRGB8888)) {
            return "XRGB8888";
        }
        return bitsPerPixel + "bpp r" + redOffset + "/" + redLength + " g" + greenOffset + "/" + greenLength + " b"
                + blueOffset + "/" + blueLength;
    }
}
