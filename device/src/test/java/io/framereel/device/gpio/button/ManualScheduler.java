package io.framereel.device.gpio.button;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link ButtonScheduler} driven by hand: time moves only in {@link #advance(Duration)}, tasks run on the
 * calling thread, timers fire in due order with the clock set to their due time. Test helper; not thread-safe.
 */
final class ManualScheduler implements ButtonScheduler {

    private static final class Timer {
        final long dueNanos;
        final long order;
        final Runnable task;
        boolean cancelled;

        Timer(long dueNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.task = task;
        }
    }

    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.<Timer>comparingLong(t -> t.dueNanos).thenComparingLong(t -> t.order));
    private long now = 1_000_000_000L; // arbitrary non-zero origin, like a real monotonic clock
    private long order;
    private boolean draining;

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        ready.add(task);
        drain();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Timer timer = new Timer(now + Math.max(0, delayNanos), order++, task);
        timers.add(timer);
        drain();
        return () -> timer.cancelled = true;
    }

    /** Moves the clock forward, running every task that falls due on the way. */
    void advance(Duration duration) {
        long target = now + duration.toNanos();
        while (!timers.isEmpty() && timers.peek().dueNanos <= target) {
            Timer next = timers.poll();
            now = Math.max(now, next.dueNanos);
            if (!next.cancelled) {
                ready.add(next.task);
                drain();
            }
        }
        now = target;
    }

    /** Timers not yet run or cancelled. */
    long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled).count();
    }

    private void drain() {
        if (draining) {
            return; // a task submitted from a task runs after it, as on a real single thread
        }
        draining = true;
        try {
            while (true) {
                Runnable task = ready.poll();
                if (task == null) {
                    Timer due = timers.peek();
                    if (due == null || due.dueNanos > now) {
                        return;
                    }
                    timers.poll();
                    if (!due.cancelled) {
                        due.task.run();
                    }
                    continue;
                }
                task.run();
            }
        } finally {
            draining = false;
        }
    }
}
