package io.framereel.device.gpio.cdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.libc.Errno;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousCloseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Scope: GpioLineRequest's wait/read/close logic on real fds, with a pipe standing in for the kernel's request fd.
class GpioLineRequestTest {

    private Pipe pipe;
    private GpioLineRequest request;

    @BeforeEach
    void adoptPipe() throws IOException {
        pipe = new Pipe();
        request = GpioLineRequest.adopt("/dev/gpiochip-test line 5", pipe.readFd, new int[] {5});
    }

    @AfterEach
    void release() throws IOException {
        request.close();
        pipe.close();
    }

    private static ByteBuffer event(long timestampNs, int id, int offset, int seqno, int lineSeqno) {
        ByteBuffer b = ByteBuffer.allocate(GpioH.SIZEOF_GPIO_V2_LINE_EVENT).order(ByteOrder.nativeOrder());
        b.putLong(GpioH.LINE_EVENT_TIMESTAMP_NS_OFFSET, timestampNs);
        b.putInt(GpioH.LINE_EVENT_ID_OFFSET, id);
        b.putInt(GpioH.LINE_EVENT_OFFSET_OFFSET, offset);
        b.putInt(GpioH.LINE_EVENT_SEQNO_OFFSET, seqno);
        b.putInt(GpioH.LINE_EVENT_LINE_SEQNO_OFFSET, lineSeqno);
        return b;
    }

    @Test
    void awaitEventsTimesOutWhenNothingIsQueued() throws IOException {
        long start = System.nanoTime();
        assertFalse(request.awaitEvents(30));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs >= 30, "returned after " + elapsedMs + " ms");
    }

    @Test
    void readEventsDecodesTimestampEdgeOffsetAndSequenceNumbers() throws IOException {
        pipe.write(event(123_456_789_012L, GpioH.GPIO_V2_LINE_EVENT_RISING_EDGE, 5, 1, 1));
        pipe.write(event(123_466_789_012L, GpioH.GPIO_V2_LINE_EVENT_FALLING_EDGE, 5, 0xffff_fffe, 7));
        assertTrue(request.awaitEvents(1000));

        LineEventBuffer events = new LineEventBuffer(16);
        assertEquals(2, request.readEvents(events));
        assertEquals(2, events.count());
        assertEquals(123_456_789_012L, events.timestampNanos(0));
        assertTrue(events.isRising(0));
        assertEquals(5, events.offset(0));
        assertEquals(1, events.seqno(0));
        assertEquals(1, events.lineSeqno(0));
        assertEquals(GpioH.GPIO_V2_LINE_EVENT_FALLING_EDGE, events.id(1));
        assertFalse(events.isRising(1));
        assertEquals(0xffff_fffeL, events.seqno(1), "u32 sequence numbers are unsigned");
        assertEquals(7, events.lineSeqno(1));
        assertThrows(IndexOutOfBoundsException.class, () -> events.timestampNanos(2));
    }

    @Test
    void readEventsReturnsZeroWithoutBlockingWhenTheQueueIsEmpty() throws IOException {
        LineEventBuffer events = new LineEventBuffer(4);
        assertEquals(0, request.readEvents(events));
        assertEquals(0, events.count());
    }

    @Test
    void readEventsStopsAtTheBufferCapacityAndLeavesTheRestQueued() throws IOException {
        for (int i = 1; i <= 3; i++) {
            pipe.write(event(i, GpioH.GPIO_V2_LINE_EVENT_RISING_EDGE, 5, i, i));
        }
        LineEventBuffer events = new LineEventBuffer(2);
        assertEquals(2, request.readEvents(events));
        assertEquals(2, events.seqno(1));
        assertEquals(1, request.readEvents(events));
        assertEquals(3, events.seqno(0));
    }

    @Test
    void aTornEventIsReportedWithTheDeviceAndByteCount() throws IOException {
        pipe.write(ByteBuffer.allocate(20));
        IOException e = assertThrows(IOException.class, () -> request.readEvents(new LineEventBuffer(4)));
        assertTrue(e.getMessage().contains("/dev/gpiochip-test line 5"), e.getMessage());
        assertTrue(e.getMessage().contains("read returned 20 bytes"), e.getMessage());
    }

    @Test
    void closeWakesAThreadBlockedInAwaitEvents() throws Exception {
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return request.awaitEvents(-1);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        while (request.callsInFlight() == 0 && !waiter.isDone()) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        request.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiter.get(5, TimeUnit.SECONDS));
        assertInstanceOf(AsynchronousCloseException.class, e.getCause());
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closeMs < 1000, "close took " + closeMs + " ms");
    }

    @Test
    void closeReleasesBothFileDescriptorsAndIsIdempotent() throws IOException {
        Path requestFd = Path.of("/proc/self/fd/" + pipe.readFd);
        assertTrue(Files.exists(requestFd, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        request.close();
        request.close();
        assertTrue(request.isClosed());
        assertFalse(Files.exists(requestFd, java.nio.file.LinkOption.NOFOLLOW_LINKS), "request fd still open");
    }

    @Test
    void callsAfterCloseNameTheReleasedRequest() throws IOException {
        request.close();
        IOException e = assertThrows(IOException.class, () -> request.setValues(1, 1));
        assertEquals("/dev/gpiochip-test line 5 - GPIO_V2_LINE_SET_VALUES_IOCTL on a released line request",
                e.getMessage());
    }

    @Test
    void gpioIoctlsOnAFdThatIsNotAGpioRequestReportEnottyWithAHint() {
        GpioErrnoException e = assertThrows(GpioErrnoException.class, () -> request.getValues(1));
        assertEquals(Errno.ENOTTY, e.errno());
        assertEquals("GPIO_V2_LINE_GET_VALUES_IOCTL", e.operation());
        assertTrue(e.getMessage().startsWith(
                "/dev/gpiochip-test line 5 - GPIO_V2_LINE_GET_VALUES_IOCTL failed: ENOTTY ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("not a GPIO character device, or a kernel older than 5.10 without the "
                + "v2 uAPI"), e.getMessage());
    }
}
