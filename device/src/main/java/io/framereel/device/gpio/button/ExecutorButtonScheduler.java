package io.framereel.device.gpio.button;

import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link ButtonScheduler}: one daemon thread, {@link System#nanoTime()} as the clock. A task that
 * throws is logged and does not stop later tasks. Thread-safe; close it to stop the thread.
 */
public final class ExecutorButtonScheduler implements ButtonScheduler, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ExecutorButtonScheduler.class.getName());

    private final ScheduledThreadPoolExecutor executor;

    /** Starts the logic thread, named {@code threadName}. */
    public ExecutorButtonScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> future = executor.schedule(guarded(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Stops the thread after the task in progress; pending timers are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "button logic task failed: " + e, e);
            }
        };
    }
}
