package io.framereel.capture.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The SLF4J provider of framereel's jar (registered in {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}):
 * the libraries that log through SLF4J (Pi4J) write the same one-line, journald-prioritised records as framereel's
 * own loggers, at DEBUG (see {@link JournalSlf4jLogger}), instead of SLF4J's three-line "no providers" warning on
 * every start and nothing after it.
 */
public final class Slf4jJournalProvider implements SLF4JServiceProvider {
    private final ConcurrentMap<String, JournalSlf4jLogger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, JournalSlf4jLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: records go straight to JournalLog
    }

    /**
     * One SLF4J logger writing through {@link JournalLog}. A library's records are written at DEBUG, shown with
     * {@code --verbose}, whatever level the library gave them (kept in the text): framereel reports what fails in
     * its own words, and a library's view of the machine is not the journal's business. Pi4J, for one, logs an
     * ERROR on every start on a machine that is not a Pi (no board model in the device tree).
     */
    static final class JournalSlf4jLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        JournalSlf4jLogger(String name) {
            this.name = name;
        }

        /** The level a record of {@code level} from logger {@code name} is written at. */
        static System.Logger.Level journalLevel(String name, Level level) {
            if (!name.startsWith("io.framereel.")) {
                return level == Level.TRACE ? System.Logger.Level.TRACE : System.Logger.Level.DEBUG;
            }
            switch (level) {
                case ERROR:
                    return System.Logger.Level.ERROR;
                case WARN:
                    return System.Logger.Level.WARNING;
                case INFO:
                    return System.Logger.Level.INFO;
                case DEBUG:
                    return System.Logger.Level.DEBUG;
                default:
                    return System.Logger.Level.TRACE;
            }
        }

        private boolean enabled(Level level) {
            return JournalLog.isLoggable(journalLevel(name, level));
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            String text = MessageFormatter.basicArrayFormat(pattern, arguments);
            System.Logger.Level written = journalLevel(name, level);
            JournalLog.write(written, name, written == System.Logger.Level.DEBUG && level != Level.DEBUG
                    ? "(" + level + ") " + text : text, throwable);
        }
    }
}
