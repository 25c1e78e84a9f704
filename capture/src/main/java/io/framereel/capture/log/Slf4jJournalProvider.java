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
 * own loggers, instead of SLF4J's "no providers" warning on every start and nothing after it.
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

    /** One SLF4J logger writing through {@link JournalLog}; SLF4J's levels map onto System.Logger's. */
    static final class JournalSlf4jLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        JournalSlf4jLogger(String name) {
            this.name = name;
        }

        static System.Logger.Level journalLevel(Level level) {
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

        @Override
        public boolean isTraceEnabled() {
            return JournalLog.isLoggable(System.Logger.Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return JournalLog.isLoggable(System.Logger.Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return JournalLog.isLoggable(System.Logger.Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return JournalLog.isLoggable(System.Logger.Level.WARNING);
        }

        @Override
        public boolean isErrorEnabled() {
            return JournalLog.isLoggable(System.Logger.Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            JournalLog.write(journalLevel(level), name, MessageFormatter.basicArrayFormat(pattern, arguments),
                    throwable);
        }
    }
}
