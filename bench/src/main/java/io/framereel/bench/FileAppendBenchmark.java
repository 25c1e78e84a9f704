package io.framereel.bench;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Appending one frame to a stream file: {@code ImageIO.write} against a plain {@link FileChannel#write} of the
 * same chunk bytes (32-byte chunk header + payload + padding, prepared once in one direct buffer), into the
 * same directory.
 *
 * <p>Both files are rewound once they pass {@link #REWIND_BYTES}, so the disk never fills and the page cache
 * stays bounded: the ImageIO side by {@code seek(0)} (its next write truncates after frame 0), the baseline by
 * writing at the first chunk and truncating after it, the same two system calls. The rewind happens inside the
 * measured operation on both sides, once every 437 (VGA) or 145 (720p) frames.
 *
 * <p>One JMH thread per state; not thread-safe.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FileAppendBenchmark {
    static final long REWIND_BYTES = 256L << 20;
    private static final int FILE_HEADER_BYTES = 16;
    private static final int CHUNK_HEADER_BYTES = 32;

    @Param({"RGB565_640x480", "YUV422_1280x720"})
    String frame;

    /** Where the files go: {@code tmp} is {@code java.io.tmpdir}; pass {@code -p dir=/dev/shm} for tmpfs. */
    @Param({BenchFrames.DEFAULT_DIR})
    String dir;

    private Path scratch;
    private Image image;
    private ImageIO stream;

    private FileChannel channel;
    private ByteBuffer chunk;
    private long channelEnd;

    @Setup(Level.Trial)
    public void open() throws IOException {
        scratch = BenchFrames.scratchDirectory(dir);
        image = BenchFrames.image(frame);
        stream = ImageIO.open(scratch.resolve("imageio.bin"), "w");

        channel = FileChannel.open(scratch.resolve("channel.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.wrap("OMV IMG STR V2.0".getBytes(StandardCharsets.US_ASCII));
        while (header.hasRemaining()) {
            channel.write(header);
        }
        channelEnd = FILE_HEADER_BYTES;
        chunk = chunkOf(image);
    }

    /** The chunk ImageIO writes for {@code image}, built by hand: header, payload, zero padding to 16. */
    private static ByteBuffer chunkOf(Image image) {
        int bytes = image.payloadBytes();
        int padding = (16 - bytes % 16) % 16;
        ByteBuffer b = ByteBuffer.allocateDirect(CHUNK_HEADER_BYTES + bytes + padding).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(33).putInt(image.width()).putInt(image.height()).putInt(image.format().code()).putInt(0)
                .putInt(0).putInt(0).putInt(0);
        b.put(image.payload().duplicate());
        return b.clear();
    }

    @Benchmark
    public ImageIO imageIoWrite() throws IOException {
        if (stream.size() >= REWIND_BYTES) {
            stream.seek(0);
        }
        return stream.write(image);
    }

    @Benchmark
    public long channelWrite() throws IOException {
        boolean rewind = channelEnd >= REWIND_BYTES;
        if (rewind) {
            channel.position(FILE_HEADER_BYTES);
            channelEnd = FILE_HEADER_BYTES;
        }
        chunk.clear();
        while (chunk.hasRemaining()) {
            channelEnd += channel.write(chunk);
        }
        if (rewind) {
            channel.truncate(channelEnd);
        }
        return channelEnd;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            stream.close(); // syncs; the baseline syncs too so both leave the disk in the same state
            channel.force(true);
            channel.close();
        } finally {
            BenchFrames.deleteTree(scratch);
        }
    }
}
