#!/usr/bin/env bash
# Soak run of the daemon (docs/reliability.md): the test pattern at several times a camera's rate, a recording
# started and stopped every few seconds, files rotated every few hundred frames and deleted as an uploader would,
# for MINUTES minutes. Samples RSS, open file descriptors and threads of the JVM every 10 s to stdout (TSV), and
# prints the daemon's final status. Flat columns are the goal: no leak per file, per trigger or per frame.
# Usage: bench/daemon/soak.sh [MINUTES] [FPS]     (build first: ./mvnw -q -pl capture -am package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/capture/target/framereel.jar"
minutes="${1:-10}"
fps="${2:-240}"
[[ -f $jar ]] || { echo "build first: ./mvnw -q -pl capture -am package -DskipTests" >&2; exit 1; }
opts=(-Xmx48m -XX:MaxDirectMemorySize=256m -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Djna.nosys=true)
work="$(mktemp -d)"
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/d.conf" <<CONF
camera.device = test-pattern
camera.format = GRAYSCALE
camera.size = 320x240
camera.fps = $fps
store.directory = $work/rec
store.min-free = 64M
store.sync = frames:100
store.max-frames = 500
trigger.pre = 1s
trigger.post = 200ms
trigger.timer-period = 3s
trigger.timer-record = 2s
display.target = shm:$work/frames
display.fps = 30
control.socket = $work/ctl.sock
CONF
java "${opts[@]}" -jar "$jar" daemon --config "$work/d.conf" 2> "$work/log" &
pid=$!
end=$(( $(date +%s) + minutes * 60 ))
printf 't_s\trss_mb\tfds\tthreads\tfiles_done\n'
start=$(date +%s)
files_done=0
while (( $(date +%s) < end )); do
  sleep 10
  kill -0 $pid 2>/dev/null || { echo "daemon died:" >&2; tail -20 "$work/log" >&2; exit 1; }
  # an uploader: committed recordings leave the store
  for f in "$work"/rec/*.bin; do [[ -f $f ]] && rm -f "$f" && files_done=$((files_done + 1)); done
  printf '%d\t%.1f\t%d\t%d\t%d\n' $(( $(date +%s) - start )) \
    "$(echo "$(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024" | bc -l)" \
    "$(ls /proc/$pid/fd | wc -l)" "$(awk '/Threads/ {print $2}' /proc/$pid/status)" "$files_done"
done
java -jar "$jar" ctl --socket "$work/ctl.sock" status --json
kill -TERM $pid; wait $pid || true
grep -c 'ERROR' "$work/log" | sed 's/^/error lines in the log: /'
