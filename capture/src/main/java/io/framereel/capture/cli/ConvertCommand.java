package io.framereel.capture.cli;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.StreamFormat;
import io.framereel.storage.file.TailDamage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framereel convert IN OUT}: rewrites any readable stream as V2.0, frame by frame, keeping each frame's
 * elapsed time, geometry, pixel format and payload. OUT is written under a temporary name and renamed into
 * place at the end, so a failure leaves any previous OUT as it was. Not thread-safe.
 */
@Command(name = "convert",
        footer = {"", "Example:", "  framereel convert old.bin new.bin"},
        description = {
            "Rewrite a stream file (V1.0, V1.1, V2.0 or V2.1) as V2.0, the version OpenMV firmware and framereel "
                    + "write, keeping every frame's elapsed time, size, pixel format and payload.",
            "V1.0 RGB565 frames come out in native (little-endian) byte order; V1.x JPEG frames get the full JPEG "
                    + "pixformat; V2.1 microsecond times become milliseconds. Elapsed values outside 1..1000000 ms "
                    + "are clamped into that range, because OpenMV IDE rejects them.",
            "A torn last frame is left out (with a warning). OUT is replaced only when the new file is complete."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The stream file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The V2.0 stream file to write (replaced if it exists).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(in) && Files.exists(out) && Files.isSameFile(in, out)) {
            throw new ParameterException(spec.commandLine(), "IN and OUT are the same file (" + in + " and " + out
                    + "); write the V2.0 copy to another file");
        }
        AtomicOutput.checkWritable(out);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ImageIO source = ImageIO.open(in, "r")) {
            FileStream src = (FileStream) source;
            TailDamage tail = src.tailDamage();
            if (tail.kind() != TailDamage.Kind.NONE) {
                err.println(ErrorReporter.PREFIX + "warning: " + tail.problem().getMessage() + "; converting the "
                        + src.count() + " whole frames before it");
                err.flush();
            }
            long bytes;
            int clamped;
            try (AtomicOutput target = AtomicOutput.create(out)) {
                ImageIO dst = ImageIO.open(target.temp(), ImageIO.Mode.WRITE, StreamOptions.DEFAULTS);
                try {
                    clamped = copyFrames(src, dst, err);
                    bytes = dst.size();
                } catch (IOException | RuntimeException e) {
                    closeAfter(dst, e);
                    throw e;
                }
                dst.close();
                target.commit();
            }
            if (clamped > 0) {
                err.println(ErrorReporter.PREFIX + "warning: " + clamped + " elapsed values were outside "
                        + StreamFormat.MIN_ELAPSED_MS + ".." + StreamFormat.MAX_ELAPSED_MS + " ms and were clamped");
                err.flush();
            }
            stdout.println("converted " + in + " (" + version(src) + ", " + src.count() + " frames) to " + out
                    + " (V2.0, " + bytes + " bytes)");
            stdout.flush();
        }
        return 0;
    }

    /** Copies every whole frame and returns how many elapsed values the writer had to clamp. */
    private static int copyFrames(FileStream src, ImageIO dst, PrintWriter err) throws IOException {
        int clamped = 0;
        try (Progress progress = Progress.start(err, "convert", src.count())) {
            for (Image frame = src.read(true, false, false); frame != null; frame = src.read(true, false, false)) {
                int elapsed = frame.elapsedMs();
                if (elapsed < StreamFormat.MIN_ELAPSED_MS || elapsed > StreamFormat.MAX_ELAPSED_MS) {
                    clamped++;
                }
                dst.write(frame);
                progress.update(dst.count());
            }
        }
        return clamped;
    }

    private static String version(FileStream stream) {
        int v = stream.version().getAsInt();
        return "V" + v / 10 + "." + v % 10;
    }

    private static void closeAfter(ImageIO stream, Exception primary) {
        try {
            stream.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
