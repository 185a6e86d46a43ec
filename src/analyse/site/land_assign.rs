//! The land assignment: one site per enterprise and one enterprise per site, sites sharing
//! a parcel in conflict, maximising first the number of enterprises placed and then the
//! total score. Solved per connected group of competing enterprises with the Hungarian
//! method (pathfinding's `kuhn_munkres` on scaled integers), with branch and bound over
//! parcel conflicts between union sites. [`super::assign`] and [`super::joint`] (the groups
//! with factory space) both call it.

use pathfinding::matrix::Matrix;
use pathfinding::prelude::kuhn_munkres;

/// Scale of scores in the integer matrix (0.001 points).
const SCALE: f64 = 1000.0;
/// Bonus for being placed at all, above any score difference.
const PLACED: i64 = 1_000_000_000;
/// Forbidden cell.
const FORBIDDEN: i64 = -1_000_000_000_000;
/// Branch-and-bound nodes per group before the best plan found is kept.
const MAX_NODES: usize = 2_000;
/// Groups of competing enterprises up to this size are solved exactly (branch and bound
/// over parcel conflicts); larger ones by iterative conflict repair.
pub const EXACT_GROUP: usize = 60;

/// Solves one group: rows = movers, columns = their candidate sites then one "unplaced"
/// column per mover. Returns the site chosen per row and the objective.
fn solve(
    rows: &[usize],
    cols: &[usize],
    cand: &[Vec<(usize, i64)>],
    forbidden: &[bool],
) -> (i64, Vec<Option<usize>>) {
    let n = rows.len();
    // A row left on a forbidden cell is unplaced; "unplaced" columns are needed only when
    // there are fewer sites than enterprises.
    let m = cols.len().max(n);
    let col_of: std::collections::HashMap<usize, usize> =
        cols.iter().enumerate().map(|(c, &s)| (s, c)).collect();
    let mut data = vec![FORBIDDEN; n * m];
    for (r, &mv) in rows.iter().enumerate() {
        for &(site, w) in &cand[mv] {
            if let Some(&c) = col_of.get(&site) {
                if !forbidden[c] {
                    data[r * m + c] = w;
                }
            }
        }
        for c in cols.len()..m {
            data[r * m + c] = 0;
        }
    }
    let Ok(matrix) = Matrix::from_vec(n, m, data) else {
        return (0, vec![None; n]);
    };
    let (_, assign) = kuhn_munkres(&matrix);
    let picked: Vec<Option<usize>> = assign
        .iter()
        .enumerate()
        .map(|(r, &c)| (c < cols.len() && matrix[(r, c)] > FORBIDDEN / 2).then(|| cols[c]))
        .collect();
    let total = picked
        .iter()
        .enumerate()
        .map(|(r, c)| c.map_or(0, |c| matrix[(r, col_of[&c])]))
        .sum();
    (total, picked)
}

