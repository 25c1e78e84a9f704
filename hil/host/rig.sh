#!/usr/bin/env bash
# The hardware-in-the-loop rig: a stock Debian kernel in QEMU with the real vivid (camera), gpio-sim (buttons),
# vfb (framebuffer) and bochs (DRM/KMS display, on QEMU's bochs-display) drivers, running the host's own JDK over 9p. See docs/testing.md.
#
#   rig.sh prepare [x86_64|aarch64]      build the cached rig (kernel, modules, gpio-sim, initramfs) if needed
#   rig.sh run --run-dir DIR [options]   boot once, run DIR/guest/main.sh inside, power off, check the outcome
#       --arch x86_64|aarch64   guest architecture (default x86_64)
#       --timeout SECONDS       hard limit for the whole boot cycle (default 1200)
#       --java-home DIR         JDK the guest runs (default: $JAVA_HOME, else the host's default java)
#       --tests REGEX           run only the hil test classes whose names match (default: all)
#       --guest-script FILE     run FILE in the guest instead of guest/main.sh (used by selftest)
#       --systemd DEB           boot systemd as PID 1 with the package DEB (or the one framereel_*_all.deb in a
#                               directory) unpacked, and check its units (guest/systemd-boot.sh, x86_64 only)
#       --classpath-from DIR    copy the staged classpath from another run directory
#       --disk IMAGE            attach a raw disk image as the guest's /dev/vda (power-cut runs)
#       --shell                 open a shell on the console after the script (interactive debugging)
#   rig.sh selftest                      check that a hung guest, a kernel panic and a crashed guest script
#                                        each fail the run with a clear message (never a silent pass)
#   rig.sh cache-dir                     print where the rig is cached
#
# The cache lives outside the source tree ($FRAMEREEL_HIL_CACHE, default ~/.cache/framereel-hil) so that
# `mvn clean` does not throw away the kernel; everything in it comes from Debian's packages at build time.
set -euo pipefail

HIL_HOST=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HIL_GUEST=$(cd "$HIL_HOST/../guest" && pwd)
RIG=${FRAMEREEL_HIL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/framereel-hil}

say() { echo "hil: $*" >&2; }
die() { echo "hil: error: $*" >&2; exit 2; }

# ---- host checks -------------------------------------------------------------------------------------------

require_tools() { # tool:package ...
    local missing=() t
    for t in "$@"; do
        command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        die "missing host packages: ${missing[*]} (install them with: sudo $HIL_HOST/install-packages.sh)"
    fi
}

# The kernel ABI to use is the one Debian's linux-headers-amd64 currently points at, so headers (for the
# out-of-tree gpio-sim build) and the downloaded image always match. Never hard-coded: it moves with updates.
kernel_version_amd64() {
    local deps
    deps=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) ||
        die "linux-headers-amd64 is not installed (sudo $HIL_HOST/install-packages.sh)"
    local kv
    kv=$(sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p' <<<"$deps")
    [ -n "$kv" ] || die "cannot read the kernel version from linux-headers-amd64's dependency: '$deps'"
    [ -d "/usr/src/linux-headers-$kv" ] || die "/usr/src/linux-headers-$kv is missing (reinstall linux-headers-$kv)"
    echo "$kv"
}

# ---- preparation ------------------------------------------------------------------------------------------

download() { # dir package[:arch]...   apt-get download into dir, once
    local dir=$1; shift
    mkdir -p "$dir"
    local p
    for p in "$@"; do
        local name=${p%%:*}
        if ! compgen -G "$dir/${name}_*.deb" >/dev/null; then
            say "downloading $p"
            # As root apt would hand the download to its _apt sandbox user, who cannot write to our cache.
            local sandbox=()
            [ "$(id -u)" = 0 ] && sandbox=(-o APT::Sandbox::User=root)
            (cd "$dir" && apt-get download -q "${sandbox[@]}" "$p" >/dev/null) || die "apt-get download $p failed (is 'apt-get update' current?)"
        fi
    done
}

# Stamps make every step idempotent: a step reruns only when its inputs (named by the stamp) change.
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

