package io.framereel.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Debian's package checker finds no error and no warning in the .deb (informational tags are printed only). */
class LintianTest {
    @Test
    void lintianReportsNoErrorOrWarning() throws IOException {
        boolean present = Cmd.onPath("lintian").isPresent();
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("lintian is not installed; CI installs it through hil/host/packages.txt"
                    + " (hil/host/install-packages.sh): add the line 'lintian' there");
        }
        Assumptions.assumeTrue(present, "lintian is not installed (apt-get install lintian): the .deb is not linted");
        // LC_ALL: the same messages whatever the locale of the build.
        Cmd.Result r = Cmd.run(List.of("lintian", "--fail-on", "error,warning", "--display-info",
                Packaged.deb().toString()), Map.of("LC_ALL", "C.UTF-8"), null);
        System.out.println(r.out());
        String findings = r.out().lines().filter(l -> l.startsWith("E:") || l.startsWith("W:"))
                .collect(Collectors.joining("\n"));
        assertEquals("", findings, r::describe);
        assertEquals(0, r.exit(), r::describe);
    }
}
