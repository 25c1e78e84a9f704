package io.framereel.device.gpio.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

// Scope: the production scheduler runs tasks in order on one named thread and survives a failing task.
class ExecutorButtonSchedulerTest {

    @Test
    void tasksRunInSubmissionOrderOnOneThreadAndAFailureDoesNotStopLaterTasks() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (ExecutorButtonScheduler scheduler = new ExecutorButtonScheduler("buttons-test")) {
            scheduler.execute(() -> seen.add("1:" + Thread.currentThread().getName()));
            scheduler.execute(() -> {
                throw new IllegalStateException("deliberate failure in a button task");
            });
            scheduler.execute(() -> seen.add("2:" + Thread.currentThread().getName()));
            scheduler.schedule(() -> {
                seen.add("timer:" + Thread.currentThread().getName());
                done.countDown();
            }, 0);
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("1:buttons-test", "2:buttons-test", "timer:buttons-test"), seen);
    }

    @Test
    void aCancelledTimerDoesNotRun() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (ExecutorButtonScheduler scheduler = new ExecutorButtonScheduler("buttons-test")) {
            ButtonScheduler.Cancellable cancelled = scheduler.schedule(() -> seen.add("cancelled"),
                    TimeUnit.MILLISECONDS.toNanos(50));
            cancelled.cancel();
            scheduler.schedule(() -> {
                seen.add("kept");
                done.countDown();
            }, TimeUnit.MILLISECONDS.toNanos(100));
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("kept"), seen);
    }
}
