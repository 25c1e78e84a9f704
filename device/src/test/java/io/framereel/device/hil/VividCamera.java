package io.framereel.device.hil;

import io.framereel.device.v4l2.ControlInfo;
import io.framereel.device.v4l2.MenuItem;
import io.framereel.device.v4l2.V4l2Device;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The rig's vivid camera from the outside, driven with v4l-utils' {@code v4l2-ctl} (not with the project's
 * binding, so the tools check each other): format, rate, test pattern, and vivid's fault injection. vivid
 * serves 83 raw formats (no MJPEG) and runs at most 25 fps at 640x480, 12.5 at 1280x720.
 */
public final class VividCamera {
    private final Path node;

    VividCamera(Path node) {
        this.node = node;
    }

    /** The capture node, e.g. /dev/video0 (found by its sysfs name vivid-*-vid-cap). */
    public Path node() {
        return node;
    }

    /** Sets the capture format; {@code fourcc} as v4l2-ctl spells it (YUYV, RGBP, GREY, BA81, RGB3...). */
    public void setFormat(String fourcc, int width, int height) {
        ctl("--set-fmt-video=width=" + width + ",height=" + height + ",pixelformat=" + fourcc);
    }

    /** Sets the frame rate (vivid's default is 5 fps); vivid picks the nearest interval it supports. */
    public void setFrameRate(int fps) {
        ctl("--set-parm=" + fps);
    }

    /** Sets a control by its v4l2-ctl name, e.g. {@code test_pattern=3}. */
    public void set(String control, int value) {
        ctl("-c", control + "=" + value);
    }

    /**
     * Sets a menu control to the item of that name, e.g. {@code test_pattern} to "100% Colorbar": the item's index
     * comes from the binding's menu query, the setting goes through v4l2-ctl like the others.
     */
    public void setMenu(String control, String item) throws IOException {
        try (V4l2Device device = V4l2Device.open(node())) {
            ControlInfo info = device.control(control);
            for (MenuItem m : info.menu()) {
                if (m.name().equals(item)) {
                    set(control, m.index());
                    return;
                }
            }
            throw new AssertionError("vivid's " + control + " has no '" + item + "': " + info.menu());
        }
    }

    /** Makes vivid drop this share of the buffers it would deliver (0 turns it off). */
    public void dropPercent(int percent) {
        set("percentage_of_dropped_buffers", percent);
    }

    /**
     * Unplugs the camera: open handles get ENODEV from then on. vivid plugs it back in when the last handle
     * is closed.
     */
    public void disconnect() {
        set("disconnect", 1);
    }

    /** Clears every fault this class can inject. */
    public void resetFaults() {
        dropPercent(0);
    }

    /** The output of {@code v4l2-ctl --all}, for diagnostics. */
    public String describe() {
        return ctl("--all").stdout();
    }

    /** Captures {@code count} frames with v4l2-ctl's own mmap streaming into {@code file}: a reference capture. */
    public void captureWithV4l2Ctl(int count, Path file) {
        ctl("--stream-mmap", "--stream-count=" + count, "--stream-to=" + file);
    }

    private GuestCommand.Result ctl(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "v4l2-ctl";
        command[1] = "-d";
        command[2] = node.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        return GuestCommand.run(command).orFail();
    }

    @Override
    public String toString() {
        return "vivid " + node;
    }
}
