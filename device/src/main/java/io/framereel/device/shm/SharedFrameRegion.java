package io.framereel.device.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A region file mapped into this process: created and initialised for a writer, or opened read-only and
 * validated for a reader. The layout is {@link SharedFrameLayout}; the protocol lives in
 * {@link SharedFrameWriter} and {@link SharedFrameReader}.
 *
 * <p>The mapping stays valid after the file descriptor is closed, so none is kept open; Java unmaps it when
 * the region becomes unreachable.
 */
public final class SharedFrameRegion {
    /**
     * rw-r-----: readers in the writer's group (the daemon's group; see docs/shared-frames.md) map it read-only,
     * nobody else sees the frames.
     */
    public static final Set<PosixFilePermission> PERMISSIONS = PosixFilePermissions.fromString("rw-r-----");
    /** Prefix of region files in /dev/shm, so they are recognisable among other programs' segments. */
    public static final String DEV_SHM_PREFIX = "framereel-";

    private static final int ZERO_FILL_CHUNK = 1 << 20;

    private final Path path;
    private final SharedFrameLayout layout;
    private final ByteBuffer memory;
    private final OrderedAccess access;
    private final boolean writable;

    private SharedFrameRegion(Path path, SharedFrameLayout layout, MappedByteBuffer memory, boolean writable) {
        this.path = path;
        this.layout = layout;
        this.memory = memory.order(ByteOrder.LITTLE_ENDIAN);
        this.access = new OrderedAccess(this.memory);
        this.writable = writable;
    }

