package io.framereel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where {@code ImageIO.read(copyToFb=true)} loads frames, like OpenMV's main frame buffer.
 *
 * <p>A read calls {@link #begin} to get room for the frame, fills exactly {@code payloadBytes} bytes into
 * the returned buffer, then calls {@link #commit}, which returns the image now held by the frame buffer.
 * That image stays valid until the next {@code begin}. Implementations: {@link MemoryFrameBuffer} here; a
 * display framebuffer and a shared-memory region in the device module.
 */
public interface FrameBuffer {

    /**
     * Makes room for one frame and returns the buffer to fill, positioned at 0 with its limit at
     * {@code payloadBytes}.
     */
    ByteBuffer begin(int width, int height, PixelFormat format, int payloadBytes) throws IOException;

    /** Completes the frame filled since {@link #begin} and returns the image the frame buffer now holds. */
    Image commit(int elapsedMs, long timestampNanos) throws IOException;
}
