#!/usr/bin/env bash
# Daemon start-up and memory (issue 6 benchmarks), as the unit runs it: the launcher's JVM options, the test
# pattern as the camera (no hardware), recording from the start. Prints, per frame size and ring size:
#   start_ms   process spawn -> the first frame stored in a file (its .part file polled every 5 ms)
#   rss_mb     peak VmHWM of the JVM over the recording, and VmRSS at its end (steady state: run 40 s or more)
# Usage: bench/daemon/rss-and-startup.sh [SECONDS]      (build first: ./mvnw -q -pl capture -am package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/capture/target/framereel.jar"
seconds="${1:-20}"
[[ -f $jar ]] || { echo "build first: ./mvnw -q -pl capture -am package -DskipTests" >&2; exit 1; }
# the JVM options of systemd/framereel (the launcher), kept in step by hand
opts=(-Xmx48m -XX:MaxDirectMemorySize=256m -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Djna.nosys=true)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() { # size format ring [device]
  local size=$1 format=$2 ring=$3 device=${4:-test-pattern} dir="$work/$1-$2-$3"
  mkdir -p "$dir"
  cat > "$dir/d.conf" <<CONF
camera.device = $device
camera.format = $format
camera.size = $size
camera.fps = 30
store.directory = $dir/rec
store.min-free = 0
store.sync = ms:1000
trigger.pre = 3s
trigger.pre-max-bytes = $ring
trigger.record-at-start = true
control.socket = $dir/ctl.sock
CONF
  local t0 t1 pid frames
  t0=$(date +%s%N)
  java "${opts[@]}" -jar "$jar" daemon --config "$dir/d.conf" 2> "$dir/log" &
  pid=$!
  # the first frame is stored when the .part file grows past its 16-byte stream header
  while :; do
    for f in "$dir"/rec/*.part; do
      [[ -f $f && $(stat -c %s "$f") -gt 16 ]] && break 2
    done
    kill -0 $pid 2>/dev/null || { cat "$dir/log" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  sleep "$seconds"
  local hwm rss
  hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  # what the ring holds and takes, from the daemon itself
  local status held
  status=$(java -jar "$jar" ctl --socket "$dir/ctl.sock" status --json)
  held=$(sed -E 's/.*"ring_fill":([0-9]+).*"ring_bytes":([0-9]+).*"ring_seconds":([0-9.]+).*/\1 frames, \2 bytes, \3 s/' <<< "$status")
  kill -TERM $pid; wait $pid || true
  printf '%-9s %-9s ring %-4s start_ms %6d  peak_rss_mb %5.1f  rss_mb %5.1f  ring holds %s\n' "$size" "$format" \
    "$ring" $(( (t1 - t0) / 1000000 )) "$(echo "$hwm / 1024" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
    "$(awk '{printf "%d frames, %.1f MiB, %s s", $1, $3 / 1048576, $5}' <<< "${held//,/}")"
}

java -version 2>&1 | head -1
run 640x480 YUV422 48M
run 1280x720 YUV422 16M
run 1280x720 YUV422 32M
run 1280x720 YUV422 48M
# An MJPEG webcam at 1280x720, as a recording played as the camera: ffmpeg's test source with sensor-like noise,
# about 125 KB a frame (a UVC webcam's are 60-200 KB), lent from the mapped file as a V4L2 camera lends its
# buffers. Compressed frames take their own size in the ring, so 3 s fit far below the cap.
if command -v ffmpeg > /dev/null; then
  ffmpeg -loglevel error -y -f lavfi -i "testsrc2=size=1280x720:rate=30,noise=alls=10:allf=t" -frames:v 90 \
    -c:v mjpeg -q:v 5 -f mjpeg "$work/webcam.mjpeg"
  java -cp "$jar" "$root/bench/daemon/MjpegToStream.java" "$work/webcam.mjpeg" "$work/webcam720.bin" 1280x720 30 >&2
  run 1280x720 JPEG 48M "recording:$work/webcam720.bin"
else
  echo "ffmpeg not found: the MJPEG row is skipped" >&2
fi
