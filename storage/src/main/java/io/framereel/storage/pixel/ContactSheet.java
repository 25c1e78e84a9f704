package io.framereel.storage.pixel;

import io.framereel.storage.Image;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of frame thumbnails, each with a one-line label under it, rendered to one PNG.
 *
 * <p>Frames are scaled to a fixed thumbnail width (keeping their aspect ratio) as soon as they are added, so
 * the caller may reuse its {@link Image} instance for the next frame, as streams do. Layout, in pixels:
 *
 * <pre>
 *   gap | thumb | gap | thumb | gap        columns = min(configured columns, frame count)
 *       | label |     | label |            cell height = tallest thumbnail + LABEL_BAND_PX
 *   gap
 *   width  = columns * thumbnailWidth + (columns + 1) * GAP_PX
 *   height = rows * cellHeight + (rows + 1) * GAP_PX
 * </pre>
 *
 * <p>Drawing uses java.awt and needs no display when the JVM runs headless ({@code -Djava.awt.headless=true},
 * the default on Linux without {@code DISPLAY}). Not thread-safe.
 */
public final class ContactSheet {
    public static final int GAP_PX = 4;
    public static final int LABEL_BAND_PX = 16;

    private static final int FONT_SIZE = 12;
    private static final Color BACKGROUND = new Color(0x202020);
    private static final Color LABEL_COLOUR = Color.WHITE;

    private final int columns;
    private final int thumbnailWidthPx;
    private final List<BufferedImage> thumbnails = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    /**
     * Creates an empty sheet.
     *
     * @throws IllegalArgumentException if {@code columns} or {@code thumbnailWidthPx} is less than 1
     */
    public ContactSheet(int columns, int thumbnailWidthPx) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns cannot be less than 1 (was " + columns + ")");
        }
        if (thumbnailWidthPx < 1) {
            throw new IllegalArgumentException("thumbnailWidthPx cannot be less than 1 (was " + thumbnailWidthPx + ")");
        }
        this.columns = columns;
        this.thumbnailWidthPx = thumbnailWidthPx;
    }

    /** Returns the standard label for a frame: {@code "#12 +33ms"}, or {@code "#12"} when the interval is unknown. */
    public static String label(int frameIndex, int elapsedMs) {
        return elapsedMs < 0 ? "#" + frameIndex : "#" + frameIndex + " +" + elapsedMs + "ms";
    }

    /** Adds a frame labelled with its stream index and its {@link Image#elapsedMs()}. */
    public void add(Image frame, int frameIndex) {
        add(frame, label(frameIndex, frame.elapsedMs()));
    }

    /** Adds a frame with a caller-chosen label; the frame is scaled now and not kept. */
    public void add(Image frame, String label) {
        thumbnails.add(scale(Images.toBufferedImage(frame), thumbnailWidthPx));
        labels.add(label);
    }

    /** Returns the number of frames added. */
    public int size() {
        return thumbnails.size();
    }

    /**
     * Draws the sheet.
     *
     * @throws IllegalStateException if no frame has been added
     */
    public BufferedImage render() {
        if (thumbnails.isEmpty()) {
            throw new IllegalStateException("contact sheet has no frames; add at least one before rendering");
        }
        int tallest = tallestThumbnail();
        BufferedImage sheet = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, FONT_SIZE));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            FontMetrics metrics = g.getFontMetrics();
            // Centre the text line vertically in the label band.
            int baseline = (LABEL_BAND_PX - metrics.getHeight()) / 2 + metrics.getAscent();
            for (int i = 0; i < thumbnails.size(); i++) {
                Rectangle cell = thumbnailBounds(i);
                g.drawImage(thumbnails.get(i), cell.x, cell.y, null);
                Graphics2D label = (Graphics2D) g.create(cell.x, cell.y + tallest, thumbnailWidthPx, LABEL_BAND_PX);
                try {
                    label.setColor(LABEL_COLOUR);
                    label.drawString(labels.get(i), 0, baseline);
                } finally {
                    label.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Width of the rendered sheet in pixels, for the frames added so far. */
    public int width() {
        int used = usedColumns();
        return used * thumbnailWidthPx + (used + 1) * GAP_PX;
    }

    /** Height of the rendered sheet in pixels, for the frames added so far. */
    public int height() {
        int used = usedColumns();
        int rows = used == 0 ? 0 : (thumbnails.size() + used - 1) / used;
        return rows * cellHeight() + (rows + 1) * GAP_PX;
    }

    /** Where thumbnail {@code i} is drawn on the rendered sheet (its label goes below it). */
    public Rectangle thumbnailBounds(int i) {
        if (i < 0 || i >= thumbnails.size()) {
            throw new IndexOutOfBoundsException("thumbnail " + i + " outside 0.." + (thumbnails.size() - 1));
        }
        int used = usedColumns();
        BufferedImage t = thumbnails.get(i);
        return new Rectangle(GAP_PX + (i % used) * (thumbnailWidthPx + GAP_PX),
                GAP_PX + (i / used) * (cellHeight() + GAP_PX), t.getWidth(), t.getHeight());
    }

    /** The sheet's background colour as 0xRRGGBB. */
    public static int backgroundRgb() {
        return BACKGROUND.getRGB() & 0xFFFFFF;
    }

    private int usedColumns() {
        return Math.min(columns, thumbnails.size());
    }

    private int cellHeight() {
        return tallestThumbnail() + LABEL_BAND_PX;
    }

    private int tallestThumbnail() {
        int tallest = 0;
        for (BufferedImage t : thumbnails) {
            tallest = Math.max(tallest, t.getHeight());
        }
        return tallest;
    }

    /**
     * Renders the sheet and writes it as a PNG file, replacing any existing file.
     *
     * @throws IOException if the file cannot be written; the message names the path
     */
    public void writePng(Path path) throws IOException {
        Images.writePng(render(), path);
    }

    /**
     * Scales an image to the given width, keeping its aspect ratio (at least 1 pixel high). Large reductions
     * halve repeatedly before the last bilinear step, because a single bilinear step samples only 2x2 source
     * pixels per output pixel and would skip detail (and alias) when shrinking more than 2x.
     */
    static BufferedImage scale(BufferedImage source, int targetWidth) {
        int targetHeight = (int) Math.max(1, Math.round((double) source.getHeight() * targetWidth / source.getWidth()));
        BufferedImage current = source;
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return resize(current, targetWidth, targetHeight);
    }

    private static BufferedImage resize(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
