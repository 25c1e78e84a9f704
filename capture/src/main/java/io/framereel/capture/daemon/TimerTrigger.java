package io.framereel.capture.daemon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a recording every {@code period} and stops it {@code record} later: the demo's stand-in for buttons,
 * and a time-lapse-like mode for unattended boxes. The first recording starts one period after the daemon.
 */
final class TimerTrigger implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framereel-timer");
        t.setDaemon(true);
        return t;
    });

    TimerTrigger(Triggers triggers, Duration period, Duration record) {
        long p = period.toNanos();
        timer.scheduleAtFixedRate(() -> triggers.start("timer"), p, p, TimeUnit.NANOSECONDS);
        timer.scheduleAtFixedRate(() -> triggers.stop("timer"), p + record.toNanos(), p, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
