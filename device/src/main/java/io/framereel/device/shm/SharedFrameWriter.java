package io.framereel.device.shm;

import io.framereel.storage.FrameBuffer;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Publishes frames into a shared frame region that other processes read.
 *
 * <p>Each frame goes into the slot after the latest one (round robin), never into the latest itself, so a reader
 * copying the newest frame is disturbed only if it is slower than {@code slots - 1} frames; then the slot's
 * seqlock tells it to retry. Per frame: the slot's sequence becomes odd (opaque store, then a store-store fence
 * so no pixel store can become visible before it), the descriptor and pixels are written, the sequence becomes
 * even again with a release store, and then the latest-slot index and the frame counter are published with
 * release stores. docs/shared-frames.md gives the reader's side.
 *
 * <p>Two ways in: {@link #publish(Image)} for live frames, and the {@link FrameBuffer} methods, so that
 * {@code ImageIO.read(copyToFb=true)} on a stream opened with {@code StreamOptions.withFrameBuffer(writer)} replays
 * straight into the region. There {@link #begin} hands out a scratch buffer for the raw payload and
 * {@link #commit} converts it into the slot: one read, one conversion.
 *
 * <p>After the first frame of the largest size, neither way allocates for raw ImageIO formats (JPEG and PNG
 * frames allocate while decoding into a display region). A daemon thread beats the heartbeat. Not thread-safe:
 * one thread publishes.
 */
public final class SharedFrameWriter implements FrameBuffer, AutoCloseable {
    private final SharedFrameRegion region;
    private final SharedFrameLayout layout;
    private final ByteBuffer memory;
    private final OrderedAccess access;
    private final SlotConverter converter;
    private final Heartbeat heartbeat;

    private ByteBuffer scratch; // the FrameBuffer path's raw payload; allocated by the first begin()
    private final Image scratchImage = Image.empty();
    private boolean begun;
    private int pendingWidth;
    private int pendingHeight;
    private PixelFormat pendingFormat;

    private int latestSlot = -1;
    private long frames;
    private boolean closed;

    private SharedFrameWriter(SharedFrameRegion region, long heartbeatPeriodNanos) {
        this.region = region;
        this.layout = region.layout();
        this.memory = region.memory();
        this.access = region.access();
        this.converter = new SlotConverter(region.path(), layout);
        this.heartbeat = new Heartbeat(access, heartbeatPeriodNanos, String.valueOf(region.path().getFileName()));
    }

    /**
     * Creates the region at {@code path} (see {@link SharedFrameRegion#create}) and starts its heartbeat.
     *
     * @throws SharedFrameException if the path holds something other than a region, or a live writer's region
     */
    public static SharedFrameWriter create(Path path, RegionSpec spec) throws IOException {
        return new SharedFrameWriter(SharedFrameRegion.create(path, spec), spec.heartbeatPeriodNanos());
    }

    /**
     * Converts {@code image} into the next slot and publishes it as the latest frame. The image is only read.
     *
     * @return the frame's number (1 for the first frame published)
     * @throws SharedFrameException if the frame exceeds the region's geometry or slot, or cannot be decoded;
     *                              nothing is published then
     */
    public long publish(Image image) throws IOException {
        ensureOpen();
        long number = frames + 1;
        converter.prepare(image, number);
        long timestamp = image.timestampNanos() != Image.NO_TIMESTAMP ? image.timestampNanos() : System.nanoTime();
        int slot = latestSlot < 0 ? 0 : (latestSlot + 1) % layout.slotCount();
        int descriptor = layout.descriptorOffset(slot);
        int seq = descriptor + SharedFrameLayout.SEQ;

        long sequence = access.getOpaque(seq);
        access.setOpaque(seq, sequence + 1);
        OrderedAccess.storeStoreFence();
        memory.putLong(descriptor + SharedFrameLayout.FRAME_NUMBER, number);
        memory.putLong(descriptor + SharedFrameLayout.TIMESTAMP, timestamp);
        memory.putInt(descriptor + SharedFrameLayout.WIDTH, converter.width());
        memory.putInt(descriptor + SharedFrameLayout.HEIGHT, converter.height());
        memory.putInt(descriptor + SharedFrameLayout.STRIDE, converter.stride());
        memory.putInt(descriptor + SharedFrameLayout.PAYLOAD_BYTES, converter.payloadBytes());
        memory.putInt(descriptor + SharedFrameLayout.FOURCC, converter.fourcc());
        memory.putInt(descriptor + SharedFrameLayout.PIXFORMAT, converter.pixformat());
        memory.putInt(descriptor + SharedFrameLayout.SOURCE_PIXFORMAT, image.format().code());
        memory.putInt(descriptor + SharedFrameLayout.ELAPSED_MS, image.elapsedMs());
        converter.write(memory, layout.slotOffset(slot));
        access.setRelease(seq, sequence + 2);

        access.setRelease(SharedFrameLayout.LATEST_SLOT_OFFSET, slot);
        access.setRelease(SharedFrameLayout.FRAME_COUNTER_OFFSET, number);
        latestSlot = slot;
        frames = number;
        return number;
    }

    /**
     * Returns a scratch buffer for the raw payload of one frame; {@link #commit} converts it into a slot.
     *
     * @throws SharedFrameException if the frame exceeds the region's maximum geometry
     */
    @Override
    public ByteBuffer begin(int width, int height, PixelFormat format, int payloadBytes) throws IOException {
        ensureOpen();
        if (width > layout.maxWidth() || height > layout.maxHeight()) {
            throw new SharedFrameException(region.path(), SharedFrameException.NO_OFFSET, "frame " + (frames + 1)
                    + " (" + width + "x" + height + " " + format + ") is larger than the region's "
                    + layout.maxWidth() + "x" + layout.maxHeight() + " maximum");
        }
        if (scratch == null || payloadBytes > scratch.capacity()) {
            // Sized for the largest uncompressed ImageIO payload at the maximum geometry (2 bytes per pixel) on
            // first use, so only an unusually large JPEG or PNG makes it grow again; live-only writers never
            // allocate it.
            long fullSize = (long) layout.maxWidth() * layout.maxHeight() * 2;
            scratch = ByteBuffer.allocateDirect((int) Math.max(payloadBytes, fullSize)).order(ByteOrder.LITTLE_ENDIAN);
        }
        pendingWidth = width;
        pendingHeight = height;
        pendingFormat = format;
        begun = true;
        scratch.clear().limit(payloadBytes);
        return scratch;
    }

    /**
     * Converts the frame filled since {@link #begin} into the next slot and publishes it.
     *
     * @return the frame as read, in its ImageIO format (the region holds the converted copy); valid until the
     *         next {@code begin}
     * @throws IllegalStateException if no {@code begin} preceded this call
     */
    @Override
    public Image commit(int elapsedMs, long timestampNanos) throws IOException {
        if (!begun) {
            throw new IllegalStateException("commit() without begin() on " + region.path());
        }
        begun = false;
        scratch.position(0);
        scratchImage.set(pendingWidth, pendingHeight, pendingFormat, scratch, elapsedMs, timestampNanos);
        publish(scratchImage);
        return scratchImage;
    }

    /** Frames published so far. */
    public long frames() {
        return frames;
    }

    public SharedFrameRegion region() {
        return region;
    }

    /**
     * Stops the heartbeat and marks the region closed, so readers know no frame will follow. The file stays,
     * with the last frame, for readers that still map it; the daemon removes it when it should disappear.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.stop();
        access.setRelease(SharedFrameLayout.WRITER_STATE_OFFSET, SharedFrameLayout.STATE_CLOSED);
    }

    private void ensureOpen() throws SharedFrameException {
        if (closed) {
            throw new SharedFrameException(region.path(), SharedFrameException.NO_OFFSET, "the writer is closed");
        }
    }
}
