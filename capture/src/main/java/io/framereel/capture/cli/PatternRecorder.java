package io.framereel.capture.cli;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.SyncPolicy;
import io.framereel.storage.file.FileStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Records frames of a {@link TestPatternSource} into a new stream file as fast as they can be made (nothing
 * sleeps: the frames' timestamps carry the frame rate). The file appears complete or not at all (see
 * {@link AtomicOutput}). Not thread-safe.
 */
final class PatternRecorder {

    /** What a recording produced and how long writing took. Immutable. */
    static final class Result {
        final int frames;
        final long bytes;
        final long recordedMs;
        /** Time spent in the stream's write and close (the final sync), not making frames. */
        final long writeNanos;
        /** Wall time for the whole recording, frame synthesis included. */
        final long totalNanos;

        Result(int frames, long bytes, long recordedMs, long writeNanos, long totalNanos) {
            this.frames = frames;
            this.bytes = bytes;
            this.recordedMs = recordedMs;
            this.writeNanos = writeNanos;
            this.totalNanos = totalNanos;
        }

        /** Bytes written per second of write time, in MB (10^6 bytes). */
        double writeMegabytesPerSecond() {
            return writeNanos == 0 ? Double.POSITIVE_INFINITY : bytes * 1e3 / writeNanos;
        }
    }

    private PatternRecorder() {
    }

    /** Writes {@code frames} frames from {@code source} to {@code out}, replacing it only when complete. */
    static Result record(TestPatternSource source, int frames, Path out, SyncPolicy sync, PrintWriter err)
            throws IOException {
        long start = System.nanoTime();
        long writeNanos = 0;
        long bytes;
        long recordedMs;
        try (AtomicOutput target = AtomicOutput.create(out)) {
            ImageIO stream = ImageIO.open(target.temp(), ImageIO.Mode.WRITE, StreamOptions.DEFAULTS.withSyncPolicy(sync));
            try (Progress progress = Progress.start(err, "synth", frames)) {
                for (int i = 0; i < frames; i++) {
                    Image frame = source.next();
                    long t = System.nanoTime();
                    stream.write(frame);
                    writeNanos += System.nanoTime() - t;
                    progress.update(i + 1L);
                }
                bytes = stream.size();
                recordedMs = ((FileStream) stream).index().durationMs();
            } catch (IOException | RuntimeException e) {
                closeAfter(stream, e);
                throw e;
            }
            long t = System.nanoTime();
            stream.close();
            writeNanos += System.nanoTime() - t;
            target.commit();
        }
        return new Result(frames, bytes, recordedMs, writeNanos, System.nanoTime() - start);
    }

    private static void closeAfter(ImageIO stream, Exception primary) {
        try {
            stream.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
