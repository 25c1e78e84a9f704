package io.framereel.capture.cli;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.pixel.ContactSheet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Picks which frames of a range go on a contact sheet and how the grid is shaped, then renders them with
 * {@link ContactSheet}: at most {@value #MAX_THUMBNAILS} frames evenly spread over the range, a near-square
 * grid of at most {@value #MAX_COLUMNS} columns, thumbnails at most {@value #MAX_THUMB_WIDTH} pixels wide.
 */
final class ContactSheetWriter {
    static final int MAX_THUMBNAILS = 48;
    static final int MAX_COLUMNS = 8;
    static final int MAX_THUMB_WIDTH = 160;

    private ContactSheetWriter() {
    }

    /** The sampled frame indices and the grid shape. Immutable. */
    static final class Layout {
        final int[] frames;
        final int columns;
        final int thumbWidth;

        Layout(int first, int last, int frameWidth) {
            int n = last - first + 1;
            int k = Math.min(n, MAX_THUMBNAILS);
            frames = new int[k];
            for (int i = 0; i < k; i++) {
                frames[i] = k == 1 ? first : first + (int) Math.round((double) i * (n - 1) / (k - 1));
            }
            columns = Math.min(MAX_COLUMNS, (int) Math.ceil(Math.sqrt(k)));
            thumbWidth = Math.min(MAX_THUMB_WIDTH, frameWidth);
        }
    }

    /**
     * Reads the sampled frames of {@code first..last} (valid indices of {@code stream}) and writes the sheet to
     * {@code png}. Leaves the stream's offset after the last frame read.
     */
    static ContactSheet write(ImageIO stream, int first, int last, Path png) throws IOException {
        Image firstFrame = stream.seek(first).read(true, false, false);
        Layout layout = new Layout(first, last, firstFrame.width());
        ContactSheet sheet = new ContactSheet(layout.columns, layout.thumbWidth);
        sheet.add(firstFrame, first); // scaled at once, so the frame buffer may be reused by the next read
        for (int i = 1; i < layout.frames.length; i++) {
            sheet.add(stream.seek(layout.frames[i]).read(true, false, false), layout.frames[i]);
        }
        try {
            sheet.writePng(png);
        } catch (IOException e) {
            throw CliException.io(png, "cannot write contact sheet", e);
        }
        return sheet;
    }
}
