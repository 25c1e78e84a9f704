#!/bin/bash
# The systemd boot run's preparation (rig.sh run --systemd DEB), as root in the chroot that init hands to systemd
# when this script succeeds: the root is a tmpfs with writable overlays over the host's /usr and /etc
# (hil/guest/init, hil.systemd=1). Loads the drivers, unpacks the framereel .deb into the root as dpkg would
# (what ships is what runs), points the packaged configuration at the rig's devices, and installs the boot
# target that starts framereel.service and the checker (systemd-check.sh), which writes out/result and powers
# the guest off. Leaves out/result only on failure: then init powers off without booting systemd.
set -euo pipefail
OUT=$HIL_RUN/out
mark() { echo "HIL-MARK $* uptime=$(cut -d' ' -f1 /proc/uptime)"; }
fail() { echo "HIL: systemd boot preparation: $*" >&2; exit 1; }
on_exit() {
    local rc=$?
    [ $rc = 0 ] || { echo 1 >"$OUT/result"; dmesg >"$OUT/dmesg.txt" 2>&1; }
}
trap on_exit EXIT

deb=$HIL_RUN/framereel.deb
[ -f "$deb" ] || fail "no package at $deb"

# sysusers must create user and group framereel (and group gpio) at boot, as on a fresh install: the host's
# /etc must not lend them. Group video comes from base-passwd and is kept.
for f in /etc/passwd /etc/group /etc/shadow /etc/gshadow; do
    [ -f "$f" ] && sed -i -E '/^(framereel|gpio):/d' "$f"
done
getent passwd framereel >/dev/null && fail "/etc still has a framereel user"

# Drivers before systemd, as a board's built-in devices are there before udev's coldplug: the nodes stay
# 0600 root until systemd-udevd applies the rules (50-udev-default.rules and the packaged 60-framereel.rules).
export HIL_GPIO_LABEL=hil-sim HIL_NODES_BY=udev HIL_VIDEO_GID=video HIL_GPIO_GID=root HIL_SIM_GID=root
"$HIL_RUN/guest/setup-devices.sh" || fail "device setup failed"
{
    echo "HIL_RUN=$HIL_RUN"
    echo "HIL_JAVA=$HIL_JAVA"
} >>/run/hil.env
# shellcheck disable=SC1091
. /run/hil.env
stat -c '%n %a %U:%G' "$HIL_VIDEO" "$HIL_GPIOCHIP" "$HIL_FB" >"$OUT/nodes-before-udev.txt"
mark devices-ready

# The package, unpacked as dpkg unpacks it; the maintainer scripts' work (sysusers, tmpfiles, udev reload) is
# what the boot does anyway, so the run checks that the boot alone makes a working system.
dpkg-deb -x "$deb" /
if [ ! -x /usr/bin/framereel ] || [ ! -f /usr/lib/systemd/system/framereel.service ]; then
    fail "$deb did not install the launcher and units"
fi
dpkg-deb -f "$deb" Version >"$OUT/package-version.txt"

# The packaged configuration with the rig's devices, edited the way an administrator would. A small frame size
# (one vivid offers) and few live frames keep the single-threaded TCG guest responsive; the store's free-space
# minimum fits the guest's 768 MiB root.
conf=/etc/framereel/framereel.conf
set_key() {
    grep -qE "^$1 =" "$conf" || fail "$conf has no key $1"
    sed -i -E "s|^$1 =.*|$1 = $2|" "$conf"
}
set_key camera.device vivid
set_key camera.format YUYV
set_key camera.size 320x180
set_key camera.fps 5
set_key store.min-free 16M
set_key trigger.pre 1s
set_key gpio.chip hil-sim
set_key gpio.start start
set_key gpio.active-low false
# The checks press for 0.3 s; on a loaded TCG host the release can come after the default 800 ms and turn the press
# into a long press (a snapshot). Long presses are the hil tests' business, not the packaged units'.
set_key gpio.long-press 5s
set_key display.target shm:hil
set_key display.fps 1
cp "$conf" "$OUT/framereel.conf"
# Two allowances for TCG, where a JVM starts 20 to 50 times slower than on a Pi, both made the way an
# administrator would and neither touching the sandbox: the unit's own JVM options plus C1 only (C2's
# compilations would take the guest's whole CPU for minutes), and a longer start timeout than systemd's 90 s.
opts=$(sed -n 's/^Environment="FRAMEREEL_JAVA_OPTS=\(.*\)"$/\1/p' /usr/lib/systemd/system/framereel.service)
[ -n "$opts" ] || fail "framereel.service sets no FRAMEREEL_JAVA_OPTS"
echo "FRAMEREEL_JAVA_OPTS=$opts -XX:TieredStopAtLevel=1" >/etc/default/framereel
mkdir -p /etc/systemd/system/framereel.service.d
printf '[Service]\nTimeoutStartSec=300s\n' >/etc/systemd/system/framereel.service.d/hil-tcg.conf
# The launcher runs `java` from PATH: the host's alternative, which its /etc points at.
java_found=$(readlink -f "$(command -v java)") || fail "no java on PATH for /usr/bin/framereel"
echo "$java_found" >"$OUT/java.txt"

# A machine ID of its own, so this is not a first boot (which would apply presets to every unit).
tr -d - </proc/sys/kernel/random/uuid >/etc/machine-id
# Units of the host's that make no sense in the guest, or only cost boot time under TCG.
for u in systemd-timesyncd.service systemd-pstore.service systemd-firstboot.service systemd-repart.service \
    systemd-binfmt.service proc-sys-fs-binfmt_misc.automount systemd-hwdb-update.service ldconfig.service \
    systemd-modules-load.service \
    systemd-journal-catalog-update.service getty@tty1.service serial-getty@ttyS0.service; do
    ln -sf /dev/null "/etc/systemd/system/$u"
done
install -m 0644 "$HIL_RUN"/guest/systemd/framereel-hil.target "$HIL_RUN"/guest/systemd/framereel-hil-check.service \
    /etc/systemd/system/
install -m 0755 "$HIL_RUN/guest/systemd-check.sh" /usr/local/sbin/framereel-hil-check
mark systemd-root-ready
