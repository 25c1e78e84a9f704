package io.framereel.device.v4l2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds V4L2 device nodes through sysfs ({@code /sys/class/video4linux/videoN/name}), so callers name a
 * camera ("vivid", "C920") or its bus ({@code usb-0000:01:00.0-1.3}) instead of trusting that
 * {@code /dev/video0} is the right one: numbering follows probe order, and UVC cameras, the Pi's codec and
 * ISP nodes all add /dev/video entries. The sysfs and /dev roots are injectable for tests. Immutable and
 * thread-safe.
 */
public final class V4l2Devices {
    /** Where the kernel lists video4linux nodes. */
    public static final Path SYSFS_CLASS = Path.of("/sys/class/video4linux");
    /** Where udev creates the device files. */
    public static final Path DEV = Path.of("/dev");

    private final Path sysfsClass;
    private final Path devDir;
    private final LibC libc;
    private final Abi abi;

    private V4l2Devices(Path sysfsClass, Path devDir, LibC libc, Abi abi) {
        this.sysfsClass = sysfsClass;
        this.devDir = devDir;
        this.libc = libc;
        this.abi = abi;
    }

    /** The devices of this machine. */
    public static V4l2Devices system() {
        return at(SYSFS_CLASS, DEV);
    }

    /** Devices listed under another sysfs class directory, with device files under {@code devDir}. */
    public static V4l2Devices at(Path sysfsClass, Path devDir) {
        return new V4l2Devices(sysfsClass, devDir, null, null);
    }

    /** As {@link #at}, opening devices (for bus lookups) through a fake libc. */
    static V4l2Devices at(Path sysfsClass, Path devDir, LibC libc, Abi abi) {
        return new V4l2Devices(sysfsClass, devDir, libc, abi);
    }

    /** Every videoN node, by number; empty when there is no video4linux class (no driver loaded). */
    public List<DeviceNode> list() throws IOException {
        List<DeviceNode> nodes = new ArrayList<>();
        if (!Files.isDirectory(sysfsClass)) {
            return nodes;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(sysfsClass, "video*")) {
            for (Path dir : dirs) {
                String kernelName = dir.getFileName().toString();
                if (number(kernelName) < 0) {
                    continue;
                }
                nodes.add(new DeviceNode(devDir.resolve(kernelName), readAttribute(dir, "name", kernelName),
                        parseIndex(readAttribute(dir, "index", "0")), hardware(dir)));
            }
        }
        nodes.sort(Comparator.comparingInt(n -> number(n.kernelName())));
        return nodes;
    }

    /**
     * The node a user means: a device path ("/dev/video2"), a kernel name ("video2"), or a name as sysfs shows
     * it, matched exactly and then as a case-insensitive substring ("vivid", "c920"). Among nodes of one device
     * the main node (index 0) wins over metadata nodes.
     *
     * @throws V4l2Exception naming the candidates when nothing or more than one device matches
     */
    public DeviceNode find(String selector) throws IOException {
        List<DeviceNode> nodes = list();
        for (DeviceNode n : nodes) {
            if (n.path().toString().equals(selector) || n.kernelName().equals(selector)) {
                return n;
            }
        }
        List<DeviceNode> matches = new ArrayList<>();
        for (DeviceNode n : nodes) {
            if (n.name().equalsIgnoreCase(selector)) {
                matches.add(n);
            }
        }
        if (matches.isEmpty()) {
            String needle = selector.toLowerCase(Locale.ROOT);
            for (DeviceNode n : nodes) {
                if (n.name().toLowerCase(Locale.ROOT).contains(needle)) {
                    matches.add(n);
                }
            }
        }
        List<DeviceNode> main = new ArrayList<>();
        for (DeviceNode n : matches) {
            if (n.index() == 0) {
                main.add(n);
            }
        }
        if (main.size() == 1) {
            return main.get(0);
        }
        if (main.isEmpty() && matches.size() == 1) {
            return matches.get(0);
        }
        throw new V4l2Exception(selector, "find", V4l2Exception.NO_ERRNO, (matches.isEmpty()
                ? "no V4L2 device matches; devices: " : "matches more than one device: ")
                + describe(matches.isEmpty() ? nodes : matches));
    }

    /**
     * The main node whose VIDIOC_QUERYCAP bus_info equals {@code busInfo} (e.g. {@code usb-0000:01:00.0-1.3},
     * {@code platform:vivid-000}). Opens each candidate; nodes that cannot be opened are skipped.
     *
     * @throws V4l2Exception listing the bus infos seen when none matches
     */
    public DeviceNode findByBusInfo(String busInfo) throws IOException {
        List<String> seen = new ArrayList<>();
        for (DeviceNode n : list()) {
            Capability cap;
            try (V4l2Device device = open(n)) {
                cap = device.capability();
            } catch (V4l2Exception e) {
                seen.add(n.kernelName() + "=(" + e.errnoName() + ")");
                continue;
            }
            if (cap.busInfo().equals(busInfo) && !cap.isMetadataOnly()) {
                return n;
            }
            seen.add(n.kernelName() + "=" + cap.busInfo());
        }
        throw new V4l2Exception(busInfo, "find", V4l2Exception.NO_ERRNO, "no V4L2 capture node on this bus; seen: "
                + seen);
    }

    private static String describe(List<DeviceNode> nodes) {
        if (nodes.isEmpty()) {
            return "none (is the driver loaded?)";
        }
        StringBuilder sb = new StringBuilder();
        for (DeviceNode n : nodes) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(n.path()).append(" \"").append(n.name()).append('"');
            if (n.index() != 0) {
                sb.append(" (index ").append(n.index()).append(')');
            }
        }
        return sb.toString();
    }

    private static String readAttribute(Path dir, String attribute, String fallback) throws IOException {
        try {
            return new String(Files.readAllBytes(dir.resolve(attribute)), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return fallback;
        }
    }

    private static String hardware(Path dir) throws IOException {
        Path link = dir.resolve("device");
        if (!Files.exists(link)) {
            return "";
        }
        return link.toRealPath().toString();
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** N of "videoN", or -1. */
    private static int number(String kernelName) {
        if (!kernelName.startsWith("video") || kernelName.length() == 5) {
            return -1;
        }
        try {
            return Integer.parseInt(kernelName.substring(5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Opens a node listed here, through the same kernel interface the lookups use. */
    public V4l2Device open(DeviceNode node) throws V4l2Exception {
        return libc == null ? V4l2Device.open(node.path()) : V4l2Device.open(libc, abi, node.path().toString());
    }
}
