package io.framereel.device.v4l2;

/**
 * A V4L2 fraction (struct v4l2_fract), used for frame intervals in seconds: 1/30 is 30 frames per second.
 * Immutable.
 */
public record Fraction(long numerator, long denominator) {
    public Fraction {
        if (numerator < 0 || denominator < 0) {
            throw new IllegalArgumentException("fraction parts must be >= 0 (was " + numerator + "/" + denominator + ")");
        }
    }

    /** The interval of {@code fps} frames per second, i.e. 1/fps. */
    public static Fraction perSecond(int fps) {
        if (fps <= 0) {
            throw new IllegalArgumentException("fps must be > 0 (was " + fps + ")");
        }
        return new Fraction(1, fps);
    }

    /** Read as a frame interval: frames per second, 0 for a zero numerator. */
    public double framesPerSecond() {
        return numerator == 0 ? 0 : (double) denominator / numerator;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