initrd_x86() { # kernel dir: the path of this checkout's initramfs in it
    echo "$1/initrd-$(cat "$HIL_HOST/mk-initramfs.sh" "$HIL_GUEST/init" | sha256sum | cut -c1-16).cpio.gz"
}

prepare_x86_64() {
    require_tools qemu-system-x86_64:qemu-system-x86 busybox:busybox-static cpio:cpio gzip:gzip \
        depmod:kmod modprobe:kmod xz:xz-utils zstd:zstd make:make gcc:gcc dpkg-deb:dpkg apt-get:apt \
        v4l2-ctl:v4l-utils gpioinfo:gpiod fbset:fbset setpriv:util-linux
    [ -e /usr/lib/ld-linux-x86-64.so.2 ] || [ -e /lib64/ld-linux-x86-64.so.2 ] || die "not an x86_64 Debian host"
    local kv t0 k
    kv=$(kernel_version_amd64)
    k="$RIG/$kv"
    t0=$(date +%s)
    mkdir -p "$k"

    if ! stamp_ok "$k/.unpacked" "$kv"; then
        download "$k/debs" "linux-image-$kv" linux-source-6.1
        say "unpacking linux-image-$kv and the few gpio-sim sources from linux-source-6.1"
        rm -rf "$k/tree" "$k/src"
        mkdir -p "$k/tree" "$k/src"
        dpkg-deb -x "$k"/debs/linux-image-"$kv"_*.deb "$k/tree"
        dpkg-deb --fsys-tarfile "$k"/debs/linux-source-6.1_*.deb |
            tar -x -C "$k/src" --wildcards '*/linux-source-6.1.tar.xz'
        tar -C "$k/src" -xJf "$k/src/usr/src/linux-source-6.1.tar.xz" \
            linux-source-6.1/drivers/gpio/gpio-sim.c linux-source-6.1/drivers/gpio/gpiolib.h \
            linux-source-6.1/kernel/irq/irq_sim.c linux-source-6.1/scripts/extract-vmlinux
        rm -f "$k/src/usr/src/linux-source-6.1.tar.xz"
        echo "$kv" >"$k/.unpacked"
    fi

    # gpio-sim (plus the irq_sim it needs, also not built by Debian) as one out-of-tree module.
    if ! stamp_ok "$k/.gpio-sim" "$kv"; then
        say "building gpio-sim.ko out of tree against linux-headers-$kv"
        local b="$k/gpio-sim-build" s="$k/src/linux-source-6.1"
        rm -rf "$b"; mkdir -p "$b"
        cp "$s/drivers/gpio/gpio-sim.c" "$b/gpio-sim-core.c"
        cp "$s/drivers/gpio/gpiolib.h" "$s/kernel/irq/irq_sim.c" "$b/"
        # irq_to_desc() is not exported to modules; generic_handle_irq() does the same for a simple irq.
        sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' "$b/irq_sim.c"
        grep -q 'generic_handle_irq(irqnum);' "$b/irq_sim.c" || die "irq_sim.c changed upstream: the export patch no longer applies"
        printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-core.o irq_sim.o\n' >"$b/Kbuild"
        make -s -C "/usr/src/linux-headers-$kv" M="$b" modules >"$b/build.log" 2>&1 ||
            { cat "$b/build.log" >&2; die "gpio-sim module build failed (log above)"; }
        mkdir -p "$k/tree/lib/modules/$kv/updates"
        cp "$b/gpio-sim.ko" "$k/tree/lib/modules/$kv/updates/"
        depmod -b "$k/tree" "$kv"
        echo "$kv" >"$k/.gpio-sim"
    fi

    # QEMU enters an uncompressed vmlinux through PVH, about 3 s faster per boot under TCG than the bzImage.
    if ! stamp_ok "$k/.vmlinux" "$kv"; then
        say "extracting the uncompressed vmlinux (PVH entry)"
        sh "$k/src/linux-source-6.1/scripts/extract-vmlinux" "$k/tree/boot/vmlinuz-$kv" >"$k/vmlinux.tmp" ||
            die "extract-vmlinux failed on $k/tree/boot/vmlinuz-$kv"
        mv "$k/vmlinux.tmp" "$k/vmlinux"
        echo "$kv" >"$k/.vmlinux"
    fi

    # One initramfs per version of init and mk-initramfs.sh: the cache is shared by every checkout on the machine,
    # and a guest must boot the init of its own checkout even while another one's rig is being prepared.
    local initrd
    initrd=$(initrd_x86 "$k")
    if [ ! -f "$initrd" ]; then
        say "building the initramfs"
        "$HIL_HOST/mk-initramfs.sh" "$k/tree" "$kv" "$HIL_GUEST/init" /bin/busybox "$initrd"
    fi
    ln -sfn "$kv" "$RIG/x86_64"
    say "x86_64 rig ready in $RIG/x86_64 ($(($(date +%s) - t0)) s)"
}

