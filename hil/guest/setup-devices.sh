#!/bin/bash
# Brings up the rig's devices inside the guest, as root, the way udev and a Pi's device tree would:
#   vivid    -> one capture node (webcam-like input), group video
#   gpio-sim -> chip labelled "hil-sim", 8 lines: 0 start, 1 stop, 2 mode, 3 status-led, 4-7 unnamed; group gpio
#   vfb      -> /dev/fb0 "Virtual FB" at 800x480, 16 bits 5-6-5 (red in the low bits: vfb's order, not a Pi's),
#               32-bit modes set by the tests, fbcon detached
#   bochs    -> /dev/dri/cardN driven by "bochs-drm" (x86_64 guest with QEMU's bochs-display), group video
#   uvc      -> a USB webcam on vhci-hcd driven by uvcvideo, "framereel UVC camera" (two nodes), group video
# and writes what it found to /run/hil.env for the tests. Device nodes come from devtmpfs as 0600 root (there
# is no udev), so access is granted by group, as the production udev rules do.
# HIL_NODES_BY=udev leaves the nodes and the simulator's attributes as devtmpfs made them: the systemd boot run
# loads the drivers before systemd starts, and its udevd must grant the access with the packaged rules.
set -euo pipefail
K=$HIL_RIG/tree
KV=$(ls "$K/lib/modules")
mp() { modprobe -d "$K" -S "$KV" "$@" || { echo "HIL: modprobe $* failed" >&2; exit 3; }; }

have() { modprobe -d "$K" -S "$KV" -n "$1" >/dev/null 2>&1; }
grant() { # group mode path...: what udev's rules would do (left to udev under HIL_NODES_BY=udev)
    local group=$1 mode=$2
    shift 2
    [ "${HIL_NODES_BY:-}" = udev ] && return 0
    chgrp "$group" "$@"
    chmod "$mode" "$@"
}
if [ "$(uname -m)" = x86_64 ]; then
    for m in gpio-sim vfb; do have $m || { echo "HIL: the x86_64 module tree has no $m (rebuild the rig)" >&2; exit 3; }; done
fi

# vivid is in every Debian kernel; Debian's arm64 kernel has neither vfb nor gpio-sim, so an arm64 guest gets
# the camera (and the bochs DRM card below) only; the rig description says so by leaving the others out.
mp vivid n_devs=1 node_types=0x1 num_inputs=1 input_types=0x0
VIDEO=""
for n in /sys/class/video4linux/video*; do
    case "$(cat "$n/name")" in vivid-*-vid-cap) VIDEO=/dev/$(basename "$n") ;; esac
done
[ -n "$VIDEO" ] || { echo "HIL: vivid loaded but no vivid-*-vid-cap node" >&2; exit 3; }
grant "$HIL_VIDEO_GID" 0660 "$VIDEO"
echo "HIL_VIDEO=$VIDEO" >/run/hil.env

if have gpio-sim; then
    mp gpio-sim
    mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
    C=/sys/kernel/config/gpio-sim/hil
    mkdir -p $C/bank0
    echo 8 >$C/bank0/num_lines
    echo "$HIL_GPIO_LABEL" >$C/bank0/label
    for l in 0:start 1:stop 2:mode 3:status-led; do
        mkdir -p "$C/bank0/line${l%%:*}"
        echo "${l#*:}" >"$C/bank0/line${l%%:*}/name"
    done
    echo 1 >$C/live
    GPIOCHIP=$(cat $C/bank0/chip_name)
    GPIOSIM=/sys/devices/platform/$(cat $C/dev_name)/$GPIOCHIP
    [ -d "$GPIOSIM/sim_gpio0" ] || { echo "HIL: gpio-sim attributes missing under $GPIOSIM" >&2; exit 3; }
    grant "$HIL_GPIO_GID" 0660 "/dev/$GPIOCHIP"
    # The simulator's attributes play the outside world (a finger on a button); only the test harness's extra
    # group may write them, the device groups above do not grant it.
    for l in "$GPIOSIM"/sim_gpio*; do
        grant "$HIL_SIM_GID" 0664 "$l/pull"
    done
    printf 'HIL_GPIOCHIP=/dev/%s\nHIL_GPIO_LABEL=%s\nHIL_GPIOSIM=%s\n' "$GPIOCHIP" "$HIL_GPIO_LABEL" "$GPIOSIM" >>/run/hil.env
fi

