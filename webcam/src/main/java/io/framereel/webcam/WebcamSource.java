package io.framereel.webcam;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamException;

import io.framereel.capture.source.CapturedFrame;
import io.framereel.capture.source.FrameSource;
import io.framereel.capture.source.StreamShape;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.DisplayPacker;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Any webcam-capture camera as a framereel recorder source, for machines without V4L2 (a macOS or Windows laptop
 * with webcam-capture's built-in driver) or with a camera only another webcam-capture driver reaches. Frames are
 * stored as RGB565, OpenMV's colour sensor format, converted from the RGB24 webcam-capture delivers; timestamps are
 * {@link System#nanoTime()} when the frame reached us, as webcam-capture has no capture time, and sequence numbers
 * count the frames read, so no drop is ever visible.
 *
 * <p>Devices with {@link WebcamDevice.BufferAccess} are read with {@code getImageBytes(ByteBuffer)} into one
 * direct buffer allocated at start: nothing allocated per frame on our side. Other devices are read through
 * {@code getImage()}, whose image the driver allocates.
 *
 * <p>webcam-capture's reads take no timeout: {@link #next} waits as long as the driver does (a
 * {@link V4l2WebcamDevice} for its frame timeout, then it fails), so its {@code timeoutMs} is not applied.
 * One thread calls {@link #next}, as {@link FrameSource} requires.
 */
public final class WebcamSource implements FrameSource {
    private final Webcam webcam;
    private final Dimension size;
    private int width;
    private int height;
    private boolean bufferAccess;
    private ByteBuffer rgb;
    private int[] line;
    private boolean openedHere;
    private boolean started;
    private long sequence;

    /** The webcam at its current view size. */
    public WebcamSource(Webcam webcam) {
        this(webcam, null);
    }

    /**
     * The webcam at {@code size}, which must be one of its view sizes (or custom sizes); null keeps the current.
     */
    public WebcamSource(Webcam webcam, Dimension size) {
        if (webcam == null) {
            throw new IllegalArgumentException("webcam must not be null");
        }
        this.webcam = webcam;
        this.size = size == null ? null : new Dimension(size);
    }

    /**
     * Sets the view size, opens the webcam unless it is open already, and allocates the frame buffer.
     *
     * @throws IOException naming the webcam when it cannot be opened
     */
    @Override
    public StreamShape start() throws IOException {
        try {
            if (size != null) {
                webcam.setViewSize(size);
            }
            boolean wasOpen = webcam.isOpen();
            if (!webcam.open()) {
                throw new IOException(webcam.getName() + ": webcam-capture did not open it (interrupted, or the JVM"
                        + " is shutting down)");
            }
            openedHere = !wasOpen;
        } catch (WebcamException e) {
            throw new IOException(webcam.getName() + ": cannot open: " + e.getMessage(), e);
        }
        Dimension view = webcam.getViewSize();
        width = view.width;
        height = view.height;
        WebcamDevice device = webcam.getDevice();
        bufferAccess = device instanceof WebcamDevice.BufferAccess;
        if (bufferAccess) {
            rgb = ByteBuffer.allocateDirect(width * height * 3);
        } else {
            line = new int[width];
        }
        double fps = device instanceof WebcamDevice.FPSSource ? ((WebcamDevice.FPSSource) device).getFPS() : 0;
        started = true;
        return new StreamShape(width, height, PixelFormat.RGB565, width * height * 2, fps, "webcam-capture "
                + webcam.getName() + " (" + device.getClass().getSimpleName() + ") " + width + "x" + height
                + (bufferAccess ? " RGB24" : " BufferedImage") + " -> RGB565 (converted)");
    }

    /**
     * Reads the webcam's next frame and converts it into {@code dst[0, width * height * 2)} as little-endian
     * RGB565; with {@code dst == null} the frame is read and dropped. Always returns true: a webcam that delivers
     * nothing fails instead (see the class comment on timeouts).
     *
     * @throws IOException naming the webcam when it fails, is closed or delivers a frame of another size
     */
    @Override
    public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
        if (!started) {
            throw new IllegalStateException(webcam.getName() + ": webcam source not started");
        }
        int bytes = width * height * 2;
        if (dst != null && dst.capacity() < bytes) {
            throw new IllegalArgumentException("destination holds " + dst.capacity() + " bytes, a " + width + "x"
                    + height + " RGB565 frame needs " + bytes);
        }
        if (dst != null) {
            dst.clear();
        }
        try {
            if (bufferAccess) {
                readBytes(dst);
            } else {
                readImage(dst);
            }
        } catch (WebcamException | IllegalStateException e) {
            throw new IOException(webcam.getName() + ": " + e.getMessage(), e);
        }
        frame.set(dst == null ? 0 : bytes, sequence++, System.nanoTime());
        return true;
    }

    private void readBytes(ByteBuffer dst) throws IOException {
        // Drivers differ on whether they advance the position (ours and the built-in one do not): read from 0.
        rgb.clear();
        webcam.getImageBytes(rgb);
        requireOpen();
        if (dst == null) {
            return;
        }
        int pixels = width * height;
        for (int i = 0; i < pixels; i++) {
            int at = 3 * i;
            int argb = (rgb.get(at) & 0xFF) << 16 | (rgb.get(at + 1) & 0xFF) << 8 | rgb.get(at + 2) & 0xFF;
            putRgb565(dst, 2 * i, argb);
        }
    }

    private void readImage(ByteBuffer dst) throws IOException {
        BufferedImage image = webcam.getImage();
        requireOpen();
        if (image == null) {
            throw new IOException(webcam.getName() + ": the driver returned no image");
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IOException(webcam.getName() + ": delivered " + image.getWidth() + "x" + image.getHeight()
                    + ", its view size is " + width + "x" + height);
        }
        if (dst == null) {
            return;
        }
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, line, 0, width);
            for (int x = 0; x < width; x++) {
                putRgb565(dst, 2 * (y * width + x), line[x]);
            }
        }
    }

    /** webcam-capture's reads return quietly when the webcam was closed meanwhile: that ends the stream. */
    private void requireOpen() throws IOException {
        if (!webcam.isOpen()) {
            throw new IOException(webcam.getName() + ": the webcam was closed while recording");
        }
    }

    /** OpenMV stores RGB565 little-endian whatever the buffer's byte order setting. */
    private static void putRgb565(ByteBuffer dst, int at, int argb) {
        short value = DisplayPacker.toRgb565(argb);
        dst.put(at, (byte) value);
        dst.put(at + 1, (byte) (value >>> 8));
    }

    /** No drops are visible through webcam-capture: it numbers no frames. */
    @Override
    public long droppedFrames() {
        return 0;
    }

    /** Closes the webcam if {@link #start()} opened it; a webcam that was open before stays open. Idempotent. */
    @Override
    public void close() throws IOException {
        started = false;
        if (openedHere) {
            openedHere = false;
            try {
                webcam.close();
            } catch (WebcamException e) {
                throw new IOException(webcam.getName() + ": close failed: " + e.getMessage(), e);
            }
        }
    }
}
