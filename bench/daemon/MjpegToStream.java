import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packs a stream of concatenated JPEGs (ffmpeg's {@code -c:v mjpeg -f mjpeg}) into an ImageIO stream file, so a
 * webcam-like MJPEG recording can be played as a camera ({@code camera.device = recording:PATH}).
 * Usage: java -cp capture/target/framereel.jar bench/daemon/MjpegToStream.java IN.mjpeg OUT.bin WxH FPS
 */
public class MjpegToStream {
    public static void main(String[] args) throws Exception {
        byte[] in = Files.readAllBytes(Path.of(args[0]));
        String[] wh = args[2].split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        double fps = Double.parseDouble(args[3]);
        int frames = 0;
        long bytes = 0;
        try (ImageIO out = ImageIO.open(Path.of(args[1]), "w")) {
            int start = 0;
            while (start < in.length) {
                int end = start + 3;
                // each frame starts with SOI followed by a marker: FF D8 FF
                while (end + 2 < in.length && !(in[end] == (byte) 0xFF && in[end + 1] == (byte) 0xD8
                        && in[end + 2] == (byte) 0xFF)) {
                    end++;
                }
                if (end + 2 >= in.length) {
                    end = in.length;
                }
                ByteBuffer jpeg = ByteBuffer.wrap(in, start, end - start).slice();
                long due = Math.round(frames * 1000 / fps);
                long previous = frames == 0 ? 0 : Math.round((frames - 1) * 1000 / fps);
                out.write(Image.of(width, height, PixelFormat.JPEG, jpeg).elapsedMs((int) (due - previous)));
                frames++;
                bytes += end - start;
                start = end;
            }
        }
        System.out.printf("%s: %d frames, %d bytes on average%n", args[1], frames, bytes / Math.max(1, frames));
    }
}
