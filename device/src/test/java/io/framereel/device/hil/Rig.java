package io.framereel.device.hil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * The hardware-in-the-loop rig as a hil test sees it from inside the QEMU guest: the vivid camera, the USB webcam,
 * the gpio-sim buttons, the vfb display and the bochs DRM card that {@code hil/guest/setup-devices.sh} brought up, described in
 * {@code /run/hil.env}. Tests use the rig's own handles to play the outside world (press a button, unplug the
 * camera, look at the screen) and the project's code to do the work, so a bug in one cannot hide a bug in the
 * other.
 *
 * <p>Outside the rig, {@link #require()} skips the test, unless {@code -Dframereel.hil.require=true} (set by
 * the rig) turns that into a failure: a hil test that cannot run fails in CI, it never passes silently.
 */
public final class Rig {
    static final Path ENV_FILE = Path.of(System.getProperty("framereel.hil.env", "/run/hil.env"));

    private static Rig current;

    private final Map<String, String> env;
    private final SimulatedGpio gpio;
    private final VividCamera camera;
    private final VirtualFramebuffer display;
    private final UsbCamera usbCamera;

    private Rig(Map<String, String> env) {
        this.env = env;
        this.camera = new VividCamera(Path.of(get("HIL_VIDEO")));
        // Debian's arm64 kernel has no gpio-sim and no vfb: an arm64 rig has the camera and the DRM card only.
        this.gpio = env.containsKey("HIL_GPIOCHIP")
                ? new SimulatedGpio(Path.of(get("HIL_GPIOCHIP")), get("HIL_GPIO_LABEL"), Path.of(get("HIL_GPIOSIM")))
                : null;
        this.display = env.containsKey("HIL_FB") ? new VirtualFramebuffer(Path.of(get("HIL_FB"))) : null;
        this.usbCamera = env.containsKey("HIL_UVC_CONTROL")
                ? new UsbCamera(Path.of(get("HIL_UVC_CONTROL")), Path.of(get("HIL_UVC_FRAMES")))
                : null;
    }

    /** The rig this JVM runs in; skips (or, in the rig's own run, fails) the calling test when there is none. */
    public static synchronized Rig require() {
        if (current == null) {
            if (!Files.isRegularFile(ENV_FILE)) {
                String why = "not in the hil rig: " + ENV_FILE + " is missing (run ./mvnw -Phil verify)";
                if (Boolean.getBoolean("framereel.hil.require")) {
                    throw new AssertionError(why);
                }
                Assumptions.abort(why);
            }
            current = new Rig(readEnv(ENV_FILE));
        }
        return current;
    }

    private static Map<String, String> readEnv(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rig description " + file, e);
        }
        return env;
    }

    private String get(String key) {
        String value = env.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(ENV_FILE + " has no " + key + ": " + env);
        }
        return value;
    }

    /** The gpio-sim chip: buttons to press, outputs to read back. */
    public SimulatedGpio gpio() {
        if (gpio == null) {
            throw new AssertionError("this rig (" + architecture() + ") has no gpio-sim chip");
        }
        return gpio;
    }

    /** Whether this rig has the gpio-sim chip (the x86_64 guest has; the arm64 one has not). */
    public boolean hasGpio() {
        return gpio != null;
    }

    /** Whether this rig has the vfb display (the x86_64 guest has; the arm64 one has not). */
    public boolean hasDisplay() {
        return display != null;
    }

    /** Whether this rig has a DRM/KMS card (QEMU's bochs-display driven by the kernel's bochs driver). */
    public boolean hasDrm() {
        return env.containsKey("HIL_DRM");
    }

    /** The DRM card's node, e.g. /dev/dri/card0, as the rig found it through sysfs (not through our code). */
    public Path drmCard() {
        return Path.of(get("HIL_DRM"));
    }

    /** The DRM card's driver name as DRM_IOCTL_VERSION reports it ("bochs-drm"). */
    public String drmDriver() {
        return get("HIL_DRM_DRIVER");
    }

    /** The guest's machine architecture, as uname -m prints it. */
    public String architecture() {
        return env.getOrDefault("HIL_ARCH", "unknown");
    }

    /** The vivid capture device: format, rate and fault injection from the outside. */
    public VividCamera camera() {
        return camera;
    }

    /** Whether this rig has the USB webcam (vhci-hcd, uvcvideo and the guest's python3 are needed). */
    public boolean hasUsbCamera() {
        return usbCamera != null;
    }

    /** The USB webcam driven by uvcvideo: its served frames, and the cable to pull. */
    public UsbCamera usbCamera() {
        if (usbCamera == null) {
            throw new AssertionError("this rig (" + architecture() + ") has no USB camera");
        }
        return usbCamera;
    }

    /** The USB webcam with its cable in (put back if a test left it out); every rig has one. */
    public UsbCamera pluggedUsbCamera() {
        UsbCamera camera = usbCamera();
        if (!camera.isPlugged()) {
            camera.plug();
        }
        return camera;
    }

    /** The vfb framebuffer: mode switches and pixel read-back. */
    public VirtualFramebuffer display() {
        if (display == null) {
            throw new AssertionError("this rig (" + architecture() + ") has no vfb framebuffer");
        }
        return display;
    }

    /**
     * A directory on a small filesystem (a 6 MiB tmpfs) of the test user's own, mounted by the guest's root setup
     * ({@code hil/guest/main.sh}): where disk-full tests fill a store. Shared by the tests: each uses a directory
     * of its own below it and removes it.
     */
    public Path smallStore() {
        return Path.of(get("HIL_SMALL_STORE"));
    }

    /** Runs a command in the guest as the test's own (unprivileged) user. */
    public GuestCommand.Result run(String... command) {
        return GuestCommand.run(command);
    }

    @Override
    public String toString() {
        return "hil rig " + env;
    }
}
