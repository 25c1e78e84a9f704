package io.framereel.bench;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random access into a 100,000-frame stream of 32x32 GRAYSCALE frames (1,056-byte chunks, 105.6 MB), built
 * once per trial: {@code seek(i)} + {@code read(true, false, false)} through the frame index, against OpenMV's
 * seek, which walks the chunk headers from the start of the file. Also the cost of opening the file, which
 * builds that index.
 *
 * <p>Every benchmark draws frame numbers from the same seeded sequence, uniform over the file, so both sides
 * see the same frames in the same order. The file stays in the page cache: these are warm numbers.
 *
 * <p>One JMH thread per state; not thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SeekReadBenchmark {
    static final int FRAMES = 100_000;
    private static final int FILE_HEADER_BYTES = 16;
    private static final int CHUNK_HEADER_BYTES = 32;
    private static final int WINDOW_BYTES = 64 * 1024;

    @Param({BenchFrames.DEFAULT_DIR})
    String dir;

    private Path scratch;
    private Path file;
    private final int[] order = new int[1 << 12];
    private int cursor;

    private ImageIO in;

    private FileChannel walkChannel;
    private final ByteBuffer chunkHeader = ByteBuffer.allocateDirect(CHUNK_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart = -1;
    private ByteBuffer walkPayload = ByteBuffer.allocateDirect(64);

    @Setup(Level.Trial)
    public void writeStream() throws IOException {
        scratch = BenchFrames.scratchDirectory(dir);
        file = scratch.resolve("100k.bin");
        Image image = Image.allocate(32, 32, PixelFormat.GRAYSCALE, true);
        try (ImageIO out = ImageIO.open(file, "w")) {
            for (int i = 0; i < FRAMES; i++) {
                image.payload().putInt(0, i); // every frame differs
                out.write(image.elapsedMs(33));
            }
        }
        SplittableRandom random = new SplittableRandom(20240601);
        for (int i = 0; i < order.length; i++) {
            order[i] = random.nextInt(FRAMES);
        }
        in = ImageIO.open(file, "r");
        walkChannel = FileChannel.open(file, StandardOpenOption.READ);
    }

    private int nextFrame() {
        int i = order[cursor];
        cursor = (cursor + 1) & (order.length - 1);
        return i;
    }

    @Benchmark
    public Image seekRead() throws IOException {
        return in.seek(nextFrame()).read(true, false, false);
    }

    /**
     * OpenMV's seek, then the read: from the first chunk, read each 32-byte chunk header (one positional read,
     * as the firmware makes one f_read) and skip its data, {@code i} times; then read frame {@code i}.
     */
    @Benchmark
    public ByteBuffer linearWalk() throws IOException {
        int target = nextFrame();
        long pos = FILE_HEADER_BYTES;
        for (int k = 0; k < target; k++) {
            readFully(chunkHeader.clear(), pos);
            pos += chunkBytes(chunkHeader, 0);
        }
        readFully(chunkHeader.clear(), pos);
        return readPayload(chunkHeader, 0, pos);
    }

    /**
     * The same walk through a 64 KiB read window: what a careful index-free reader costs, a floor for any
     * implementation that walks instead of indexing.
     */
    @Benchmark
    public ByteBuffer linearWalkBuffered() throws IOException {
        int target = nextFrame();
        long pos = FILE_HEADER_BYTES;
        for (int k = 0; k < target; k++) {
            pos += chunkBytes(window, windowAt(pos));
        }
        return readPayload(window, windowAt(pos), pos);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int openAndIndex() throws IOException {
        try (ImageIO s = ImageIO.open(file, "r")) {
            return s.count();
        }
    }

    /** Chunk size from a V2 chunk header at {@code at}: header, data and padding to 16. */
    private static long chunkBytes(ByteBuffer header, int at) {
        return CHUNK_HEADER_BYTES + align16(payloadBytes(header, at));
    }

    private static long payloadBytes(ByteBuffer header, int at) {
        PixelFormat format = PixelFormat.fromCode(header.getInt(at + 12));
        if (format == null) {
            throw new IllegalStateException("bad pixformat in the benchmark's own file");
        }
        return format.isCompressed() ? Integer.toUnsignedLong(header.getInt(at + 16))
                : format.uncompressedBytes(header.getInt(at + 4), header.getInt(at + 8));
    }

    private static long align16(long bytes) {
        return (bytes + 15) & ~15L;
    }

    private ByteBuffer readPayload(ByteBuffer header, int at, long chunkStart) throws IOException {
        int bytes = (int) payloadBytes(header, at);
        if (walkPayload.capacity() < bytes) {
            walkPayload = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        walkPayload.clear().limit(bytes);
        readFully(walkPayload, chunkStart + CHUNK_HEADER_BYTES);
        return walkPayload.flip();
    }

    /** Makes the chunk header at {@code pos} available in the window; returns its index there. */
    private int windowAt(long pos) throws IOException {
        if (windowStart < 0 || pos < windowStart || pos + CHUNK_HEADER_BYTES > windowStart + window.limit()) {
            window.clear();
            readFully(window, pos);
            windowStart = pos;
        }
        return (int) (pos - windowStart);
    }

    /** Fills {@code b} from {@code pos}, or up to the end of the file for the window. */
    private void readFully(ByteBuffer b, long pos) throws IOException {
        long start = pos - b.position();
        while (b.hasRemaining()) {
            int n = walkChannel.read(b, start + b.position());
            if (n < 0) {
                if (b == window && b.position() >= CHUNK_HEADER_BYTES) {
                    b.flip();
                    return;
                }
                throw new EOFException("end of file at " + (start + b.position()));
            }
        }
        b.flip();
    }

    @TearDown(Level.Trial)
    public void deleteStream() throws IOException {
        try {
            in.close();
            walkChannel.close();
        } finally {
            BenchFrames.deleteTree(scratch);
        }
    }
}
