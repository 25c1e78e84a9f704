#!/bin/bash
# Issue 4, benchmark 2, the guest side: CPU time per frame of `framereel record` against
# `v4l2-ctl --stream-mmap --stream-to=FILE`, both storing vivid's raw YUYV frames to a tmpfs file, on the same
# device, format and rate. Run by the hil rig as root in place of hil/guest/main.sh:
#
#   hil/host/rig.sh run --run-dir DIR --guest-script bench/hil/record-vs-v4l2ctl.sh
#
# bench/run-record-vs-v4l2ctl.sh stages DIR (DIR/framereel.jar, DIR/bench.env) and boots. bench.env may set
# ROUNDS, SIZES ("WxH:N ..."), MULTIPLES and JAVA_OPTS. Both tools run as an unprivileged user with only the video group,
# as main.sh runs the hil tests, at vivid's fastest interval for the size (read from the driver).
#
# Per round and size, each tool records N frames and then 2N frames (the rounds alternate which tool goes
# first). For every run bench/hil/cpu-monitor.py reports
#   cpu_s     the whole process's CPU time, all threads, user + system (getrusage after waiting for it)
#   win_*     CPU time and stored frames between two samples of /proc/PID/stat taken while recording, from the
#             moment half of the frames are in the file to the moment 90 % are: the steady state, with start-up
#             (and most of the JVM's JIT compiling) and teardown left out; for framereel also per thread
#             (capture, writer, main, JIT, GC; 'other' is the rest of the process)
# and the frames stored and dropped: framereel's --json summary (frames, dropped, by camera, by storage);
# v4l2-ctl's own "dropped buffers: N" on its once-a-second status lines (summed), and the frames in its output
# file; and bench/hil/frame-gaps.py splits the drops into the first and the second half of the recording
# (start-up against steady state), from framereel's per-frame elapsed times and v4l2-ctl's status lines.
# Results: out/record-vs-v4l2ctl.txt, one line per run; out/result is 0 when every run exited 0.
set -uo pipefail
OUT=$HIL_RUN/out
LOG=$OUT/record-vs-v4l2ctl.txt
mark() { echo "HIL-MARK $* uptime=$(cut -d' ' -f1 /proc/uptime)"; }
result=1
trap 'echo $result >"$OUT/result"; dmesg >"$OUT/dmesg.txt" 2>&1' EXIT

# The device groups and the test user, as hil/guest/main.sh has them.
# shellcheck source-path=SCRIPTDIR source=../../hil/guest/env.sh
. "$HIL_RUN/guest/env.sh"
# No USB webcam: its player would share the vCPU with the tools measured.
HIL_USB_CAMERA=off "$HIL_RUN/guest/setup-devices.sh" || { echo "BENCH: device setup failed"; exit 1; }
# shellcheck disable=SC1091
. /run/hil.env
mark devices-ready

ROUNDS=3
SIZES="640x480:300 1280x720:150"
# Each tool records N frames, then 2N (MULTIPLES="1 2"); MULTIPLES=1 for long runs with the window alone.
MULTIPLES="1 2"
JAVA_OPTS=""
# framereel is `framereel record` as it comes: YUYV is stored as is, so frames are written from vivid's buffers,
# as v4l2-ctl does. framereel-copy adds --copy (one copy into the recorder's slots), framereel-zc --zero-copy
# (the same as the default here, but an error if frames could not be lent), framereel-zc-c1 that with C1 as the
# only JIT compiler (-XX:TieredStopAtLevel=1).
TOOLS="v4l2ctl framereel framereel-copy"
# shellcheck disable=SC1091
[ -f "$HIL_RUN/bench.env" ] && . "$HIL_RUN/bench.env"
JAR=$HIL_RUN/framereel.jar
MONITOR=$HIL_RUN/cpu-monitor.py
GAPS=$HIL_RUN/frame-gaps.py
for f in "$JAR" "$MONITOR" "$GAPS"; do
    [ -f "$f" ] || { echo "BENCH: $f is missing (bench/run-record-vs-v4l2ctl.sh stages it)"; exit 1; }
done

home=/tmp/bench-user
work=/tmp/bench-files
mkdir -p "$home" "$work"
chown "$HIL_UID:$HIL_UID" "$home" "$work"
# The unprivileged user of main.sh, with the video group only. setpriv and env exec, so the monitored child
# process is the tool itself.
AS_USER=(setpriv --reuid="$HIL_UID" --regid="$HIL_UID" --groups="$HIL_VIDEO_GID" --bounding-set=-all
    --inh-caps=-all --no-new-privs env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LANG=C.UTF-8)

{
    echo "# guest: $(uname -r) $(uname -m), $(nproc) vCPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(($(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2) / 1024)) MiB"
    echo "# $("$HIL_JAVA/bin/java" -version 2>&1 | sed -n 2p); v4l2-ctl $(v4l2-ctl --version | head -1 | cut -d' ' -f2); video $HIL_VIDEO; /tmp is $(df -T /tmp | tail -1 | tr -s ' ' | cut -d' ' -f2)"
    echo "# rounds $ROUNDS, sizes $SIZES, multiples $MULTIPLES, tools $TOOLS, JAVA_OPTS '$JAVA_OPTS'"
} | tee "$LOG"
v4l2-ctl -d "$HIL_VIDEO" --list-formats-ext >"$OUT/vivid-formats.txt" 2>&1

