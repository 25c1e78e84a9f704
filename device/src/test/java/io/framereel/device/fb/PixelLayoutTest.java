package io.framereel.device.fb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PixelLayoutTest {
    @Test
    void packsRgb565AndXrgb8888AsDisplaysStoreThem() {
        assertEquals(0xF800, PixelLayout.RGB565.pack(0xFFFF0000));
        assertEquals(0x07E0, PixelLayout.RGB565.pack(0xFF00FF00));
        assertEquals(0x001F, PixelLayout.RGB565.pack(0xFF0000FF));
        assertEquals(0x00123456, PixelLayout.XRGB8888.pack(0xFF123456));
        assertEquals("RGB565", PixelLayout.RGB565.toString());
    }

    @Test
    void rejectsLayoutsFramereelCannotDraw() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PixelLayout(8, 0, 3, 3, 3, 6, 2));
        assertTrue(e.getMessage().contains("16 or 32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PixelLayout(16, 12, 5, 5, 6, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new PixelLayout(32, 16, 10, 8, 8, 0, 8));
    }
}
