package io.framereel.storage;

/** A clock tests advance by hand; sleeping just moves time forward and records how long it slept. */
public final class ManualClock implements MonotonicClock {
    private long now;
    private long sleptNanos;
    private int sleeps;

    public ManualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        if (deadlineNanos > now) {
            sleptNanos += deadlineNanos - now;
            sleeps++;
            now = deadlineNanos;
        }
    }

    public void advanceMillis(long ms) {
        now += ms * 1_000_000L;
    }

    public void advanceNanos(long nanos) {
        now += nanos;
    }

    public long sleptNanos() {
        return sleptNanos;
    }

    public int sleeps() {
        return sleeps;
    }
}
