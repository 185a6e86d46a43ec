//! Improving a feasible joint plan by augmenting paths, the primal heuristic of
//! [`super::joint`]: an unplaced mover takes a site held by one other mover, who moves
//! on to another site, and so on until a mover takes a free site (free parcels, or room
//! in a factory). Each path found places one more mover and keeps every constraint; the
//! search is Kuhn's for bipartite matching, generalised to sites of several parcels and
//! to factories (a full factory is entered by moving out one tenant whose space makes
//! room). Then movers move to a better-scoring free site while one is left.
//!
//! It only ever improves the plan it is given; optimality is left to the 0–1 programme,
//! which starts from the improved plan.

use std::collections::HashMap;
use std::time::Instant;

/// One 0–1 variable of the joint assignment: (row within the component, site, score
/// rounded to 0.001).
pub(super) type Var = (usize, usize, f64);

/// What one variable takes: its parcels, or (factory, vacant m², need m²).
pub(super) type VarHolds = (Vec<usize>, Option<(usize, f64, f64)>);

/// Tolerance on floor areas (m²), as the joint assignment's feasibility check.
const EPS: f64 = 1e-6;

/// Deepest chain of moves tried for one unplaced mover; the visited set ends every
/// search long before on real instances, this only bounds the stack.
const MAX_DEPTH: usize = 200;

/// Rounds of moving movers to better free sites.
const SCORE_ROUNDS: usize = 20;

/// The plan being improved: each row's variable, each parcel's row, each factory's
/// tenants and space given out.
struct Plan<'a> {
    vars: &'a [Var],
    holds: &'a [VarHolds],
    by_row: Vec<Vec<usize>>,
    chosen: Vec<Option<usize>>,
    parcel_row: HashMap<usize, usize>,
    tenants: HashMap<usize, Vec<usize>>,
    given: HashMap<usize, f64>,
}

/// Who stands in the way of a variable.
enum Blockers {
    /// It can be taken as the plan stands.
    None,
    /// It can be taken once any one of these rows leaves its site.
    AnyOne(Vec<usize>),
    /// More than one row would have to leave.
    Many,
}

impl<'a> Plan<'a> {
    fn new(n_rows: usize, vars: &'a [Var], holds: &'a [VarHolds], x: &[bool]) -> Self {
        let mut by_row: Vec<Vec<usize>> = vec![vec![]; n_rows];
        for (v, var) in vars.iter().enumerate() {
            by_row[var.0].push(v);
        }
        for vs in &mut by_row {
            vs.sort_by(|&a, &b| vars[b].2.total_cmp(&vars[a].2).then(a.cmp(&b)));
        }
        let mut plan = Plan {
            vars,
            holds,
            by_row,
            chosen: vec![None; n_rows],
            parcel_row: HashMap::new(),
            tenants: HashMap::new(),
            given: HashMap::new(),
        };
        for (v, _) in x.iter().enumerate().filter(|(_, &b)| b) {
            plan.take(vars[v].0, v);
        }
        plan
    }

    fn take(&mut self, row: usize, v: usize) {
        let (parcels, factory) = &self.holds[v];
        for &p in parcels {
            self.parcel_row.insert(p, row);
        }
        if let Some((f, _, need)) = *factory {
            self.tenants.entry(f).or_default().push(row);
            *self.given.entry(f).or_insert(0.0) += need;
        }
        self.chosen[row] = Some(v);
    }

    fn leave(&mut self, row: usize) -> Option<usize> {
        let v = self.chosen[row].take()?;
        let (parcels, factory) = &self.holds[v];
        for p in parcels {
            self.parcel_row.remove(p);
        }
        if let Some((f, _, need)) = *factory {
            if let Some(t) = self.tenants.get_mut(&f) {
                t.retain(|&r| r != row);
            }
            *self.given.entry(f).or_insert(0.0) -= need;
        }
        Some(v)
    }

    fn need_of(&self, row: usize) -> f64 {
        self.chosen[row]
            .and_then(|v| self.holds[v].1)
            .map_or(0.0, |(_, _, need)| need)
    }

