#!/usr/bin/env bash
# The arm64 variant of the hil rig, called by rig.sh: Debian's arm64 kernel under qemu-system-aarch64 (TCG),
# with a small arm64 Debian sysroot shared as the guest's /usr and /etc (the host's x86 /usr cannot run there).
#
#   rig-arm64.sh prepare RIG                                  build $RIG/<KV>/ (KV like 6.1.0-NN-arm64) if needed
#                                                             and point $RIG/aarch64 at it
#   rig-arm64.sh qemu-command RIG RUN_DIR JAVA_HOME SHELLFLAG print the QEMU command, one argument per line
#
# $RIG/<KV>/ holds tree/ (linux-image-KV unpacked, depmod'ed; the guest modprobes vivid from it), sysroot/
# (the arm64 userland: bash, coreutils, util-linux, kmod, v4l-utils, openjdk-17 JRE, busybox), initrd.cpio.gz
# and debs/. Everything comes from Debian's arm64 packages, fetched with a private apt configuration in
# $RIG/apt-arm64 so the host's /etc/apt, package lists and dpkg architecture list stay untouched.
# Debian's arm64 kernel has neither vfb nor gpio-sim, so an arm64 guest has the camera and the bochs DRM display.
set -euo pipefail

HIL_HOST=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HIL_GUEST=$(cd "$HIL_HOST/../guest" && pwd)

say() { echo "hil: $*" >&2; }
die() { echo "hil: error: $*" >&2; exit 2; }

