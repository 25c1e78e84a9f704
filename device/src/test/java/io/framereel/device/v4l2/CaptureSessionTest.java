package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.libc.Errno;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * mmap streaming over a fake kernel: the start sequence, dequeue metadata on every ABI's v4l2_buffer layout,
 * drop counting, EAGAIN/EINTR/timeouts, teardown after every kind of failure, and zero allocation per frame.
 */
class CaptureSessionTest {
    private static final String PATH = "/dev/fake0";

    private static final class Rig implements AutoCloseable {
        final FakeCamera camera;
        final V4l2Device device;

        Rig(Abi abi) throws V4l2Exception {
            camera = new FakeCamera(abi, PATH);
            device = V4l2Device.open(camera, abi, PATH);
        }

        @Override
        public void close() throws V4l2Exception {
            device.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Abi.class)
    void deliversFramesWithSequenceTimestampAndPayloadOnEveryAbi(Abi abi) throws V4l2Exception {
        try (Rig rig = new Rig(abi); CaptureSession session = rig.device.startCapture(4)) {
            assertEquals(List.of("REQBUFS 4", "QUERYBUF 0", "mmap 0", "QUERYBUF 1", "mmap 1", "QUERYBUF 2", "mmap 2",
                    "QUERYBUF 3", "mmap 3", "STREAMON"), rig.camera.log);
            assertEquals(4, rig.camera.queuedCount());
            for (long sequence = 0; sequence < 10; sequence++) {
                assertTrue(rig.camera.produce(sequence, 0));
                Frame frame = session.next(100);
                assertNotNull(frame);
                assertEquals(sequence, frame.sequence());
                assertEquals(FakeCamera.timestampNanos(sequence), frame.timestampNanos());
                assertEquals(640 * 480 * 2, frame.bytesUsed());
                assertEquals(frame.bytesUsed(), frame.data().remaining());
                assertEquals(0x10 + frame.bufferIndex(), frame.data().get(0));
                assertTrue(frame.data().isReadOnly());
                assertTrue(frame.hasMonotonicTimestamp());
                assertFalse(frame.isError());
                frame.release();
            }
            assertEquals(10, session.framesDequeued());
            assertEquals(0, session.droppedFrames());
        }
    }

