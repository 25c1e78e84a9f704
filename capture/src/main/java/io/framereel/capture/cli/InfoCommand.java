package io.framereel.capture.cli;

import io.framereel.capture.json.Json;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.StreamReport;
import io.framereel.storage.file.FrameIndex;
import io.framereel.storage.file.TailDamage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framereel info FILE [--json]}: what a stream file holds, from its frame index alone (no pixel data
 * is read): version, frame count, size, recorded duration, what follows the last whole frame, and one row
 * per frame. Not thread-safe.
 */
@Command(name = "info",
        footer = {"", "Examples:", "  framereel info stream.bin --json", "  framereel info recordings/*.bin --json"},
        description = {
            "Show a stream file's version, frame count, size, recorded duration and damaged tail, and a table of "
                    + "its frames (index, chunk offset, elapsed ms, width, height, pixformat, payload bytes).",
            "Reads chunk headers only. A torn last frame (as after a power cut) or garbage after the last whole frame "
                    + "is reported, not an error; 'framereel repair' cuts it off."})
final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "ImageIO stream files (V1.0, V1.1, V2.0 or V2.1).")
    List<Path> files;

    @Option(names = "--json", description = "Print one JSON object per file, one per line, instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Reports every file it can read; a file it cannot is named on stderr, and the exit status is then 1. */
    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.size() == 1) {
            print(FileStream.inspect(files.get(0)), out); // the usual one-line error for a single bad file
            out.flush();
            return 0;
        }
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
            if (i > 0 && !json) {
                out.println();
            }
            try {
                print(FileStream.inspect(files.get(i)), out);
            } catch (IOException e) {
                failed++;
                out.flush();
                err.println("framereel: " + e.getMessage());
                err.flush();
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private void print(StreamReport fs, PrintWriter out) throws IOException {
        // inspect, unlike 'r', shows the frames before a garbage tail
        if (json) {
            printJson(fs, out);
        } else {
            printTable(fs, out);
        }
    }

    private static void printJson(StreamReport fs, PrintWriter out) throws IOException {
        FrameIndex index = fs.index();
        out.print("{\"version\":" + fs.version().code() + ",\"count\":" + fs.index().size() + ",\"size\":" + fs.fileSize()
                + ",\"frames\":[");
        for (int i = 0; i < index.size(); i++) {
            if (i > 0) {
                out.print(',');
            }
            out.print("{\"index\":" + i
                    + ",\"offset\":" + index.chunkOffset(i)
                    + ",\"elapsed_ms\":" + index.elapsedMs(i)
                    + ",\"width\":" + index.width(i)
                    + ",\"height\":" + index.height(i)
                    + ",\"pixformat\":" + Json.string(index.format(i).name())
                    + ",\"pixformat_code\":" + index.format(i).code()
                    + ",\"bytes\":" + index.payloadBytes(i) + "}");
        }
        TailDamage tail = fs.tail();
        out.print("],\"duration_ms\":" + index.durationMs() + ",\"tail\":{\"kind\":"
                + Json.string(tail.kind().name().toLowerCase(Locale.ROOT)));
        if (tail.kind() != TailDamage.Kind.NONE) {
            out.print(",\"offset\":" + tail.offset() + ",\"bytes\":" + tail.bytes() + ",\"message\":"
                    + Json.string(tail.problem().getMessage()));
        }
        out.println("},\"path\":" + Json.string(fs.path().toString()) + "}");
    }

    private static void printTable(StreamReport fs, PrintWriter out) throws IOException {
        FrameIndex index = fs.index();
        long duration = index.durationMs();
        int version = fs.version().code();
        out.println("file      " + fs.path());
        out.println("version   V" + version / 10 + "." + version % 10 + " (" + version + ")");
        out.println("frames    " + fs.index().size());
        out.println("size      " + fs.fileSize() + " bytes");
        out.println("duration  " + duration + " ms"
                + (duration > 0 && fs.index().size() > 0
                        ? String.format(Locale.ROOT, " (%.2f fps average)", fs.index().size() * 1000.0 / duration) : ""));
        out.println("tail      " + describeTail(fs.tail()));
        if (index.size() == 0) {
            return;
        }
        out.println();
        String row = "%7s  %12s  %10s  %6s  %6s  %-10s  %10s%n";
        out.printf(Locale.ROOT, row, "index", "offset", "elapsed_ms", "width", "height", "pixformat", "bytes");
        for (int i = 0; i < index.size(); i++) {
            out.printf(Locale.ROOT, row, i, index.chunkOffset(i), index.elapsedMs(i), index.width(i), index.height(i),
                    index.format(i).name(), index.payloadBytes(i));
        }
    }

    private static String describeTail(TailDamage tail) {
        if (tail.kind() == TailDamage.Kind.NONE) {
            return "none (the last frame ends at the end of the file)";
        }
        return tail.kind().name().toLowerCase(Locale.ROOT) + ": " + tail.bytes() + " bytes at offset " + tail.offset()
                + " after the last whole frame: " + tail.problem().getMessage();
    }
}
