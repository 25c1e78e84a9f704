package io.framereel.device.v4l2;

/**
 * A frame size a device offers for one format (VIDIOC_ENUM_FRAMESIZES): either one discrete size (min = max,
 * step 0) or a range stepping from min to max. Immutable.
 */
public record FrameSize(boolean discrete, int minWidth, int maxWidth, int stepWidth, int minHeight, int maxHeight,
        int stepHeight) {

    /** One fixed size. */
    public static FrameSize of(int width, int height) {
        return new FrameSize(true, width, width, 0, height, height, 0);
    }

    /** True when width x height is within this entry (on the step grid for ranges). */
    public boolean allows(int width, int height) {
        return fits(width, minWidth, maxWidth, stepWidth) && fits(height, minHeight, maxHeight, stepHeight);
    }

    private static boolean fits(int value, int min, int max, int step) {
        return value >= min && value <= max && (step <= 1 || (value - min) % step == 0);
    }

    @Override
    public String toString() {
        return discrete ? minWidth + "x" + minHeight
                : minWidth + "x" + minHeight + " - " + maxWidth + "x" + maxHeight + " step " + stepWidth + "x" + stepHeight;
    }
}
