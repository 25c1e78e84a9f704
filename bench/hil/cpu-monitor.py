#!/usr/bin/env python3
"""Runs one recording command and measures its CPU time, for bench/hil/record-vs-v4l2ctl.sh (in the hil guest).

    cpu-monitor.py --file OUT --frame-bytes B --window A Z [--threads] --stdout F --stderr F -- COMMAND...

Prints one line of key=value pairs:
  rc, user_s, sys_s, cpu_s, wall_s, maxrss_kb   the whole process (getrusage of the waited-for child: every
                                                thread, start-up and teardown included)
  win_frames, win_cpu_s, win_wall_s, win_ms_per_frame
                                                between two samples of /proc/PID/stat (user + system), taken when
                                                OUT first holds A frames and when it first holds Z frames (its size
                                                divided by B, the bytes one frame adds); the steady state
  thr_<group>_ms                                with --threads, the window's CPU time per frame split by thread
                                                name (capture, writer, main, jit, gc, other), from the threads'
                                                schedstat (ns; a thread that ends inside the window is missing)
The command must exec into the recording process (setpriv and env do), so that the child's PID is the tool's.
"""
import argparse
import os
import resource
import subprocess
import time

TICK = os.sysconf("SC_CLK_TCK")


def process_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    return int(rest[11]) + int(rest[12])  # utime, stime (fields 14 and 15)


def group_of(name):
    if name.startswith("framereel-captu"):
        return "capture"
    if name.startswith("framereel-write"):
        return "writer"
    if name == "java":  # HotSpot's main thread keeps the process name
        return "main"
    if "Compiler" in name or name.startswith(("C1 ", "C2 ")):
        return "jit"
    if name.startswith(("GC ", "G1 ", "VM Thread")):
        return "gc"
    return "other"


def thread_nanos(pid):
    """CPU time per thread group in ns: the first field of each thread's schedstat (its sum_exec_runtime), which
    is exact where /proc/PID/task/TID/stat counts whole clock ticks. A thread that ends inside the window takes
    its share with it."""
    groups = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                nanos = int(f.read().split()[0])
        except OSError:
            continue  # the thread ended meanwhile
        g = group_of(name)
        groups[g] = groups.get(g, 0) + nanos
    return groups


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--file", required=True)
    p.add_argument("--frame-bytes", type=int, required=True)
    p.add_argument("--window", type=int, nargs=2, required=True)
    p.add_argument("--threads", action="store_true")
    p.add_argument("--stdout", required=True)
    p.add_argument("--stderr", required=True)
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    first, last = a.window

    def sample(pid):
        size = os.stat(a.file).st_size if os.path.exists(a.file) else 0
        return time.monotonic(), size, process_ticks(pid), thread_nanos(pid) if a.threads else {}

    t0 = time.monotonic()
    with open(a.stdout, "wb") as out, open(a.stderr, "wb") as err:
        child = subprocess.Popen(cmd, stdout=out, stderr=err)
        start = end = None
        while child.poll() is None:
            try:
                frames = os.stat(a.file).st_size // a.frame_bytes if os.path.exists(a.file) else 0
                if start is None and frames >= first:
                    start = sample(child.pid)
                elif start is not None and end is None and frames >= last:
                    end = sample(child.pid)
            except (OSError, IndexError, ValueError):
                pass  # the process is exiting
            time.sleep(a.interval)
        rc = child.wait()
    wall = time.monotonic() - t0
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = (f"rc={rc} user_s={r.ru_utime:.3f} sys_s={r.ru_stime:.3f} cpu_s={r.ru_utime + r.ru_stime:.3f} "
            f"wall_s={wall:.3f} maxrss_kb={r.ru_maxrss}")
    if start and end:
        frames = round((end[1] - start[1]) / a.frame_bytes)
        cpu = (end[2] - start[2]) / TICK
        line += (f" win_frames={frames} win_cpu_s={cpu:.2f} win_wall_s={end[0] - start[0]:.2f} "
                 f"win_ms_per_frame={1000 * cpu / max(frames, 1):.2f}")
        if a.threads:
            for g in ("capture", "writer", "main", "jit", "gc", "other"):
                d = end[3].get(g, 0) - start[3].get(g, 0)
                line += f" thr_{g}_ms={d / 1e6 / max(frames, 1):.3f}"
    else:
        line += " win_frames=0"
    print(line, flush=True)


if __name__ == "__main__":
    main()
