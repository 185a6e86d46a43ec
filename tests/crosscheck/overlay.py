"""Independent cross-check of parkscope's building-parcel overlay with shapely 2 and pyproj.

Usage: overlay.py PARCELS.geojson BUILDINGS.geojson PARKSCOPE_PARCELS.csv EPSG [ID_FIELD]
Reads the same inputs, projects them to the same Gauss-Kruger frame with PROJ (pyproj),
computes per parcel the floor area (footprint ∩ parcel × storeys, × 2 for storeys over 8 m;
storeys = floors, else max(1, round-half-up(height / 3.5)), else 1) and the coverage
(area of the union of footprints ∩ parcel / parcel area), and compares them with
parkscope's parcels.csv. Prints the worst relative differences and exits 1 when any
parcel differs by more than 0.5 %.
"""
import csv
import json
import math
import sys

from pyproj import Transformer
import numpy as np
from shapely import STRtree, make_valid, transform, union_all
from shapely.geometry import shape

parcels_path, buildings_path, out_csv, epsg = sys.argv[1:5]
id_field = sys.argv[5] if len(sys.argv) > 5 else "parcel_id"
crs_of = lambda fc: (fc.get("crs") or {}).get("properties", {}).get("name", "EPSG:4326")


def load(path):
    fc = json.load(open(path, encoding="utf-8"))
    src = crs_of(fc).replace("urn:ogc:def:crs:EPSG::", "EPSG:")
    tr = Transformer.from_crs(src, f"EPSG:{epsg}", always_xy=True)
    out = []
    for f in fc["features"]:
        if not f.get("geometry"):
            continue
        g = transform(shape(f["geometry"]), lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
        if not g.is_valid:
            g = make_valid(g)
        out.append((f["properties"], g))
    return out


def storeys(p):
    floors, h = p.get("floors", p.get("层数")), p.get("height_m", p.get("高度"))
    if floors not in (None, "") and float(floors) >= 1:
        return round(float(floors))
    if h not in (None, ""):
        return max(1, math.floor(float(h) / 3.5 + 0.5))
    return 1


def factor(p):
    sh = p.get("storey_height_m", p.get("层高"))
    floors, h = p.get("floors", p.get("层数")), p.get("height_m", p.get("高度"))
    if sh in (None, "") and floors not in (None, "") and h not in (None, "") and float(floors) >= 1:
        sh = float(h) / float(floors)
    return 2 if sh not in (None, "") and float(sh) > 8 else 1


parcels = load(parcels_path)
buildings = load(buildings_path)
tree = STRtree([g for _, g in buildings])
mine = {r["parcel_id"]: r for r in csv.DictReader(open(out_csv, encoding="utf-8-sig"))}
worst = []
for props, pg in parcels:
    pid = str(props.get(id_field))
    idx = tree.query(pg, predicate="intersects")
    floor = 0.0
    parts = []
    for i in idx:
        bp, bg = buildings[i]
        inter = bg.intersection(pg)
        if inter.area > 1e-9:
            floor += inter.area * storeys(bp) * factor(bp)
            parts.append(inter)
    cover = union_all(parts).area / pg.area if parts else 0.0
    if not parts:
        floor = float(props.get("built_floor_area") or 0)
    r = mine[pid]
    for name, ref, got in (("floor_area_m2", floor, float(r["floor_area_m2"])), ("coverage", cover, float(r["coverage"])), ("area_m2", pg.area, float(r["area_m2"]))):
        tol = max(abs(ref) * 0.005, 0.01 if name != "coverage" else 1e-4)
        worst.append((abs(got - ref) / max(abs(ref), 1e-9), name, pid, ref, got, abs(got - ref) > tol))
worst.sort(reverse=True)
bad = [w for w in worst if w[5]]
for w in worst[:5]:
    print("%-14s %-12s ref %14.4f parkscope %14.4f rel %.2e" % (w[1], w[2], w[3], w[4], w[0]))
print(f"{len(parcels)} parcels compared, {len(bad)} outside 0.5 %")
sys.exit(1 if bad else 0)
