package io.framereel.capture.daemon;

import io.framereel.device.systemd.SdNotify;
import io.framereel.device.systemd.Watchdog;

/**
 * {@link ServiceNotifier} over systemd's notify socket ({@code device.systemd}). Outside systemd (no
 * {@code NOTIFY_SOCKET}) every call does nothing. A failed send is logged by {@link SdNotify} and otherwise
 * ignored: losing the service manager must not stop a recording. Thread-safe.
 */
public final class SystemdNotifier implements ServiceNotifier {
    private static final System.Logger LOG = System.getLogger(SystemdNotifier.class.getName());

    private final SdNotify notify;
    private final Watchdog watchdog;

    SystemdNotifier(SdNotify notify, Watchdog watchdog) {
        this.notify = notify;
        this.watchdog = watchdog;
    }

    /** From this process's environment; logs what systemd asked for. */
    public static ServiceNotifier fromEnvironment() {
        SdNotify n = SdNotify.fromEnvironment();
        Watchdog w = Watchdog.fromEnvironment();
        if (n.isEnabled()) {
            LOG.log(System.Logger.Level.INFO, "systemd notify socket " + n + "; watchdog " + w.describe());
        }
        return new SystemdNotifier(n, w);
    }

    @Override
    public void ready() {
        notify.ready();
    }

    @Override
    public void status(String text) {
        notify.status(text.replace('\n', ' '));
    }

    @Override
    public void watchdog() {
        if (watchdog.isEnabled()) {
            notify.watchdog();
        }
    }

    @Override
    public void stopping() {
        notify.stopping();
    }

    @Override
    public long watchdogPeriodNanos() {
        return watchdog.isEnabled() ? watchdog.pingPeriod().toNanos() : 0;
    }
}
