package io.framereel.capture.cli;

import java.nio.file.Path;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code record} stores frames: {@code file:PATH} (an ImageIO file stream, written as frames arrive) or
 * {@code ring:N:PATH} (the last N frames kept in RAM, written to PATH when recording stops). A bare path means
 * {@code file:PATH}.
 */
record StoreSpec(Path path, int ringFrames) {

    boolean isRing() {
        return ringFrames > 0;
    }

    static final class Converter implements ITypeConverter<StoreSpec> {
        @Override
        public StoreSpec convert(String value) {
            if (value.startsWith("ring:")) {
                String rest = value.substring("ring:".length());
                int colon = rest.indexOf(':');
                if (colon <= 0 || colon == rest.length() - 1) {
                    throw new TypeConversionException("a ring store is ring:N:PATH, e.g. ring:300:last.bin (was '"
                            + value + "')");
                }
                int frames;
                try {
                    frames = Integer.parseInt(rest.substring(0, colon));
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("ring size '" + rest.substring(0, colon) + "' is not a number");
                }
                if (frames < 1) {
                    throw new TypeConversionException("a ring holds at least 1 frame (was " + frames + ")");
                }
                return new StoreSpec(Path.of(rest.substring(colon + 1)), frames);
            }
            String path = value.startsWith("file:") ? value.substring("file:".length()) : value;
            if (path.isEmpty()) {
                throw new TypeConversionException("--store needs a path: file:PATH or ring:N:PATH");
            }
            return new StoreSpec(Path.of(path), 0);
        }
    }
}
