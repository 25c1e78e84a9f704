package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.libc.Errno;
import io.framereel.device.v4l2.FakeCameraDevices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many buffers V4l2Source asks the driver for, and what it does when the driver cannot give them. */
class V4l2SourceBuffersTest {
    @TempDir
    Path root;

    private static CameraRequest yuyv(int buffers, Optional<io.framereel.storage.PixelFormat> storeAs) {
        return new CameraRequest("vivid", Optional.of("YUYV"), Optional.of(new int[] {640, 480}), Optional.empty(),
                storeAs, List.of(), buffers);
    }

    private static List<String> bufferRequests(FakeCameraDevices fake) {
        return fake.log().stream().filter(s -> s.startsWith("REQBUFS")).toList();
    }

    @Test
    void framesStoredAsIsGetSixteenBuffersAndNoStreamUntilAskedFor() throws IOException {
        FakeCameraDevices fake = FakeCameraDevices.under(root);
        V4l2Source source = new V4l2Source(yuyv(CameraRequest.AUTO_BUFFERS, Optional.empty()), fake.devices());
        try {
            source.start();
            assertEquals(List.of("REQBUFS 16"), bufferRequests(fake));
            assertEquals(14, source.lendableFrames());
            assertFalse(fake.log().contains("STREAMON"), "the recorder starts the stream when it is ready");
            source.startStreaming();
            assertTrue(fake.log().contains("STREAMON"));
        } finally {
            source.close();
        }
    }

    @Test
    void convertedFramesGetFourBuffers() throws IOException {
        FakeCameraDevices fake = FakeCameraDevices.under(root);
        V4l2Source source = new V4l2Source(yuyv(CameraRequest.AUTO_BUFFERS,
                Optional.of(io.framereel.storage.PixelFormat.RGB565)), fake.devices());
        try {
            source.start();
            assertEquals(List.of("REQBUFS 4"), bufferRequests(fake));
            assertEquals(0, source.lendableFrames());
        } finally {
            source.close();
        }
    }

    @Test
    void aDriverOutOfMemoryForSixteenAutomaticBuffersIsAskedForFour() throws IOException {
        FakeCameraDevices fake = FakeCameraDevices.under(root);
        fake.failNextRequestBuffers(Errno.ENOMEM);
        V4l2Source source = new V4l2Source(yuyv(CameraRequest.AUTO_BUFFERS, Optional.empty()), fake.devices());
        try {
            source.start();
            // the fake kernel logs only the calls it carries out: the refused 16 is not in the log
            assertEquals(List.of("REQBUFS 4"), bufferRequests(fake));
            assertEquals(2, source.lendableFrames(), "4 buffers, so the recorder copies (2 spare < half the slots)");
        } finally {
            source.close();
        }
    }

    @Test
    void aCountGivenIsNotLoweredBehindTheUsersBack() throws IOException {
        FakeCameraDevices fake = FakeCameraDevices.under(root);
        fake.failNextRequestBuffers(Errno.ENOMEM);
        V4l2Source source = new V4l2Source(yuyv(12, Optional.empty()), fake.devices());
        IOException e = assertThrows(IOException.class, source::start);
        assertTrue(e.getMessage().contains("VIDIOC_REQBUFS") && e.getMessage().contains("ENOMEM"), e.getMessage());
        assertEquals(List.of(), bufferRequests(fake), "no second request");
    }

    @Test
    void aDriverThatGrantsFewerBuffersLeavesFewerToLend() throws IOException {
        FakeCameraDevices fake = FakeCameraDevices.under(root);
        fake.grantAtMost(9);
        V4l2Source source = new V4l2Source(yuyv(CameraRequest.AUTO_BUFFERS, Optional.empty()), fake.devices());
        try {
            source.start();
            assertEquals(7, source.lendableFrames(), "the recorder then copies: 7 spare are under half of 16 slots");
        } finally {
            source.close();
        }
    }
}