/// The optimal assignment of rows (enterprises) to columns (sites): each row lists its
/// allowed columns with a score; columns whose parcel lists intersect conflict. Maximises
/// the number of rows placed, then the total score. Returns each row's column.
pub fn solve_assignment(
    cand: &[Vec<(usize, f64)>],
    parcels_of: &dyn Fn(usize) -> Vec<usize>,
) -> Vec<Option<usize>> {
    let weighted: Vec<Vec<(usize, i64)>> = cand
        .iter()
        .map(|c| {
            c.iter()
                .map(|&(s, sc)| (s, PLACED + (sc * SCALE).round() as i64))
                .collect()
        })
        .collect();
    // Groups: rows linked by a shared column or by columns sharing a parcel.
    let mut parent: Vec<usize> = (0..cand.len()).collect();
    let mut owner: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (row, c) in cand.iter().enumerate() {
        for &(site, _) in c {
            for p in parcels_of(site) {
                match owner.get(&p) {
                    Some(&o) => {
                        let (a, b) = (find(&mut parent, o), find(&mut parent, row));
                        parent[a] = b;
                    }
                    None => {
                        owner.insert(p, row);
                    }
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for row in 0..cand.len() {
        let r = find(&mut parent, row);
        groups.entry(r).or_default().push(row);
    }
    let mut chosen: Vec<Option<usize>> = vec![None; cand.len()];
    for rows in groups.values() {
        let mut cols: Vec<usize> = rows
            .iter()
            .flat_map(|&r| weighted[r].iter().map(|(s, _)| *s))
            .collect();
        cols.sort_unstable();
        cols.dedup();
        let best = if rows.len() <= EXACT_GROUP {
            branch_and_bound(rows, &cols, &weighted, parcels_of)
        } else {
            repair_conflicts(rows, &cols, &weighted, parcels_of)
        };
        for (i, &r) in rows.iter().enumerate() {
            chosen[r] = best[i];
        }
    }
    chosen
}

/// Exact assignment with parcel conflicts: solve the relaxation; if two chosen sites share
/// a parcel, branch on forbidding one or the other; keep the best conflict-free plan.
fn branch_and_bound(
    rows: &[usize],
    cols: &[usize],
    cand: &[Vec<(usize, i64)>],
    parcels_of: &dyn Fn(usize) -> Vec<usize>,
) -> Vec<Option<usize>> {
    let mut best: Option<(i64, Vec<Option<usize>>)> = None;
    let mut stack: Vec<Vec<bool>> = vec![vec![false; cols.len()]];
    let mut nodes = 0;
    while let Some(forbidden) = stack.pop() {
        nodes += 1;
        let (total, assign) = solve(rows, cols, cand, &forbidden);
        if best.as_ref().is_some_and(|(b, _)| total <= *b) {
            continue;
        }
        let conflict = find_conflict(&assign, parcels_of);
        match conflict {
            None => best = Some((total, assign)),
            Some((a, b)) if nodes < MAX_NODES => {
                for s in [a, b] {
                    let mut f = forbidden.clone();
                    if let Some(c) = cols.iter().position(|&x| x == s) {
                        f[c] = true;
                    }
                    stack.push(f);
                }
            }
            Some((_, b)) => {
                // Out of budget: drop one side of the conflict and keep the plan feasible.
                let fixed: Vec<Option<usize>> =
                    assign.iter().map(|s| s.filter(|&x| x != b)).collect();
                if best.is_none() {
                    best = Some((total, fixed));
                }
            }
        }
    }
    best.map(|(_, a)| a)
        .unwrap_or_else(|| vec![None; rows.len()])
}

/// Large groups: solve, forbid the lower-scoring site of every conflicting pair, re-solve,
/// until no two chosen sites share a parcel. Without union sites there is no conflict and
/// the first solve is the optimum.
fn repair_conflicts(
    rows: &[usize],
    cols: &[usize],
    cand: &[Vec<(usize, i64)>],
    parcels_of: &dyn Fn(usize) -> Vec<usize>,
) -> Vec<Option<usize>> {
    let mut forbidden = vec![false; cols.len()];
    let col_of: std::collections::HashMap<usize, usize> =
        cols.iter().enumerate().map(|(c, &s)| (s, c)).collect();
    let score_of = |site: usize| -> i64 {
        rows.iter()
            .flat_map(|&r| cand[r].iter())
            .filter(|(s, _)| *s == site)
            .map(|(_, w)| *w)
            .max()
            .unwrap_or(0)
    };
    for _ in 0..50 {
        let (_, assign) = solve(rows, cols, cand, &forbidden);
        let used: Vec<(usize, Vec<usize>)> = assign
            .iter()
            .flatten()
            .map(|&s| (s, parcels_of(s)))
            .collect();
        let mut drop = Vec::new();
        for (i, (a, pa)) in used.iter().enumerate() {
            for (b, pb) in &used[i + 1..] {
                if pa.iter().any(|p| pb.contains(p)) {
                    drop.push(if score_of(*a) < score_of(*b) { *a } else { *b });
                }
            }
        }
        if drop.is_empty() {
            return assign;
        }
        for s in drop {
            forbidden[col_of[&s]] = true;
        }
    }
    let (_, assign) = solve(rows, cols, cand, &forbidden);
    // Still conflicting after the rounds: keep the first of each pair.
    let mut taken: Vec<usize> = Vec::new();
    assign
        .into_iter()
        .map(|s| {
            s.filter(|&x| {
                let px = parcels_of(x);
                let ok = !taken
                    .iter()
                    .any(|&t| parcels_of(t).iter().any(|p| px.contains(p)));
                if ok {
                    taken.push(x);
                }
                ok
            })
        })
        .collect()
}

fn find_conflict(
    assign: &[Option<usize>],
    parcels_of: &dyn Fn(usize) -> Vec<usize>,
) -> Option<(usize, usize)> {
    let used: Vec<(usize, Vec<usize>)> = assign
        .iter()
        .flatten()
        .map(|&s| (s, parcels_of(s)))
        .collect();
    for (i, (a, pa)) in used.iter().enumerate() {
        for (b, pb) in &used[i + 1..] {
            if pa.iter().any(|p| pb.contains(p)) {
                return Some((*a, *b));
            }
        }
    }
    None
}

/// The root of `x` in a union-find forest (`p[i]` is i's parent), compressing the path:
/// groups of competing movers are the trees.
pub(super) fn find(p: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while p[r] != r {
        r = p[r];
    }
    let mut y = x;
    while p[y] != r {
        let next = p[y];
        p[y] = r;
        y = next;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// Brute force: every way of giving each row one of its columns or nothing.
    fn brute(cand: &[Vec<(usize, f64)>], parcels: &[Vec<usize>]) -> (usize, f64) {
        fn go(
            r: usize,
            cand: &[Vec<(usize, f64)>],
            parcels: &[Vec<usize>],
            used: &mut Vec<usize>,
            best: &mut (usize, f64),
            placed: usize,
            score: f64,
        ) {
            if r == cand.len() {
                if placed > best.0 || (placed == best.0 && score > best.1 + 1e-9) {
                    *best = (placed, score);
                }
                return;
            }
            go(r + 1, cand, parcels, used, best, placed, score);
            for &(c, s) in &cand[r] {
                if used
                    .iter()
                    .any(|u: &usize| parcels[*u].iter().any(|p| parcels[c].contains(p)))
                {
                    continue;
                }
                used.push(c);
                go(r + 1, cand, parcels, used, best, placed + 1, score + s);
                used.pop();
            }
        }
        let mut best = (0, 0.0);
        go(0, cand, parcels, &mut Vec::new(), &mut best, 0, 0.0);
        best
    }

    fn value(cand: &[Vec<(usize, f64)>], got: &[Option<usize>]) -> (usize, f64) {
        let placed = got.iter().flatten().count();
        let score = got
            .iter()
            .enumerate()
            .filter_map(|(r, c)| c.and_then(|c| cand[r].iter().find(|x| x.0 == c).map(|x| x.1)))
            .sum();
        (placed, score)
    }

    #[test]
    fn optimal_where_greedy_is_not() {
        // Row 0 prefers site 0 (90 vs 80); row 1 can only use site 0 (85). Greedy (row 0
        // first takes its best) scores 90 + 0 with one placed; the optimum is 80 + 85.
        let cand = vec![vec![(0, 90.0), (1, 80.0)], vec![(0, 85.0)]];
        let parcels = vec![vec![10], vec![11]];
        let got = solve_assignment(&cand, &|s| parcels[s].clone());
        assert_eq!(got, vec![Some(1), Some(0)]);
        assert_eq!(value(&cand, &got), brute(&cand, &parcels));
    }

    #[test]
    fn union_sites_sharing_a_parcel_conflict() {
        // Site 2 = parcels {1, 2} conflicts with site 1 = parcel {1}.
        let cand = vec![vec![(2, 95.0), (0, 40.0)], vec![(1, 90.0)]];
        let parcels = vec![vec![0], vec![1], vec![1, 2]];
        let got = solve_assignment(&cand, &|s| parcels[s].clone());
        assert_eq!(value(&cand, &got), brute(&cand, &parcels));
        assert_eq!(got, vec![Some(0), Some(1)]);
    }

    #[test]
    fn matches_brute_force_on_random_instances() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(42);
        for _ in 0..200 {
            let n_rows = rng.gen_range(1..6);
            let n_parcels = rng.gen_range(2..7);
            // Single-parcel sites and some two-parcel unions.
            let mut parcels: Vec<Vec<usize>> = (0..n_parcels).map(|p| vec![p]).collect();
            for _ in 0..rng.gen_range(0..3) {
                let a = rng.gen_range(0..n_parcels);
                let b = (a + 1) % n_parcels;
                parcels.push(vec![a.min(b), a.max(b)]);
            }
            let cand: Vec<Vec<(usize, f64)>> = (0..n_rows)
                .map(|_| {
                    let mut c: Vec<(usize, f64)> = Vec::new();
                    for s in 0..parcels.len() {
                        if rng.gen_bool(0.5) {
                            c.push((s, (rng.gen_range(0.0..100.0f64) * 1000.0).round() / 1000.0));
                        }
                    }
                    c.sort_by(|a, b| b.1.total_cmp(&a.1));
                    c
                })
                .collect();
            let got = solve_assignment(&cand, &|s| parcels[s].clone());
            let (gp, gs) = value(&cand, &got);
            let (bp, bs) = brute(&cand, &parcels);
            assert_eq!(gp, bp, "{cand:?} {parcels:?} {got:?}");
            assert!(
                (gs - bs).abs() < 1e-6,
                "{gs} vs {bs}: {cand:?} {parcels:?} {got:?}"
            );
            // Never a site twice, never two sites sharing a parcel.
            assert!(find_conflict(&got, &|s| parcels[s].clone()).is_none());
        }
    }
}
