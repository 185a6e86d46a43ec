#!/bin/sh
# Fills fuzz/corpus/<target>/ with seed inputs: the sample city, the malformed-input cases
# and, when present, the real projects beside the repository. Run from the repository:
#   sh fuzz/seed.sh && cd fuzz && cargo +nightly fuzz run geojson -- -max_len=1000000
set -e
cd "$(dirname "$0")/.."
c=fuzz/corpus
mkdir -p $c/geojson $c/open_geojson $c/csv $c/xlsx $c/project_toml $c/shapefile
for f in data/sample/*.geojson tests/malformed/*/*.geojson; do
  n=$(echo "$f" | tr '/' '_')
  cp "$f" "$c/geojson/$n"; cp "$f" "$c/open_geojson/$n"
done
for f in data/sample/*.csv tests/malformed/*/*.csv; do cp "$f" "$c/csv/$(echo "$f" | tr '/' '_')"; done
for f in data/sample/parkscope.toml tests/malformed/*/parkscope.toml; do
  cp "$f" "$c/project_toml/$(echo "$f" | tr '/' '_')"
done
for f in $(find data tests ../shared/real -name '*.xlsx' 2>/dev/null); do cp "$f" "$c/xlsx/$(basename "$f")"; done
# Shapefile inputs: 4 bytes (little-endian) of .shp length, the .shp, then the .dbf.
for shp in $(find tests /work/shared/real -name '*.shp' 2>/dev/null); do
  dbf="${shp%.shp}.dbf"
  [ -f "$dbf" ] || continue
  python3 -c "import struct,sys; s=open(sys.argv[1],'rb').read(); d=open(sys.argv[2],'rb').read(); sys.stdout.buffer.write(struct.pack('<I',len(s))+s+d)" "$shp" "$dbf" > "$c/shapefile/$(basename "$shp").bin"
done
echo "seeded: $(find $c -type f | wc -l) files"
