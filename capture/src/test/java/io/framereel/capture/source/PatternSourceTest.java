package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.PixelFormat;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The synthetic camera of the demo and the benchmarks, as the recorder drives it. */
class PatternSourceTest {

    @Test
    void jpegFramesOfGrowingSizeFitASlotWhoseLimitAPreviousSmallerFrameLeft() throws Exception {
        PatternSource source = new PatternSource(320, 240, PixelFormat.JPEG, 1000);
        StreamShape shape = source.start();
        ByteBuffer slot = ByteBuffer.allocateDirect(shape.maxFrameBytes());
        CapturedFrame frame = new CapturedFrame();
        Set<Integer> sizes = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            assertTrue(source.next(slot, frame, 1000));
            sizes.add(frame.bytes);
            // the recorder hands the frame on as a buffer limited to its length, and reuses the slot
            slot.limit(frame.bytes).position(0);
            byte[] jpeg = new byte[frame.bytes];
            slot.duplicate().get(jpeg);
            BufferedImage decoded = javax.imageio.ImageIO.read(new ByteArrayInputStream(jpeg));
            assertNotNull(decoded, "frame " + i + " is a whole JPEG");
            assertEquals(320, decoded.getWidth());
        }
        assertTrue(sizes.size() > 1, "the moving pattern gives frames of different sizes: " + sizes);
        source.close();
    }
}