    @Test
    void countsDroppedFramesFromSequenceGaps() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            for (long sequence : new long[] {0, 1, 4, 5, 9}) {
                rig.camera.produce(sequence, 0);
                session.next(100).release();
            }
            assertEquals(5, session.framesDequeued());
            assertEquals(5, session.droppedFrames());
        }
    }

    @Test
    void sequenceWrapAroundIsNotADrop() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            rig.camera.produce(0xfffffffeL, 0);
            session.next(100).release();
            rig.camera.produce(0xffffffffL, 0);
            session.next(100).release();
            rig.camera.produce(0, 0);
            Frame frame = session.next(100);
            assertEquals(0, frame.sequence());
            assertEquals(0, session.droppedFrames());
        }
    }

    @Test
    void errorFlaggedFramesAreDeliveredAndCounted() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            rig.camera.produce(0, Videodev2.V4L2_BUF_FLAG_ERROR);
            Frame frame = session.next(100);
            assertTrue(frame.isError());
            assertEquals(1, session.errorFrames());
        }
    }

    @Test
    void returnsNullWhenNoFrameArrivesInTime() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            assertNull(session.next(20));
            assertEquals(0, session.framesDequeued());
        }
    }

    @Test
    void eintrOnDqbufAndPollIsRetried() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            rig.camera.produce(0, 0);
            rig.camera.eintrBeforeNextIoctl = 2;
            assertEquals(0, session.next(100).sequence());
            rig.camera.eintrBeforeNextPoll = 2;
            assertNull(session.next(10));
        }
    }

    @Test
    void aFrameWaitedForCostsOnePollAndOneDequeue() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            rig.camera.frameArrivesDuringNextPoll = 7;
            rig.camera.polls = 0;
            rig.camera.dequeues = 0;
            assertEquals(7, session.next(100).sequence());
            assertEquals(1, rig.camera.polls);
            assertEquals(1, rig.camera.dequeues);
        }
    }

    @Test
    void askingWithoutWaitingCostsOneDequeueAndNoPoll() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            rig.camera.produce(4, 0);
            rig.camera.polls = 0;
            rig.camera.dequeues = 0;
            assertEquals(4, session.next(0).sequence());
            assertNull(session.next(0));
            assertEquals(0, rig.camera.polls);
            assertEquals(2, rig.camera.dequeues);
        }
    }

    @Test
    void pollErrorWithNothingToDequeueNamesThePollProblem() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            rig.camera.pollError = true;
            V4l2Exception e = assertThrows(V4l2Exception.class, () -> session.next(100));
            assertEquals("/dev/fake0: poll: POLLERR: driver error, not streaming or nothing queued since STREAMON"
                    + " (held 0 of 4 buffers)", e.getMessage());
            rig.camera.pollError = false;
            rig.camera.produce(3, 0);
            assertEquals(3, session.next(100).sequence(), "the session stays usable after the error");
        }
    }

    @Test
    void holdingEveryBufferIsReportedByPollAsNothingQueued() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(2)) {
            rig.camera.produce(0, 0);
            rig.camera.produce(1, 0);
            assertNotNull(session.next(100));
            assertNotNull(session.next(100));
            assertEquals(0, rig.camera.queuedCount());
            assertNull(session.next(10));
        }
    }

    @Test
    void closeStopsStreamingThenUnmapsThenFreesBuffers() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current())) {
            CaptureSession session = rig.device.startCapture(3);
            rig.camera.log.clear();
            session.close();
            assertEquals(List.of("STREAMOFF", "munmap", "munmap", "munmap", "REQBUFS 0"), rig.camera.log);
            assertEquals(0, rig.camera.mappedCount());
            assertFalse(rig.camera.streaming());
            session.close();
            assertEquals(5, rig.camera.log.size());
            assertThrows(IllegalStateException.class, () -> session.next(1));
        }
    }

    @Test
    void failedMmapUnmapsEarlierBuffersAndFreesThem() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current())) {
            rig.camera.failMmapOfBuffer = 2;
            V4l2Exception e = assertThrows(V4l2Exception.class, () -> rig.device.startCapture(4));
            assertEquals("/dev/fake0: mmap failed: ENOMEM (buffer 2, 614400 bytes at offset 2097152)", e.getMessage());
            assertEquals(0, rig.camera.mappedCount());
            List<String> log = rig.camera.log;
            assertEquals(List.of("munmap", "munmap", "REQBUFS 0"), log.subList(log.size() - 3, log.size()));
            assertFalse(log.contains("STREAMON"));
        }
    }

    @Test
    void failedStreamonTearsDownAndTheDeviceCanStreamAgain() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current())) {
            rig.camera.failNext.put(VideoIoctl.VIDIOC_STREAMON, Errno.ENOSPC);
            V4l2Exception e = assertThrows(V4l2Exception.class, () -> rig.device.startCapture(4));
            assertEquals("/dev/fake0: VIDIOC_STREAMON failed: ENOSPC (YUYV 640x480)", e.getMessage());
            assertEquals(0, rig.camera.mappedCount());
            try (CaptureSession again = rig.device.startCapture(4)) {
                rig.camera.produce(0, 0);
                assertNotNull(again.next(100));
            }
        }
    }

    @Test
    void teardownFailuresAreReportedButEveryStepStillRuns() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current())) {
            CaptureSession session = rig.device.startCapture(2);
            rig.camera.failNext.put(VideoIoctl.VIDIOC_STREAMOFF, Errno.EIO);
            V4l2Exception e = assertThrows(V4l2Exception.class, session::close);
            assertEquals("/dev/fake0: VIDIOC_STREAMOFF failed: EIO", e.getMessage());
            assertEquals(0, rig.camera.mappedCount());
            assertTrue(rig.camera.log.contains("REQBUFS 0"));
        }
    }

    @Test
    void disconnectMidStreamIsAClearErrorAndTeardownStillCompletes() throws V4l2Exception {
        Rig rig = new Rig(Abi.current());
        CaptureSession session = rig.device.startCapture(4);
        rig.camera.produce(0, 0);
        Frame held = session.next(100);
        rig.camera.disconnected = true;
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> session.next(100));
        assertEquals("/dev/fake0: VIDIOC_DQBUF failed: ENODEV (device disconnected)", e.getMessage());
        rig.device.close();
        assertEquals(0, rig.camera.mappedCount());
        assertEquals(1, rig.camera.closes);
        assertEquals(0, held.data().remaining(), "a frame held across teardown must not expose unmapped memory");
        held.release(); // harmless after close
    }

    @Test
    void releasingAFrameTwiceIsRefused() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(2)) {
            rig.camera.produce(7, 0);
            Frame frame = session.next(100);
            frame.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, frame::release);
            assertEquals("frame of buffer 0 released twice (sequence 7)", e.getMessage());
        }
    }

    @Test
    void formatCannotChangeWhileStreaming() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rig.device.setFormat(VideoFormat.of(FourCc.YUYV, 1280, 720)));
            assertEquals("/dev/fake0: VIDIOC_S_FMT while a capture session is open; close the session first",
                    e.getMessage());
        }
    }

    @Test
    void aPreparedSessionMapsAndQueuesEveryBufferButStreamsOnlyWhenTold() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.prepareCapture(3)) {
            assertEquals(List.of("REQBUFS 3", "QUERYBUF 0", "mmap 0", "QUERYBUF 1", "mmap 1", "QUERYBUF 2", "mmap 2"),
                    rig.camera.log);
            assertEquals(3, rig.camera.queuedCount());
            assertFalse(session.isStreaming());
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> session.next(10));
            assertEquals("/dev/fake0: capture session is not streaming yet (startStreaming)", early.getMessage());

            session.startStreaming();
            assertEquals("STREAMON", rig.camera.log.get(rig.camera.log.size() - 1));
            assertTrue(session.isStreaming());
            assertTrue(rig.camera.produce(0, 0));
            Frame frame = session.next(100);
            assertNotNull(frame);
            assertEquals(0, frame.sequence());
            frame.release();
            assertThrows(IllegalStateException.class, session::startStreaming);
        }
    }

    @Test
    void aPreparedSessionWhoseStreamonFailsIsTornDownAndTheDeviceCanStreamAgain() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current())) {
            CaptureSession prepared = rig.device.prepareCapture(4);
            rig.camera.failNext.put(VideoIoctl.VIDIOC_STREAMON, Errno.ENOSPC);
            V4l2Exception e = assertThrows(V4l2Exception.class, prepared::startStreaming);
            assertEquals("/dev/fake0: VIDIOC_STREAMON failed: ENOSPC (YUYV 640x480)", e.getMessage());
            assertEquals(0, rig.camera.mappedCount());
            assertFalse(prepared.isOpen());
            try (CaptureSession again = rig.device.startCapture(4)) {
                rig.camera.produce(0, 0);
                assertNotNull(again.next(100));
            }
        }
    }

    @Test
    void aSecondSessionOnTheSameDeviceIsRefused() throws V4l2Exception {
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(2)) {
            assertThrows(IllegalStateException.class, () -> rig.device.startCapture(2));
        }
    }

    @Test
    void outputOnlyDevicesCannotStartCapture() throws V4l2Exception {
        FakeCamera camera = new FakeCamera(Abi.current(), PATH);
        camera.deviceCaps = Videodev2.V4L2_CAP_VIDEO_OUTPUT | Videodev2.V4L2_CAP_STREAMING;
        try (V4l2Device device = V4l2Device.open(camera, Abi.current(), PATH)) {
            V4l2Exception e = assertThrows(V4l2Exception.class, () -> device.startCapture(4));
            assertTrue(e.getMessage().contains("cannot stream single-planar video (device caps 0x04000002)"),
                    e.getMessage());
        }
    }

    @Test
    void dequeueAndReleaseAllocateNothingAfterWarmUp() throws V4l2Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Rig rig = new Rig(Abi.current()); CaptureSession session = rig.device.startCapture(4)) {
            long sequence = 0;
            for (int i = 0; i < 20_000; i++) {
                rig.camera.produce(sequence++, 0);
                session.next(100).release();
            }
            int frames = 20_000;
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < frames; i++) {
                rig.camera.produce(sequence++, 0);
                session.next(100).release();
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            // a few hundred bytes may come from the measurement itself; anything per frame would be >= 20000
            assertTrue(allocated < 1024, allocated + " bytes allocated over " + frames + " frames");
            assertEquals(0, session.droppedFrames());
        }
    }
}
