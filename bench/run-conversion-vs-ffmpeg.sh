#!/usr/bin/env bash
# Issue 4, benchmark 1: framereel's frame conversions against ffmpeg's swscale, one thread, the same raw frames,
# in one run so both see the same machine. See docs/benchmarks.md, "Capture (issue 4)".
#
#   ./mvnw -o -q -Pbench -pl bench -am package -DskipTests    # -> bench/target/benchmarks.jar
#   apt-get install -y --no-install-recommends ffmpeg          # as root, on the benchmark machine only
#   bench/run-conversion-vs-ffmpeg.sh                          # about 12 minutes on 2 cores (ROUNDS=5)
#
# Paths: YUYV -> RGB565, YUYV -> GRAYSCALE, BA81 (Bayer BGGR8) -> RGB565, at 640x480 and 1280x720.
# Each round measures, per path and size:
#   ours     ConversionProbe: FrameConversion.convert on one thread over the 32 frames of the input file in
#            turn, after 3 s of warm-up; frames per second of that thread's user CPU time.
#   ffmpeg   ffmpeg -benchmark converting the same file (looped) with one thread into the null muxer (which
#            takes the converted frame without copying it); frames per second of the process's user CPU time
#            ("whole"), and of that user time minus the user time of the same command without the conversion
#            ("swscale alone": demuxing, start-up and the frame plumbing taken out; they are small).
#   JMH      ConversionBenchmark (one fork, wall-clock ops/s, one frame that stays in the cache), for reference.
# The rounds alternate which tool goes first. Input frames are pseudo-random bytes written by ConversionProbe
# (frame 0 is exactly ConversionBenchmark's frame). Before timing, the script converts frame 0 with both tools
# and compares the pixels, to show the two do the same arithmetic.
#
# swscale options, chosen to do what framereel does (results within 1 LSB, see the check):
#   YUYV: scale=flags=bilinear:sws_dither=none:in_range=full:out_range=full  (BT.601 full range like ours, no
#         dither, chroma shared by the pixel pair; with a 1:1 size the filter has one tap)
#   Bayer: scale=flags=fast_bilinear:sws_dither=none  (swscale demosaics to rgb24 with its bilinear Bayer code,
#         then packs rgb24 to rgb565 by truncation; with 'bilinear' it instead sends the rgb24 through its
#         YUV 4:2:2 scaler path, which is slower and loses chroma resolution)
#
# Environment: ROUNDS (default 5), OUT (default bench/target/conversion-vs-ffmpeg).
# Writes OUT/raw.txt (every measurement), OUT/check.txt (pixel comparison), OUT/summary.md (the medians).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/target/benchmarks.jar
OUT=${OUT:-bench/target/conversion-vs-ffmpeg}
ROUNDS=${ROUNDS:-5}
FILE_FRAMES=32
die() { echo "run-conversion-vs-ffmpeg: $*" >&2; exit 2; }
command -v ffmpeg >/dev/null || die "ffmpeg is missing: apt-get install -y --no-install-recommends ffmpeg (benchmark machine only)"
command -v python3 >/dev/null || die "python3 is missing"
[ -f "$JAR" ] || die "$JAR is missing: ./mvnw -o -q -Pbench -pl bench -am package -DskipTests"
mkdir -p "$OUT"
rm -f "$OUT"/raw.txt "$OUT"/check.txt "$OUT"/summary.md "$OUT"/jmh-r*.csv

PATHS=("YUYV>RGB565" "YUYV>GRAYSCALE" "BA81>RGB565")
SIZES=(640x480 1280x720)
frames_for() { case "$1" in 640x480) echo 3000 ;; *) echo 1000 ;; esac; }
fourcc_of() { echo "${1%%>*}"; }
ff_in() { case "$1" in YUYV) echo yuyv422 ;; BA81) echo bayer_bggr8 ;; esac; }
ff_vf() {
    case "$1" in
        "YUYV>RGB565") echo "scale=flags=bilinear:sws_dither=none:in_range=full:out_range=full,format=rgb565le" ;;
        "YUYV>GRAYSCALE") echo "scale=flags=bilinear:sws_dither=none:in_range=full:out_range=full,format=gray" ;;
        "BA81>RGB565") echo "scale=flags=fast_bilinear:sws_dither=none,format=rgb565le" ;;
    esac
}
input_file() { echo "$OUT/frames-$1-$2.raw"; }   # fourcc size
probe() { java -cp "$JAR" io.framereel.bench.ConversionProbe "$@"; }

