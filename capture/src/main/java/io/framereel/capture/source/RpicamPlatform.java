package io.framereel.capture.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Raspberry Pi ISP generation, which decides the line stride of rpicam-vid's YUV420 frames.
 *
 * <p>{@code rpicam-vid --codec yuv420} writes each libcamera buffer to the pipe whole ({@code NullEncoder} hands
 * the mapped span of {@code StreamConfiguration::frameSize} bytes to {@code FileOutput}), so lines carry the
 * ISP's padding and frames are {@code stride * height * 3 / 2} bytes: a luma plane of {@code height} lines of
 * {@code stride} bytes, then the U and V planes at half that stride and half the height, nothing between planes.
 * The stride is the ISP driver's, not ours to choose:
 *
 * <pre>
 *  width   VC4 (Pi 0-4, bcm2835-isp)   PISP (Pi 5, PiSP back end)
 *  640        640                         640
 *  780        832  (64-byte luma)         896  (chroma 390 -> 448, luma twice that)
 *  800        832                         896
 *  1280      1280                        1280
 *  4056      4096                        4096
 * </pre>
 *
 * VC4: the bcm2835-isp driver aligns the luma stride to 64 bytes so that every plane of a single-plane YUV420
 * buffer starts 32-byte aligned (raspberrypi/linux #4419; rpicam-apps #188 and #151 show 780 wide frames 832
 * bytes apart and 4056 wide ones 4096). PISP: libcamera's pipeline aligns the chroma stride to 64 bytes
 * ({@code libpisp::compute_optimal_stride}) and doubles it for the luma ({@code computeOptimalStride} in
 * pisp.cpp), so the luma stride is a multiple of 128. Widths that are multiples of 128 are unpadded on both.
 * Immutable.
 */
enum RpicamPlatform {
    /** Pi Zero to Pi 4 (and their compute modules): the VideoCore ISP. */
    VC4,
    /** Pi 5, CM5, Pi 500: the RP1 front end and the PiSP back end. */
    PISP;

    /** Where the kernel publishes the board's device-tree compatible strings. */
    static final Path DEVICE_TREE_COMPATIBLE = Path.of("/proc/device-tree/compatible");
    /** The SoC of every PiSP board so far (Pi 5, CM5, Pi 500). */
    private static final String BCM2712 = "brcm,bcm2712";

    /**
     * The bytes between the starts of two luma lines of a {@code width}-pixel YUV420 frame; the chroma planes'
     * stride is half of it.
     *
     * @throws IllegalArgumentException for an odd or non-positive width (YUV420 frames have even sizes)
     */
    int bytesPerLine(int width) {
        if (width <= 0 || width % 2 != 0) {
            throw new IllegalArgumentException("a YUV420 width is even and positive (was " + width + ")");
        }
        return this == VC4 ? alignUp(width, 64) : 2 * alignUp(width / 2, 64);
    }

    /** The platform of this machine; VC4 unless the device tree names the BCM2712 (off a Pi, too). */
    static RpicamPlatform detect() {
        return detect(DEVICE_TREE_COMPATIBLE);
    }

    /**
     * The platform named by a device-tree {@code compatible} file (NUL-separated strings); VC4 when it is missing
     * or unreadable, since every Pi but the BCM2712 ones has the VC4 ISP.
     */
    static RpicamPlatform detect(Path compatible) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(compatible);
        } catch (IOException notAPi) {
            return VC4; // no device tree (not a Pi, or a container without /proc/device-tree): the common case
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        for (String entry : text.split("\0")) {
            if (entry.equals(BCM2712)) {
                return PISP;
            }
        }
        return VC4;
    }

    private static int alignUp(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
