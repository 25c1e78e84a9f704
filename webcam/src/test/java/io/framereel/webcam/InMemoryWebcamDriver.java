package io.framereel.webcam;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.WebcamException;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A webcam-capture driver with cameras in memory, for tests on headless machines (webcam-capture's own dummy
 * driver needs a screen). Its devices show a fixed picture of {@code 0xRRGGBB} pixels; the one with
 * {@link WebcamDevice.BufferAccess} writes it as RGB24 the way the built-in driver does, from the target's position
 * without moving it (or moving it, to stand for other drivers).
 */
final class InMemoryWebcamDriver implements WebcamDriver {
    private final List<WebcamDevice> devices;

    InMemoryWebcamDriver(WebcamDevice... devices) {
        this.devices = List.of(devices);
    }

    @Override
    public List<WebcamDevice> getDevices() {
        return devices;
    }

    /** True, so webcam-capture calls the devices on the test's own thread. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    /** A camera that only hands out images. */
    static class ImageDevice implements WebcamDevice {
        private final String name;
        final int[] picture;
        final Dimension[] sizes;
        Dimension size;
        boolean open;
        int reads;
        RuntimeException failOpen;
        RuntimeException failRead;

        ImageDevice(String name, int width, int height, int[] picture) {
            this.name = name;
            this.picture = picture;
            this.size = new Dimension(width, height);
            this.sizes = new Dimension[] {new Dimension(width / 2, height / 2), new Dimension(width, height)};
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Dimension[] getResolutions() {
            return sizes.clone();
        }

        @Override
        public Dimension getResolution() {
            return size;
        }

        @Override
        public void setResolution(Dimension size) {
            this.size = size;
        }

        /** The picture's top-left corner at the current size. */
        int pixel(int x, int y) {
            return picture[y * sizes[1].width + x];
        }

        @Override
        public BufferedImage getImage() {
            read();
            BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size.height; y++) {
                for (int x = 0; x < size.width; x++) {
                    image.setRGB(x, y, pixel(x, y));
                }
            }
            return image;
        }

        void read() {
            if (failRead != null) {
                throw failRead;
            }
            reads++;
        }

        @Override
        public void open() {
            if (failOpen != null) {
                throw failOpen;
            }
            open = true;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public void dispose() {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    /** A camera with the buffer access webcam-capture's fast path uses. */
    static final class BufferDevice extends ImageDevice implements WebcamDevice.BufferAccess {
        boolean movesPosition;

        BufferDevice(String name, int width, int height, int[] picture) {
            super(name, width, height, picture);
        }

        @Override
        public ByteBuffer getImageBytes() {
            ByteBuffer rgb = ByteBuffer.allocate(size.width * size.height * 3);
            getImageBytes(rgb);
            return rgb;
        }

        @Override
        public void getImageBytes(ByteBuffer target) {
            read();
            ByteBuffer out = movesPosition ? target : target.duplicate();
            for (int y = 0; y < size.height; y++) {
                for (int x = 0; x < size.width; x++) {
                    int p = pixel(x, y);
                    out.put((byte) (p >>> 16)).put((byte) (p >>> 8)).put((byte) p);
                }
            }
        }
    }

    static WebcamException failure(String message) {
        return new WebcamException(message);
    }
}
