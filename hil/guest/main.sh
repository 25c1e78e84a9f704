#!/bin/bash
# The guest's test run, as root inside the chroot: bring up the devices, run the JUnit tests tagged "hil" in
# one JVM as an unprivileged user with only device-group access (as the daemon runs in production), then
# collect the kernel log. Writes the outcome to $HIL_RUN/out/result, which the host checks.
set -uo pipefail
OUT=$HIL_RUN/out
CP=$HIL_RUN/classpath
mark() { echo "HIL-MARK $* uptime=$(cut -d' ' -f1 /proc/uptime)"; }
result=1
trap 'echo $result >"$OUT/result"; dmesg >"$OUT/dmesg.txt" 2>&1' EXIT

# shellcheck source-path=SCRIPTDIR source=env.sh
. "$HIL_RUN/guest/env.sh"

"$HIL_RUN/guest/setup-devices.sh" || { echo "HIL: device setup failed"; exit 1; }
# A small filesystem of the test user's own for the daemon's disk-full tests (an unprivileged user cannot mount
# one): 6 MiB, so a recording fills it within seconds.
small=/mnt/hil-small
mkdir -p "$small" && mount -t tmpfs -o size=6m,mode=0700,uid=$HIL_UID,gid=$HIL_UID hil-small "$small" \
    || { echo "HIL: cannot mount the small store $small"; exit 1; }
echo "HIL_SMALL_STORE=$small" >>/run/hil.env
mark devices-ready

shopt -s nullglob
launcher=("$CP"/lib/junit-platform-console-standalone-*.jar)
[ ${#launcher[@]} = 1 ] || { echo "HIL: expected one junit-platform-console-standalone jar in $CP/lib"; exit 1; }
classpath=""
for j in "$CP"/lib/*.jar; do
    [ "$j" = "${launcher[0]}" ] || classpath=$classpath${classpath:+:}$j
done
scan=""
for j in "$CP"/tests/*.jar; do scan=$scan${scan:+:}$j; done
[ -n "$scan" ] || { echo "HIL: no test jars in $CP/tests"; exit 1; }
selection=(--scan-class-path "$scan" --include-tag hil)
if [ -s "$HIL_RUN/include-classname" ]; then
    selection+=(--include-classname "$(cat "$HIL_RUN/include-classname")")
fi

home=/tmp/hil-user
mkdir -p "$home" "$OUT/reports" "$OUT/data"
chown "$HIL_UID:$HIL_UID" "$home"
chmod 0777 "$OUT/reports" "$OUT/data"
mark junit-start
setpriv --reuid="$HIL_UID" --regid="$HIL_UID" --groups="$HIL_VIDEO_GID,$HIL_GPIO_GID,$HIL_SIM_GID" \
    --bounding-set=-all --inh-caps=-all --no-new-privs \
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LANG=C.UTF-8 $(cat /run/hil.env) \
    "$HIL_JAVA/bin/java" -Xmx768m -XX:+UseSerialGC -Djava.io.tmpdir=/tmp -Duser.home="$home" \
    -XX:ErrorFile="$OUT/data/hs_err_pid%p.log" -Dframereel.hil.require=true -Dframereel.hil.out="$OUT/data" \
    -Djna.nosys=true \
    -jar "${launcher[0]}" execute --disable-banner --disable-ansi-colors --details=tree --details-theme=ascii --fail-if-no-tests \
    --class-path "$classpath:$scan" --reports-dir "$OUT/reports" "${selection[@]}"
result=$?
mark junit-done rc=$result
if grep -qE 'WARNING:|BUG:' <(dmesg); then
    echo "HIL: the kernel logged a warning during the tests (see $OUT/dmesg.txt)"
    dmesg | grep -B2 -A20 -E 'WARNING:|BUG:' | head -60
    [ $result = 0 ] && result=4
fi
exit $result