    fn blockers(&self, v: usize) -> Blockers {
        let (parcels, factory) = &self.holds[v];
        if let Some((f, vacant, need)) = *factory {
            let given = self.given.get(&f).copied().unwrap_or(0.0);
            let short = given + need - vacant;
            if short <= EPS {
                return Blockers::None;
            }
            let rows: Vec<usize> = self.tenants.get(&f).map_or(vec![], |t| {
                t.iter()
                    .copied()
                    .filter(|&r| self.need_of(r) >= short - EPS)
                    .collect()
            });
            return if rows.is_empty() {
                Blockers::Many
            } else {
                Blockers::AnyOne(rows)
            };
        }
        let mut holder = None;
        for p in parcels {
            match (self.parcel_row.get(p), holder) {
                (None, _) => {}
                (Some(&r), None) => holder = Some(r),
                (Some(&r), Some(h)) if r == h => {}
                _ => return Blockers::Many,
            }
        }
        holder.map_or(Blockers::None, |r| Blockers::AnyOne(vec![r]))
    }

    /// Places `row` (unplaced) by a chain of moves; the plan is unchanged when it fails.
    fn place(&mut self, row: usize, visited: &mut [bool], depth: usize) -> bool {
        visited[row] = true;
        for i in 0..self.by_row[row].len() {
            let v = self.by_row[row][i];
            match self.blockers(v) {
                Blockers::None => {
                    self.take(row, v);
                    return true;
                }
                Blockers::AnyOne(others) if depth > 0 => {
                    for w in others {
                        if visited[w] {
                            continue;
                        }
                        let Some(was) = self.leave(w) else { continue };
                        if matches!(self.blockers(v), Blockers::None) {
                            self.take(row, v);
                            if self.place(w, visited, depth - 1) {
                                return true;
                            }
                            self.leave(row);
                        }
                        self.take(w, was);
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Moves placed rows to better-scoring sites that are free; true when one moved.
    fn better_free_sites(&mut self) -> bool {
        let mut moved = false;
        for row in 0..self.chosen.len() {
            let Some(now) = self.chosen[row] else {
                continue;
            };
            let score = self.vars[now].2;
            self.leave(row);
            let best = self.by_row[row]
                .iter()
                .copied()
                .take_while(|&v| self.vars[v].2 > score + EPS)
                .find(|&v| matches!(self.blockers(v), Blockers::None));
            moved |= best.is_some();
            self.take(row, best.unwrap_or(now));
        }
        moved
    }
}

/// `x` improved: more rows placed by augmenting paths where they exist, then rows moved
/// to better-scoring free sites, until `deadline`. Never fewer placed, never a constraint
/// broken.
pub(super) fn improve(
    n_rows: usize,
    vars: &[Var],
    holds: &[VarHolds],
    x: &[bool],
    deadline: Instant,
) -> Vec<bool> {
    let mut plan = Plan::new(n_rows, vars, holds, x);
    loop {
        let mut grew = false;
        for row in 0..n_rows {
            if Instant::now() >= deadline {
                break;
            }
            if plan.chosen[row].is_none() && !plan.by_row[row].is_empty() {
                let mut visited = vec![false; n_rows];
                grew |= plan.place(row, &mut visited, MAX_DEPTH);
            }
        }
        if !grew || Instant::now() >= deadline {
            break;
        }
    }
    for _ in 0..SCORE_ROUNDS {
        if Instant::now() >= deadline || !plan.better_free_sites() {
            break;
        }
    }
    let mut out = vec![false; vars.len()];
    for v in plan.chosen.iter().flatten() {
        out[*v] = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn far() -> Instant {
        Instant::now() + std::time::Duration::from_secs(60)
    }

    #[test]
    fn a_chain_through_land_and_a_factory_places_one_more() {
        // Rows: A holds parcel 0 and could take the factory; B holds the factory's last
        // room (600 of 1,000 m² taken by C) and could take parcel 1; D, unplaced, wants
        // only parcel 0. Path: D takes parcel 0, A takes the factory room that B leaves,
        // B takes parcel 1.
        let vars: Vec<Var> = vec![
            (0, 0, 50.0), // 0: A parcel 0
            (0, 9, 40.0), // 1: A factory
            (1, 9, 60.0), // 2: B factory
            (1, 1, 30.0), // 3: B parcel 1
            (2, 9, 70.0), // 4: C factory
            (3, 0, 20.0), // 5: D parcel 0
        ];
        let holds: Vec<VarHolds> = vec![
            (vec![0], None),
            (vec![], Some((0, 1000.0, 400.0))),
            (vec![], Some((0, 1000.0, 400.0))),
            (vec![1], None),
            (vec![], Some((0, 1000.0, 600.0))),
            (vec![0], None),
        ];
        let x = vec![true, false, true, false, true, false];
        let got = improve(4, &vars, &holds, &x, far());
        assert_eq!(got, vec![false, true, false, true, true, true]);
    }

    #[test]
    fn a_merged_site_held_by_two_rows_is_not_entered() {
        // Site {0, 1} is held by A (parcel 0) and B (parcel 1): C cannot be placed by
        // moving one of them, and nothing changes.
        let vars: Vec<Var> = vec![(0, 0, 10.0), (1, 1, 10.0), (2, 2, 10.0), (0, 3, 5.0)];
        let holds: Vec<VarHolds> = vec![
            (vec![0], None),
            (vec![1], None),
            (vec![0, 1], None),
            (vec![3], None),
        ];
        let x = vec![true, true, false, false];
        // A can move to parcel 3, but B still holds parcel 1: no path.
        assert_eq!(improve(3, &vars, &holds, &x, far()), x);
    }

    #[test]
    fn rows_move_to_better_free_sites() {
        let vars: Vec<Var> = vec![(0, 0, 10.0), (0, 1, 30.0)];
        let holds: Vec<VarHolds> = vec![(vec![0], None), (vec![1], None)];
        assert_eq!(
            improve(1, &vars, &holds, &[true, false], far()),
            vec![false, true]
        );
    }

    /// True when `x` gives each row, parcel and factory no more than it may take.
    fn feasible(n_rows: usize, vars: &[Var], holds: &[VarHolds], x: &[bool]) -> bool {
        let mut rows = vec![0; n_rows];
        let mut parcels = std::collections::HashSet::new();
        let mut given: HashMap<usize, f64> = HashMap::new();
        for v in (0..vars.len()).filter(|&v| x[v]) {
            rows[vars[v].0] += 1;
            for &p in &holds[v].0 {
                if !parcels.insert(p) {
                    return false;
                }
            }
            if let Some((f, vacant, need)) = holds[v].1 {
                let g = given.entry(f).or_insert(0.0);
                *g += need;
                if *g > vacant + EPS {
                    return false;
                }
            }
        }
        rows.iter().all(|&n| n <= 1)
    }

    #[test]
    fn random_plans_stay_feasible_and_never_lose_a_mover() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        for _ in 0..300 {
            let n_rows = rng.gen_range(1..25);
            let (n_parcels, n_factories) = (rng.gen_range(1..20), rng.gen_range(1..4));
            let vacant: Vec<f64> = (0..n_factories)
                .map(|_| rng.gen_range(500.0..3000.0f64).round())
                .collect();
            let mut vars = Vec::new();
            let mut holds = Vec::new();
            for r in 0..n_rows {
                let need = rng.gen_range(300.0..1500.0f64).round();
                for _ in 0..rng.gen_range(0..5) {
                    let score = rng.gen_range(0.0..100.0f64);
                    if rng.gen_bool(0.3) {
                        let f = rng.gen_range(0..n_factories);
                        vars.push((r, 1000 + f, score));
                        holds.push((vec![], Some((f, vacant[f], need))));
                    } else {
                        let a = rng.gen_range(0..n_parcels);
                        let ps = if n_parcels > 1 && rng.gen_bool(0.3) {
                            vec![a, (a + 1) % n_parcels]
                        } else {
                            vec![a]
                        };
                        vars.push((r, a, score));
                        holds.push((ps, None));
                    }
                }
            }
            // A start: best score first, what fits.
            let mut x = vec![false; vars.len()];
            for v in 0..vars.len() {
                x[v] = true;
                if !feasible(n_rows, &vars, &holds, &x) {
                    x[v] = false;
                }
            }
            let got = improve(n_rows, &vars, &holds, &x, far());
            assert!(feasible(n_rows, &vars, &holds, &got));
            let placed = |x: &[bool]| x.iter().filter(|&&b| b).count();
            assert!(placed(&got) >= placed(&x));
        }
    }
}