# ffmpeg PATH SIZE FRAMES conv|pass: one timed run, printed as a raw.txt line.
ffmpeg_run() {
    local path=$1 size=$2 n=$3 kind=$4 fourcc
    fourcc=$(fourcc_of "$path")
    local out=(-vf "$(ff_vf "$path")")
    if [ "$kind" = pass ]; then out=(-pix_fmt "$(ff_in "$fourcc")"); fi   # same pipeline, no scaler inserted
    local bench
    bench=$(ffmpeg -hide_banner -nostdin -nostats -benchmark -threads 1 -filter_threads 1 \
        -f rawvideo -pix_fmt "$(ff_in "$fourcc")" -s "$size" -stream_loop -1 -i "$(input_file "$fourcc" "$size")" \
        -frames:v "$n" "${out[@]}" -f null - 2>&1 | grep -o 'utime=[0-9.]*s stime=[0-9.]*s rtime=[0-9.]*s') ||
        die "ffmpeg failed for $path $size $kind"
    echo "ffmpeg $path $size kind=$kind frames=$n $bench"
}

{
    echo "date: $(date -u +%FT%TZ)"
    echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "kernel: $(uname -r)"
    echo "java: $(java -version 2>&1 | sed -n 2p)"
    echo "ffmpeg: $(ffmpeg -version | head -1)"
    echo "rounds: $ROUNDS"
} | tee "$OUT/machine.txt"

# 1. Input frames, the same bytes for both tools.
for fourcc in YUYV BA81; do
    for size in "${SIZES[@]}"; do
        f=$(input_file "$fourcc" "$size")
        [ -s "$f" ] || probe frames "$fourcc" "$size" "$FILE_FRAMES" "$f"
    done
done

# 2. Same arithmetic? Frame 0 through both.
for path in "${PATHS[@]}"; do
    for size in "${SIZES[@]}"; do
        fourcc=$(fourcc_of "$path")
        kind=$([ "${path#*>}" = GRAYSCALE ] && echo gray || echo rgb565)
        probe convert "$path" "$size" "$(input_file "$fourcc" "$size")" "$OUT/check-ours.bin"
        ffmpeg -hide_banner -nostdin -loglevel error -f rawvideo -pix_fmt "$(ff_in "$fourcc")" -s "$size" \
            -i "$(input_file "$fourcc" "$size")" -frames:v 1 -vf "$(ff_vf "$path")" -f rawvideo -y "$OUT/check-ffmpeg.bin"
        python3 - "$path $size" "$kind" "$OUT/check-ours.bin" "$OUT/check-ffmpeg.bin" <<'EOF' | tee -a "$OUT/check.txt"
import struct, sys
name, kind, a, b = sys.argv[1:]
A, B = open(a, "rb").read(), open(b, "rb").read()
assert len(A) == len(B), (len(A), len(B))
if kind == "rgb565":
    n = len(A) // 2
    pa, pb = struct.unpack("<%dH" % n, A), struct.unpack("<%dH" % n, B)
    d = [max(abs((x >> 11) - (y >> 11)), abs((x >> 5 & 63) - (y >> 5 & 63)), abs((x & 31) - (y & 31)))
         for x, y in zip(pa, pb)]
else:
    d = [abs(x - y) for x, y in zip(A, B)]
n = len(d)
print(f"{name:24} pixels {n}: identical {sum(1 for x in d if x == 0) / n:6.1%}, within 1 LSB "
      f"{sum(1 for x in d if x <= 1) / n:6.1%}, largest difference {max(d)} LSB")
EOF
    done
done
rm -f "$OUT/check-ours.bin" "$OUT/check-ffmpeg.bin"

