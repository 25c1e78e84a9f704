package io.framereel.capture.cli;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A PNG grid of thumbnails of frames evenly spread over a range of a stream: at most {@value #MAX_THUMBNAILS}
 * thumbnails, at most {@value #MAX_COLUMNS} per row, each at most {@value #MAX_THUMB_WIDTH} pixels wide with
 * the first frame's aspect ratio, separated by {@value #GAP}-pixel dark gutters. Not thread-safe.
 */
final class ContactSheet {
    static final int MAX_THUMBNAILS = 48;
    static final int MAX_COLUMNS = 8;
    static final int MAX_THUMB_WIDTH = 160;
    static final int GAP = 4;
    static final int BACKGROUND = 0x202020;

    private ContactSheet() {
    }

    /** Where thumbnails go on a sheet. Immutable. */
    static final class Layout {
        final int[] frames;
        final int columns;
        final int rows;
        final int thumbWidth;
        final int thumbHeight;

        Layout(int first, int last, int frameWidth, int frameHeight) {
            int n = last - first + 1;
            int k = Math.min(n, MAX_THUMBNAILS);
            frames = new int[k];
            for (int i = 0; i < k; i++) {
                frames[i] = k == 1 ? first : first + (int) Math.round((double) i * (n - 1) / (k - 1));
            }
            columns = Math.min(MAX_COLUMNS, (int) Math.ceil(Math.sqrt(k)));
            rows = (k + columns - 1) / columns;
            thumbWidth = Math.min(MAX_THUMB_WIDTH, frameWidth);
            thumbHeight = Math.max(1, (int) Math.round((double) frameHeight * thumbWidth / frameWidth));
        }

        int sheetWidth() {
            return columns * (thumbWidth + GAP) + GAP;
        }

        int sheetHeight() {
            return rows * (thumbHeight + GAP) + GAP;
        }

        /** Left edge of thumbnail {@code i}. */
        int x(int i) {
            return GAP + (i % columns) * (thumbWidth + GAP);
        }

        /** Top edge of thumbnail {@code i}. */
        int y(int i) {
            return GAP + (i / columns) * (thumbHeight + GAP);
        }
    }

    /**
     * Reads the sampled frames of {@code first..last} (valid indices of {@code stream}) and writes the sheet
     * to {@code png}. Leaves the stream's offset after the last frame read.
     */
    static Layout write(ImageIO stream, int first, int last, Path png) throws IOException {
        stream.seek(first);
        Image firstFrame = stream.read(true, false, false);
        Layout layout = new Layout(first, last, firstFrame.width(), firstFrame.height());
        BufferedImage sheet = new BufferedImage(layout.sheetWidth(), layout.sheetHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(BACKGROUND));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            FramePng renderer = new FramePng();
            for (int i = 0; i < layout.frames.length; i++) {
                Image frame;
                if (i == 0) {
                    frame = firstFrame;
                } else {
                    stream.seek(layout.frames[i]);
                    frame = stream.read(true, false, false);
                }
                g.drawImage(renderer.render(frame), layout.x(i), layout.y(i), layout.thumbWidth, layout.thumbHeight, null);
            }
        } finally {
            g.dispose();
        }
        FramePng.writePng(sheet, png);
        return layout;
    }
}
