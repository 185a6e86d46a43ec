"""The parkscope pipeline in GeoPandas + shapely 2, on the same synthetic project files, for
side-by-side timing (bench/run.sh). Stages: load, intensity overlay (floor area and
coverage per parcel), idle classes (Decree 53 and the five stages), per-mu evaluation.
It follows the same rules as parkscope closely enough to do the same work; it is a timing
reference, not a second implementation to trust.

Usage: reference_geopandas.py PROJECT_DIR
"""
import sys
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

d = sys.argv[1]
AS_OF = pd.Timestamp("2026-06-30")
t0 = time.perf_counter()
lap = [t0]


def stage(name):
    now = time.perf_counter()
    print(f"geopandas {name:<28} {now - lap[0]:9.3f} s")
    lap[0] = now


parcels = gpd.read_file(f"{d}/parcels.geojson", engine="pyogrio")
buildings = gpd.read_file(f"{d}/buildings.geojson", engine="pyogrio")
ents = pd.read_csv(f"{d}/enterprises.csv", encoding="utf-8-sig", dtype={"统一社会信用代码": str, "宗地编号": str, "行业代码": str})
stage("load")

# Intensity: footprint ∩ parcel × storeys (× 2 over 8 m), coverage by the union.
parcels["area"] = parcels.geometry.area
pairs = gpd.sjoin(buildings, parcels[["地块代码", "geometry"]], predicate="intersects", how="inner")
pg = parcels.geometry.values[pairs["index_right"].to_numpy()]
clipped = shapely.intersection(pairs.geometry.values, pg)
pairs["part"] = shapely.area(clipped)
floors = pd.to_numeric(pairs["层数"], errors="coerce")
height = pd.to_numeric(pairs["高度"], errors="coerce")
storeys = floors.where(floors >= 1, np.maximum(1, np.floor(height / 3.5 + 0.5))).fillna(1)
storey_h = (height / floors).where(floors >= 1)
k = np.where(storey_h > 8, 2, 1)
pairs["floor"] = pairs["part"] * storeys * k
pairs["clipped"] = clipped
floor = pairs.groupby("index_right")["floor"].sum()
cover = pairs.groupby("index_right")["clipped"].agg(lambda g: shapely.union_all(g.values).area)
parcels["floor_area"] = floor.reindex(parcels.index).fillna(0)
parcels["coverage"] = (cover.reindex(parcels.index).fillna(0) / parcels["area"]).clip(upper=1)
parcels["far"] = parcels["floor_area"] / parcels["area"]
stage("intensity overlay")

# Idle classes at AS_OF, first match wins.
def date(col):
    return pd.to_datetime(parcels[col].astype(str).str.replace("年", "-").str.replace("月", "-").str.replace("日", "").str.replace("/", "-"), errors="coerce")

agreed, start, halted, done = date("约定开工日期"), date("实际开工日期"), date("停工日期"), date("实际竣工日期")
start = start.where(start <= AS_OF)
status = parcels["供地状态"]
planned_floor = pd.to_numeric(parcels["规划建筑面积"], errors="coerce")
planned_inv = pd.to_numeric(parcels["合同投资额"], errors="coerce")
invested = pd.to_numeric(parcels["已完成投资"], errors="coerce")
cls = pd.Series("none", index=parcels.index)
idle_a = (status == "已供") & start.isna() & (AS_OF >= agreed + pd.DateOffset(years=1))
idle_b = (status == "已供") & start.notna() & halted.notna() & (AS_OF >= halted + pd.DateOffset(years=1)) & ((3 * parcels["floor_area"] < planned_floor) | (4 * invested < planned_inv))
cls[(status == "已供") & start.isna()] = "supplied_not_used"
industrial = parcels["用地类型"].astype(str).str.match(r"^(M|W|1001|1101)")
used_not_full = (status == "已供") & start.notna() & industrial & (parcels["coverage"] < 0.3)
producing = parcels["是否投产"] == "是"
built_not_prod = done.notna() & (parcels["是否投产"] == "否") & (AS_OF >= done + pd.DateOffset(years=1))
cls[producing] = "producing_checked"
cls[built_not_prod] = "built_not_producing"
cls[used_not_full] = "used_not_full"
cls[idle_a | idle_b] = "idle"
cls[status == "已批"] = "approved_not_supplied"
parcels["idle_class"] = cls
stage("idle classes")

# Per-mu evaluation (Huaian 2024): enterprises on parcels by id or by location.
pts = ents.dropna(subset=["经度"])
# GCJ-02 → WGS84 one-step inverse, vectorised (the reference does not iterate).
x, y = pts["经度"].to_numpy() - 105.0, pts["纬度"].to_numpy() - 35.0
lat_r = np.radians(pts["纬度"].to_numpy())
dlat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3 + (20 * np.sin(y * np.pi) + 40 * np.sin(y / 3 * np.pi)) * 2 / 3 + (160 * np.sin(y / 12 * np.pi) + 320 * np.sin(y * np.pi / 30)) * 2 / 3
dlon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3 + (20 * np.sin(x * np.pi) + 40 * np.sin(x / 3 * np.pi)) * 2 / 3 + (150 * np.sin(x / 12 * np.pi) + 300 * np.sin(x / 30 * np.pi)) * 2 / 3
a, ee = 6378245.0, 0.00669342162296594323
m = 1 - ee * np.sin(lat_r) ** 2
dlat = dlat * 180 / ((a * (1 - ee)) / (m * np.sqrt(m)) * np.pi)
dlon = dlon * 180 / (a / np.sqrt(m) * np.cos(lat_r) * np.pi)
pts = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["经度"] - dlon, pts["纬度"] - dlat), crs="EPSG:4326").to_crs(parcels.crs)
located = gpd.sjoin(pts, parcels[["地块代码", "area", "geometry"]], predicate="within", how="left")
by_id = ents[ents["宗地编号"].notna()].merge(parcels[["地块代码", "area"]], left_on="宗地编号", right_on="地块代码")
on = pd.concat([located[["统一社会信用代码", "地块代码", "area", "营业收入", "实缴税金", "综合能耗"]], by_id[["统一社会信用代码", "地块代码", "area", "营业收入", "实缴税金", "综合能耗"]]]).dropna(subset=["地块代码"])
share = on.groupby("地块代码")["统一社会信用代码"].transform("count")
on["land_mu"] = on["area"] / share * 15 / 10000
e = on.groupby("统一社会信用代码").agg(land_mu=("land_mu", "sum"), revenue=("营业收入", "first"), tax=("实缴税金", "first"), energy=("综合能耗", "first"))
e = e[(e["land_mu"] > 0) & e["revenue"].notna()]
ind = pd.DataFrame({"tax_per_mu": e["tax"] / e["land_mu"], "revenue_per_mu": e["revenue"] / e["land_mu"], "tax_per_tce": e["tax"] / e["energy"].where(e["energy"] > 0)})
scores = sum(w * ind[c] / (2 * ind[c].mean()) for c, w in [("tax_per_mu", 45), ("revenue_per_mu", 35), ("tax_per_tce", 20)])
e["score"] = scores.fillna(scores.mean())
e["rank"] = e["score"].rank(method="min", ascending=False)
n = len(e)
e["class"] = np.select([5 * e["rank"] <= n, 5 * e["rank"] <= 3 * n, 20 * e["rank"] <= 19 * n], ["A", "B", "C"], "D")
stage("evaluate")
print(f"geopandas end to end (load → intensity → idle → evaluate) {time.perf_counter() - t0:9.3f} s; "
      f"{len(parcels)} parcels, {len(buildings)} buildings, classes {e['class'].value_counts().to_dict()}")
