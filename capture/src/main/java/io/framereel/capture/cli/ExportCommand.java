package io.framereel.capture.cli;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.pixel.Images;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code framereel export FILE --to DIR [--as raw|png] [--frames A..B] [--contact-sheet FILE.png]}: writes
 * frames of a stream as one file each, named by the six-digit frame index, and optionally a contact sheet.
 * Not thread-safe.
 */
@Command(name = "export",
        footer = {"", "Examples:", "  framereel export stream.bin --to frames --as png --frames 0..29",
            "  framereel export stream.bin --contact-sheet sheet.png"},
        description = {
            "Write frames of a stream file to DIR, one file per frame named by its index (000000.raw, 000001.raw, "
                    + "...), replacing files of the same name.",
            "raw: each frame's payload exactly as ImageIO reads it (V1.0 RGB565 already in native byte order; "
                    + "JPEG frames are their JPEG bytes). png: each frame converted to RGB.",
            "--to may be left out when --contact-sheet is given."})
final class ExportCommand implements Callable<Integer> {

    /** What each exported frame file holds. */
    enum As {
        RAW, PNG;

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "An ImageIO stream file.")
    Path file;

    @Option(names = "--to", paramLabel = "DIR", description = "Directory for the frame files (created if missing).")
    Path dir;

    @Option(names = "--as", paramLabel = "raw|png", defaultValue = "raw", converter = AsConverter.class,
            description = "Frame file format (default: ${DEFAULT-VALUE}).")
    As as;

    @Option(names = "--frames", paramLabel = "A..B", converter = FrameRange.Converter.class,
            description = "Only frames A to B, inclusive, counting from 0 (also A.., ..B or N). Default: all.")
    FrameRange frames;

    @Option(names = "--contact-sheet", paramLabel = "FILE.png",
            description = "Also write a PNG grid of up to " + ContactSheetWriter.MAX_THUMBNAILS
                    + " thumbnails spread over the frames.")
    Path contactSheet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (dir == null && contactSheet == null) {
            throw new ParameterException(spec.commandLine(), "nothing to do: give --to DIR, --contact-sheet FILE.png or both");
        }
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--to " + dir + ": exists and is not a directory");
        }
        if (contactSheet != null) {
            AtomicOutput.checkWritable(contactSheet);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ImageIO stream = ImageIO.open(file, "r")) {
            int count = stream.count();
            if (count == 0 && frames == null) {
                out.println("exported nothing: " + file + " has no frames");
                return 0;
            }
            int[] range;
            try {
                range = (frames != null ? frames : FrameRange.all()).resolve(count);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage());
            }
            int first = range[0];
            int last = range[1];
            if (dir != null) {
                Files.createDirectories(dir);
                exportFrames(stream, first, last, err);
                out.println("exported frames " + first + ".." + last + " (" + (last - first + 1) + ") of " + file
                        + " to " + dir + " as " + as.extension());
            }
            if (contactSheet != null) {
                int thumbnails = ContactSheetWriter.write(stream, first, last, contactSheet).size();
                out.println("contact sheet " + contactSheet + ": " + thumbnails + " thumbnails of frames "
                        + first + ".." + last);
            }
        }
        out.flush();
        return 0;
    }

    private void exportFrames(ImageIO stream, int first, int last, PrintWriter err) throws IOException {
        stream.seek(first);
        try (Progress progress = Progress.start(err, "export", last - first + 1L)) {
            for (int i = first; i <= last; i++) {
                Image frame = stream.read(true, false, false);
                Path target = dir.resolve(String.format(Locale.ROOT, "%06d.%s", i, as.extension()));
                if (as == As.PNG) {
                    writePng(frame, target);
                } else {
                    writeRaw(frame.payload(), target);
                }
                progress.update(i - first + 1L);
            }
        }
    }

    private static void writePng(Image frame, Path target) throws IOException {
        try {
            Images.writePng(frame, target);
        } catch (IOException e) {
            throw CliException.io(target, "cannot write PNG", e);
        }
    }

    private static void writeRaw(ByteBuffer payload, Path target) throws IOException {
        ByteBuffer bytes = payload.duplicate();
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        } catch (IOException e) {
            throw CliException.io(target, "cannot write frame", e);
        }
    }

    /** Accepts {@code raw} or {@code png} in any case. */
    static final class AsConverter implements ITypeConverter<As> {
        @Override
        public As convert(String value) {
            for (As a : As.values()) {
                if (a.extension().equalsIgnoreCase(value.trim())) {
                    return a;
                }
            }
            throw new TypeConversionException("'" + value + "' is not an export format; expected raw or png");
        }
    }
}
