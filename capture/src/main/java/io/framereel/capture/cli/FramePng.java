package io.framereel.capture.cli;

import io.framereel.storage.Image;
import io.framereel.storage.pixel.ArgbConverter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.RenderedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders frames of any pixel format to RGB {@link BufferedImage}s through {@link ArgbConverter} and writes
 * PNG files. Keeps one canvas and converts straight into its pixel array, so frames of one size allocate
 * nothing here. Not thread-safe: the returned image is reused by the next {@link #render}.
 */
final class FramePng {
    private BufferedImage canvas;

    /** Converts {@code frame} into this renderer's canvas and returns the canvas. */
    BufferedImage render(Image frame) {
        if (canvas == null || canvas.getWidth() != frame.width() || canvas.getHeight() != frame.height()) {
            canvas = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        }
        // TYPE_INT_RGB ignores the top byte, so the converter's 0xAARRGGBB values go in unchanged.
        ArgbConverter.convert(frame, ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData());
        return canvas;
    }

    /** Writes {@code frame} as a PNG file. */
    void write(Image frame, Path file) throws IOException {
        writePng(render(frame), file);
    }

    /** Writes an image as a PNG file, replacing {@code file}. */
    static void writePng(RenderedImage image, Path file) throws IOException {
        // Our own stream, because javax.imageio reports a file it cannot create only as "Can't create output stream".
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            if (!javax.imageio.ImageIO.write(image, "png", out)) {
                throw new CliException(file + ": this Java runtime has no PNG encoder");
            }
        } catch (IOException e) {
            throw CliException.io(file, "cannot write PNG", e);
        }
    }
}
