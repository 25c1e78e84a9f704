package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CameraRequestTest {
    private static final long YUYV_720P = 1280 * 720 * 2;
    private static final long YUYV_1080P = 1920 * 1080 * 2;
    private static final long YUYV_4K = 3840 * 2160 * 2;

    private static CameraRequest withBuffers(int buffers) {
        return new CameraRequest("vivid", Optional.of("YUYV"), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), buffers);
    }

    @Test
    void anAutomaticCountAsksForSixteenBuffersForFramesThatCanBeLent() {
        CameraRequest auto = withBuffers(CameraRequest.AUTO_BUFFERS);
        assertEquals(16, auto.buffersFor(true, YUYV_720P));
        assertEquals(16, auto.buffersFor(true, YUYV_1080P), "16 frames of 1080p YUYV fit in 64 MiB");
    }

    @Test
    void anAutomaticCountStaysWithinSixtyFourMebibytesAndFallsBackToFourBelowTenBuffers() {
        CameraRequest auto = withBuffers(CameraRequest.AUTO_BUFFERS);
        assertEquals(13, auto.buffersFor(true, 5_000_000), "64 MiB / 5 MB");
        assertEquals(10, auto.buffersFor(true, (64L << 20) / 10));
        assertEquals(4, auto.buffersFor(true, (64L << 20) / 9), "9 buffers would leave the writer 7: copy instead");
        assertEquals(4, auto.buffersFor(true, YUYV_4K));
    }

    @Test
    void framesThatAreConvertedOrPaddedGetFourBuffersAutomatically() {
        assertEquals(4, withBuffers(CameraRequest.AUTO_BUFFERS).buffersFor(false, YUYV_720P));
    }

    @Test
    void aCountGivenIsKeptWhateverTheFrames() {
        assertEquals(6, withBuffers(6).buffersFor(true, YUYV_720P));
        assertEquals(6, withBuffers(6).buffersFor(false, YUYV_4K));
        assertEquals(32, withBuffers(32).buffersFor(true, YUYV_4K));
    }

    @Test
    void countsOutsideTwoToThirtyTwoAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> withBuffers(1));
        assertThrows(IllegalArgumentException.class, () -> withBuffers(33));
    }
}
