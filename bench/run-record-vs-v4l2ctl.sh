#!/usr/bin/env bash
# Issue 4, benchmark 2: CPU time per frame of `framereel record` against `v4l2-ctl --stream-mmap
# --stream-to=FILE` on vivid, inside the hil guest (the only place with vivid). See docs/benchmarks.md,
# "Capture (issue 4)".
#
#   ./mvnw -o -q -pl storage,device,capture -am package -DskipTests   # -> capture/target/framereel.jar
#   bench/run-record-vs-v4l2ctl.sh                                     # about 35 minutes under TCG (ROUNDS=3, three tools)
#
# Stages the run directory (the jar, bench/hil/cpu-monitor.py and frame-gaps.py, bench.env), boots the rig
# once with bench/hil/record-vs-v4l2ctl.sh as the guest script, then prints the medians and ratios from
# RUN_DIR/out/record-vs-v4l2ctl.txt. Needs the rig's host packages (sudo hil/host/install-packages.sh).
#
# Environment: ROUNDS (3), SIZES ("640x480:300 1280x720:150", WxH:N), MULTIPLES ("1 2": each tool records N
# then 2N frames; "1" for long runs measured by the in-run window alone), TOOLS ("v4l2ctl framereel
# framereel-copy": record as it comes, and with --copy; framereel-zc forces --zero-copy, framereel-zc-c1 that
# with C1 only),
# JAVA_OPTS (extra JVM options for framereel, none by default, as ./framereel runs it), RUN_DIR
# (bench/target/record-vs-v4l2ctl), TIMEOUT (3600 s), FRAMEREEL_HIL_MEM (guest MiB, 4096 here so /tmp holds
# the 2N-frame files), SUMMARY_ONLY=1 (only summarise an earlier run).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${RUN_DIR:-bench/target/record-vs-v4l2ctl}
JAR=capture/target/framereel.jar
die() { echo "run-record-vs-v4l2ctl: $*" >&2; exit 2; }

if [ "${SUMMARY_ONLY:-0}" != 1 ]; then
    [ -f "$JAR" ] || die "$JAR is missing: ./mvnw -o -q -pl storage,device,capture -am package -DskipTests"
    mkdir -p "$RUN_DIR"
    cp "$JAR" "$RUN_DIR/framereel.jar"
    cp bench/hil/cpu-monitor.py bench/hil/frame-gaps.py "$RUN_DIR/"
    {
        echo "ROUNDS=${ROUNDS:-3}"
        echo "SIZES=\"${SIZES:-640x480:300 1280x720:150}\""
        echo "MULTIPLES=\"${MULTIPLES:-1 2}\""
        echo "TOOLS=\"${TOOLS:-v4l2ctl framereel framereel-copy}\""
        echo "JAVA_OPTS=\"${JAVA_OPTS:-}\""
    } >"$RUN_DIR/bench.env"
    {
        echo "host: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r)"
        echo "jar: $(sha256sum "$JAR" | cut -c1-16) $(stat -c %y "$JAR")"
        echo "load at start: $(cat /proc/loadavg)"
    } >"$RUN_DIR/host.txt"
    export FRAMEREEL_HIL_MEM=${FRAMEREEL_HIL_MEM:-4096}
    hil/host/rig.sh run --run-dir "$RUN_DIR" --guest-script bench/hil/record-vs-v4l2ctl.sh --timeout "${TIMEOUT:-3600}" ||
        die "the guest run failed (console log: $RUN_DIR/console.log)"
    echo "load at end: $(cat /proc/loadavg)" >>"$RUN_DIR/host.txt"
fi

cat "$RUN_DIR/host.txt"
python3 - "$RUN_DIR/out/record-vs-v4l2ctl.txt" <<'EOF'
import statistics, sys
from collections import defaultdict
runs = defaultdict(dict)   # (size, tool) -> {(round, n): fields}
for line in open(sys.argv[1]):
    if line.startswith("#"):
        print(line.rstrip())
        continue
    f = dict(x.split("=", 1) for x in line.split() if "=" in x)
    if "tool" in f:
        runs[(f["size"], f["tool"])][(int(f["round"]), int(f["n"]))] = f