# 3. Rounds.
jmh_paths=$(IFS=,; echo "${PATHS[*]}")
jmh_sizes=$(IFS=,; echo "${SIZES[*]}")
run_jmh() { # round
    java -jar "$JAR" 'ConversionBenchmark.convert$' -f 1 -wi 3 -i 3 -w 1s -r 1s -p path="$jmh_paths" \
        -p size="$jmh_sizes" -rf csv -rff "$OUT/jmh-r$1.csv" >"$OUT/jmh-r$1.txt"
}
for r in $(seq 1 "$ROUNDS"); do
    echo "round $r of $ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    echo "round=$r load=$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT/raw.txt"
    if [ $((r % 2)) = 1 ]; then run_jmh "$r"; fi
    for path in "${PATHS[@]}"; do
        for size in "${SIZES[@]}"; do
            n=$(frames_for "$size")
            fourcc=$(fourcc_of "$path")
            ours() { echo "round=$r $(probe measure "$path" "$size" "$(input_file "$fourcc" "$size")" "$n")"; }
            peer() { echo "round=$r $(ffmpeg_run "$path" "$size" "$n" conv)"; echo "round=$r $(ffmpeg_run "$path" "$size" "$n" pass)"; }
            if [ $((r % 2)) = 1 ]; then ours; peer; else peer; ours; fi | tee -a "$OUT/raw.txt"
        done
    done
    if [ $((r % 2)) = 0 ]; then run_jmh "$r"; fi
done

# 4. Medians and ratios.
python3 - "$OUT" <<'EOF' | tee "$OUT/summary.md"
import csv, glob, os, re, statistics, sys
from collections import defaultdict
out = sys.argv[1]
ours, conv, pas, jmh = defaultdict(dict), defaultdict(dict), defaultdict(dict), defaultdict(list)
frames = {}
for line in open(os.path.join(out, "raw.txt")):
    f = line.split()
    if len(f) < 4 or not f[0].startswith("round="):
        continue
    r = int(f[0][6:])
    kv = dict(x.split("=", 1) for x in f if "=" in x)
    key = (f[2], f[3])
    if f[1] == "ours":
        ours[key][r] = float(kv["fps_user"])
    elif f[1] == "ffmpeg":
        n = int(kv["frames"]); frames[key] = n
        u = float(kv["utime"].rstrip("s"))
        (conv if kv["kind"] == "conv" else pas)[key][r] = u
for path in glob.glob(os.path.join(out, "jmh-r*.csv")):
    for row in csv.DictReader(open(path)):
        jmh[(row["Param: path"], row["Param: size"])].append(float(row["Score"]))
med = statistics.median
print("| Path | Size | ours, CPU time (fps) | ours, JMH wall (fps) | ffmpeg whole process (fps) | swscale alone, est. (fps) "
      "| ours / ffmpeg | ours / swscale | per round | goal | met |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for key in sorted(ours, key=lambda k: (["YUYV>RGB565", "YUYV>GRAYSCALE", "BA81>RGB565"].index(k[0]), k[1] != "640x480")):
    n = frames[key]
    rounds = sorted(set(ours[key]) & set(conv[key]) & set(pas[key]))
    o = [ours[key][r] for r in rounds]
    whole = [n / conv[key][r] for r in rounds]
    sws = [n / (conv[key][r] - pas[key][r]) for r in rounds]
    per = [ours[key][r] / (n / (conv[key][r] - pas[key][r])) for r in rounds]
    rs, rw = med(o) / med(sws), med(o) / med(whole)
    j = f"{med(jmh[key]):,.0f} ({min(jmh[key]):,.0f}–{max(jmh[key]):,.0f})" if jmh.get(key) else "—"
    print(f"| {key[0].replace('>', ' → ')} | {key[1]} | {med(o):,.0f} ({min(o):,.0f}–{max(o):,.0f}) | {j} "
          f"| {med(whole):,.0f} ({min(whole):,.0f}–{max(whole):,.0f}) | {med(sws):,.0f} ({min(sws):,.0f}–{max(sws):,.0f}) "
          f"| {rw:.2f} | **{rs:.2f}** | {min(per):.2f}–{max(per):.2f} | ≥ 1.0 | {'yes' if rs >= 1.0 else 'no'} |")
print()
print(f"Medians of {len(rounds)} rounds, (min–max) in brackets; 'per round' is ours / swscale alone within each round.")
EOF
