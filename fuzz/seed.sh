#!/bin/sh
# Fills fuzz/corpus/<target>/ with seed inputs: the sample city, the malformed-input cases
# and, when present, the real projects beside the repository. Run from the repository:
#   sh fuzz/seed.sh && cd fuzz && cargo +nightly fuzz run geojson -- -max_len=1000000
set -e
cd "$(dirname "$0")/.."
# PARKSCOPE=target/release/parkscope uses a built binary instead of a debug build.
parkscope=${PARKSCOPE:-cargo run -q --}
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
# Small workbooks and shapefiles made from the malformed cases by `parkscope convert`; the
# workbooks re-packed uncompressed, so mutations reach the XML rather than the deflate stream.
made=$(mktemp -d)
for f in tests/malformed/self_intersecting/parcels.geojson tests/malformed/duplicate_ids/parcels.geojson \
         tests/malformed/csv_ragged_row/enterprises.csv; do
  n=$(echo "$f" | cut -d/ -f3)
  $parkscope convert "$f" "$made/$n.xlsx" -q && $parkscope convert "$f" "$made/$n.shp" -q
  python3 -c "import zipfile,sys; i=zipfile.ZipFile(sys.argv[1]); o=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_STORED); [o.writestr(x, i.read(x)) for x in i.namelist()]" \
    "$made/$n.xlsx" "$c/xlsx/$n.xlsx"
done
# Shapefile inputs: 4 bytes (little-endian) of .shp length, the .shp, then the .dbf.
for shp in $(find "$made" tests ../shared/real -name '*.shp' 2>/dev/null); do
  dbf="${shp%.shp}.dbf"
  [ -f "$dbf" ] || continue
  python3 -c "import struct,sys; s=open(sys.argv[1],'rb').read(); d=open(sys.argv[2],'rb').read(); sys.stdout.buffer.write(struct.pack('<I',len(s))+s+d)" "$shp" "$dbf" > "$c/shapefile/$(basename "$shp").bin"
done
rm -rf "$made"
echo "seeded: $(find $c -type f | wc -l) files"