prepare() {
    case "${1:-x86_64}" in
        x86_64) prepare_x86_64 ;;
        aarch64) "$HIL_HOST/rig-arm64.sh" prepare "$RIG" ;;
        *) die "unknown architecture '$1' (x86_64 or aarch64)" ;;
    esac
}

# ---- one boot cycle ---------------------------------------------------------------------------------------

# A real KVM is used when one works; the build machines' /dev/kvm is a PVM device that cannot run stock
# kernels (it accepts KVM_CREATE_VM, then crawls and fails), so the CPU must also advertise vmx or svm.
accel_x86() {
    if [ "${FRAMEREEL_HIL_ACCEL:-auto}" = tcg ]; then echo tcg; return; fi
    if [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo && ! grep -qw kvm_pvm /proc/modules 2>/dev/null; then
        echo kvm
    else
        echo tcg
    fi
}

fs_share() { # tag path ro|rw
    local ro=""
    [ "$3" = ro ] && ro=",readonly=on"
    echo "-fsdev local,id=fs_$1,path=$2,security_model=none,multidevs=remap$ro -device virtio-9p-pci,fsdev=fs_$1,mount_tag=$1"
}

run() {
    local arch=x86_64 timeout=1200 run_dir="" java_home=${JAVA_HOME:-} shell="" tests=".*" guest_script="" classpath_from=""
    local deb="" systemd_args="" disk=""
    while [ $# -gt 0 ]; do
        case "$1" in
            --arch) arch=$2; shift 2 ;;
            --timeout) timeout=$2; shift 2 ;;
            --run-dir) run_dir=$2; shift 2 ;;
            --java-home) java_home=$2; shift 2 ;;
            --shell) shell="hil.shell=1"; shift ;;
            --tests) tests=$2; shift 2 ;;
            --guest-script) guest_script=$2; shift 2 ;;
            --classpath-from) classpath_from=$2; shift 2 ;;
            --systemd) deb=$2; shift 2 ;;
            --disk) disk=$2; shift 2 ;;
            *) die "unknown option '$1'" ;;
        esac
    done
    [ -n "$run_dir" ] || die "--run-dir is required"
    mkdir -p "$run_dir"
    run_dir=$(cd "$run_dir" && pwd)
    case "$run_dir" in *[[:space:]]*) die "the run directory must not contain spaces: $run_dir" ;; esac
    if [ -z "$java_home" ]; then
        java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    fi
    java_home=$(readlink -f "$java_home")
    case "$java_home" in /usr/*) ;; *) die "the guest sees only the host's /usr: JDK $java_home is outside it" ;; esac

    prepare "$arch"
    rm -rf "$run_dir/guest" "$run_dir/out"
    mkdir -p "$run_dir/out"
    cp -r "$HIL_GUEST" "$run_dir/guest"
    if [ -n "$classpath_from" ]; then
        # The guest sees only the run directory, so a second run (another architecture) gets its own copy.
        [ -d "$classpath_from/classpath" ] || die "no staged classpath in $classpath_from"
        rm -rf "$run_dir/classpath"
        cp -r "$classpath_from/classpath" "$run_dir/classpath"
    fi
    if [ -n "$deb" ]; then
        [ "$arch" = x86_64 ] || die "--systemd needs the x86_64 guest (the arm64 sysroot has no systemd)"
        [ -x /usr/lib/systemd/systemd ] && [ -e /usr/lib/systemd/systemd-udevd ] ||
            die "--systemd boots the host's systemd and udevd: install them (sudo $HIL_HOST/install-packages.sh)"
        if [ -d "$deb" ]; then
            local debs=("$deb"/framereel_*_all.deb)
            [ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || die "expected one framereel_*_all.deb in $deb (./mvnw -pl systemd -am package)"
            deb=${debs[0]}
        fi
        [ -f "$deb" ] || die "no package $deb"
        cp "$deb" "$run_dir/framereel.deb"
        guest_script=${guest_script:-$HIL_GUEST/systemd-boot.sh}
        # init hands over to systemd (hil.systemd); systemd boots straight to the run's own target and shows each
        # unit it starts on the console log.
        systemd_args="hil.systemd=1 systemd.unit=framereel-hil.target systemd.show_status=1 systemd.log_color=0"
    fi
    [ -z "$guest_script" ] || install -m 0755 "$guest_script" "$run_dir/guest/main.sh"
    echo "$tests" >"$run_dir/include-classname"

    local log="$run_dir/console.log" accel qemu_cmd=()
    if [ "$arch" = x86_64 ]; then
        local k="$RIG/x86_64"
        accel=$(accel_x86)
        # One host thread for all vCPUs (thread=single): with multi-threaded TCG, QEMU 7.2 let JIT-compiled Java
        # crash in the pixel-heavy capture tests (SIGSEGV in trivial C1-compiled methods, 4 runs of 4), which
        # points at C1's patching of code another vCPU is running; with thread=single, none in our runs. It is
        # slower, so FRAMEREEL_HIL_TCG=thread=multi stays available for experiments. AVX is hidden as well,
        # keeping the JIT off QEMU 7.2's new AVX emulation (not shown to matter; measured this way).
        local accel_arg="tcg,${FRAMEREEL_HIL_TCG:-thread=single}" cpu=${FRAMEREEL_HIL_CPU:-max,-avx,-avx2,-fma,-f16c,-avx512f}
        if [ "$accel" = kvm ]; then accel_arg=kvm; cpu=host,-arch-capabilities; fi
        # FRAMEREEL_HIL_ICOUNT (e.g. shift=0,sleep=off) runs the guest clock off the count of executed guest
        # instructions (2^shift ns each) instead of the host's clock: the guest's CPU times become instruction
        # counts, unmoved by what else the host does or by QEMU's translation work. For benchmarks (docs/benchmarks.md).
        local icount=()
        if [ -n "${FRAMEREEL_HIL_ICOUNT:-}" ]; then
            [ "$accel" = tcg ] || die "FRAMEREEL_HIL_ICOUNT needs TCG (FRAMEREEL_HIL_ACCEL=tcg)"
            icount=(-icount "$FRAMEREEL_HIL_ICOUNT")
        fi
        # A display for the DRM tests: bochs-display is a plain PCI framebuffer that the stock kernel's bochs DRM
        # driver runs (dumb buffers, page flips with events, an always-connected "Virtual-1" connector). It needs
        # no -display: the guest draws, nobody looks, the tests read back.
        local drm_display=(-device bochs-display)
        # shellcheck disable=SC2206
        qemu_cmd=(qemu-system-x86_64 -M pc -accel "$accel_arg" -cpu "$cpu" -smp "${FRAMEREEL_HIL_SMP:-2}"
            -m "${FRAMEREEL_HIL_MEM:-2048}" -nodefaults -no-user-config -display none -serial stdio -monitor none
            -no-reboot -kernel "$k/vmlinux" -initrd "$(initrd_x86 "$k")"
            -append "console=ttyS0,115200 quiet loglevel=3 panic=-1 reboot=t hil.rig=$(readlink -f "$k") hil.run=$run_dir hil.java=$java_home $shell $systemd_args"
            $(fs_share usr /usr ro) $(fs_share etc /etc ro) $(fs_share rig "$(readlink -f "$k")" ro)
            $(fs_share run "$run_dir" rw) "${drm_display[@]}" "${icount[@]}")
    else
        # One argument per line: the -append value contains spaces, so word splitting would break it.
        local qemu_lines
        qemu_lines=$("$HIL_HOST/rig-arm64.sh" qemu-command "$RIG" "$run_dir" "$java_home" "$shell") ||
            die "rig-arm64.sh qemu-command failed"
        mapfile -t qemu_cmd <<<"$qemu_lines"
    fi

    if [ -n "$disk" ]; then
        # A raw image as the guest's /dev/vda. Write-back caching: what the guest has written to the disk survives
        # QEMU going away, what is still in the guest's page cache does not, as with a power cut.
        [ -f "$disk" ] || die "--disk $disk: no such image"
        qemu_cmd+=(-drive "file=$(readlink -f "$disk"),if=virtio,format=raw,cache=writeback")
    fi

    say "booting the $arch guest (accel ${accel:-tcg}, timeout ${timeout}s), console log: $log"
    local t0 rc=0
    t0=$(date +%s.%N)
    set +e
    if [ -n "$shell" ]; then
        "${qemu_cmd[@]}"
        rc=$?
    else
        timeout --kill-after=10 "$timeout" "${qemu_cmd[@]}" </dev/null 2>&1 |
            perl -MTime::HiRes=time -ne 'BEGIN{$|=1;$t0=shift @ARGV} printf("[%8.3f] %s", time-$t0, $_)' "$t0" >"$log"
        rc=${PIPESTATUS[0]}
    fi
    set -e
    local took
    took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')

    local failure=""
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        failure="the guest did not power off within ${timeout}s (hung); QEMU was killed"
    elif grep -qE 'Kernel panic|BUG: |Oops: |general protection fault' "$log"; then
        failure="the guest kernel panicked or oopsed"
    elif [ "$rc" != 0 ]; then
        failure="QEMU exited with status $rc"
    elif [ ! -f "$run_dir/out/result" ]; then
        failure="the guest script left no result (it crashed before finishing)"
    elif [ "$(cat "$run_dir/out/result")" != 0 ]; then
        failure="the guest tests failed (exit status $(cat "$run_dir/out/result"))"
        if [ -n "$deb" ] && [ -f "$run_dir/out/checks.txt" ]; then
            failure="$(cat "$run_dir/out/result") systemd boot check(s) failed (the FAIL lines above; $run_dir/out/)"
        elif [ -n "$deb" ]; then
            failure="the systemd boot run failed before its checks (preparing the root; see the console log)"
        fi
    fi
    # The systemd boot run's checks, one line each, whatever the outcome.
    [ ! -f "$run_dir/out/checks.txt" ] || sed 's/^/hil: /' "$run_dir/out/checks.txt" >&2
    if [ -n "$failure" ]; then
        say "FAILED after ${took}s: $failure"
        say "last 60 lines of the console log $log:"
        tail -n 60 "$log" >&2
        return 1
    fi
    grep -E 'tests (found|successful|skipped|aborted|failed)' "$log" | sed 's/^\[ *[0-9.]*\] */hil: /' >&2 || true
    say "guest cycle passed in ${took}s; results in $run_dir/out"
}

# The rig must never turn a broken run into a pass: boot guests that hang, panic, or die without a result,
# and check that run() fails each of them for the right reason.
selftest() {
    local dir="${1:-$(pwd)/target/hil-selftest}" case expected out failed=0
    for case in hang:"did not power off" panic:"panicked" no-result:"left no result"; do
        expected=${case#*:}
        case=${case%%:*}
        set +e
        out=$(run --run-dir "$dir/$case" --timeout 25 --guest-script "$HIL_HOST/selftest/$case.sh" 2>&1)
        local rc=$?
        set -e
        if [ $rc = 0 ]; then
            say "selftest $case: the run PASSED but must fail"; failed=1
        elif ! grep -q "FAILED.*$expected" <<<"$out"; then
            say "selftest $case: failed without saying '$expected':"; echo "$out" >&2; failed=1
        else
            say "selftest $case: detected ($(grep -o 'FAILED.*' <<<"$out" | head -1))"
        fi
    done
    return $failed
}

case "${1:-}" in
    selftest) shift; selftest "$@" ;;
    prepare) shift; prepare "$@" ;;
    run) shift; run "$@" ;;
    cache-dir) echo "$RIG" ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
