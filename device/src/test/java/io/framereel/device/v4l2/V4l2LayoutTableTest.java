package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.libc.Errno;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The pure-Java layout model against gcc's numbers for x86_64, aarch64, armhf time32 and armhf time64. */
class V4l2LayoutTableTest {
    private final List<LayoutTable.Row> rows = LayoutTable.rows();

    @Test
    void structSizesAndOffsetsMatchGccOnEveryAbi() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (LayoutTable.Row row : rows) {
            if (!row.kind.equals("sizeof") && !row.kind.equals("offsetof")) {
                continue;
            }
            for (Abi abi : LayoutTable.ABIS) {
                long model = row.kind.equals("sizeof")
                        ? V4l2Layouts.byName(row.item).size(abi)
                        : V4l2Layouts.byName(struct(row.item)).offsetOf(abi, member(row.item));
                checked++;
                if (model != row.value(abi)) {
                    mismatches.add(row + " on " + abi + ": model " + model + ", gcc " + row.value(abi));
                }
            }
        }
        assertTrue(checked > 300, "too few layout rows checked: " + checked);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void ioctlNumbersMatchGccOnEveryAbi() {
        List<String> mismatches = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LayoutTable.Row row : rows) {
            if (!row.kind.equals("ioctl")) {
                continue;
            }
            VideoIoctl ioctl = VideoIoctl.valueOf(row.item);
            seen.add(ioctl.name());
            for (Abi abi : LayoutTable.ABIS) {
                long model = ioctl.request(abi) & 0xffffffffL;
                if (model != row.value(abi)) {
                    mismatches.add(String.format("%s on %s: model 0x%08x, gcc 0x%08x", row.item, abi, model,
                            row.value(abi)));
                }
            }
        }
        assertEquals(List.of(), mismatches);
        for (VideoIoctl ioctl : VideoIoctl.values()) {
            assertTrue(seen.contains(ioctl.name()), ioctl + " has no row in " + LayoutTable.RESOURCE);
        }
    }

    @Test
    void libcConstantsMatchTheHeadersOnEveryAbi() {
        Map<String, Integer> java = new TreeMap<>();
        java.put("O_RDWR", Fcntl.O_RDWR);
        java.put("O_NONBLOCK", Fcntl.O_NONBLOCK);
        java.put("O_CLOEXEC", Fcntl.O_CLOEXEC);
        java.put("PROT_READ", Mman.PROT_READ);
        java.put("PROT_WRITE", Mman.PROT_WRITE);
        java.put("MAP_SHARED", Mman.MAP_SHARED);
        java.put("POLLIN", (int) Poll.POLLIN);
        java.put("POLLPRI", (int) Poll.POLLPRI);
        java.put("POLLERR", (int) Poll.POLLERR);
        java.put("POLLHUP", (int) Poll.POLLHUP);
        java.put("POLLNVAL", (int) Poll.POLLNVAL);
        java.put("EINTR", Errno.EINTR);
        java.put("EIO", Errno.EIO);
        java.put("ENXIO", Errno.ENXIO);
        java.put("EBADF", Errno.EBADF);
        java.put("EAGAIN", Errno.EAGAIN);
        java.put("ENOMEM", Errno.ENOMEM);
        java.put("EACCES", Errno.EACCES);
        java.put("EFAULT", Errno.EFAULT);
        java.put("EBUSY", Errno.EBUSY);
        java.put("ENODEV", Errno.ENODEV);
        java.put("EINVAL", Errno.EINVAL);
        java.put("ENOTTY", Errno.ENOTTY);
        java.put("ENOSPC", Errno.ENOSPC);
        java.put("EPIPE", Errno.EPIPE);
        java.put("ERANGE", Errno.ERANGE);
        java.put("ENODATA", Errno.ENODATA);
        java.put("ENOTSUP", Errno.EOPNOTSUPP);
        Set<String> seen = new HashSet<>();
        for (LayoutTable.Row row : rows) {
            if (!row.kind.equals("const")) {
                continue;
            }
            Integer value = java.get(row.item);
            assertTrue(value != null, "no Java constant for " + row.item);
            seen.add(row.item);
            for (Abi abi : LayoutTable.ABIS) {
                assertEquals(row.value(abi), (long) value, row.item + " on " + abi);
            }
        }
        assertTrue(seen.containsAll(java.keySet()), "constants without a gcc row: " + java.keySet());
    }

    @Test
    void everyModelStructHasAGccSize() {
        Set<String> sized = new HashSet<>();
        for (LayoutTable.Row row : rows) {
            if (row.kind.equals("sizeof")) {
                sized.add(row.item);
            }
        }
        List<String> missing = new ArrayList<>();
        for (CStruct s : V4l2Layouts.ALL) {
            // the small building blocks are checked through the offsets of the structs that embed them
            if (!sized.contains(s.name()) && !isBuildingBlock(s)) {
                missing.add(s.name());
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void pollfdConstantsMatchTheModel() {
        for (Abi abi : Abi.values()) {
            assertEquals(Poll.POLLFD_SIZE, V4l2Layouts.POLLFD.size(abi));
            assertEquals(Poll.POLLFD_EVENTS_OFFSET, V4l2Layouts.POLLFD.offsetOf(abi, "events"));
            assertEquals(Poll.POLLFD_REVENTS_OFFSET, V4l2Layouts.POLLFD.offsetOf(abi, "revents"));
        }
    }

    private static boolean isBuildingBlock(CStruct s) {
        return Set.of("v4l2_rect", "v4l2_fract", "v4l2_frmsize_discrete", "v4l2_frmsize_stepwise",
                "v4l2_frmival_stepwise").contains(s.name());
    }

    private static String struct(String item) {
        return item.substring(0, item.indexOf('.'));
    }

    private static String member(String item) {
        return item.substring(item.indexOf('.') + 1);
    }
}
