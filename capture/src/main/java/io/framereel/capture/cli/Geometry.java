package io.framereel.capture.cli;

import io.framereel.storage.file.StreamFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A frame size {@code WxH} as given on the command line, each side 1..32767 as stream files allow. Immutable. */
final class Geometry {
    final int width;
    final int height;

    Geometry(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * Parses {@code WxH} (also {@code WXH}).
     *
     * @throws TypeConversionException naming what is wrong, which picocli reports as a usage error
     */
    static Geometry parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int x = t.indexOf('x');
        if (x <= 0 || x == t.length() - 1) {
            throw new TypeConversionException("'" + text + "' is not a size; expected WxH, e.g. 640x480");
        }
        return new Geometry(side(text, t.substring(0, x), "width"), side(text, t.substring(x + 1), "height"));
    }

    private static int side(String text, String digits, String name) {
        int v;
        try {
            v = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a size; expected WxH, e.g. 640x480");
        }
        if (v < 1 || v > StreamFormat.MAX_DIMENSION) {
            throw new TypeConversionException("size " + text + ": " + name + " must be 1.." + StreamFormat.MAX_DIMENSION);
        }
        return v;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }

    /** picocli's hook for {@link #parse}. */
    static final class Converter implements ITypeConverter<Geometry> {
        @Override
        public Geometry convert(String value) {
            return parse(value);
        }
    }
}
