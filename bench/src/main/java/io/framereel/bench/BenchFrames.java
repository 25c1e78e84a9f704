package io.framereel.bench;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Test frames and scratch directories shared by the benchmarks. Stateless; safe from any thread.
 */
final class BenchFrames {
    /** The {@code dir} parameter value that means the JVM's temp directory (on the working disk here). */
    static final String DEFAULT_DIR = "tmp";

    private BenchFrames() {
    }

    /**
     * Allocates a direct-buffer image described as {@code FORMAT_WIDTHxHEIGHT} (for example
     * {@code RGB565_640x480}) and fills it with pseudo-random bytes, so no layer can shortcut zero pages.
     */
    static Image image(String spec) {
        int sep = spec.lastIndexOf('_');
        int x = spec.indexOf('x', sep);
        if (sep < 0 || x < 0) {
            throw new IllegalArgumentException("frame spec '" + spec + "' is not FORMAT_WIDTHxHEIGHT");
        }
        PixelFormat format = PixelFormat.parse(spec.substring(0, sep));
        int width = Integer.parseInt(spec.substring(sep + 1, x));
        int height = Integer.parseInt(spec.substring(x + 1));
        Image image = Image.allocate(width, height, format, true);
        fillRandom(image.payload());
        return image;
    }

    static void fillRandom(ByteBuffer b) {
        SplittableRandom random = new SplittableRandom(0xF4A3E);
        for (int i = b.position(); i < b.limit(); i++) {
            b.put(i, (byte) random.nextInt(256));
        }
    }

    /** A fresh scratch directory under {@code dir} ({@link #DEFAULT_DIR} = {@code java.io.tmpdir}). */
    static Path scratchDirectory(String dir) throws IOException {
        Path parent = Path.of(DEFAULT_DIR.equals(dir) ? System.getProperty("java.io.tmpdir") : dir);
        return Files.createTempDirectory(parent, "framereel-bench-");
    }

    /** Deletes {@code dir} and everything in it; a null directory is ignored. */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