med = statistics.median
def spread(xs):
    return f"{med(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})" if xs else "—"
rows = {}
for (size, tool), by in sorted(runs.items()):
    ns = sorted({n for _, n in by})
    n1, n2 = ns[0], ns[-1]
    rounds = sorted({r for r, _ in by})
    whole = [1000 * float(by[(r, n1)]["cpu_s"]) / n1 for r in rounds if (r, n1) in by]
    diff = [1000 * (float(by[(r, n2)]["cpu_s"]) - float(by[(r, n1)]["cpu_s"])) / (n2 - n1)
            for r in rounds if (r, n1) in by and (r, n2) in by] if n2 > n1 else []
    win = [float(x["win_ms_per_frame"]) for x in by.values() if "win_ms_per_frame" in x]
    startup = [float(by[(r, n1)]["cpu_s"]) - n1 * d / 1000 for r, d in zip(rounds, diff)]
    dropped = [int(x["dropped"]) for x in by.values() if x["dropped"].isdigit()]
    late = [int(x["gaps_second_half"]) for x in by.values() if x.get("gaps_second_half", "").isdigit()]
    short = [int(x["n"]) - int(x["stored"]) for x in by.values() if x["stored"].isdigit()]
    fps = by[(rounds[0], n1)]["fps"]
    win_by_round = {r: statistics.mean(float(x["win_ms_per_frame"]) for (rr, _), x in by.items()
                                       if rr == r and "win_ms_per_frame" in x)
                    for r in rounds if any(rr == r and "win_ms_per_frame" in x for (rr, _), x in by.items())}
    rows[(size, tool)] = dict(whole=whole, diff=diff, win=win, win_by_round=win_by_round)
    print(f"{size} {tool:12} at {fps} fps, N={n1}: whole process {spread(whole)} ms/frame; steady (2N-N) "
          f"{spread(diff)} ms/frame; window {spread(win)} ms/frame; start-up {spread(startup)} s CPU; "
          f"dropped per run {dropped}, of them in the second half {late}; frames missing from the file per run {short}")
    threads = defaultdict(list)
    for x in by.values():
        for k, v in x.items():
            if k.startswith("thr_"):
                threads[k[4:-3]].append(float(v))
    if threads:
        print("    window by thread, ms/frame (median): "
              + ", ".join(f"{k} {med(v):.2f}" for k, v in threads.items()))
print()
print("| Size | framereel | Measure | framereel (ms CPU/frame) | v4l2-ctl (ms CPU/frame) | framereel / v4l2-ctl | per round |")
print("|---|---|---|---|---|---|---|")
for size in sorted({s for s, _ in rows}, key=lambda s: int(s.split("x")[0])):
    b = rows.get((size, "v4l2-ctl"))
    for tool, mode in (("framereel", "default"), ("framereel-copy", "--copy"), ("framereel-zc", "--zero-copy"),
                       ("framereel-zc-c1", "--zero-copy, C1 only")):
        a = rows.get((size, tool))
        if not a or not b:
            continue
        for key, label in (("whole", "whole process, N frames"), ("diff", "steady state, (cpu(2N) − cpu(N)) / N"),
                           ("win", "steady state, in-run window")):
            if a[key] and b[key]:
                per = ""
                if key == "win":
                    both = sorted(set(a["win_by_round"]) & set(b["win_by_round"]))
                    ratios = [a["win_by_round"][r] / b["win_by_round"][r] for r in both]
                    per = f"{min(ratios):.2f}–{max(ratios):.2f}" if ratios else ""
                print(f"| {size} | {mode} | {label} | {spread(a[key])} | {spread(b[key])} "
                      f"| **{med(a[key]) / med(b[key]):.2f}** | {per} |")
EOF
