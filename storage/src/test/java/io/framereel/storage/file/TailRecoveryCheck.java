package io.framereel.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.framereel.storage.ImageIO;
import io.framereel.storage.StreamOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every stream left by a crashed or cut writer must pass: READ opens it and reports any torn last
 * chunk consistently, every whole frame reads back byte-identical, APPEND cuts exactly the torn bytes and
 * continues after the last whole frame, and the result reads back clean. Stateless; thread-safe.
 */
final class TailRecoveryCheck {
    /** What the damaged file held, as READ saw it. */
    static final class Outcome {
        final int framesAfterCrash;
        final TailDamage.Kind tail;
        final long tornBytes;
        final int framesAfterAppend;

        Outcome(int framesAfterCrash, TailDamage.Kind tail, long tornBytes, int framesAfterAppend) {
            this.framesAfterCrash = framesAfterCrash;
            this.tail = tail;
            this.tornBytes = tornBytes;
            this.framesAfterAppend = framesAfterAppend;
        }
    }

    private TailRecoveryCheck() {
    }

    /**
     * Runs the checks on {@code file}, whose frames must be {@code frames.frame(0..)}, appending
     * {@code framesToAppend} more; {@code where} prefixes every failure message.
     */
    static Outcome verify(Path file, DeterministicFrames frames, int framesToAppend, String where) throws IOException {
        long sizeAfterCrash = Files.size(file);
        int count;
        TailDamage tail;
        try (FileStream in = FileStream.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS)) {
            count = in.count();
            tail = in.tailDamage();
            long validEnd = validEnd(in.index());
            assertNotEquals(TailDamage.Kind.GARBAGE, tail.kind(), where + ": " + tail);
            if (tail.kind() == TailDamage.Kind.NONE) {
                assertEquals(sizeAfterCrash, validEnd, where + ": clean tail but the frames end early");
            } else {
                assertEquals(validEnd, tail.offset(), where + ": torn tail must start after the last whole frame");
                assertEquals(sizeAfterCrash - validEnd, tail.bytes(), where + ": torn bytes");
            }
            assertEquals(sizeAfterCrash, in.size(), where + ": size()");
            readAll(in, frames, where + " (READ after crash)");
        }

        int after;
        try (FileStream out = FileStream.open(file, ImageIO.Mode.APPEND, StreamOptions.DEFAULTS)) {
            assertEquals(tail.bytes(), out.recoveredBytes(), where + ": APPEND must cut exactly the torn tail");
            assertEquals(count, out.count(), where + ": APPEND sees a different frame count than READ");
            assertEquals(count, out.offset(), where + ": APPEND must continue after the last whole frame");
            assertEquals(sizeAfterCrash - tail.bytes(), Files.size(file), where + ": file size after APPEND's repair");
            for (int i = 0; i < framesToAppend; i++) {
                out.write(frames.frame(count + i));
            }
            after = out.count();
        }

        try (FileStream in = FileStream.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS)) {
            assertEquals(TailDamage.Kind.NONE, in.tailDamage().kind(), where + ": tail after APPEND: "
                    + in.tailDamage());
            assertEquals(count + framesToAppend, in.count(), where + ": frames after APPEND");
            readAll(in, frames, where + " (READ after APPEND)");
        }
        return new Outcome(count, tail.kind(), tail.bytes(), after);
    }

    /** Reads every frame, alternating between the frame buffer and fresh images, and checks each. */
    static void readAll(FileStream in, DeterministicFrames frames, String where) throws IOException {
        for (int i = 0; i < in.count(); i++) {
            frames.check(i, in.read(i % 2 == 0, false, false), where);
        }
        assertNull(in.read(true, false, false), where + ": read past the last frame");
    }

    static long validEnd(FrameIndex index) {
        return index.size() == 0 ? StreamFormat.FILE_HEADER_BYTES : index.chunkEnd(index.size() - 1);
    }
}
