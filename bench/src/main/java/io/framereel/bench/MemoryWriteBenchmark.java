package io.framereel.bench;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.memory.RingStore;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * Storing one frame in RAM: a memory stream ({@code write}, then {@code seek(0)} when it reaches its last
 * slot, as OpenMV's example does) and a {@link RingStore}, against a plain {@code ByteBuffer.put} of the same
 * payload into the next slot of a preallocated direct buffer of the same total size, cycled the same way.
 *
 * <p>One JMH thread per state; not thread-safe.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MemoryWriteBenchmark {
    @Param({"RGB565_640x480", "YUV422_1280x720"})
    String frame;

    /**
     * Slots in each store: 16 frames are 9.8 MB (VGA) or 29.5 MB (720p), past the per-core L2 of a desktop or
     * server CPU but not necessarily past its L3 (the test VM reports 480 MiB); raise it to measure DRAM.
     */
    @Param({"16"})
    int slots;

    private Image image;
    private ImageIO memory;
    private RingStore ring;

    private ByteBuffer plain;
    private int plainSlotBytes;
    private int plainSlot;

    @Setup(Level.Trial)
    public void allocate() throws IOException {
        image = BenchFrames.image(frame);
        memory = ImageIO.memory(image.width(), image.height(), image.format(), slots);
        ring = RingStore.forFrames(slots, image.width(), image.height(), image.format());
        plainSlotBytes = ring.slotBytes();
        plain = ByteBuffer.allocateDirect(Math.multiplyExact(plainSlotBytes, slots));
    }

    @Benchmark
    public ImageIO memoryStreamWrite() throws IOException {
        memory.write(image);
        if (memory.offset() == memory.count()) {
            memory.seek(0);
        }
        return memory;
    }

    @Benchmark
    public long ringWrite() throws IOException {
        return ring.write(image);
    }

    @Benchmark
    public ByteBuffer plainPut() {
        int slot = plainSlot;
        plainSlot = slot + 1 == slots ? 0 : slot + 1;
        ByteBuffer payload = image.payload();
        return plain.put(slot * plainSlotBytes, payload, payload.position(), payload.remaining());
    }

    @TearDown(Level.Trial)
    public void release() throws IOException {
        memory.close();
        ring.close();
    }
}
