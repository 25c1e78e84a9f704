package io.framereel.device.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.pixel.ArgbConverter;
import io.framereel.storage.pixel.DisplayPacker;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Scope: a stream written with storage and replayed with read(copyToFb=true) into a SharedFrameWriter arrives in the
// region converted exactly as storage.pixel converts the same frames (display formats), or byte for byte (RAW).
class ImageIoReplayTest {
    private static final int MAX_WIDTH = 64;
    private static final int MAX_HEIGHT = 48;

    @TempDir
    Path dir;

    /** One frame of every format a camera or OpenMV stores, at assorted sizes up to the region's maximum. */
    private static List<Image> framesOfEveryFormat() throws Exception {
        List<Image> frames = new ArrayList<>();
        frames.add(random(40, 30, PixelFormat.GRAYSCALE, 1));
        frames.add(random(64, 48, PixelFormat.RGB565, 2));
        frames.add(random(64, 48, PixelFormat.YUV422, 3));
        frames.add(random(62, 40, PixelFormat.YVU422, 4));
        frames.add(random(32, 24, PixelFormat.BAYER_RGGB, 5));
        frames.add(random(33, 24, PixelFormat.BAYER_BGGR, 6));
        frames.add(random(45, 20, PixelFormat.BINARY, 7));
        frames.add(jpeg(48, 32));
        for (int i = 0; i < frames.size(); i++) {
            frames.get(i).elapsedMs(20 + i);
        }
        return frames;
    }

    private static Image random(int width, int height, PixelFormat format, int seed) {
        Image image = Image.allocate(width, height, format, false);
        ByteBuffer payload = image.payload();
        long x = seed;
        for (int i = 0; i < payload.limit(); i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            payload.put(i, (byte) (x >>> 56));
        }
        return image;
    }

    private static Image jpeg(int width, int height) throws Exception {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.setRGB(x, y, (x * 5) << 16 | (y * 7) << 8 | (x + y) * 2);
            }
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        assertTrue(javax.imageio.ImageIO.write(picture, "jpg", encoded));
        return Image.of(width, height, PixelFormat.JPEG, ByteBuffer.wrap(encoded.toByteArray()));
    }

    private Path streamOf(List<Image> frames) throws Exception {
        Path stream = dir.resolve("recording.bin");
        try (ImageIO out = ImageIO.open(stream, "w")) {
            for (Image frame : frames) {
                out.write(frame);
            }
        }
        return stream;
    }

    /** What storage.pixel makes of a frame for a display: ARGB, then packed tightly in the region's format. */
    private static ByteBuffer displayPixels(Image frame, RegionFormat format) {
        int[] argb = new int[frame.width() * frame.height()];
        ArgbConverter.convert(frame, argb);
        int stride = frame.width() * format.bytesPerPixel();
        ByteBuffer packed = ByteBuffer.allocate(stride * frame.height()).order(ByteOrder.LITTLE_ENDIAN);
        if (format == RegionFormat.RGB565) {
            DisplayPacker.packRgb565(argb, frame.width(), frame.height(), packed, 0, stride);
        } else {
            DisplayPacker.packXrgb8888(argb, frame.width(), frame.height(), packed, 0, stride);
        }
        return packed;
    }

    @ParameterizedTest
    @EnumSource(value = RegionFormat.class, names = {"RGB565", "XRGB8888"})
    void replayedFramesArriveConvertedAsStoragePixelConvertsThem(RegionFormat format) throws Exception {
        List<Image> frames = framesOfEveryFormat();
        Path stream = streamOf(frames);
        Path file = dir.resolve("display");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(format, MAX_WIDTH, MAX_HEIGHT));
                SharedFrameReader reader = SharedFrameReader.open(file);
                ImageIO in = ImageIO.open(stream, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(writer))) {
            assertSame(writer, in.frameBuffer());
            FrameCopy copy = reader.newFrameCopy();
            for (int i = 0; i < frames.size(); i++) {
                Image original = frames.get(i);
                Image read = in.read(true, false, false);
                assertTrue(read.samePixels(original), "commit returns the frame as read: " + read);

                assertTrue(reader.readLatest(copy));
                String what = "frame " + i + " (" + original + ") in a " + format + " region";
                assertEquals(i + 1, copy.frameNumber(), what);
                assertEquals(original.width(), copy.width(), what);
                assertEquals(original.height(), copy.height(), what);
                assertEquals(original.width() * format.bytesPerPixel(), copy.stride(), what);
                assertEquals(format.fourcc(), copy.fourcc(), what);
                assertEquals(format.pixformat(), copy.pixformat(), what);
                assertEquals(original.format(), copy.sourceFormat(), what);
                assertEquals(read.elapsedMs(), copy.elapsedMs(), what);
                assertEquals(displayPixels(original, format), copy.pixels(), what);
            }
            assertNull(in.read(true, false, false), "end of the recording");
            assertEquals(frames.size(), reader.framesPublished());
        }
    }

    @Test
    void aRawRegionReceivesTheRecordedBytesUnchanged() throws Exception {
        List<Image> frames = framesOfEveryFormat();
        Path stream = streamOf(frames);
        Path file = dir.resolve("raw");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file,
                RegionSpec.of(RegionFormat.RAW, MAX_WIDTH, MAX_HEIGHT));
                SharedFrameReader reader = SharedFrameReader.open(file);
                ImageIO in = ImageIO.open(stream, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(writer))) {
            FrameCopy copy = reader.newFrameCopy();
            for (Image original : frames) {
                in.read(true, false, false);
                assertTrue(reader.readLatest(copy));
                assertEquals(original.payload(), copy.pixels(), original.toString());
                assertEquals(original.format().code(), copy.pixformat(), original.toString());
                assertEquals(Fourcc.forImageIo(original.format()), copy.fourcc(), original.toString());
            }
        }
    }

    @Test
    void aFrameLargerThanTheRegionStopsTheReplayWithAClearError() throws Exception {
        Path stream = streamOf(List.of(random(16, 16, PixelFormat.GRAYSCALE, 1), random(65, 10, PixelFormat.GRAYSCALE, 2)));
        Path file = dir.resolve("small");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file,
                RegionSpec.of(RegionFormat.RGB565, MAX_WIDTH, MAX_HEIGHT));
                ImageIO in = ImageIO.open(stream, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(writer))) {
            in.read(true, false, false);
            SharedFrameException e = assertThrows(SharedFrameException.class,
                    () -> in.read(true, false, false));
            assertTrue(e.getMessage().contains("frame 2 (65x10 GRAYSCALE) is larger than the region's 64x48 maximum"),
                    e.getMessage());
            assertEquals(1, writer.frames());
        }
    }
}
