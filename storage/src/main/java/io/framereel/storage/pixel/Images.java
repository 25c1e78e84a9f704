package io.framereel.storage.pixel;

import io.framereel.storage.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns frames into {@link BufferedImage}s and PNG files; allocates, so it is meant for export, not for the
 * per-frame path.
 *
 * <p>Thread-safe: stateless.
 */
public final class Images {
    private Images() {
    }

    /** Returns a new {@code TYPE_INT_RGB} image holding the frame's pixels. */
    public static BufferedImage toBufferedImage(Image frame) {
        BufferedImage out = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        // TYPE_INT_RGB's raster is one int per pixel, row-major with stride == width, and ignores the top
        // byte: exactly ArgbConverter's output, so we convert straight into it.
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        ArgbConverter.convert(frame, pixels);
        return out;
    }

    /**
     * Writes the frame as a PNG file, replacing any existing file.
     *
     * @throws IOException if the file cannot be written; the message names the path
     */
    public static void writePng(Image frame, Path path) throws IOException {
        writePng(toBufferedImage(frame), path);
    }

    /** Writes an image as a PNG file, replacing any existing file. */
    static void writePng(BufferedImage image, Path path) throws IOException {
        boolean written;
        try {
            // The File overload writes through a FileImageOutputStream, so no cache file is made in tmpdir.
            written = javax.imageio.ImageIO.write(image, "png", path.toFile());
        } catch (IOException e) {
            throw new IOException("Cannot write PNG " + path + ": " + e.getMessage(), e);
        }
        if (!written) {
            throw new IOException("Cannot write PNG " + path + ": this JRE has no PNG writer");
        }
    }
}
