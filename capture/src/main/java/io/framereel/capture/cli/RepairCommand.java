package io.framereel.capture.cli;

import io.framereel.capture.json.Json;
import io.framereel.storage.ImageIO;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.StreamReport;
import io.framereel.storage.file.StreamVersion;
import io.framereel.storage.file.TailDamage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framereel repair FILE [--dry-run] [--json]}: cuts a torn or garbage tail off a V2.0 stream file, as
 * the daemon does at start-up after a crash, keeping every whole frame before it byte for byte. Exit 0 when the
 * file is (now) clean. Not thread-safe.
 */
@Command(name = "repair",
        footer = {"", "Example:", "  framereel repair rec.bin --dry-run"},
        description = {
            "Cut the torn or invalid tail off a V2.0 stream file (left by a crash or power cut) so that it ends "
                    + "after its last whole frame; the frames before it are not touched.",
            "V1.x files are not repaired in place: 'framereel convert' writes a clean V2.0 copy."})
final class RepairCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The stream file to repair.")
    Path file;

    @Option(names = "--dry-run", description = "Only report what would be cut.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON object: {\"path\",\"frames\",\"tail\",\"bytes_cut\",\"repaired\"}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        StreamReport report = FileStream.inspect(file);
        TailDamage tail = report.tail();
        if (tail.kind() != TailDamage.Kind.NONE && report.version() != StreamVersion.V2_0) {
            throw new CliException(file + ": a damaged " + report.version() + " stream is not repaired in place; "
                    + "'framereel convert " + file + " OUT' writes the " + report.index().size() + " whole frames to a "
                    + "V2.0 file");
        }
        long cut = 0;
        boolean repair = !dryRun && tail.kind() != TailDamage.Kind.NONE;
        if (repair) {
            try (FileStream s = FileStream.open(file, ImageIO.Mode.APPEND, StreamOptions.DEFAULTS)) {
                cut = s.recoveredBytes();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String kind = tail.kind().name().toLowerCase(Locale.ROOT);
        if (json) {
            out.println("{\"path\":" + Json.string(file.toString()) + ",\"frames\":" + report.index().size()
                    + ",\"tail\":" + Json.string(kind) + ",\"bytes_cut\":" + (dryRun ? tail.bytes() : cut)
                    + ",\"repaired\":" + repair + "}");
        } else if (tail.kind() == TailDamage.Kind.NONE) {
            out.println(file + ": clean, " + report.index().size() + " frames; nothing to repair");
        } else {
            out.println(file + ": " + kind + " tail of " + tail.bytes() + " bytes at offset " + tail.offset() + " ("
                    + tail.description() + ")");
            out.println(dryRun ? "would cut it, keeping " + report.index().size() + " whole frames"
                    : "cut " + cut + " bytes; " + report.index().size() + " whole frames kept");
        }
        out.flush();
        return 0;
    }
}
