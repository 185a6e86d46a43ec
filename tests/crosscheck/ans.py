"""Independent cross-check of approved-but-not-supplied land with shapely 2 and pyproj.

Usage: ans.py PROJECT_DIR PARKSCOPE_approved_not_supplied.csv
For every approval batch of a synthetic project (EPSG:4549 layers with Chinese field names),
computes area(batch − ∪ supplied parcels) and compares it with parkscope's output.
Exits 1 when any batch differs by more than 0.5 % (or 1 m²).
"""
import csv
import json
import sys

from shapely import STRtree, union_all
from shapely.geometry import shape

project, out_csv = sys.argv[1:3]
approvals = json.load(open(f"{project}/approvals.geojson", encoding="utf-8"))["features"]
parcels = json.load(open(f"{project}/parcels.geojson", encoding="utf-8"))["features"]
supplied = [shape(f["geometry"]) for f in parcels if f["properties"].get("供地状态") == "已供"]
tree = STRtree(supplied)
mine = {r["batch_id"]: float(r["area_m2"]) for r in csv.DictReader(open(out_csv, encoding="utf-8-sig"))}
bad = 0
worst = 0.0
for f in approvals:
    g = shape(f["geometry"])
    rest = g.difference(union_all([supplied[i] for i in tree.query(g, predicate="intersects")]))
    ref = rest.area if rest.area > 1.0 else 0.0
    got = mine.get(f["properties"]["批次编号"], 0.0)
    diff = abs(got - ref)
    worst = max(worst, diff / max(ref, 1.0))
    if diff > max(0.005 * ref, 1.0):
        bad += 1
        print("batch %s: shapely %.1f m², parkscope %.1f m²" % (f["properties"]["批次编号"], ref, got))
print(f"{len(approvals)} batches compared, worst relative difference {worst:.2e}, {bad} outside 0.5 %")
sys.exit(1 if bad else 0)
