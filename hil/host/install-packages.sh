#!/usr/bin/env bash
# Installs the hil rig's host packages (hil/host/packages.txt) with apt, non-interactively. Needs root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ]; then
    echo "hil: installing packages needs root: sudo $0" >&2
    exit 2
fi
mapfile -t packages < <(grep -v '^\s*#' "$here/packages.txt" | grep -v '^\s*$')
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${packages[@]}"
