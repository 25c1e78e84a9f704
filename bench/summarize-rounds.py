#!/usr/bin/env python3
"""Summarises the paired rounds of run-benchmarks.sh: per side the mean of the per-fork scores, and the
ratio of each side to its baseline, overall and round by round (a round's sides ran back to back)."""
import glob
import json
import os
import statistics
import sys
from collections import defaultdict

BASELINES = {"FileAppendBenchmark": "channelWrite", "MemoryWriteBenchmark": "plainPut"}

out = sys.argv[1] if len(sys.argv) > 1 else "bench/target/results"
scores = defaultdict(dict)  # (class, params) -> {(method, round): (score, [iterations])}
for path in sorted(glob.glob(os.path.join(out, "rounds-*.json"))):
    rnd = os.path.basename(path).split("-")[2]
    for b in json.load(open(path)):
        cls, method = b["benchmark"].split(".")[-2:]
        params = ",".join(f"{k}={v}" for k, v in sorted(b.get("params", {}).items()))
        m = b["primaryMetric"]
        its = [x for fork in m["rawData"] for x in fork]
        scores[(cls, params)][(method, rnd)] = (m["score"], its, m["scoreUnit"])

for (cls, params), by in sorted(scores.items()):
    base = BASELINES[cls]
    rounds = sorted({r for _, r in by})
    methods = sorted({m for m, _ in by}, key=lambda m: (m != base, m))
    print(f"{cls} [{params}]")
    base_mean = statistics.mean(by[(base, r)][0] for r in rounds)
    for m in methods:
        forks = [by[(m, r)][0] for r in rounds]
        its = [x for r in rounds for x in by[(m, r)][1]]
        unit = by[(m, rounds[0])][2]
        mean = statistics.mean(forks)
        sd = statistics.stdev(forks) if len(forks) > 1 else 0.0
        line = (f"  {m:<18} mean of {len(forks)} forks {mean:10.1f} {unit}  sd {sd:8.1f}"
                f"  iterations {min(its):.0f}..{max(its):.0f}")
        if m != base:
            per_round = [by[(m, r)][0] / by[(base, r)][0] for r in rounds]
            line += (f"  ratio {mean / base_mean:.2f}  per round "
                     + " ".join(f"{x:.2f}" for x in per_round))
        print(line)
