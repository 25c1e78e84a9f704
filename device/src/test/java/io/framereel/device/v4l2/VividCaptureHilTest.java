package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Capture from the kernel's vivid test driver through the real JNA binding: discovery by name, QUERYCAP,
 * YUYV 640x480, 30 frames of mmap streaming with sequence/timestamp/bytesused checks, controls, and zero
 * allocation per frame. Runs only in the QEMU hil rig (tag "hil"), where vivid is loaded; fails if it is not.
 * Run: {@code ./mvnw -pl device -am test -Dtest.excludedGroups=fuzz-long -Dgroups=hil}.
 */
@HilTest
class VividCaptureHilTest {
    private static final int FRAMES = 30;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    /** The vivid video capture node, found by sysfs name and confirmed by QUERYCAP. */
    static DeviceNode vividCaptureNode() throws IOException {
        List<DeviceNode> nodes = V4l2Devices.system().list();
        for (DeviceNode node : nodes) {
            if (!node.name().toLowerCase().contains("vivid")) {
                continue;
            }
            try (V4l2Device device = V4l2Device.open(node.path())) {
                Capability cap = device.capability();
                if (cap.driver().equals("vivid") && cap.canCaptureVideo() && cap.canStream()) {
                    assertEquals(Rig.require().camera().node(), node.path(), "the rig set up another node");
                    return node;
                }
            }
        }
        fail("no vivid capture node among " + nodes + "; load it with: modprobe vivid");
        return null;
    }

    @Test
    void findsVividByNameAndReadsItsCapabilities() throws IOException {
        DeviceNode node = vividCaptureNode();
        try (V4l2Device device = V4l2Device.open(node.path())) {
            Capability cap = device.capability();
            assertEquals("vivid", cap.driver());
            assertTrue(cap.card().toLowerCase().contains("vivid"), cap.card());
            assertTrue(cap.busInfo().startsWith("platform:vivid"), cap.busInfo());
            assertEquals(node.path(), V4l2Devices.system().findByBusInfo(cap.busInfo()).path());
            List<String> fourccs = new ArrayList<>();
            for (FormatDescription f : device.formats()) {
                fourccs.add(f.fourccName());
            }
            assertTrue(fourccs.contains("YUYV"), fourccs.toString());
            assertTrue(device.frameSizes(FourCc.YUYV).stream().anyMatch(s -> s.allows(WIDTH, HEIGHT)),
                    device.frameSizes(FourCc.YUYV).toString());
        }
    }

    @Test
    void streamsThirtyYuyvFramesWithIncreasingSequenceAndMonotonicTimestamps() throws IOException {
        try (V4l2Device device = V4l2Device.open(vividCaptureNode().path())) {
            VideoFormat format = device.setFormat(VideoFormat.of(FourCc.YUYV, WIDTH, HEIGHT));
            assertEquals(WIDTH * 2, format.bytesPerLine());
            assertEquals(WIDTH * HEIGHT * 2, format.sizeImage());
            Fraction interval = device.setFrameInterval(Fraction.perSecond(30));
            long[] sequences = new long[FRAMES];
            long[] timestamps = new long[FRAMES];
            try (CaptureSession session = device.startCapture(4)) {
                for (int i = 0; i < FRAMES; i++) {
                    Frame frame = session.next(2000);
                    assertNotNull(frame, "no frame " + i + " within 2 s");
                    assertEquals(format.sizeImage(), frame.bytesUsed());
                    assertEquals(frame.bytesUsed(), frame.data().remaining());
                    assertTrue(frame.hasMonotonicTimestamp(), "flags " + Integer.toHexString(frame.flags()));
                    assertTrue(!frame.isError(), "error flag on frame " + frame.sequence());
                    sequences[i] = frame.sequence();
                    timestamps[i] = frame.timestampNanos();
                    frame.release();
                }
                long now = System.nanoTime();
                for (int i = 1; i < FRAMES; i++) {
                    assertTrue(sequences[i] > sequences[i - 1], "sequence went " + sequences[i - 1] + " -> " + sequences[i]);
                    assertTrue(timestamps[i] > timestamps[i - 1], "timestamp went back at frame " + i);
                }
                assertEquals(sequences[FRAMES - 1] - sequences[0] + 1 - FRAMES, session.droppedFrames());
                double meanIntervalNanos = (double) (timestamps[FRAMES - 1] - timestamps[0])
                        / (sequences[FRAMES - 1] - sequences[0]);
                double expected = 1e9 / interval.framesPerSecond();
                // CLOCK_MONOTONIC is System.nanoTime()'s clock on Linux: the last frame is from the last seconds.
                // vivid stamps the end of a frame as its start plus one period, so a stamp may run up to one
                // period ahead of the moment the buffer is dequeued.
                long last = timestamps[FRAMES - 1];
                assertTrue(now - last < 5_000_000_000L && last <= now + (long) (2 * expected),
                        "last timestamp " + last + " vs nanoTime " + now);
                assertTrue(Math.abs(meanIntervalNanos - expected) < expected * 0.5,
                        "mean interval " + meanIntervalNanos + " ns, expected about " + expected);
            }
        }
    }

    @Test
    void setsBrightnessByName() throws IOException {
        try (V4l2Device device = V4l2Device.open(vividCaptureNode().path())) {
            ControlInfo brightness = device.control("brightness");
            int original = device.get(brightness);
            int wanted = (int) (brightness.minimum() + brightness.maximum()) / 2 + 1;
            assertEquals(wanted, device.set("Brightness", Integer.toString(wanted)));
            assertEquals(wanted, device.get("brightness"));
            device.set(brightness, original);
        }
    }

    @Test
    void dequeueLoopAllocatesNothingAfterWarmUp() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (V4l2Device device = V4l2Device.open(vividCaptureNode().path())) {
            device.setFormat(VideoFormat.of(FourCc.YUYV, WIDTH, HEIGHT));
            try (CaptureSession session = device.startCapture(4)) {
                for (int i = 0; i < 60; i++) {
                    Frame frame = session.next(2000);
                    assertNotNull(frame, "no warm-up frame " + i + " within 2 s");
                    frame.release();
                }
                long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 60; i++) {
                    Frame frame = session.next(2000);
                    if (frame == null) {
                        fail("timeout");
                    }
                    frame.release();
                }
                long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                assertTrue(allocated < 1024, allocated + " bytes allocated over 60 frames");
            }
        }
    }
}
