/**
 * The systemd service protocol without libsystemd: {@link io.framereel.device.systemd.SdNotify} sends
 * {@code sd_notify(3)} messages (READY, STATUS, STOPPING, RELOADING, WATCHDOG, ERRNO) to {@code NOTIFY_SOCKET},
 * and {@link io.framereel.device.systemd.Watchdog} reads {@code WATCHDOG_USEC}/{@code WATCHDOG_PID}. Both are
 * built from an environment map and turn into no-ops outside systemd.
 *
 * <p>The JDK cannot open a UNIX datagram socket (JEP 380 covers stream sockets only), so socket(2) and sendto(2)
 * are called through JNA ({@code LibC}, package-private) with a {@code struct sockaddr_un} built by hand
 * ({@code SockaddrUn}), whose layout and the constants used are pinned for x86_64, aarch64 and armhf by a table
 * generated from the C headers ({@code device/src/test/c/gen-layouts.sh systemd}). Public types here expose no JNA
 * type.
 */
package io.framereel.device.systemd;
