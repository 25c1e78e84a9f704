#!/bin/bash
# The systemd boot run's checks, as root under systemd (framereel-hil-check.service, after framereel.service has
# started or failed): what the packaged units do under a real systemd with the rig's devices. One line per check
# in $HIL_RUN/out/checks.txt (PASS, FAIL, or INFO for a measurement), the number of failed checks in out/result,
# the boot's journal and kernel log next to them. The unit powers the guest off when this script ends.
set -uo pipefail
OUT=$HIL_RUN/out
CHECKS=$OUT/checks.txt
REC=/var/lib/framereel/recordings
OPERATOR_UID=4242   # a member of group framereel, as `adduser NAME framereel` makes one
OUTSIDER_UID=4343   # in no group at all
failed=0
completed=""   # set by the last line: a checker killed half-way (the unit's timeout) must not look like a pass
: >"$CHECKS"

mark() { echo "HIL-MARK $* uptime=$(cut -d' ' -f1 /proc/uptime)"; }
pass() { echo "PASS $1: $2" | tee -a "$CHECKS"; }
fail() { echo "FAIL $1: $2" | tee -a "$CHECKS"; failed=$((failed + 1)); }
info() { echo "INFO $1: $2" | tee -a "$CHECKS"; }
finish() {
    [ -n "$completed" ] || fail checker "stopped before its last check (killed, or its unit timed out)"
    journalctl -b --no-pager -o short-monotonic >"$OUT/journal.txt" 2>&1
    dmesg >"$OUT/dmesg.txt" 2>&1
    systemctl list-units --all --no-pager >"$OUT/units.txt" 2>&1
    mark checks-done failed=$failed
    echo "$failed" >"$OUT/result"
}
trap finish EXIT

prop() { systemctl show -p "$2" --value "$1"; }     # unit property
props() { systemctl show -p ActiveState,SubState,Result,NRestarts,MainPID,ExecMainCode,ExecMainStatus "$1" | tr '\n' ' '; }
status_text() { prop framereel.service StatusText; }
uptime_s() { cut -d' ' -f1 /proc/uptime | cut -d. -f1; }
# Polls every half second until the command succeeds; false after the limit.
wait_until() { # seconds command...
    local end=$(($(uptime_s) + $1))
    shift
    until "$@"; do
        [ "$(uptime_s)" -lt "$end" ] || return 1
        sleep 0.5
    done
}
state_is() { [ "$(prop "$1" ActiveState)" = "$2" ]; }
status_starts() { case "$(status_text)" in "$1"*) return 0 ;; *) return 1 ;; esac; }
bins() { find "$REC" -maxdepth 1 -name '*.bin' | sort; }
parts() { find "$REC" -maxdepth 1 -name '*.part*'; }
bin_count() { bins | wc -l; }
bins_more_than() { [ "$(bin_count)" -gt "$1" ]; }
mode_owner() { stat -c '%a %U:%G' "$1" 2>&1; }
journal_of() { journalctl -b --no-pager -o cat -u "$1"; }

gid_of() { getent group "$1" | cut -d: -f3; }
# The CLI as an unprivileged user: no capabilities, no_new_privs, nothing of root's environment. The short-run
# JIT setting only makes each CLI start cheaper under TCG.
as_user() { # uid groups command...
    local uid=$1 groups=$2
    shift 2
    local home=/tmp/hil-user-$uid groups_arg=--clear-groups
    [ -z "$groups" ] || groups_arg=--groups=$groups
    mkdir -p "$home" && chown "$uid:$uid" "$home"
    setpriv --reuid="$uid" --regid="$uid" "$groups_arg" \
        --bounding-set=-all --inh-caps=-all --no-new-privs \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LANG=C.UTF-8 \
        FRAMEREEL_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "$@"
}
as_operator() { as_user "$OPERATOR_UID" "$(gid_of framereel)" "$@"; }
frames_in() { as_operator framereel info "$1" | awk '$1 == "frames" {print $2}'; }
# GPIO: a finger on the simulated button, as the hil tests press it (pull-up = pressed; the config is active-high).
press() { # line-name
    local n
    n=$(gpioinfo "$HIL_GPIOCHIP" | awk -v name="\"$1\"" '$3 == name {sub(":", "", $2); print $2}')
    echo pull-up >"$HIL_GPIOSIM/sim_gpio$n/pull"
    sleep 0.3
    echo pull-down >"$HIL_GPIOSIM/sim_gpio$n/pull"
}

mark checks-start
# The units' journal as it is written, so that a run the host has to kill still leaves it.
journalctl -b -f --no-pager -o short-monotonic -u framereel.service -u framereel-replay.service >"$OUT/framereel.log" 2>&1 &

