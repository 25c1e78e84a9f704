#!/usr/bin/env bash
# Runs the benchmark suite the way docs/benchmarks.md reports it (about 10 minutes on 2 cores).
# Build first: ./mvnw -o -q -Pbench -pl bench -am package -DskipTests
# Results (JMH JSON and text) go to bench/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/target/benchmarks.jar
OUT=bench/target/results
OPTS=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
mkdir -p "$OUT"

# 1. The whole suite once, with the GC profiler, on the working disk (tmp) and on tmpfs.
java -jar "$JAR" "${OPTS[@]}" -p dir=tmp,/dev/shm -prof gc -rf json -rff "$OUT/suite.json" | tee "$OUT/suite.txt"

# 2. Paired rounds: on a shared VM one JVM can run 30% faster than the next, which swamps a 5% goal.
#    Each round runs every side in its own fork, back to back, rotating which side goes first.
run_round() { # name round method...
  local name=$1 round=$2; shift 2
  for method in "$@"; do
    java -jar "$JAR" "$method" "${OPTS[@]}" -p dir=tmp -rf json -rff "$OUT/rounds-$name-r$round-${method##*.}.json" \
      > "$OUT/rounds-$name-r$round-${method##*.}.txt"
  done
}
A=FileAppendBenchmark.channelWrite B=FileAppendBenchmark.imageIoWrite
run_round append 1 $A $B; run_round append 2 $B $A; run_round append 3 $A $B; run_round append 4 $B $A
M=MemoryWriteBenchmark.memoryStreamWrite P=MemoryWriteBenchmark.plainPut R=MemoryWriteBenchmark.ringWrite
run_round memory 1 $M $P $R; run_round memory 2 $P $R $M; run_round memory 3 $R $M $P

# 3. Exact per-thread allocation of each zero-allocation path.
java -cp "$JAR" io.framereel.bench.AllocationCheck | tee "$OUT/allocation.txt"

# 4. What a long recording costs: the frame index doubling inside write() (633 MB of scratch file).
java -cp "$JAR" io.framereel.bench.IndexGrowthProbe | tee "$OUT/index-growth.txt"

python3 bench/summarize-rounds.py "$OUT" | tee "$OUT/rounds-summary.txt"
