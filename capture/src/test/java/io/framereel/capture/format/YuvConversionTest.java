package io.framereel.capture.format;

import static io.framereel.capture.format.CameraFrames.as;
import static io.framereel.capture.format.CameraFrames.bytes;
import static io.framereel.capture.format.CameraFrames.camera;
import static io.framereel.capture.format.CameraFrames.convert;
import static io.framereel.capture.format.CameraFrames.natural;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framereel.storage.PixelFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Scope: every YUV camera layout to YUV422 (reorder, 4:2:0 chroma replicated vertically), to GRAYSCALE (the
// luma) and to RGB565 (identical to storage's rendering of the YUV422 frame).
class YuvConversionTest {
    private static final String YUV_FORMATS = "YUYV|YVYU|UYVY|VYUY|NV12|NV21|YUV420|YVU420";
    private static final int W = 4;
    private static final int H = 4;
    /** Luma per pixel, and U and V per 2x2 block: the 4:2:2 formats repeat a block's chroma on both lines. */
    private static final int[][] Y = {{16, 17, 18, 19}, {32, 33, 34, 35}, {48, 49, 50, 51}, {64, 65, 66, 67}};
    private static final int[][] U = {{90, 91}, {100, 101}};
    private static final int[][] V = {{160, 161}, {170, 171}};

    /** The camera's bytes for the frame above, laid out by hand per format. */
    private static byte[] cameraBytes(CameraFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (f) {
            case YUYV, YVYU, UYVY, VYUY -> {
                for (int r = 0; r < H; r++) {
                    for (int p = 0; p < W / 2; p++) {
                        int y0 = Y[r][2 * p];
                        int y1 = Y[r][2 * p + 1];
                        int u = U[r / 2][p];
                        int v = V[r / 2][p];
                        int[] group = switch (f) {
                            case YUYV -> new int[] {y0, u, y1, v};
                            case YVYU -> new int[] {y0, v, y1, u};
                            case UYVY -> new int[] {u, y0, v, y1};
                            default -> new int[] {v, y0, u, y1};
                        };
                        for (int b : group) {
                            out.write(b);
                        }
                    }
                }
            }
            case NV12, NV21 -> {
                writeLuma(out);
                for (int r = 0; r < H / 2; r++) {
                    for (int p = 0; p < W / 2; p++) {
                        out.write(f == CameraFormat.NV12 ? U[r][p] : V[r][p]);
                        out.write(f == CameraFormat.NV12 ? V[r][p] : U[r][p]);
                    }
                }
            }
            default -> {
                writeLuma(out);
                writePlane(out, f == CameraFormat.YUV420 ? U : V);
                writePlane(out, f == CameraFormat.YUV420 ? V : U);
            }
        }
        return out.toByteArray();
    }

    private static void writeLuma(ByteArrayOutputStream out) {
        writePlane(out, Y);
    }

    private static void writePlane(ByteArrayOutputStream out, int[][] plane) {
        for (int[] line : plane) {
            for (int b : line) {
                out.write(b);
            }
        }
    }

    /** OpenMV's YUV422 (Y U Y V) or YVU422 (Y V Y U) of the frame, each line with its block's chroma. */
    private static byte[] openMvYuv(boolean vFirst) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < H; r++) {
            for (int p = 0; p < W / 2; p++) {
                out.write(Y[r][2 * p]);
                out.write(vFirst ? V[r / 2][p] : U[r / 2][p]);
                out.write(Y[r][2 * p + 1]);
                out.write(vFirst ? U[r / 2][p] : V[r / 2][p]);
            }
        }
        return out.toByteArray();
    }

    private static FrameConversion conversion(CameraFormat f, int width, int height, PixelFormat target) {
        return FrameConversion.of(f.fourcc(), width, height, (int) f.minBytesPerLine(width),
                target == null ? natural() : as(target));
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = {"UYVY", "VYUY"})
    void reordersUyvyAndVyuyToYuv422(CameraFormat f) throws Exception {
        // One line of 4 pixels: Y 10 11 12 13, U 100 101, V 200 201.
        byte[] camera = f == CameraFormat.UYVY ? bytes(100, 10, 200, 11, 101, 12, 201, 13)
                : bytes(200, 10, 100, 11, 201, 12, 101, 13);
        FrameConversion c = conversion(f, 4, 1, null);
        assertEquals(PixelFormat.YUV422, c.storedFormat());
        assertArrayEquals(bytes(10, 100, 11, 200, 12, 101, 13, 201), convert(c, camera(camera)));
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = {"NV12", "NV21", "YUV420", "YVU420"})
    void replicates420ChromaOnBothLinesItServes(CameraFormat f) throws Exception {
        // 4x2 with one chroma line: U 100 101, V 200 201.
        byte[] luma = bytes(10, 11, 12, 13, 20, 21, 22, 23);
        byte[] chroma = switch (f) {
            case NV12 -> bytes(100, 200, 101, 201);
            case NV21 -> bytes(200, 100, 201, 101);
            case YUV420 -> bytes(100, 101, 200, 201);
            default -> bytes(200, 201, 100, 101);
        };
        ByteBuffer frame = camera(ByteBuffer.allocate(12).put(luma).put(chroma).array());
        assertArrayEquals(bytes(10, 100, 11, 200, 12, 101, 13, 201, 20, 100, 21, 200, 22, 101, 23, 201),
                convert(conversion(f, 4, 2, null), frame));
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = YUV_FORMATS, mode = EnumSource.Mode.MATCH_ANY)
    void storesEveryYuvFormatInOpenMvsOrderWithTheChromaOfItsLine(CameraFormat f) throws Exception {
        FrameConversion c = conversion(f, W, H, null);
        boolean vFirst = f == CameraFormat.YVYU;
        assertEquals(vFirst ? PixelFormat.YVU422 : PixelFormat.YUV422, c.storedFormat());
        assertArrayEquals(openMvYuv(vFirst), convert(c, camera(cameraBytes(f))));
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = YUV_FORMATS, mode = EnumSource.Mode.MATCH_ANY)
    void grayscaleFromYuvIsTheLumaPlane(CameraFormat f) throws Exception {
        ByteArrayOutputStream luma = new ByteArrayOutputStream();
        writeLuma(luma);
        FrameConversion c = conversion(f, W, H, PixelFormat.GRAYSCALE);
        assertEquals(PixelFormat.GRAYSCALE, c.storedFormat());
        assertArrayEquals(luma.toByteArray(), convert(c, camera(cameraBytes(f))));
    }

    @Test
    void rgb565OfMidGrayYuyvIsMidGray() throws Exception {
        // Y = U = V = 128 is RGB 128,128,128 exactly: RGB565 (16 << 11) | (32 << 5) | 16 = 0x8410, stored 10 84.
        FrameConversion c = conversion(CameraFormat.YUYV, 2, 1, PixelFormat.RGB565);
        assertArrayEquals(bytes(0x10, 0x84, 0x10, 0x84), convert(c, camera(bytes(128, 128, 128, 128))));
    }

    @Test
    void rgb565FromYuyvMatchesArgbConvertersRenderingOfTheYuv422Frame() throws Exception {
        byte[] frame = CameraFrames.random(CameraFormat.YUYV, 32, 8, 42);
        byte[] expected = CameraFrames.rgb565ByArgbConverter(32, 8, PixelFormat.YUV422, frame);
        assertArrayEquals(expected, convert(conversion(CameraFormat.YUYV, 32, 8, PixelFormat.RGB565), camera(frame)));
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = YUV_FORMATS, mode = EnumSource.Mode.MATCH_ANY)
    void rgb565FromEveryYuvFormatMatchesArgbConverterOfItsStoredYuvFrame(CameraFormat f) throws Exception {
        byte[] frame = CameraFrames.random(f, 32, 8, f.ordinal());
        byte[] yuv = convert(conversion(f, 32, 8, null), camera(frame));
        byte[] expected = CameraFrames.rgb565ByArgbConverter(32, 8, f.naturalFormat(), yuv);
        assertArrayEquals(expected, convert(conversion(f, 32, 8, PixelFormat.RGB565), camera(frame)));
    }

    @Test
    void storesRgb565LittleEndianWhateverTheDestinationsByteOrder() throws Exception {
        FrameConversion c = conversion(CameraFormat.YUYV, 2, 1, PixelFormat.RGB565);
        ByteBuffer dst = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN);
        c.convert(camera(bytes(128, 128, 128, 128)), dst);
        assertArrayEquals(bytes(0x10, 0x84, 0x10, 0x84), dst.array());
        assertEquals(ByteOrder.BIG_ENDIAN, dst.order());
    }
}
