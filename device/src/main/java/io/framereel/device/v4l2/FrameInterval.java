package io.framereel.device.v4l2;

/**
 * A frame interval a device offers for one format and size (VIDIOC_ENUM_FRAMEINTERVALS): one discrete
 * interval (min = max) or a range. Intervals are seconds per frame, so the shortest interval is the highest
 * frame rate. Immutable.
 */
public record FrameInterval(boolean discrete, Fraction min, Fraction max, Fraction step) {
    /** One fixed interval. */
    public static FrameInterval of(Fraction interval) {
        return new FrameInterval(true, interval, interval, new Fraction(0, 1));
    }

    @Override
    public String toString() {
        return discrete ? min.toString() : min + " - " + max + " step " + step;
    }
}
