"""Independent oracle of the joint land/factory assignment (src/analyse/site/joint.rs):
scipy.optimize.milp (HiGHS) on the same instance, lexicographic in two phases (most rows
placed, then the highest total score with that many placed).

Reads the instance as JSON on stdin: {"cand": [[[site, score], ...], ...],
"holds": [{"parcels": [...]} | {"factory": f, "vacant": m2}, ...], "need": [m2, ...]}.
Prints {"placed": n, "score": s} as JSON."""

import json
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix


def main():
    inst = json.load(sys.stdin)
    cand, holds, need = inst["cand"], inst["holds"], inst["need"]
    var = [(r, s, round(sc * 1000) / 1000) for r, c in enumerate(cand) for s, sc in c]
    n = len(var)
    rows = []
    rhs = []
    by_row, by_parcel, by_factory = {}, {}, {}
    for v, (r, s, _) in enumerate(var):
        by_row.setdefault(r, []).append((v, 1.0))
        h = holds[s]
        if "parcels" in h:
            for p in h["parcels"]:
                by_parcel.setdefault(p, []).append((v, 1.0))
        else:
            f = h["factory"]
            by_factory.setdefault(f, (h["vacant"], []))[1].append((v, need[r]))
    for group in list(by_row.values()) + list(by_parcel.values()):
        rows.append(group)
        rhs.append(1.0)
    for vacant, group in by_factory.values():
        rows.append(group)
        rhs.append(vacant)
    a = lil_matrix((len(rows) + 1, n))
    for i, group in enumerate(rows):
        for v, w in group:
            a[i, v] = w
    for v in range(n):
        a[len(rows), v] = 1.0
    ub = np.array(rhs + [np.inf])
    integrality = np.ones(n)
    bounds = Bounds(np.zeros(n), np.ones(n))

    def solve(c, lb_placed):
        lb = np.full(len(rows) + 1, -np.inf)
        lb[len(rows)] = lb_placed
        res = milp(
            c=-np.asarray(c),
            constraints=LinearConstraint(a.tocsr(), lb, ub),
            integrality=integrality,
            bounds=bounds,
            options={"mip_rel_gap": 0.0},
        )
        if not res.success:
            sys.exit(f"scipy milp failed: {res.message}")
        return np.round(res.x)

    x1 = solve(np.ones(n), 0)
    placed = int(x1.sum())
    x2 = solve([v[2] for v in var], placed)
    assert int(x2.sum()) == placed
    score = float(sum(v[2] for v, x in zip(var, x2) if x > 0.5))
    print(json.dumps({"placed": placed, "score": score}))


main()
