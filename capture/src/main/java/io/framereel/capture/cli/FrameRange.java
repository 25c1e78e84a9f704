package io.framereel.capture.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An inclusive range of frame indices as given by {@code --frames}: {@code A..B}, {@code A..} (to the last
 * frame), {@code ..B} (from the first) or a single {@code N}. Checked against a stream's frame count by
 * {@link #resolve}. Immutable.
 */
final class FrameRange {
    static final int OPEN = -1;

    private final String text;
    private final int first;
    private final int last;

    private FrameRange(String text, int first, int last) {
        this.text = text;
        this.first = first;
        this.last = last;
    }

    /** Every frame of a stream. */
    static FrameRange all() {
        return new FrameRange("..", 0, OPEN);
    }

    static FrameRange parse(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        int first;
        int last;
        if (dots < 0) {
            first = index(text, t);
            last = first;
        } else {
            first = dots == 0 ? 0 : index(text, t.substring(0, dots));
            last = dots + 2 == t.length() ? OPEN : index(text, t.substring(dots + 2));
        }
        if (last != OPEN && last < first) {
            throw new TypeConversionException("frame range " + text + " is empty: " + last + " comes before " + first);
        }
        return new FrameRange(text, first, last);
    }

    private static int index(String text, String digits) {
        try {
            int v = Integer.parseInt(digits.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected syntax
        }
        throw new TypeConversionException("'" + text + "' is not a frame range; expected A..B (inclusive, from 0), A.., ..B or N");
    }

    /**
     * Returns {first, last} within a stream of {@code count} frames.
     *
     * @throws IllegalArgumentException naming the range and the stream's frames when they do not overlap as asked
     */
    int[] resolve(int count) {
        int end = last == OPEN ? count - 1 : last;
        if (count == 0) {
            throw new IllegalArgumentException("frame range " + text + " is outside the stream: it has no frames");
        }
        if (first >= count || end >= count) {
            throw new IllegalArgumentException("frame range " + text + " is outside the stream: it has " + count
                    + " frames (0.." + (count - 1) + ")");
        }
        return new int[] {first, end};
    }

    @Override
    public String toString() {
        return text;
    }

    /** picocli's hook for {@link #parse}. */
    static final class Converter implements ITypeConverter<FrameRange> {
        @Override
        public FrameRange convert(String value) {
            return parse(value);
        }
    }
}
