#!/usr/bin/env bash
# Benchmarks at scale, each stage timed, peak memory measured, side by side with GeoPandas
# (and DuckDB spatial where it can be installed) on the same files in the same run.
#   bench/run.sh [SIZES…]        default: 10000 100000
#   BENCH_SKIP_REFERENCE=1 skips the Python references.
# Results: bench/results/<size>.txt, summarised by hand into BENCHMARKS.md.
set -uo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-10000 100000}
BIN=target/release/parkscope
cargo build --release --quiet && cargo build --release --quiet --example parse_floor
mkdir -p bench/data bench/results
peak() { grep "Maximum resident" "$1" | awk '{printf "%.0f MiB", $6/1024}'; }
wall() { grep "Elapsed (wall clock)" "$1" | awk '{print $8}'; }
if [ -z "${BENCH_SKIP_REFERENCE:-}" ]; then
  # Pinned, so that a fresh machine measures the same reference (BENCHMARKS.md names them).
  GPD="geopandas==1.2.0 shapely==2.2.0 pyogrio==0.13.0 pandas==3.1.1"
  python3 -m pip install -q $GPD pyproj >/dev/null 2>&1 || echo "bench: could not install $GPD"
  # DuckDB spatial: `INSTALL spatial` needs DuckDB's own host; the same extension is on PyPI,
  # pinned to its DuckDB version, so it gets a virtualenv of its own.
  DUCK=bench/.venv-duckdb
  [ -x $DUCK/bin/python ] || { python3 -m venv $DUCK && $DUCK/bin/pip install -q duckdb==1.5.5 duckdb-extension-spatial==1.5.5 duckdb-extensions==1.5.5 >/dev/null 2>&1; }
fi
for N in $SIZES; do
  D=bench/data/$N
  R=bench/results/$N.txt
  : > "$R"
  echo "== $N parcels ($(nproc) cores, $(date -u +%F))" | tee -a "$R"
  if [ ! -f "$D/parkscope.toml" ]; then
    /usr/bin/time -v $BIN synth --parcels "$N" --out "$D" --seed 1 --movers 1000 2> /tmp/bench-time.txt | tee -a "$R"
    echo "synth: wall $(wall /tmp/bench-time.txt), peak $(peak /tmp/bench-time.txt)" | tee -a "$R"
  fi
  echo "input size: $(cat "$D"/*.geojson "$D"/*.csv | wc -c | awk '{printf "%.0f", $1/1048576}') MiB" | tee -a "$R"
  /usr/bin/time -v target/release/examples/parse_floor "$D" 2> /tmp/bench-time.txt | tee -a "$R"
  echo "parse floor: wall $(wall /tmp/bench-time.txt), peak $(peak /tmp/bench-time.txt)" | tee -a "$R"
  # load → intensity → idle → evaluate, every stage timed; tables written.
  mkdir -p "$D/out"
  /usr/bin/time -v $BIN intensity "$D" --out "$D/out-i" --quiet --timings 2> /tmp/bench-int.txt >/dev/null
  grep "^timing" /tmp/bench-int.txt | tee -a "$R"
  echo "parkscope intensity end to end (load → intensity → idle → evaluate, tables): wall $(wall /tmp/bench-int.txt), peak $(peak /tmp/bench-int.txt)" | tee -a "$R"
  /usr/bin/time -v $BIN site "$D" --out "$D/out-s" --timings 2> /tmp/bench-site.txt | grep "^siting:" | tee -a "$R"
  grep "^timing: siting\|^timing: re-score" /tmp/bench-site.txt | tee -a "$R"
  echo "parkscope site: wall $(wall /tmp/bench-site.txt), peak $(peak /tmp/bench-site.txt)" | tee -a "$R"
  # 342 dpi on A4 landscape = 4000 × 2829 px.
  /usr/bin/time -v $BIN render "$D" --map idle --out "$D/out/idle-4000.png" --dpi 342 --quiet --timings 2> /tmp/bench-render.txt
  grep "^timing: render" /tmp/bench-render.txt | tee -a "$R"
  echo "render idle map 4000×2829 PNG (whole command, incl. load + analysis): wall $(wall /tmp/bench-render.txt), peak $(peak /tmp/bench-render.txt)" | tee -a "$R"
  if [ -z "${BENCH_SKIP_REFERENCE:-}" ]; then
    /usr/bin/time -v python3 bench/reference_geopandas.py "$D" 2> /tmp/bench-gpd.txt | tee -a "$R"
    echo "geopandas total: wall $(wall /tmp/bench-gpd.txt), peak $(peak /tmp/bench-gpd.txt)" | tee -a "$R"
    /usr/bin/time -v $DUCK/bin/python bench/reference_duckdb.py "$D" 2> /tmp/bench-duck.txt | tee -a "$R"
    echo "duckdb total: wall $(wall /tmp/bench-duck.txt), peak $(peak /tmp/bench-duck.txt)" | tee -a "$R"
  fi
done
