#!/usr/bin/env bash
# Builds the rig's initramfs: a static busybox, the /init script and just the modules needed to mount the
# 9p shares (virtio + 9p, in dependency order) and the overlay that the systemd boot puts over /usr. The test
# drivers (vivid, gpio-sim, vfb) are not in it: the guest loads them from the 9p-visible module tree with the
# host's modprobe.
#   mk-initramfs.sh KERNEL_TREE KV INIT BUSYBOX OUT.cpio.gz
set -euo pipefail
ktree=$1 kv=$2 init=$3 busybox=$4 out=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/lib/modules" "$work/proc" "$work/sys" "$work/dev"
cp "$busybox" "$work/bin/busybox"
file -L "$work/bin/busybox" 2>/dev/null | grep -q 'dynamically linked' && {
    echo "mk-initramfs: $busybox is dynamically linked; the initramfs needs busybox-static" >&2; exit 2; }
cp "$init" "$work/init"
chmod 755 "$work/init"
: >"$work/modules.order"
for m in virtio_pci virtio_mmio 9pnet_virtio 9p overlay; do
    modprobe -d "$ktree" -S "$kv" --show-depends "$m" 2>/dev/null | awk '$1=="insmod"{print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
    b=$(basename "$ko")
    case "$ko" in
        *.xz) xz -dc "$ko" >"$work/lib/modules/${b%.xz}"; b=${b%.xz} ;;
        *.zst) zstd -qdc "$ko" >"$work/lib/modules/${b%.zst}"; b=${b%.zst} ;;
        *) cp "$ko" "$work/lib/modules/$b" ;;
    esac
    echo "$b" >>"$work/modules.order"
done
grep -q '^9p.ko$' "$work/modules.order" || { echo "mk-initramfs: 9p.ko not found in $ktree for $kv" >&2; exit 2; }
(cd "$work" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
