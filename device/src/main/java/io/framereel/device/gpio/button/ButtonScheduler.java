package io.framereel.device.gpio.button;

/**
 * The one thread and the one monotonic clock the button logic runs on: input callbacks are handed over with
 * {@link #execute(Runnable)}, timers (debounce, long press, LED blink) with {@link #schedule(Runnable, long)}, so
 * the state machines need no locks. Tests drive a manual implementation by hand instead of sleeping.
 *
 * <p>Implementations are thread-safe; the tasks they run are confined to the logic thread.
 */
public interface ButtonScheduler {

    /** Monotonic nanoseconds; on Linux the clock of kernel GPIO event timestamps and of System.nanoTime(). */
    long nanos();

    /** Runs {@code task} on the logic thread, soon, in submission order. */
    void execute(Runnable task);

    /** Runs {@code task} on the logic thread once {@code delayNanos} have passed (at once if not positive). */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        /** Prevents the task from running if it has not started; harmless if it already ran. */
        void cancel();
    }

    /** A cancellable that does nothing, for "no timer pending". */
    Cancellable NOT_SCHEDULED = () -> {
    };
}
