package io.framereel.capture.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code --version} from the jar manifest's {@code Implementation-Version}, or "dev" when running
 * from classes outside the jar (an IDE, the tests). Stateless and thread-safe.
 */
final class ManifestVersion implements IVersionProvider {

    /** The version in the jar manifest, or "dev". */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "framereel " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
