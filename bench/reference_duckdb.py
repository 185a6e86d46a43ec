"""The building–parcel overlay in DuckDB spatial, for side-by-side timing.

DuckDB's spatial extension is downloaded at run time from DuckDB's own extension host,
which this workplace cannot reach (only PyPI, crates.io, Debian and npm): the script says
so and exits 0 rather than failing the benchmark run.
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
    con.execute("INSTALL spatial; LOAD spatial;")
except Exception as e:  # noqa: BLE001 - report whatever the extension loader says
    print(f"duckdb spatial: unavailable here ({str(e).splitlines()[0][:160]})")
    sys.exit(0)
t = time.perf_counter()
con.execute(f"CREATE TABLE p AS SELECT * FROM ST_Read('{d}/parcels.geojson')")
con.execute(f"CREATE TABLE b AS SELECT * FROM ST_Read('{d}/buildings.geojson')")
print(f"duckdb load {time.perf_counter() - t:.3f} s")
t = time.perf_counter()
con.execute("""
CREATE TABLE overlay AS
SELECT p."地块代码" AS parcel, sum(ST_Area(ST_Intersection(b.geom, p.geom)) * coalesce(b."层数", 1)) AS floor_area
FROM b JOIN p ON ST_Intersects(b.geom, p.geom) GROUP BY 1
""")
print(f"duckdb building-parcel overlay {time.perf_counter() - t:.3f} s")