    /** {@code /dev/shm/framereel-<name>}: where a region lives when the daemon has no runtime directory. */
    public static Path inDevShm(String name) {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("a region name is one path component not starting with '.' (was \""
                    + name + "\")");
        }
        return Path.of("/dev/shm", DEV_SHM_PREFIX + name);
    }

    /**
     * Creates a region at {@code path}, complete with its header and a running writer state, mode 0640.
     *
     * <p>The file is built under a temporary name in the same directory and renamed into place, so a reader
     * never maps a half-initialised header, and readers that mapped an earlier region at this path keep their
     * (closed or stale) mapping instead of seeing its size change under them, which would fault. An existing
     * file is replaced only if it is a region whose writer is not alive.
     *
     * @throws SharedFrameException if the path holds something other than a region, or a live writer's region
     */
    public static SharedFrameRegion create(Path path, RegionSpec spec) throws IOException {
        refuseToReplace(path);
        SharedFrameLayout layout = spec.layout();
        Path dir = path.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, "." + path.getFileName() + ".", ".new",
                PosixFilePermissions.asFileAttribute(PERMISSIONS));
        try {
            // The umask may have taken the group's read bit off the create mode; set it explicitly.
            Files.setPosixFilePermissions(temporary, PERMISSIONS);
            SharedFrameRegion region;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                zeroFill(channel, layout.fileSize());
                region = new SharedFrameRegion(path, layout,
                        channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.fileSize()), true);
            }
            region.writeHeader(spec);
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return region;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Maps a region read-only and validates its header.
     *
     * @throws SharedFrameException if the path is not a regular file, or the header fails validation (the message
     *                              names the offset)
     */
    public static SharedFrameRegion open(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new SharedFrameException(path, SharedFrameException.NO_OFFSET, "not a regular file ("
                    + (attributes.isDirectory() ? "a directory" : "a device, socket or pipe") + "); a region is a "
                    + "regular file in /dev/shm or a runtime directory");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new SharedFrameException(path, SharedFrameException.NO_OFFSET, "the file is " + size
                        + " bytes; a region fits one 2 GiB mapping");
            }
            HeaderCheck.checkSize(path, size);
            MappedByteBuffer memory = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            SharedFrameLayout layout = HeaderCheck.check(path, memory.order(ByteOrder.LITTLE_ENDIAN), size);
            return new SharedFrameRegion(path, layout, memory, false);
        }
    }

    public Path path() {
        return path;
    }

    public SharedFrameLayout layout() {
        return layout;
    }

    /** True for the writer's read-write mapping, false for a reader's read-only one. */
    public boolean isWritable() {
        return writable;
    }

    /** The whole file, little-endian; read-only for readers. */
    ByteBuffer memory() {
        return memory;
    }

    OrderedAccess access() {
        return access;
    }

    private void writeHeader(RegionSpec spec) {
        memory.put(SharedFrameLayout.MAGIC_OFFSET, SharedFrameLayout.MAGIC.getBytes(StandardCharsets.US_ASCII));
        memory.putInt(SharedFrameLayout.VERSION_OFFSET, SharedFrameLayout.VERSION);
        memory.putInt(SharedFrameLayout.HEADER_SIZE_OFFSET, layout.headerSize());
        memory.putInt(SharedFrameLayout.SLOT_COUNT_OFFSET, layout.slotCount());
        memory.putInt(SharedFrameLayout.DESCRIPTOR_SIZE_OFFSET, SharedFrameLayout.DESCRIPTOR_SIZE);
        memory.putLong(SharedFrameLayout.SLOT_SIZE_OFFSET, layout.slotSize());
        memory.putInt(SharedFrameLayout.MAX_WIDTH_OFFSET, layout.maxWidth());
        memory.putInt(SharedFrameLayout.MAX_HEIGHT_OFFSET, layout.maxHeight());
        memory.putInt(SharedFrameLayout.REGION_FOURCC_OFFSET, layout.format().fourcc());
        memory.putInt(SharedFrameLayout.REGION_PIXFORMAT_OFFSET, layout.format().pixformat());
        memory.putLong(SharedFrameLayout.WRITER_PID_OFFSET, ProcessHandle.current().pid());
        memory.putLong(SharedFrameLayout.HEARTBEAT_PERIOD_OFFSET, spec.heartbeatPeriodNanos());
        memory.putLong(SharedFrameLayout.HEARTBEAT_OFFSET, System.nanoTime());
        memory.putLong(SharedFrameLayout.FRAME_COUNTER_OFFSET, 0);
        memory.putLong(SharedFrameLayout.LATEST_SLOT_OFFSET, SharedFrameLayout.NO_SLOT);
        memory.putLong(SharedFrameLayout.WRITER_STATE_OFFSET, SharedFrameLayout.STATE_RUNNING);
    }

    /**
     * Writes zeros through write(2) rather than letting the mapping extend the file: tmpfs allocates pages on
     * first touch, and a full /dev/shm then fails here with ENOSPC instead of killing the writer with SIGBUS on
     * its first frame.
     */
    private static void zeroFill(FileChannel channel, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZERO_FILL_CHUNK, size));
        for (long at = 0; at < size; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
            at += channel.write(zeros, at);
        }
    }

    /** Refuses to replace anything but a region whose writer is gone, so a typo cannot destroy another file. */
    private static void refuseToReplace(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new SharedFrameException(path, SharedFrameException.NO_OFFSET, "exists and is not a regular file; "
                    + "refusing to replace it with a frame region");
        }
        byte[] magic = SharedFrameLayout.MAGIC.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer start = ByteBuffer.allocate(magic.length);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (start.hasRemaining() && channel.read(start, start.position()) > 0) {
                // read until the magic's length or the end of the file
            }
        }
        int read = start.position();
        if (read < magic.length || !start.flip().equals(ByteBuffer.wrap(magic))) {
            throw new SharedFrameException(path, SharedFrameLayout.MAGIC_OFFSET, "exists and is not a framereel "
                    + "region (it starts with " + HeaderCheck.printable(start, read) + "); "
                    + "refusing to replace it: remove it if it is yours");
        }
        SharedFrameRegion existing;
        try {
            existing = open(path);
        } catch (SharedFrameException damaged) {
            // A region whose header no longer validates has no writer a reader could follow: replacing it is the
            // repair, and the new region is what its readers should reopen.
            return;
        }
        long period = existing.memory.getLong(SharedFrameLayout.HEARTBEAT_PERIOD_OFFSET);
        if (WriterStatus.of(existing.access, period, System.nanoTime()) == WriterStatus.ALIVE) {
            throw new SharedFrameException(path, SharedFrameLayout.WRITER_PID_OFFSET, "writer pid "
                    + existing.memory.getLong(SharedFrameLayout.WRITER_PID_OFFSET) + " is still publishing here "
                    + "(its heartbeat is recent); refusing to replace its region");
        }
    }
}
