package io.framereel.device.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Scope: Watchdog's reading of WATCHDOG_USEC and WATCHDOG_PID, as sd_watchdog_enabled(3) reads them.
class WatchdogTest {

    private static final long OWN_PID = 4242;

    private static Watchdog of(Map<String, String> env) {
        return Watchdog.fromEnvironment(env, OWN_PID);
    }

    @Test
    void aPositiveIntervalEnablesItAndThePingPeriodIsHalf() {
        Watchdog w = of(Map.of(Watchdog.WATCHDOG_USEC, "10000000"));
        assertTrue(w.isEnabled());
        assertEquals(Duration.ofSeconds(10), w.interval());
        assertEquals(Duration.ofSeconds(5), w.pingPeriod());
        assertEquals("watchdog every 10000 ms (WATCHDOG_USEC=10000000), ping every 5000 ms", w.describe());
    }

    @Test
    void microsecondsAreKeptAndAnOddIntervalIsHalvedExactly() {
        Watchdog w = of(Map.of(Watchdog.WATCHDOG_USEC, "3"));
        assertEquals(Duration.ofNanos(3_000), w.interval());
        assertEquals(Duration.ofNanos(1_500), w.pingPeriod());
    }

    @Test
    void ourOwnPidKeepsItEnabled() {
        Watchdog w = of(Map.of(Watchdog.WATCHDOG_USEC, "2000000", Watchdog.WATCHDOG_PID, Long.toString(OWN_PID)));
        assertTrue(w.isEnabled());
        assertEquals(Duration.ofSeconds(1), w.pingPeriod());
    }

    @Test
    void theRealProcessIdIsUsedByDefault() {
        String pid = Long.toString(ProcessHandle.current().pid());
        assertTrue(Watchdog.fromEnvironment(Map.of(Watchdog.WATCHDOG_USEC, "1000000", Watchdog.WATCHDOG_PID, pid))
                .isEnabled());
    }

    @Test
    void anotherProcessesPidDisablesItAndSaysWhy() {
        Watchdog w = of(Map.of(Watchdog.WATCHDOG_USEC, "10000000", Watchdog.WATCHDOG_PID, "17"));
        assertFalse(w.isEnabled());
        assertEquals(Duration.ZERO, w.interval());
        assertEquals(Duration.ZERO, w.pingPeriod());
        assertTrue(w.describe().startsWith("WATCHDOG_PID=17 is not this process (pid 4242)"), w.describe());
        assertTrue(w.describe().contains("exec"), w.describe());
    }

    @Test
    void unsetMeansNoWatchdogEvenWithAPid() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(Watchdog.WATCHDOG_PID, "4242"))) {
            Watchdog w = of(env);
            assertFalse(w.isEnabled());
            assertEquals("WATCHDOG_USEC is not set: no watchdog", w.describe());
        }
        assertFalse(Watchdog.disabled().isEnabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "", "ten", "-5000000", "+5000000", " 5000000", "5000000 ", "5e6", "1.5",
        "99999999999999999999", "9223372036854775808"})
    void anIntervalThatIsNotAPositiveNumberDisablesItNamingTheValue(String usec) {
        Watchdog w = of(Map.of(Watchdog.WATCHDOG_USEC, usec));
        assertFalse(w.isEnabled());
        assertEquals(Duration.ZERO, w.pingPeriod());
        assertEquals("WATCHDOG_USEC=" + usec + " is not a positive number of microseconds: watchdog off",
                w.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "abc", "-4242", "4242x"})
    void aPidThatIsNotAProcessIdDisablesItNamingTheValue(String pid) {
        Watchdog w = of(Map.of(Watchdog.WATCHDOG_USEC, "10000000", Watchdog.WATCHDOG_PID, pid));
        assertFalse(w.isEnabled());
        assertEquals("WATCHDOG_PID=" + pid + " is not a process id: watchdog off", w.describe());
    }

    @Test
    void theLargestIntervalStillParses() {
        Watchdog w = of(Map.of(Watchdog.WATCHDOG_USEC, Long.toString(Long.MAX_VALUE)));
        assertTrue(w.isEnabled());
        assertEquals(Duration.of(Long.MAX_VALUE, ChronoUnit.MICROS), w.interval());
    }
}
