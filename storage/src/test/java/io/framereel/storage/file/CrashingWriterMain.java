package io.framereel.storage.file;

import io.framereel.storage.ImageIO;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.SyncPolicy;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: writes {@link DeterministicFrames} to a stream until it is
 * killed, reporting progress on stdout so the parent knows what must have survived.
 *
 * <p>Arguments: {@code path mode(w|a) syncPolicy seed largeFramePercent maxFrames pace(free|lockstep)}. With
 * {@code lockstep} the writer reads one byte from stdin before each frame, so the parent can time a kill
 * against the start of a particular write; with {@code free} it writes as fast as it can. Output lines, each
 * flushed as soon as the event is complete:
 * <pre>
 * opened C     the stream is open and holds C frames (the header is written)
 * wrote N      write() returned for the frame that makes the count N
 * synced N     a sync completed with N frames in the file
 * done N       maxFrames reached without being killed
 * </pre>
 * Kept tiny (no dependencies beyond storage) because one JVM starts per kill point.
 */
public final class CrashingWriterMain {
    private CrashingWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: CrashingWriterMain path w|a syncPolicy seed largeFramePercent maxFrames"
                    + " free|lockstep");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        ImageIO.Mode mode = ImageIO.Mode.parse(args[1]);
        SyncPolicy policy = SyncPolicy.parse(args[2]);
        DeterministicFrames frames = new DeterministicFrames(Long.parseLong(args[3]), Integer.parseInt(args[4]));
        int maxFrames = Integer.parseInt(args[5]);
        boolean lockstep = args[6].equals("lockstep");
        PrintStream out = System.out;

        try (FileStream stream = FileStream.open(path, mode, StreamOptions.DEFAULTS.withSyncPolicy(policy))) {
            long syncs = stream.syncCount();
            out.println("opened " + stream.count());
            out.flush();
            for (int i = stream.count(); i < maxFrames; i++) {
                if (lockstep && System.in.read() < 0) {
                    break;
                }
                stream.write(frames.frame(i));
                out.println("wrote " + stream.count());
                if (stream.syncCount() != syncs) {
                    syncs = stream.syncCount();
                    out.println("synced " + stream.count());
                }
                out.flush();
            }
            out.println("done " + stream.count());
        }
        out.flush();
    }
}
