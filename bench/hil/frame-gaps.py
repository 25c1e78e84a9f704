#!/usr/bin/env python3
"""Where in a recording frames went missing, for bench/hil/record-vs-v4l2ctl.sh (in the hil guest).

    frame-gaps.py FILE PAYLOAD_BYTES FPS        an ImageIO V2 stream written by framereel record
    frame-gaps.py --v4l2ctl STDERR N            the status output of v4l2-ctl --stream-count=N

Prints "gaps_first_half=A gaps_second_half=B": the frames missing before stored frame N/2 (start-up, when a JVM
is still compiling) and after it (the steady state the CPU window measures); for a stream also
"gaps_at_s=T:K,...": the first dozen gaps, each as seconds of camera time after the first frame and frames missing.

framereel writes each frame's elapsed time as the interval between the camera's capture timestamps, so a frame
that follows k missing frames has an elapsed time of about k + 1 periods. v4l2-ctl prints a '<' per frame and,
about once a second, "NN.NN fps, dropped buffers: K" for the frames missing since its previous status line.
"""
import re
import struct
import sys


def from_stream(path, payload, fps):
    period_ms = 1000.0 / fps
    elapsed = []
    with open(path, "rb") as f:
        f.seek(16)  # "OMV IMG STR V2.0"
        while True:
            header = f.read(32)
            if len(header) < 32:
                break
            elapsed.append(struct.unpack_from("<I", header)[0])  # elapsed_ms, the chunk's first u32
            f.seek(payload, 1)  # raw frames of a multiple of 16 bytes: no padding
    half = len(elapsed) // 2
    first = second = 0
    at_ms = 0
    where = []
    for i, e in enumerate(elapsed[1:], start=1):  # frame 0's elapsed is the time since the file was opened
        at_ms += e
        missing = max(0, round(e / period_ms) - 1)
        if missing and len(where) < 12:
            where.append(f"{at_ms / 1000:.1f}:{missing}")
        if i < half:
            first += missing
        else:
            second += missing
    return first, second, where


def from_v4l2ctl(path, n):
    text = open(path, errors="replace").read()
    frames = first = second = 0
    for chunk in re.split(r"(?<=\n)", text):
        frames += chunk.count("<")
        m = re.search(r"dropped buffers: *(\d+)", chunk)
        if m:
            if frames - chunk.count("<") < n // 2:  # the line covers frames from before the half
                first += int(m.group(1))
            else:
                second += int(m.group(1))
    return first, second


if sys.argv[1] == "--v4l2ctl":
    a, b = from_v4l2ctl(sys.argv[2], int(sys.argv[3]))
    print(f"gaps_first_half={a} gaps_second_half={b}")
else:
    a, b, where = from_stream(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))
    # Where the first dozen gaps are: seconds of camera time after the first stored frame, then frames missing.
    print(f"gaps_first_half={a} gaps_second_half={b} gaps_at_s={','.join(where) or '-'}")
