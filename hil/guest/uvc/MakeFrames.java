import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes the JPEG frames that hil/guest/uvc/uvc-camera.py serves as its MJPEG stream (committed, so the guest needs
 * no encoder): per size, FRAMES pictures of eight colour bars (white, yellow, cyan, green, magenta, red, blue, black,
 * as vivid draws them) with a white square in bar {@code i} of frame {@code i}, so a test can tell the frames apart
 * and check their order after decoding. Baseline JPEG, quality 0.85, 4:2:0, as webcams send.
 *
 *   java hil/guest/uvc/MakeFrames.java hil/guest/uvc
 */
public final class MakeFrames {
    static final int FRAMES = 6;
    static final Color[] BARS = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED,
            Color.BLUE, Color.BLACK};

    public static void main(String[] args) throws IOException {
        File dir = new File(args[0]);
        for (int[] size : new int[][] {{640, 480}, {320, 240}}) {
            for (int i = 0; i < FRAMES; i++) {
                write(picture(size[0], size[1], i), new File(dir, "mjpeg-" + size[0] + "x" + size[1] + "-" + i + ".jpg"));
            }
        }
    }

    static BufferedImage picture(int width, int height, int frame) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int bar = width / BARS.length;
        for (int b = 0; b < BARS.length; b++) {
            g.setColor(BARS[b]);
            g.fillRect(b * bar, 0, bar, height);
        }
        g.setColor(frame % BARS.length == 0 ? Color.BLACK : Color.WHITE);
        int side = bar / 2;
        g.fillRect(frame * bar + side / 2, height / 2 - side / 2, side, side);
        g.dispose();
        return image;
    }

    static void write(BufferedImage image, File file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        file.delete();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