# ---- boot -------------------------------------------------------------------------------------------------
pid1=$(readlink /proc/1/exe)
if [ "$pid1" = /usr/lib/systemd/systemd ]; then
    pass boot "PID 1 is $pid1, $(systemctl is-system-running 2>&1) at $(cut -d' ' -f1 /proc/uptime) s"
else
    fail boot "PID 1 is $pid1, not systemd"
fi
info package "framereel $(cat "$OUT/package-version.txt"), java $(cat "$OUT/java.txt")"
failed_units=$(systemctl list-units --failed --plain --no-legend --no-pager | awk '{print $1}' | tr '\n' ' ')
info failed-units "${failed_units:-none}"

# ---- sysusers, tmpfiles ------------------------------------------------------------------------------------
user=$(getent passwd framereel)
uid=$(cut -d: -f3 <<<"$user")
if [ -n "$user" ] && [ "$uid" -lt 1000 ] && [ "$(cut -d: -f6 <<<"$user")" = /var/lib/framereel ] &&
        getent group framereel >/dev/null && getent group gpio >/dev/null &&
        [ "$(prop systemd-sysusers.service Result)" = success ]; then
    pass sysusers "user $user, group $(getent group framereel), group $(getent group gpio)"
else
    fail sysusers "user framereel '$user', group gpio '$(getent group gpio)'; systemd-sysusers: $(props systemd-sysusers.service)"
