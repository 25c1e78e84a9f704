package io.framereel.device.gpio.cdev;

import static io.framereel.device.gpio.cdev.GpioH.GPIO_GET_CHIPINFO_IOCTL;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_GET_LINEINFO_IOCTL;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_GET_LINE_IOCTL;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINES_MAX;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_ATTR_ID_DEBOUNCE;

import io.framereel.device.gpio.cdev.GpioStructs.GpioChipInfo;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineAttribute;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineInfo;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An open GPIO chip character device ({@code /dev/gpiochipN}) and its chip-level ioctls: chip info, line info
 * and line requests. Speaks the v2 uAPI only.
 *
 * <p>Line requests own their own fd, so they outlive {@link #close()} of the chip. Thread-safe: calls are
 * serialised on this object; closing twice is harmless.
 */
public final class GpioChipDevice implements AutoCloseable {

    private final Path path;
    private int fd; // guarded by this; -1 once closed

    private GpioChipDevice(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens {@code path} read-write with close-on-exec. */
    public static GpioChipDevice open(Path path) throws IOException {
        int fd = LibC.openErrno(path.toString(), Fcntl.O_RDWR | Fcntl.O_CLOEXEC);
        if (fd < 0) {
            throw new GpioErrnoException(path.toString(), "open", -fd);
        }
        return new GpioChipDevice(path, fd);
    }

    /** The device node this chip was opened from. */
    public Path path() {
        return path;
    }

    /** GPIO_GET_CHIPINFO_IOCTL: kernel name, label and line count. */
    public synchronized ChipInfo chipInfo() throws IOException {
        GpioChipInfo info = new GpioChipInfo();
        ioctl(GPIO_GET_CHIPINFO_IOCTL, "GPIO_GET_CHIPINFO_IOCTL", info);
        return new ChipInfo(GpioStructs.cString(info.name), GpioStructs.cString(info.label), info.lines);
    }

    /** GPIO_V2_GET_LINEINFO_IOCTL for the line at {@code offset}. */
    public synchronized LineInfo lineInfo(int offset) throws IOException {
        GpioV2LineInfo info = new GpioV2LineInfo();
        info.offset = offset;
        ioctl(GPIO_V2_GET_LINEINFO_IOCTL, "GPIO_V2_GET_LINEINFO_IOCTL line " + offset, info);
        int debounceUs = 0;
        for (int i = 0; i < info.num_attrs && i < info.attrs.length; i++) {
            GpioV2LineAttribute attr = info.attrs[i];
            if (attr.id == GPIO_V2_LINE_ATTR_ID_DEBOUNCE) {
                debounceUs = attr.debouncePeriodUs();
            }
        }
        return new LineInfo(info.offset, GpioStructs.cString(info.name), GpioStructs.cString(info.consumer),
                info.flags, debounceUs);
    }

    /**
     * GPIO_V2_GET_LINE_IOCTL: requests the lines at {@code offsets} with {@code config}.
     *
     * @param consumer        label other tools show for the lines (truncated to 31 bytes)
     * @param eventBufferSize suggested kernel event queue length; 0 for the default (16 per line)
     */
    public synchronized GpioLineRequest requestLines(int[] offsets, String consumer, LineConfig config,
            int eventBufferSize) throws IOException {
        if (offsets.length < 1 || offsets.length > GPIO_V2_LINES_MAX) {
            throw new IllegalArgumentException("a request holds 1 to " + GPIO_V2_LINES_MAX + " lines (was "
                    + offsets.length + ")");
        }
        if (eventBufferSize < 0) {
            throw new IllegalArgumentException("event buffer size cannot be less than 0 (was " + eventBufferSize + ")");
        }
        GpioV2LineRequest request = new GpioV2LineRequest();
        System.arraycopy(offsets, 0, request.offsets, 0, offsets.length);
        GpioStructs.putCString(request.consumer, consumer);
        config.writeTo(request.config);
        request.num_lines = offsets.length;
        request.event_buffer_size = eventBufferSize;
        String lines = describeLines(offsets);
        ioctl(GPIO_V2_GET_LINE_IOCTL, "GPIO_V2_GET_LINE_IOCTL " + lines + " " + config, request);
        if (request.fd <= 0) {
            throw new IOException(path + " - GPIO_V2_GET_LINE_IOCTL " + lines + " returned no request fd (was "
                    + request.fd + ")");
        }
        return GpioLineRequest.adopt(path + " " + lines, request.fd, offsets.clone());
    }

    /** Closes the chip fd; open line requests stay valid. Safe to call more than once. */
    @Override
    public synchronized void close() throws IOException {
        if (fd < 0) {
            return;
        }
        int closing = fd;
        fd = -1;
        int errno = LibC.closeErrno(closing);
        if (errno != 0) {
            throw new GpioErrnoException(path.toString(), "close", errno);
        }
    }

    @Override
    public String toString() {
        return "GpioChipDevice[" + path + (fd < 0 ? ", closed]" : "]");
    }

    private void ioctl(int request, String name, com.sun.jna.Structure arg) throws IOException {
        if (fd < 0) {
            throw new IOException(path + " - " + name + " on a closed chip");
        }
        arg.write();
        int errno = LibC.ioctlErrno(fd, request, arg.getPointer());
        if (errno != 0) {
            throw new GpioErrnoException(path.toString(), name, errno);
        }
        arg.read();
    }

    private static String describeLines(int[] offsets) {
        return offsets.length == 1 ? "line " + offsets[0] : "lines " + Arrays.toString(offsets);
    }
}
