package io.framereel.capture.format;

/**
 * Where the Y, U and V samples of a YUV camera frame lie. Every layout the capture side supports shares one
 * shape per line: luma at a fixed step, and one U and one V per horizontal pixel pair at a fixed step. So a
 * single conversion loop serves them all, given where each line's samples start ({@link #locate}).
 *
 * <ul>
 *   <li>packed 4:2:2 (YUYV, YVYU, UYVY, VYUY): one plane, 4 bytes per pixel pair, the offsets within the group
 *       vary;</li>
 *   <li>semi-planar 4:2:0 (NV12, NV21): a luma plane, then one plane of interleaved chroma pairs, one chroma
 *       line per two luma lines, at the luma line stride;</li>
 *   <li>planar 4:2:0 (YU12, YV12): a luma plane, then two chroma planes at half the luma stride, as V4L2 lays
 *       out the single-plane YUV420 formats.</li>
 * </ul>
 *
 * <p>4:2:0 chroma serves two lines, so storing it as 4:2:2 repeats each chroma line (the "vertical replication"
 * OpenMV's YUV422 needs). Immutable.
 */
final class YuvSampling {
    private enum Kind { PACKED, SEMI_PLANAR, PLANAR }

    private final Kind kind;
    private final int lumaOffset;
    private final int uOffset;
    private final int vOffset;

    private YuvSampling(Kind kind, int lumaOffset, int uOffset, int vOffset) {
        this.kind = kind;
        this.lumaOffset = lumaOffset;
        this.uOffset = uOffset;
        this.vOffset = vOffset;
    }

    /** Packed 4:2:2 with the first luma, the U and the V at these offsets of each 4-byte pixel pair. */
    static YuvSampling packed(int lumaOffset, int uOffset, int vOffset) {
        return new YuvSampling(Kind.PACKED, lumaOffset, uOffset, vOffset);
    }

    /** Luma plane and one interleaved chroma plane; {@code vFirst} for NV21 (V U pairs). */
    static YuvSampling semiPlanar(boolean vFirst) {
        return new YuvSampling(Kind.SEMI_PLANAR, 0, vFirst ? 1 : 0, vFirst ? 0 : 1);
    }

    /** Luma, then two chroma planes; {@code vFirst} for YV12 (the V plane comes first). */
    static YuvSampling planar(boolean vFirst) {
        return new YuvSampling(Kind.PLANAR, 0, vFirst ? 1 : 0, vFirst ? 0 : 1);
    }

    /** True for YUYV and YVYU, whose bytes are already OpenMV's YUV422 / YVU422 layout. */
    boolean isLumaFirstPacked() {
        return kind == Kind.PACKED && lumaOffset == 0;
    }

    /** True when each chroma line serves two luma lines. */
    boolean isSubsampledVertically() {
        return kind != Kind.PACKED;
    }

    long minBytesPerLine(int width) {
        return kind == Kind.PACKED ? 2L * width : width;
    }

    /** All planes' bytes; 4:2:0 formats need an even height (checked by the caller). */
    long frameBytes(int bytesPerLine, int height) {
        long luma = (long) bytesPerLine * height;
        switch (kind) {
            case SEMI_PLANAR:
                return luma + (long) bytesPerLine * (height / 2);
            case PLANAR:
                return luma + 2L * (bytesPerLine / 2) * (height / 2);
            default:
                return luma;
        }
    }

    /**
     * Describes line {@code y} of the frame starting at {@code frameStart} into {@code line}; no allocation.
     * The pair at index p has luma at {@code luma + 2p*lumaStep} and {@code + (2p+1)*lumaStep}, U at
     * {@code u + p*chromaStep} and V at {@code v + p*chromaStep}.
     */
    void locate(int frameStart, int bytesPerLine, int height, int y, YuvLine line) {
        int lumaLine = frameStart + y * bytesPerLine;
        switch (kind) {
            case PACKED:
                line.set(lumaLine + lumaOffset, 2, lumaLine + uOffset, lumaLine + vOffset, 4);
                break;
            case SEMI_PLANAR: {
                int chromaLine = frameStart + height * bytesPerLine + (y >> 1) * bytesPerLine;
                line.set(lumaLine, 1, chromaLine + uOffset, chromaLine + vOffset, 2);
                break;
            }
            case PLANAR: {
                int chromaStride = bytesPerLine / 2;
                int firstPlane = frameStart + height * bytesPerLine;
                int secondPlane = firstPlane + chromaStride * (height / 2);
                int offsetInPlane = (y >> 1) * chromaStride;
                int uPlane = uOffset == 0 ? firstPlane : secondPlane;
                int vPlane = vOffset == 0 ? firstPlane : secondPlane;
                line.set(lumaLine, 1, uPlane + offsetInPlane, vPlane + offsetInPlane, 1);
                break;
            }
            default:
                throw new AssertionError(kind);
        }
    }
}
