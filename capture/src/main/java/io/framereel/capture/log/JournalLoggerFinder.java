package io.framereel.capture.log;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Routes every {@link System#getLogger} of the JVM to {@link JournalLog} (registered in
 * {@code META-INF/services/java.lang.System$LoggerFinder}).
 */
public final class JournalLoggerFinder extends System.LoggerFinder {
    @Override
    public Logger getLogger(String name, Module module) {
        return new JournalLogger(name);
    }

    /** One named logger; stateless apart from its name. */
    private static final class JournalLogger implements Logger {
        private final String name;

        JournalLogger(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return JournalLog.isLoggable(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                JournalLog.write(level, name, msg, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                JournalLog.write(level, name, params == null || params.length == 0 ? format
                        : MessageFormat.format(format, params), null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            if (isLoggable(level)) {
                JournalLog.write(level, name, msgSupplier.get(), null);
            }
        }
    }
}
