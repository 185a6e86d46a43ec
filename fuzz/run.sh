#!/bin/sh
# Runs fuzz targets one after another, each for RUNS executions (default 10 million) on one
# core, and appends a line per run to fuzz/runs.log: date, target, executions, result.
# Build first: cd fuzz && cp ../Cargo.lock . && cargo +nightly fuzz build -s none
#   sh fuzz/run.sh [RUNS] [TARGET...]     (default: every target)
# A crash or out-of-memory leaves its input in fuzz/artifacts/<target>/ and the run's output
# in fuzz/logs/<target>.log: make it a regression test (see fuzz/README.md).
cd "$(dirname "$0")"
runs=${1:-10000000}
[ $# -gt 0 ] && shift
targets=${*:-"project_toml geojson shapefile xlsx csv open_geojson"}
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p logs
for t in $targets; do
  mkdir -p "corpus/$t" "artifacts/$t"
  # One thread: rayon's pool would spend the core waking idle workers on tiny inputs.
  RAYON_NUM_THREADS=1 "$bin/$t" "corpus/$t" -runs="$runs" -max_len=20000 -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="artifacts/$t/" > "logs/$t.log" 2>&1
  rc=$?
  done_runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "logs/$t.log" | grep -o '[0-9]*$')
  if [ $rc -eq 0 ]; then result=clean; else result="FAILED (exit $rc, see fuzz/logs/$t.log)"; fi
  echo "$(date -u +%Y-%m-%dT%H:%MZ) $t ${done_runs:-?} executions: $result" | tee -a runs.log
done
