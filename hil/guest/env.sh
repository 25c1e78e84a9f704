# Sourced by the guest scripts that bring up the devices (main.sh, bench/hil/record-vs-v4l2ctl.sh): the gpio-sim
# chip's label, the groups that get the device nodes (as a Pi's udev rules grant them) and the unprivileged test
# user. setup-devices.sh reads the exported ones.
# shellcheck shell=bash
gid_of() { getent group "$1" | cut -d: -f3; }
HIL_VIDEO_GID=$(gid_of video || true)
HIL_GPIO_GID=$(gid_of gpio || true)
export HIL_GPIO_LABEL=hil-sim HIL_SIM_GID=4243 HIL_VIDEO_GID=${HIL_VIDEO_GID:-44} HIL_GPIO_GID=${HIL_GPIO_GID:-4244}
export HIL_UID=4242
