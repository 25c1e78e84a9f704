package io.framereel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where {@code ImageIO.read(copyToFb=true)} loads frames, like OpenMV's main frame buffer.
 *
 * <p>A read calls {@link #begin} to get room for the frame, fills exactly {@code payloadBytes} bytes into
 * the returned buffer, calls {@link #stage}, waits until the frame is due (when pausing), then calls
 * {@link #commit}, which returns the image now held by the frame buffer.
 * That image stays valid until the next {@code begin}. Implementations: {@link MemoryFrameBuffer} here; a
 * display framebuffer and a shared-memory region in the device module.
 */
public interface FrameBuffer {

    /**
     * Makes room for one frame and returns the buffer to fill, positioned at 0 with its limit at
     * {@code payloadBytes}.
     */
    ByteBuffer begin(int width, int height, PixelFormat format, int payloadBytes) throws IOException;

    /**
     * Optional: does the work of showing the frame filled since {@link #begin} that can be done before it is due,
     * without showing it, so that the {@link #commit} at its due time only has to show it. A display that draws
     * on a hidden page converts the frame there; the default does nothing. A read with {@code pause} calls it
     * before waiting for the frame's time, so slow decoding (JPEG) no longer makes frames late.
     */
    default void stage() throws IOException {
    }

    /** Completes the frame filled since {@link #begin} and returns the image the frame buffer now holds. */
    Image commit(int elapsedMs, long timestampNanos) throws IOException;
}
