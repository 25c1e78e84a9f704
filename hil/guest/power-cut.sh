#!/bin/bash
# One boot of the power-cut run (hil/host/power-cut.sh boots the guest once per cut, with the same ext4 image
# as /dev/vda). Each boot
#   1. checks the cut the previous boot made: mounts the image (ext4 replays its journal), starts the daemon on
#      that cut's directory so that its start-up recovery repairs and commits the .part files, stops it, and
#      compares the frames in the files with the frames the daemon had reported recorded (synced, with
#      store.sync = always) just before the cut; then
#   2. makes the next cut: starts the daemon recording (test pattern, a new file every 20 to 620 frames, so cuts
#      land on file creation, commit and rename as well as inside a file), waits a random moment, asks for its
#      status and at once resets the machine with sysrq 'b': no sync, no unmount, the guest's page cache is lost.
# State that must survive the cut (the cut number, what was reported) lives in the run directory on 9p, which
# the host writes through at once. out/result is the verdict of step 1 (0: nothing reported was lost and every
# file reopens cleanly), written before the reset.
set -uo pipefail
OUT=$HIL_RUN/out
STATE=$HIL_RUN/state
JAR=$HIL_RUN/framereel.jar
mkdir -p "$OUT" "$STATE"
result=1
trap 'echo $result >"$OUT/result"' EXIT
say() { echo "POWER-CUT: $*"; }
K=$HIL_RIG/tree
KV=$(ls "$K/lib/modules")
modprobe -a -d "$K" -S "$KV" virtio_blk ext4 || { say "modprobe virtio_blk/ext4 failed"; exit 1; }
for _ in $(seq 50); do [ -b /dev/vda ] && break; sleep 0.1; done
[ -b /dev/vda ] || { say "no /dev/vda: the run needs --disk"; exit 1; }
mkdir -p /mnt/pc
mount -t ext4 /dev/vda /mnt/pc || { say "the image does not mount after the cut"; exit 1; }
# An array, not a function: "${framereel[@]}" ... & must make $! the JVM itself, for the signals.
framereel=("$HIL_JAVA/bin/java" -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=/tmp -jar "$JAR")

config() { # DIR RECORD_AT_START
    cat <<CONF
camera.device = test-pattern
camera.format = RGB565
camera.size = 160x120
camera.fps = 60
store.directory = $1
store.sync = $(cat "$STATE/sync" 2>/dev/null || echo always)
store.min-free = 0
store.max-frames = $((20 + RANDOM % 600))
trigger.pre = 200ms
trigger.post = 0
trigger.record-at-start = $2
control.socket = /tmp/power-cut.sock
CONF
}

status_field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
# The control socket's status line without starting a JVM per query (each costs seconds under TCG).
status() {
    python3 -c 'import socket,sys
s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(sys.argv[1]); s.sendall(b"status\n")
print(s.makefile().readline().strip())' /tmp/power-cut.sock 2>/dev/null
}

# 1. the previous cut
cut=$(cat "$STATE/cut" 2>/dev/null || echo 0)
verdict=0
if [ "$cut" -gt 0 ]; then
    dir=/mnt/pc/cut-$cut
    reported=$(cat "$STATE/reported-$cut" 2>/dev/null || echo 0)
    parts_before=$(find "$dir" -name '*.part' 2>/dev/null | wc -l)
    config "$dir" false >/tmp/check.conf
    "${framereel[@]}" daemon --config /tmp/check.conf 2>"$OUT/recovery-$cut.log" &
    pid=$!
    for _ in $(seq 600); do
        status >/dev/null && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.2
    done
    kill -TERM $pid 2>/dev/null
    wait $pid
    rc=$?
    frames=0
    unclean=""
    files=("$dir"/*.bin)
    if [ -f "${files[0]}" ]; then
        # one JVM for every file: each start costs seconds under TCG
        "${framereel[@]}" info --json "${files[@]}" >/tmp/info.json 2>/tmp/info.err || unclean="unreadable: $(cat /tmp/info.err)"
        while read -r info; do
            n=$(status_field count <<<"$info")
            frames=$((frames + ${n:-0}))
            grep -q '"tail":{"kind":"none"' <<<"$info" || unclean="$unclean $(sed -n 's/.*"path":"\([^"]*\)".*/\1/p' <<<"$info")"
        done </tmp/info.json
    fi
    parts_after=$(find "$dir" -name '*.part' | wc -l)
    recovered=$(grep -c 'recovered a recording' "$OUT/recovery-$cut.log")
    lost=$((reported > frames ? reported - frames : 0))
    line="cut=$cut reported=$reported frames=$frames lost=$lost parts_before=$parts_before recovered=$recovered parts_after=$parts_after unclean=${unclean:-none} daemon_exit=$rc"
    say "$line"
    echo "$line" >>"$STATE/results.txt"
    if [ "$lost" -gt 0 ] || [ "$parts_after" -gt 0 ] || [ -n "$unclean" ] || [ "$rc" != 143 ]; then
        verdict=1
        say "cut $cut FAILED; the daemon's log:"
        cat "$OUT/recovery-$cut.log"
    else
        rm -rf "$dir" # checked: room for the next cuts on the small image
    fi
fi

# 2. the next cut
next=$((cut + 1))
echo "$next" >"$STATE/cut"
if [ "$next" -gt "${POWER_CUTS:-$(cat "$STATE/cuts" 2>/dev/null || echo 1)}" ]; then
    say "all cuts made"
    result=$verdict
    umount /mnt/pc
    exit
fi
dir=/mnt/pc/cut-$next
config "$dir" true >/tmp/record.conf
"${framereel[@]}" daemon --config /tmp/record.conf 2>/tmp/record.log &
pid=$!
deadline=$(($(cut -d. -f1 /proc/uptime) + 180))
while :; do
    n=$(status | status_field frames_recorded)
    [ "${n:-0}" -gt 0 ] && break
    kill -0 $pid 2>/dev/null || { say "the daemon died before recording:"; cat /tmp/record.log; exit 1; }
    if [ "$(cut -d. -f1 /proc/uptime)" -gt "$deadline" ]; then
        say "the daemon recorded nothing in 180 s:"; df -h /mnt/pc; cat /tmp/record.log; exit 1
    fi
    sleep 0.2
done
sleep "$((RANDOM % 6)).$((RANDOM % 10))"
result=$verdict
echo $result >"$OUT/result"
say "cut $next: cutting the power right after a status"
# One process asks for the status, records what it reports and resets the machine at once, so that no rotation
# (which syncs everything before it) can slip in between: the reported frames are only safe if they were synced.
python3 -c 'import json, os, re, socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect("/tmp/power-cut.sock"); s.sendall(b"status\n")
line = s.makefile().readline()
reported = re.search(r"\"frames_recorded\":([0-9]+)", line).group(1)
with open(sys.argv[1], "w") as f:
    f.write(reported + "\n"); f.flush(); os.fsync(f.fileno())
with open("/proc/sysrq-trigger", "w") as t:
    t.write("b")' "$STATE/reported-$next"
sleep 10
say "still running after sysrq b"
result=1