if have vfb; then
    mp vfb vfb_enable=1 videomemorysize=4194304
    FB=""
    for f in /sys/class/graphics/fb*; do
        [ -f "$f/name" ] && [ "$(cat "$f/name")" = "Virtual FB" ] && FB=/dev/$(basename "$f")
    done
    [ -n "$FB" ] || { echo "HIL: vfb loaded but no 'Virtual FB' framebuffer" >&2; exit 3; }
    fbset -fb "$FB" -g 800 480 800 480 16 -rgba 5,6,5,0   # vfb's 16-bit layout has red in the low bits
    grant "$HIL_VIDEO_GID" 0660 "$FB"
    echo "HIL_FB=$FB" >>/run/hil.env
fi

# bochs (QEMU's bochs-display, added by rig.sh) -> /dev/dri/cardN, driver "bochs-drm", group video. Loaded after
# vfb so vfb stays /dev/fb0; the DRM driver's fbdev emulation becomes the next /dev/fbN ("bochs-drmdrmfb") and
# scans out its console picture until a test takes the display, which the DRM tests use as the state to restore.
if have bochs && [ -n "$(grep -l 0x1234 /sys/bus/pci/devices/*/vendor 2>/dev/null)" ]; then
    mp bochs
    CARD=""
    for c in /sys/class/drm/card[0-9]*; do
        case "$c" in *-*) continue ;; esac   # card0-Virtual-1 and the like are connectors
        [ "$(basename "$(readlink -f "$c/device/driver")")" = bochs-drm ] && CARD=/dev/dri/$(basename "$c")
    done
    [ -n "$CARD" ] || { echo "HIL: bochs loaded but no card is driven by bochs-drm" >&2; exit 3; }
    chgrp "$HIL_VIDEO_GID" "$CARD"
    chmod 0660 "$CARD"
    # The fbdev emulation lights the display only for fbcon (mapped to vfb here) or when the card's last opener
    # closes it; one open and close makes the boot state a lit console, as on a Pi, whatever test comes first.
    : <>"$CARD"
    printf 'HIL_DRM=%s\nHIL_DRM_DRIVER=bochs-drm\n' "$CARD" >>/run/hil.env
fi

# A USB webcam: hil/guest/uvc/uvc-camera.py plays a UVC camera (MJPEG and YUYV) plugged into a high-speed port of
# vhci-hcd (USB/IP's virtual host controller), so the kernel's USB core and uvcvideo drive it as any webcam. It
# grants its nodes to the video group itself, also after the tests unplug and replug it through its control FIFO
# (group sim). HIL_USB_CAMERA=off leaves it out (the benchmarks, which want a quiet guest).
if [ "${HIL_USB_CAMERA:-on}" != off ] && [ "${HIL_NODES_BY:-}" != udev ] && have vhci-hcd && have uvcvideo &&
    command -v python3 >/dev/null; then
    mp vhci-hcd
    mp uvcvideo
    UVC_CONTROL=/run/hil-uvc
    mkdir -p "$UVC_CONTROL"
    setsid python3 "$HIL_RUN/guest/uvc/uvc-camera.py" --frames "$HIL_RUN/guest/uvc" --control "$UVC_CONTROL" \
        --group "$HIL_VIDEO_GID" --control-group "$HIL_SIM_GID" </dev/null >>"$HIL_RUN/out/uvc-camera.log" 2>&1 &
    for _ in $(seq 1 300); do
        grep -qE '^(plugged|dead)' "$UVC_CONTROL/state" 2>/dev/null && break
        sleep 0.1
    done
    grep -qx plugged "$UVC_CONTROL/state" 2>/dev/null ||
        { echo "HIL: the UVC camera did not come up (see $HIL_RUN/out/uvc-camera.log)" >&2; exit 3; }
    printf 'HIL_UVC=%s\nHIL_UVC_CONTROL=%s\nHIL_UVC_FRAMES=%s\n' "$(cat "$UVC_CONTROL/node")" "$UVC_CONTROL" \
        "$HIL_RUN/guest/uvc" >>/run/hil.env
fi

# fbcon binds to the framebuffers (vfb, the DRM fbdev emulation) and would draw the console over the pixels
# under test.
for v in /sys/class/vtconsole/vtcon*; do
    [ -f "$v/name" ] && grep -q "frame buffer" "$v/name" && echo 0 >"$v/bind"
done
echo "HIL_KV=$KV" >>/run/hil.env
echo "HIL_ARCH=$(uname -m)" >>/run/hil.env
chmod 0644 /run/hil.env
