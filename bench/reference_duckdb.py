"""The building–parcel overlay in DuckDB spatial, for side-by-side timing (bench/run.sh).

Reads the same GeoJSON files as parkscope (ST_Read, GDAL inside DuckDB), then computes per
parcel the floor area (footprint ∩ parcel × storeys) and the coverage (area of the union of
the clipped footprints), the work parkscope's building–parcel overlay does.

DuckDB's `INSTALL spatial` downloads from DuckDB's own extension host, which this workplace
cannot reach; the same extension is published on PyPI as `duckdb-extension-spatial` (with
`duckdb-extensions` to load it), which bench/run.sh installs into a virtualenv pinned to the
matching DuckDB version. Without either, the script says so and exits 0.

Usage: reference_duckdb.py PROJECT_DIR
"""
import sys
import time

d = sys.argv[1]
try:
    import duckdb
except ImportError as e:
    print(f"duckdb: not installed ({e})")
    sys.exit(0)
con = duckdb.connect()
try:
    try:
        con.execute("LOAD spatial;")
    except Exception:  # noqa: BLE001 - fall back to the PyPI-packaged extension
        from duckdb_extensions import import_extension

        import_extension("spatial", con=con)
        con.execute("LOAD spatial;")
except Exception as e:  # noqa: BLE001 - report whatever the extension loader says
    print(f"duckdb spatial: unavailable here ({str(e).splitlines()[0][:160]})")
    sys.exit(0)
threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
print(f"duckdb {duckdb.__version__}, spatial extension loaded, {threads} threads")
t = time.perf_counter()
con.execute(f"CREATE TABLE p AS SELECT \"地块代码\" AS parcel, geom FROM ST_Read('{d}/parcels.geojson')")
con.execute(f"CREATE TABLE b AS SELECT \"层数\" AS floors, geom FROM ST_Read('{d}/buildings.geojson')")
print(f"duckdb load                        {time.perf_counter() - t:9.3f} s")
t = time.perf_counter()
con.execute("""
CREATE TABLE overlay AS
SELECT p.parcel,
       sum(ST_Area(ST_Intersection(b.geom, p.geom)) * coalesce(try_cast(b.floors AS DOUBLE), 1)) AS floor_area,
       ST_Area(ST_Union_Agg(ST_Intersection(b.geom, p.geom))) AS footprint
FROM b JOIN p ON ST_Intersects(b.geom, p.geom)
GROUP BY p.parcel
""")
n = con.execute("SELECT count(*) FROM overlay").fetchone()[0]
print(f"duckdb building-parcel overlay     {time.perf_counter() - t:9.3f} s ({n} parcels with buildings)")
