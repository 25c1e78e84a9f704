package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recordings directory: names that never collide and sort in order, commit by rename, recovery. */
class RecordingFilesTest {
    private static final LocalDateTime T = LocalDateTime.of(2026, 11, 30, 17, 5, 9);

    @TempDir
    Path dir;

    @Test
    void filesOfTheSameSecondGetNumbersThatSortAfterTheFirst() throws Exception {
        RecordingFiles files = new RecordingFiles(dir, "rec");
        Path a = files.commit(files.createPart(T, ""));
        Path b = files.createPart(T, "");
        Path c = files.createPart(T, "");
        assertEquals("rec-20261130-170509.bin", a.getFileName().toString());
        assertEquals("rec-20261130-170509_02.bin.part", b.getFileName().toString());
        assertEquals("rec-20261130-170509_03.bin.part", c.getFileName().toString());
        Path bDone = files.commit(b);
        Path later = files.commit(files.createPart(T.plusSeconds(1), ""));
        try (Stream<Path> s = Files.list(dir)) {
            List<String> sorted = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")).sorted().toList();
            assertEquals(List.of(a.getFileName().toString(), bDone.getFileName().toString(),
                    later.getFileName().toString()), sorted, "name order is recording order");
        }
        assertEquals(later, RecordingFiles.newest(dir).orElseThrow());
    }

    @Test
    void aCommitNeverOverwritesARecording() throws Exception {
        RecordingFiles files = new RecordingFiles(dir, "rec");
        Path part = files.createPart(T, "");
        Files.writeString(dir.resolve("rec-20261130-170509.bin"), "somebody else's");
        assertThrows(FileAlreadyExistsException.class, () -> files.commit(part));
        assertEquals("somebody else's", Files.readString(dir.resolve("rec-20261130-170509.bin")));
        assertTrue(Files.exists(part), "the part file stays for recovery");
    }

    @Test
    void aPartFileThatIsNotAStreamIsSetAsideNotDeleted() throws Exception {
        Path junk = dir.resolve("rec-20261130-170509.bin.part");
        Files.writeString(junk, "this is no stream header, but more than sixteen bytes of it");
        List<RecordingFiles.Recovered> recovered = new RecordingFiles(dir, "rec").recover();
        assertEquals(1, recovered.size());
        Path kept = dir.resolve("rec-20261130-170509.bin.part.damaged");
        assertEquals(kept, recovered.get(0).result());
        assertTrue(recovered.get(0).outcome().startsWith("not a stream file"), recovered.get(0).outcome());
        assertFalse(Files.exists(junk));
        assertEquals("this is no stream header, but more than sixteen bytes of it", Files.readString(kept));
    }

    @Test
    void warmingUpLeavesNothingBehind() throws Exception {
        new RecordingFiles(dir.resolve("new"), "rec").warmUp();
        try (Stream<Path> s = Files.list(dir.resolve("new"))) {
            assertEquals(0, s.count());
        }
    }
}
