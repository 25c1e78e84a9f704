package io.framereel.capture.cli;

import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the storage types options take; each turns a parse failure into a usage error.
 * Stateless and thread-safe.
 */
final class Converters {
    private Converters() {
    }

    /** A pixel format by OpenMV name or alias (RGB565, GRAYSCALE, BAYER_RGGB, YUV422, JPEG, …). */
    static final class Format implements ITypeConverter<PixelFormat> {
        @Override
        public PixelFormat convert(String value) {
            try {
                return PixelFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code never}, {@code always}, {@code frames:N} or {@code ms:T}. */
    static final class Sync implements ITypeConverter<SyncPolicy> {
        @Override
        public SyncPolicy convert(String value) {
            try {
                return SyncPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