# Debian release and mirrors the arm64 packages come from. bookworm because the guest JRE is openjdk-17 and
# the x86 rig's kernel is bookworm's too; override for a local mirror or a proxy.
SUITE=${FRAMEREEL_HIL_ARM64_SUITE:-bookworm}
MIRROR=${FRAMEREEL_HIL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${FRAMEREEL_HIL_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# How old (in seconds) the private package index may get before prepare refreshes it. A refresh can move the
# kernel ABI, which then builds a new $RIG/<KV>/ (the old one stays usable offline).
INDEX_MAX_AGE=${FRAMEREEL_HIL_ARM64_INDEX_MAX_AGE:-86400}

# What the guest scripts run (init chroots into this /usr): bash for main.sh and setup-devices.sh; coreutils,
# grep, sed; util-linux (setpriv, dmesg, mountpoint) and mount; kmod (modprobe); libc-bin (getent);
# base-passwd (the Debian passwd/group masters, for the video group); v4l-utils (v4l2-ctl, for debugging); python3
# (the USB webcam player, hil/guest/uvc/uvc-camera.py);
# the JRE (the tests; JNA's jar carries linux-aarch64 natives); busybox-static (the initramfs's PID 1, and
# ps/vi/less for --shell); dash as /bin/sh. Their dependencies are resolved by apt.
SYSROOT_PACKAGES=(bash dash coreutils grep sed findutils util-linux mount kmod libc-bin base-passwd v4l-utils python3
    openjdk-17-jre-headless busybox-static)
GUEST_JAVA=/usr/lib/jvm/java-17-openjdk-arm64

require_tools() { # tool:package ...
    local missing=() t
    for t in "$@"; do
        command -v "${t%%:*}" >/dev/null 2>&1 || [[ " ${missing[*]} " == *" ${t#*:} "* ]] || missing+=("${t#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        die "missing host packages for the aarch64 rig: ${missing[*]} (install them with: sudo $HIL_HOST/install-packages.sh)"
    fi
}

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# ---- private apt ------------------------------------------------------------------------------------------

# apt treats arm64 as the native architecture against an empty dpkg status: dependencies then resolve to
# arm64 packages without :arm64 suffixes, and nothing the host has installed (amd64) counts as satisfying
# them, so the download is the complete closure the sysroot needs. Only sources, state, cache, log and the
# dpkg status are redirected; the host's apt.conf.d still applies (proxies, mirrors' settings).
apt_opts() {
    local a=$RIG/apt-arm64
    APT_OPTS=(-o "Dir::Etc::sourcelist=$a/sources.list" -o "Dir::Etc::sourceparts=$a/sources.list.d"
        -o "Dir::Etc::preferences=$a/preferences" -o "Dir::Etc::preferencesparts=$a/preferences.d"
        -o "Dir::State=$a/state" -o "Dir::State::status=$a/dpkg/status" -o "Dir::Cache=$a/cache"
        -o "Dir::Log=$a/log" -o APT::Architecture=arm64 -o APT::Architectures::=arm64
        -o Acquire::Languages=none -o APT::Install-Recommends=false -o APT::Install-Suggests=false)
    # As root apt hands downloads to its _apt sandbox user, who cannot write to our cache.
    [ "$(id -u)" = 0 ] && APT_OPTS+=(-o APT::Sandbox::User=root)
    return 0
}

apt_setup() {
    local a=$RIG/apt-arm64
    mkdir -p "$a/sources.list.d" "$a/preferences.d" "$a/state/lists/partial" "$a/cache/archives/partial" \
        "$a/dpkg" "$a/log"
    [ -e "$a/dpkg/status" ] || : >"$a/dpkg/status"
    local sources
    sources="deb [signed-by=$KEYRING] $MIRROR $SUITE main
deb [signed-by=$KEYRING] $MIRROR $SUITE-updates main
deb [signed-by=$KEYRING] $SECURITY_MIRROR $SUITE-security main"
    # A changed suite or mirror invalidates the index.
    if ! stamp_ok "$a/sources.list" "$sources"; then
        echo "$sources" >"$a/sources.list"
        rm -f "$a/.updated"
    fi
}

# Refreshes the index when it is missing or older than INDEX_MAX_AGE; offline, a stale index still works.
apt_update() {
    local a=$RIG/apt-arm64 now age
    now=$(date +%s)
    if [ -f "$a/.updated" ]; then
        age=$((now - $(cat "$a/.updated")))
        [ "$age" -lt "$INDEX_MAX_AGE" ] && return 0
    fi
    say "refreshing the private arm64 package index ($SUITE) in $a"
    if apt-get -q "${APT_OPTS[@]}" update >"$a/log/update.log" 2>&1 && ! grep -q '^[WE]:' "$a/log/update.log"; then
        echo "$now" >"$a/.updated"
    elif [ -f "$a/.updated" ]; then
        say "warning: the index refresh failed (see $a/log/update.log); using the index from $(date -d "@$(cat "$a/.updated")")"
    else
        cat "$a/log/update.log" >&2
        die "cannot fetch the arm64 package index from $MIRROR (log above)"
    fi
}

# The kernel ABI is the one Debian's linux-image-arm64 metapackage currently depends on. Never hard-coded:
# it moves with every kernel update. Remembered per index refresh, because reading the lists takes a second
# or two (the host's apt.conf.d may disable apt's binary cache) and prepare runs before every boot.
kernel_version_arm64() {
    local a=$RIG/apt-arm64 deps kv
    if [ -f "$a/kernel-version" ] && [ "$a/kernel-version" -nt "$a/.updated" ]; then
        cat "$a/kernel-version"
        return
    fi
    deps=$(apt-cache "${APT_OPTS[@]}" show --no-all-versions linux-image-arm64 2>/dev/null | sed -n 's/^Depends: //p') ||
        true
    kv=$(sed -n 's/.*linux-image-\([0-9][^ ,]*-arm64\).*/\1/p' <<<"$deps" | head -n1)
    [ -n "$kv" ] || die "cannot read the kernel version from linux-image-arm64's dependency: '$deps'"
    echo "$kv" | tee "$a/kernel-version"
}

# ---- preparation ------------------------------------------------------------------------------------------

unpack_kernel() { # k kv
    local k=$1 kv=$2
    mkdir -p "$k/debs/kernel"
    if ! compgen -G "$k/debs/kernel/linux-image-${kv}_*.deb" >/dev/null; then
        say "downloading linux-image-$kv (arm64)"
        (cd "$k/debs/kernel" && apt-get -q "${APT_OPTS[@]}" download "linux-image-$kv" >/dev/null) ||
            die "downloading linux-image-$kv failed (the index may be stale: rerun with FRAMEREEL_HIL_ARM64_INDEX_MAX_AGE=0)"
    fi
    say "unpacking linux-image-$kv"
    rm -rf "$k/tree"
    mkdir -p "$k/tree"
    dpkg-deb -x "$k"/debs/kernel/linux-image-"$kv"_*.deb "$k/tree"
    [ -f "$k/tree/boot/vmlinuz-$kv" ] || die "linux-image-$kv has no boot/vmlinuz-$kv"
    # modules.dep is generated at install time, which never happens here.
    depmod -b "$k/tree" "$kv"
    modprobe -d "$k/tree" -S "$kv" -n vivid >/dev/null 2>&1 || die "linux-image-$kv has no vivid module"
}

build_sysroot() { # k
    local k=$1 root=$1/sysroot.tmp
    say "downloading the arm64 sysroot packages: ${SYSROOT_PACKAGES[*]} (and their dependencies)"
    rm -rf "$k/debs/sysroot"
    mkdir -p "$k/debs/sysroot/partial"
    apt-get -q -y "${APT_OPTS[@]}" -o "Dir::Cache::archives=$k/debs/sysroot" install --download-only \
        "${SYSROOT_PACKAGES[@]}" >"$k/debs/sysroot.log" 2>&1 ||
        { cat "$k/debs/sysroot.log" >&2; die "resolving or downloading the arm64 sysroot failed (log above)"; }

    say "unpacking $(compgen -G "$k/debs/sysroot/*.deb" | wc -l) packages into the sysroot"
    rm -rf "$root"
    # Merged /usr, as on an installed bookworm system: the packages' /bin, /sbin and /lib land in /usr, which
    # together with /etc is all the guest sees (its /init links bin -> usr/bin etc.).
    mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/etc"
    ln -s usr/bin "$root/bin"
    ln -s usr/sbin "$root/sbin"
    ln -s usr/lib "$root/lib"
    local deb
    for deb in "$k"/debs/sysroot/*.deb; do
        dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$root" --keep-directory-symlink ||
            die "unpacking $deb failed"
    done

    # No maintainer scripts run, so do by hand what the guest needs from them: the users and groups (main.sh
    # looks up the video group), the name service configuration and /bin/sh.
    cp "$root/usr/share/base-passwd/passwd.master" "$root/etc/passwd"
    cp "$root/usr/share/base-passwd/group.master" "$root/etc/group"
    grep -q '^video:' "$root/etc/group" || die "base-passwd's group.master has no video group"
    [ -f "$root/usr/share/libc-bin/nsswitch.conf" ] && cp "$root/usr/share/libc-bin/nsswitch.conf" "$root/etc/"
    [ -e "$root/usr/bin/sh" ] || ln -s dash "$root/usr/bin/sh"
    # update-alternatives would have made /usr/bin/java; handy in the --shell.
    [ -e "$root/usr/bin/java" ] || ln -s "../lib/jvm/${GUEST_JAVA##*/}/bin/java" "$root/usr/bin/java"
    # Busybox applets for what the packages do not provide (ps, vi, less... in the --shell). The arm64 binary
    # cannot run here; the host's busybox, when there is one, names the same applets.
    if command -v busybox >/dev/null 2>&1; then
        local applet
        for applet in $(busybox --list); do
            [ -e "$root/usr/bin/$applet" ] || [ -e "$root/usr/sbin/$applet" ] || ln -s busybox "$root/usr/bin/$applet"
        done
    fi

    # Fail here rather than in the guest: the guest scripts' commands must all be there.
    local need
    for need in usr/bin/bash usr/bin/busybox usr/bin/setpriv usr/bin/dmesg usr/bin/getent usr/bin/mountpoint \
        usr/bin/env usr/bin/cut usr/bin/chgrp usr/bin/v4l2-ctl usr/sbin/modprobe "${GUEST_JAVA#/}/bin/java" \
        usr/lib/ld-linux-aarch64.so.1; do
        [ -e "$root/$need" ] || [ -L "$root/$need" ] || die "the arm64 sysroot has no /$need"
    done
    file -L "$root/usr/bin/busybox" 2>/dev/null | grep -q 'dynamically linked' &&
        die "the sysroot's busybox is dynamically linked; the initramfs needs busybox-static"
    rm -rf "$k/sysroot"
    mv "$root" "$k/sysroot"
}

prepare() {
    RIG=$1
    require_tools qemu-system-aarch64:qemu-system-arm apt-get:apt apt-cache:apt dpkg-deb:dpkg tar:tar \
        depmod:kmod modprobe:kmod cpio:cpio gzip:gzip xz:xz-utils zstd:zstd
    [ -f "$KEYRING" ] || die "$KEYRING is missing (install debian-archive-keyring)"
    local t0 kv k sum
    t0=$(date +%s)
    mkdir -p "$RIG"
    apt_opts
    apt_setup
    apt_update
    kv=$(kernel_version_arm64)
    k="$RIG/$kv"
    mkdir -p "$k"

    if ! stamp_ok "$k/.kernel" "$kv"; then
        unpack_kernel "$k" "$kv"
        echo "$kv" >"$k/.kernel"
    fi

    # Rebuilt when the package list or the way it is built changes.
    sum=$( { declare -p SYSROOT_PACKAGES; declare -f build_sysroot; } | sha256sum | cut -c1-16)
    if ! stamp_ok "$k/.sysroot" "$sum"; then
        build_sysroot "$k"
        echo "$sum" >"$k/.sysroot"
        rm -f "$k/.initrd"   # its busybox comes from the sysroot
    fi

    sum=$(cat "$HIL_HOST/mk-initramfs.sh" "$HIL_GUEST/init" "$k/sysroot/usr/bin/busybox" | sha256sum | cut -c1-16)
    if ! stamp_ok "$k/.initrd" "$sum"; then
        say "building the arm64 initramfs"
        "$HIL_HOST/mk-initramfs.sh" "$k/tree" "$kv" "$HIL_GUEST/init" "$k/sysroot/usr/bin/busybox" "$k/initrd.cpio.gz"
        echo "$sum" >"$k/.initrd"
    fi
    ln -sfn "$kv" "$RIG/aarch64"
    say "aarch64 rig ready in $RIG/aarch64 ($(($(date +%s) - t0)) s)"
}

# ---- the QEMU command -------------------------------------------------------------------------------------

# One argument per line: rig.sh reads them with mapfile, because the -append value contains spaces.
qemu_command() {
    local rig=$1 run_dir=$2 java_home=$3 shell=$4
    require_tools qemu-system-aarch64:qemu-system-arm
    [ -L "$rig/aarch64" ] || die "the aarch64 rig is not prepared (rig.sh prepare aarch64)"
    local k kv
    k=$(readlink -f "$rig/aarch64")
    kv=${k##*/}
    [ -f "$k/.initrd" ] && [ -f "$k/tree/boot/vmlinuz-$kv" ] || die "the aarch64 rig in $k is incomplete (rig.sh prepare aarch64)"
    # The guest's /usr is the arm64 sysroot, so the host's (x86) JAVA_HOME means nothing there; a JDK that the
    # sysroot does have (by the same path) is honoured, anything else gets the sysroot's JRE.
    if [ ! -x "$k/sysroot$java_home/bin/java" ]; then
        [ -x "$k/sysroot$GUEST_JAVA/bin/java" ] || die "the arm64 sysroot has no $GUEST_JAVA (rig.sh prepare aarch64)"
        [ "$java_home" = "$GUEST_JAVA" ] || say "the aarch64 guest runs the sysroot's $GUEST_JAVA (not $java_home)"
        java_home=$GUEST_JAVA
    fi
    local args=(qemu-system-aarch64 -M virt -accel tcg,thread=multi
        # cortex-a72 is close to a Raspberry Pi 4; plain "max" emulates pointer authentication, 2-4x slower.
        -cpu cortex-a72 -smp "${FRAMEREEL_HIL_SMP:-2}" -m "${FRAMEREEL_HIL_MEM:-2048}"
        -nodefaults -no-user-config -display none -serial stdio -monitor none -no-reboot
        -kernel "$k/tree/boot/vmlinuz-$kv" -initrd "$k/initrd.cpio.gz"
        -append "console=ttyAMA0 quiet loglevel=3 panic=-1 hil.rig=$k hil.run=$run_dir hil.java=$java_home${shell:+ $shell}")
    # The same 9p shares as the x86 guest gets, with the sysroot in place of the host's /usr and /etc.
    share() { # tag path ro|rw
        local ro=""
        [ "$3" = ro ] && ro=",readonly=on"
        args+=(-fsdev "local,id=fs_$1,path=$2,security_model=none,multidevs=remap$ro"
            -device "virtio-9p-pci,fsdev=fs_$1,mount_tag=$1")
    }
    # The DRM display, as in the x86 guest: QEMU's bochs-display on the virt machine's PCIe, run by the arm64
    # kernel's own bochs module (Debian builds it for arm64 too, unlike vfb).
    args+=(-device bochs-display)
    share usr "$k/sysroot/usr" ro
    share etc "$k/sysroot/etc" ro
    share rig "$k" ro
    share run "$run_dir" rw
    printf '%s\n' "${args[@]}"
}

case "${1:-}" in
    prepare) [ $# = 2 ] || die "usage: rig-arm64.sh prepare RIG"; prepare "$2" ;;
    qemu-command) [ $# = 5 ] || die "usage: rig-arm64.sh qemu-command RIG RUN_DIR JAVA_HOME SHELLFLAG"; shift; qemu_command "$@" ;;
    *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