fi
# The unit that makes them ("-" for none) succeeded, and each path has the mode and owner given as "path=MODE U:G".
check_modes() { # name unit path=expected...
    local name=$1 unit=$2 ok=yes seen="" p want got
    shift 2
    for p in "$@"; do
        want=${p#*=}
        p=${p%%=*}
        got=$(mode_owner "$p")
        seen="$seen $p=$got"
        [ "$got" = "$want" ] || { ok=""; seen="$seen (expected $want)"; }
    done
    if [ "$unit" != - ] && [ "$(prop "$unit" Result)/$(prop "$unit" ActiveState)" != success/active ]; then
        ok=""
        seen="$seen; $unit: $(props "$unit")"
    fi
    if [ -n "$ok" ]; then pass "$name" "${seen# }"; else fail "$name" "${seen# }"; fi
}
check_modes tmpfiles systemd-tmpfiles-setup.service \
    "/var/lib/framereel=750 framereel:framereel" "$REC=750 framereel:framereel"
check_modes unit-directories - "/run/framereel=750 framereel:framereel" \
    "/run/framereel/control.sock=660 framereel:framereel" "/var/cache/framereel=750 framereel:framereel"

# ---- udev --------------------------------------------------------------------------------------------------
info nodes-before-udev "$(tr '\n' ',' <"$OUT/nodes-before-udev.txt")"
check_modes udev systemd-udevd.service \
    "$HIL_VIDEO=660 root:video" "$HIL_GPIOCHIP=660 root:gpio" "$HIL_FB=660 root:video"

# ---- framereel.service: started, READY=1, STATUS= ----------------------------------------------------------
main=$(prop framereel.service MainPID)
if [ "$(prop framereel.service ActiveState)/$(prop framereel.service SubState)" = active/running ] &&
        [ "$(prop framereel.service NRestarts)" = 0 ] && [ "$main" -gt 0 ] &&
        [[ "$(status_text)" =~ ^(idle|recording).*fps,\ ring\ [0-9]+/[0-9]+ ]]; then
    pass active "$(props framereel.service)StatusText='$(status_text)'"
else
    fail active "$(props framereel.service)StatusText='$(status_text)'; journal: $(journal_of framereel.service | tail -5 | tr '\n' '|')"
fi
exe=$(readlink "/proc/$main/exe")
if [[ "$exe" == */bin/java ]] && journal_of framereel.service | grep -q "ready:"; then
    pass main-pid "the JVM ($exe) is the main process and said READY=1: $(journal_of framereel.service | grep -m1 'ready:')"
else
    fail main-pid "main process $main is $exe, or no 'ready:' line in the journal"
fi

# ---- buttons and the control socket ------------------------------------------------------------------------
if state_is framereel.service active; then
    before=$(bin_count)
    press start
    wait_until 20 status_starts recording
    rec_status=$(status_text)
    sleep 2
    press start
    wait_until 20 status_starts idle && wait_until 10 bins_more_than "$before"
    if [[ "$rec_status" == recording* ]] && bins_more_than "$before"; then
        pass gpio "start button on $HIL_GPIOCHIP (hil-sim) toggled: '$rec_status', then $(bin_count) recordings"
    else
        fail gpio "button press: status '$rec_status', then '$(status_text)', recordings $before -> $(bin_count)"
    fi

    status=$(as_operator framereel ctl status --json 2>&1)
    if [[ "$status" == *"\"ok\":true"* && "$status" == *"\"state\":\"idle\""* ]]; then
        pass ctl-status "as a member of group framereel: $status"
    else
        fail ctl-status "ctl status as a member of group framereel: $status"
    fi
    # The socket's permissions, not the CLI, keep others out: a bare connect() (python3, no JVM start) is enough.
    refused=$(as_user "$OUTSIDER_UID" "" python3 -c \
        'import socket, sys; socket.socket(socket.AF_UNIX).connect(sys.argv[1])' /run/framereel/control.sock 2>&1 | tail -1)
    if [[ "$refused" == *"Permission denied"* ]]; then
        pass ctl-refused "a user outside group framereel cannot connect: $refused"
    else
        fail ctl-refused "a user outside group framereel connecting to the control socket got: '$refused'"
    fi

    before=$(bin_count)
    start_out=$(as_operator framereel ctl start 2>&1)
    start_rc=$?
    wait_until 20 status_starts recording
    sleep 3
    stop_out=$(as_operator framereel ctl stop 2>&1)
    stop_rc=$?
    wait_until 20 status_starts idle && wait_until 10 bins_more_than "$before"
    newest=$(bins | tail -1)
    frames=""
    [ -z "$newest" ] || frames=$(frames_in "$newest")
    if [ $start_rc = 0 ] && [ $stop_rc = 0 ] && bins_more_than "$before" && [ "${frames:-0}" -gt 0 ]; then
        pass ctl-record "ctl start (exit $start_rc), ctl stop (exit $stop_rc): $newest holds ${frames:-?} frames"
    else
        fail ctl-record "ctl start exit $start_rc '$start_out', ctl stop exit $stop_rc '$stop_out', recordings $before -> $(bin_count), newest '$newest' frames '${frames}'"
    fi
else
    fail gpio "framereel.service is not active: $(props framereel.service)"
fi

# ---- sandbox: the JVM lives on under the system call filter and the rest --------------------------------------
main=$(prop framereel.service MainPID)
if [ "$main" -gt 0 ]; then
    age=$(($(uptime_s) - $(prop framereel.service ExecMainStartTimestampMonotonic) / 1000000))
    [ $age -ge 25 ] || sleep $((25 - age))
    age=$(($(uptime_s) - $(prop framereel.service ExecMainStartTimestampMonotonic) / 1000000))
    st=/proc/$main/status
    sandbox="pid $main alive after ${age}s, $(grep -E '^(Seccomp|NoNewPrivs|CapEff):' "$st" | tr -s '\t\n' '  ')groups $(grep '^Groups:' "$st" | cut -f2)"
    killed=$(journal_of framereel.service | grep -E 'SIGSYS|status=31|Bad system call|dumped core' | head -3)
    audit=$(dmesg | grep 'type=1326' | head -3)
    if [ "$(prop framereel.service MainPID)" = "$main" ] && [ -d "/proc/$main" ] &&
            grep -qE "^Seccomp:\s+2" "$st" && grep -qE "^NoNewPrivs:\s+1" "$st" && grep -qE "^CapEff:\s+0+$" "$st" &&
            grep "^Groups:" "$st" | grep -qw "$(gid_of video)" && grep "^Groups:" "$st" | grep -qw "$(gid_of gpio)" &&
            [ -z "$killed" ] && [ -z "$audit" ]; then
        pass sandbox "$sandbox"
    else
        fail sandbox "$sandbox; seccomp/sandbox kills: journal '$killed' dmesg '$audit'"
    fi
    # journald files the daemon's "<4>"-prefixed lines as warnings; a healthy run has none.
    warnings=$(journalctl -b --no-pager -o cat -p warning -u framereel.service | head -5 | tr '\n' '|')
    info journal-warnings "${warnings:-none}"
else
    fail sandbox "framereel.service has no main process: $(props framereel.service)"
fi

# ---- systemd-analyze security, online ----------------------------------------------------------------------
for u in framereel.service framereel-replay.service; do
    exposure=$(systemd-analyze security --no-pager "$u" 2>&1 | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) \(.*\)/\1 \2/p')
    if [ -n "$exposure" ] && awk -v e="${exposure%% *}" "BEGIN{exit !(e <= 2.0)}"; then
        pass "security-$u" "exposure $exposure"
    else
        fail "security-$u" "exposure '$exposure' (limit 2.0)"
    fi
done

# ---- watchdog: a stalled daemon is killed and restarted ----------------------------------------------------
main=$(prop framereel.service MainPID)
if state_is framereel.service active; then
    t0=$(cut -d' ' -f1 /proc/uptime)
    kill -STOP "$main"
    watchdog_fired() { journal_of framereel.service | grep -q "Watchdog timeout"; }
    wait_until 30 watchdog_fired
    t1=$(cut -d' ' -f1 /proc/uptime)
    # The SIGABRT systemd sent waits while the process is stopped; let it land instead of waiting out
    # TimeoutAbortSec for the SIGKILL.
    kill -CONT "$main"
    restarted() { state_is framereel.service active && [ "$(prop framereel.service MainPID)" != "$main" ]; }
    wait_until 90 restarted
    t2=$(cut -d' ' -f1 /proc/uptime)
    timeout_line=$(journal_of framereel.service | grep -m1 'Watchdog timeout')
    kill_line=$(journal_of framereel.service | grep -m1 'SIGABRT')
    if [ -n "$timeout_line" ] && [ -n "$kill_line" ] && restarted && [ "$(prop framereel.service NRestarts)" = 1 ]; then
        pass watchdog "stopped pid $main: '$timeout_line' after $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s, '$kill_line', active again after $(awk -v a="$t0" -v b="$t2" 'BEGIN{printf "%.1f", b-a}') s: $(props framereel.service)"
    else
        fail watchdog "stopped pid $main: timeout '$timeout_line', kill '$kill_line', now $(props framereel.service)"
    fi
else
    fail watchdog "framereel.service is not active: $(props framereel.service)"
fi

# ---- systemctl stop while recording: exit 143 is success, the recording is committed -------------------------
if state_is framereel.service active; then
    before=$(bin_count)
    systemctl kill --kill-who=main --signal=SIGUSR1 framereel.service
    wait_until 30 status_starts recording
    sleep 2
    recording=$(status_text)
    part=$(parts)
    t0=$(cut -d' ' -f1 /proc/uptime)
    systemctl stop framereel.service
    t1=$(cut -d' ' -f1 /proc/uptime)
    # The daemon's own account of the file it closed; the replay below reads the file back.
    newest=$(bins | tail -1)
    stopping=$(journal_of framereel.service | grep 'stopping:' | tail -1)
    closed=$(journal_of framereel.service | grep -F "closed $newest:" | tail -1)
    frames=$(sed -n 's/.*: \([0-9]*\) frames.*/\1/p' <<<"$closed")
    if [[ "$recording" == recording* ]] && [ -n "$part" ] && state_is framereel.service inactive &&
            [ "$(prop framereel.service Result)" = success ] && [ "$(prop framereel.service ExecMainStatus)" = 143 ] &&
            [ -n "$stopping" ] && [ -z "$(parts)" ] && bins_more_than "$before" && [ "${frames:-0}" -gt 0 ]; then
        pass stop "SIGUSR1 started '$recording'; stop took $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s: $(props framereel.service); journal: '$stopping' '$closed'; no .part left"
    else
        fail stop "while '$recording' (part '$part'): $(props framereel.service); journal: '$stopping' '$closed'; recordings $before -> $(bin_count), left: '$(parts)'"
    fi
    info runtime-directory "after stop: $(ls -d /run/framereel 2>&1)"
else
    fail stop "framereel.service is not active: $(props framereel.service)"
fi

# ---- framereel-replay.service on the framebuffer -----------------------------------------------------------
fb_lit() { [ "$(head -c 768000 "$HIL_FB" | tr -d '\000' | wc -c)" -gt 0 ]; }
dd if=/dev/zero of="$HIL_FB" bs=1600 count=480 status=none
systemctl start framereel-replay.service
wait_until 60 fb_lit
sleep 3
lit=$(head -c 768000 "$HIL_FB" | tr -d '\000' | wc -c)
replay=$(props framereel-replay.service)
if [ "$(prop framereel-replay.service ActiveState)/$(prop framereel-replay.service SubState)" = active/running ] &&
        [ "$(prop framereel-replay.service NRestarts)" = 0 ] && [ "$lit" -gt 0 ]; then
    pass replay "$replay; $lit of 768000 bytes on $HIL_FB lit"
else
    fail replay "$replay; $lit bytes lit on $HIL_FB; journal: $(journal_of framereel-replay.service | tail -5 | tr '\n' '|')"
fi
systemctl stop framereel-replay.service
if [ "$(prop framereel-replay.service Result)" = success ] && state_is framereel-replay.service inactive; then
    pass replay-stop "$(props framereel-replay.service)"
else
    fail replay-stop "$(props framereel-replay.service)"
fi

# ---- the kernel ---------------------------------------------------------------------------------------------
warn=$(dmesg | grep -E 'WARNING:|BUG:' | head -3 | tr '\n' '|')
if [ -z "$warn" ]; then
    pass kernel "no WARNING or BUG in the kernel log"
else
    fail kernel "kernel log: $warn"
fi
completed=yes
