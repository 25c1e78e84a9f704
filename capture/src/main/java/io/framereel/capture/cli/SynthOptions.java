package io.framereel.capture.cli;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.PixelFormat;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Checks of the test-pattern options that {@code synth} and {@code demo} share. Stateless. */
final class SynthOptions {
    /** Largest frame the pattern is made at: keeps a JPEG canvas (4 bytes a pixel) well inside a default heap. */
    static final long MAX_PIXELS = 1L << 26;

    private SynthOptions() {
    }

    /**
     * Builds the source for validated options.
     *
     * @throws ParameterException naming the option that is out of range
     */
    static TestPatternSource source(CommandLine cmd, Geometry size, PixelFormat format, int frames, double fps) {
        if (frames < 1) {
            throw new ParameterException(cmd, "--frames must be at least 1 (was " + frames + ")");
        }
        if (!(fps >= TestPatternSource.MIN_FPS && fps <= TestPatternSource.MAX_FPS)) {
            throw new ParameterException(cmd, "--fps must be between " + TestPatternSource.MIN_FPS + " and "
                    + (int) TestPatternSource.MAX_FPS + " (was " + fps + "); stream files store whole milliseconds");
        }
        if (format == PixelFormat.ARGB8 || format == PixelFormat.PNG) {
            throw new ParameterException(cmd, "--format " + format + " is not supported; choose an uncompressed "
                    + "format (GRAYSCALE, RGB565, BINARY, BAYER_BGGR/GBRG/GRBG/RGGB, YUV422, YVU422) or JPEG");
        }
        if ((long) size.width * size.height > MAX_PIXELS) {
            throw new ParameterException(cmd, "--size " + size + " is too large for the test pattern (at most "
                    + MAX_PIXELS + " pixels)");
        }
        try {
            return new TestPatternSource(size.width, size.height, format, fps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage());
        }
    }
}
