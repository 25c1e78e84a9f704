#!/usr/bin/env bash
# Power cuts under the recorder daemon (issue 6, docs/reliability.md): boots the hil guest CUTS + 1 times on one
# ext4 image. Each boot checks the previous cut (recovery by the daemon, frames reported recorded against frames
# in the files, every file reopening cleanly) and makes the next one with sysrq 'b' while the daemon records
# with store.sync = always (hil/guest/power-cut.sh). Unlike the SIGKILL kill points, a cut also throws away the
# guest's page cache: only what reached the disk survives, so a missing fsync of a file or directory shows.
#
#   ./mvnw -q -o -pl capture -am package -DskipTests      # -> capture/target/framereel.jar
#   hil/host/power-cut.sh [CUTS] [RUN_DIR] [JAR]          # CUTS default 3; about 40-70 s per cut under TCG
#   SYNC=never hil/host/power-cut.sh 2                    # the control: without syncs, reported frames are lost
#
# Prints one line per cut and exits 0 only when no cut lost a reported frame. ./mvnw -Phil verify runs it
# (hil/pom.xml: -Dhil.power.cuts=N, -DskipPowerCut).
set -euo pipefail
cd "$(dirname "$0")/../.."
cuts=${1:-3}
run_dir=${2:-hil/target/power-cut}
jar=${3:-capture/target/framereel.jar}
die() { echo "power-cut: $*" >&2; exit 2; }
[ -f "$jar" ] || die "$jar is missing: ./mvnw -q -o -pl capture -am package -DskipTests"
command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 is missing (apt-get install e2fsprogs)"
rm -rf "$run_dir"
mkdir -p "$run_dir/state"
cp "$jar" "$run_dir/framereel.jar"
echo "$cuts" >"$run_dir/state/cuts"
echo "${SYNC:-always}" >"$run_dir/state/sync"
# A small filesystem, made on the host (mkfs works on a plain file, no root needed); the guest never formats.
truncate -s 128M "$run_dir/disk.img"
mkfs.ext4 -q -F -L power-cut "$run_dir/disk.img"
t0=$(date +%s)
for boot in $(seq 0 "$cuts"); do
    if ! hil/host/rig.sh run --run-dir "$run_dir" --guest-script hil/guest/power-cut.sh --disk "$run_dir/disk.img" \
        --timeout 600 >"$run_dir/boot-$boot.log" 2>&1; then
        cat "$run_dir/boot-$boot.log" >&2
        grep 'POWER-CUT' "$run_dir/console.log" >&2 || true
        die "boot $boot failed (console: $run_dir/console.log)"
    fi
done
cat "$run_dir/state/results.txt"
lost=$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^lost=/) { split($i, a, "="); s += a[2] } } END { print s + 0 }' \
    "$run_dir/state/results.txt")
echo "power cuts: $cuts, store.sync = ${SYNC:-always}, frames lost: $lost, in $(($(date +%s) - t0)) s"
