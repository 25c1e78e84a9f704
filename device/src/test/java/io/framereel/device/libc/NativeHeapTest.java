package io.framereel.device.libc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** malloc_trim on the test machine's glibc: freed C heap comes back out of the process's RSS. */
class NativeHeapTest {
    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS in /proc/self/status");
    }

    @Test
    void freedHeapThatGlibcKeptIsReturnedToTheKernel() throws Exception {
        // 48 MiB in 64 KiB blocks (below the mmap threshold: on the heap), touched, then freed but for the last,
        // which pins the heap's top so free() alone cannot shrink it
        List<Memory> blocks = new ArrayList<>();
        for (int i = 0; i < 768; i++) {
            Memory m = new Memory(64 * 1024);
            m.clear();
            blocks.add(m);
        }
        Memory pin = blocks.remove(blocks.size() - 1);
        for (Memory m : blocks) {
            m.close();
        }
        long before = rssKb();
        assertTrue(NativeHeap.trim(), "malloc_trim released memory");
        long after = rssKb();
        assertTrue(before - after > 24 * 1024, "RSS " + before + " kB before the trim, " + after + " kB after");
        pin.close();
    }
}