# vivid's fastest YUYV interval at a size, as frames per second (25 at 640x480, 12.5 at 1280x720).
top_fps() {
    v4l2-ctl -d "$HIL_VIDEO" --list-frameintervals "width=$1,height=$2,pixelformat=YUYV" |
        sed -n 's/.*(\([0-9.]*\) fps).*/\1/p' | sort -g | tail -1
}

run_v4l2ctl() { # tag W H fps N
    local tag=$1 w=$2 h=$3 fps=$4 n=$5 file=$work/v4l2ctl.yuyv
    rm -f "$file"
    local m
    m=$(python3 "$MONITOR" --file "$file" --frame-bytes $((w * h * 2)) --window $((n / 2)) $((n * 9 / 10)) \
        --stdout "$work/$tag.out" --stderr "$work/$tag.err" -- \
        "${AS_USER[@]}" v4l2-ctl -d "$HIL_VIDEO" --set-fmt-video="width=$w,height=$h,pixelformat=YUYV" \
        --set-parm="$fps" --stream-mmap=4 --stream-count="$n" --stream-to="$file")
    local stored dropped
    stored=$(($(stat -c %s "$file" 2>/dev/null || echo 0) / (w * h * 2)))
    dropped=$(tr '<' '\n' <"$work/$tag.err" | sed -n 's/.*dropped buffers: *\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
    rm -f "$file"
    echo "$tag tool=v4l2-ctl size=${w}x$h fps=$fps n=$n $m stored=$stored dropped=$dropped $(python3 "$GAPS" --v4l2ctl "$work/$tag.err" "$n")"
}

run_framereel() { # tag W H fps N TOOL JVM_OPTIONS [RECORD_OPTION...]
    local tag=$1 w=$2 h=$3 fps=$4 n=$5 tool=$6 jvm=$7 file=$work/framereel.bin
    shift 7
    rm -f "$file"
    local m
    # Each stored frame is a 32-byte chunk header and the payload (a multiple of 16, so no padding).
    # shellcheck disable=SC2086
    m=$(python3 "$MONITOR" --file "$file" --frame-bytes $((w * h * 2 + 32)) --window $((n / 2)) $((n * 9 / 10)) \
        --threads --stdout "$work/$tag.out" --stderr "$work/$tag.err" -- \
        "${AS_USER[@]}" "$HIL_JAVA/bin/java" $JAVA_OPTS $jvm -jar "$JAR" record --device vivid --format YUYV \
        --size "${w}x$h" --fps "$fps" --frames "$n" --store "$file" --sync never --json --overwrite "$@")
    local gaps
    gaps=$(python3 "$GAPS" "$file" $((w * h * 2)) "$fps" 2>&1 | tail -1)
    rm -f "$file"
    local json
    json=$(grep '^{' "$work/$tag.out" | tail -1)
    summary_field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" <<<"$json"; }
    echo "$tag tool=$tool size=${w}x$h fps=$fps n=$n $m stored=$(summary_field frames)" \
        "dropped=$(summary_field dropped) by_camera=$(summary_field dropped_by_camera)" \
        "by_storage=$(summary_field dropped_by_storage) zero_copy=$(sed -n 's/.*"zero_copy":\([a-z]*\).*/\1/p' <<<"$json")" \
        "$gaps"
}

failed=0
mark bench-start
for r in $(seq 1 "$ROUNDS"); do
    for spec in $SIZES; do
        size=${spec%%:*}
        n=${spec#*:}
        w=${size%x*}
        h=${size#*x}
        fps=$(top_fps "$w" "$h")
        if [ -z "$fps" ]; then
            echo "BENCH: vivid lists no YUYV interval for $size"
            failed=1
            continue
        fi
        # Each round starts with the next tool, so that none always runs first (or last) in the boot.
        read -ra tools <<<"$TOOLS"
        k=$(((r - 1) % ${#tools[@]}))
        for tool in "${tools[@]:k}" "${tools[@]:0:k}"; do
            for mult in $MULTIPLES; do
                m=$((mult * n))
                tag="r$r-$tool-$size-$m"
                case $tool in
                    v4l2ctl) line=$(run_v4l2ctl "$tag" "$w" "$h" "$fps" "$m") ;;
                    framereel) line=$(run_framereel "$tag" "$w" "$h" "$fps" "$m" framereel "") ;;
                    framereel-copy) line=$(run_framereel "$tag" "$w" "$h" "$fps" "$m" framereel-copy "" --copy) ;;
                    framereel-zc) line=$(run_framereel "$tag" "$w" "$h" "$fps" "$m" framereel-zc "" --zero-copy) ;;
                    framereel-zc-c1) line=$(run_framereel "$tag" "$w" "$h" "$fps" "$m" framereel-zc-c1 \
                        -XX:TieredStopAtLevel=1 --zero-copy) ;;
                    *) echo "BENCH: unknown tool '$tool' in TOOLS"; exit 1 ;;
                esac
                echo "round=$r $line" | tee -a "$LOG"
                if ! grep -q ' rc=0 ' <<<"$line"; then
                    failed=1
                    echo "BENCH: $tag failed; its stderr ends:"
                    tail -5 "$work/$tag.err"
                fi
            done
        done
    done
done
mark bench-done
mkdir -p "$OUT/logs"
cp "$work"/*.out "$work"/*.err "$OUT/logs/" 2>/dev/null
result=$failed
exit $result
