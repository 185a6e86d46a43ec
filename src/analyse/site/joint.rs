//! The joint assignment of land sites and factory space: each mover at most one site,
//! parcels exclusive, and the floor area given out in a factory at most its vacant floor
//! area; maximising first the number placed and then the total score (the objective of
//! [`super::land_assign::solve_assignment`], unchanged).
//!
//! The problem separates into components: movers linked by a shared parcel or a shared
//! factory among their candidates. A component without factory space is solved as before
//! (Kuhn–Munkres with branch and bound over parcel conflicts). A component with factory
//! space is a 0–1 programme solved exactly by `microlp` in two lexicographic phases: the
//! most movers placed, then, with that number held, the highest total score (scores
//! rounded to 0.001 points, as the Hungarian method's integers are). Each phase starts
//! from the better of a greedy plan (best scores first, what still fits) and the land
//! assignment with factory space filled in, improved by augmenting paths
//! ([`super::augment`]), so a good plan exists at any time.
//! Past the time limit the best plan found is kept and the proven gap reported; a solve
//! that fails keeps the greedy plan (the fallback, counted in the report).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions, Variable};

use super::augment::{improve, Var, VarHolds};
use super::land_assign::{find, solve_assignment};

/// What the joint assignment did: components, how they were solved, and how close to
/// proven optimal the plan is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SolverReport {
    /// Components of competing movers.
    pub components: usize,
    /// Components with factory space, solved as 0–1 programmes.
    pub with_factories: usize,
    /// 0–1 variables of the largest such component.
    pub largest_variables: usize,
    /// True when every component's plan is proven optimal.
    pub proven_optimal: bool,
    /// Movers placed by the plan in the components with factory space.
    pub placed: usize,
    /// A proven upper bound on that number (equal to `placed` when proven).
    pub placed_bound: usize,
    /// The largest relative gap between a component's total score and its proven bound
    /// (0 when proven optimal).
    pub score_gap: f64,
    /// Components whose solve failed or found nothing better in time: the greedy plan kept.
    pub fallback: usize,
    /// Time spent in the 0–1 programmes.
    pub elapsed: Duration,
}

/// What a candidate site holds, as the assignment sees it.
#[derive(Debug, Clone)]
pub enum Holds {
    /// Land: its parcels (exclusive).
    Parcels(Vec<usize>),
    /// Space in a factory: (factory index, vacant floor area m²).
    Factory(usize, f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Owner {
    Parcel(usize),
    Factory(usize),
}

/// The optimal assignment of rows (movers) to candidate sites with parcels exclusive and
/// factory capacities kept: `cand[r]` lists row r's sites with their scores, `holds` what
/// each site holds, `need[r]` row r's floor-area need (m², read for factory sites only).
/// Returns each row's site and the report.
pub fn solve_joint(
    cand: &[Vec<(usize, f64)>],
    holds: &dyn Fn(usize) -> Holds,
    need: &[f64],
    time_limit: Duration,
) -> (Vec<Option<usize>>, SolverReport) {
    let n = cand.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut owner: HashMap<Owner, usize> = HashMap::new();
    let mut has_factory = vec![false; n];
    for (row, c) in cand.iter().enumerate() {
        for &(site, _) in c {
            let owners: Vec<Owner> = match holds(site) {
                Holds::Parcels(ps) => ps.into_iter().map(Owner::Parcel).collect(),
                Holds::Factory(f, _) => {
                    has_factory[row] = true;
                    vec![Owner::Factory(f)]
                }
            };
            for o in owners {
                match owner.get(&o) {
                    Some(&prev) => {
                        let (a, b) = (find(&mut parent, prev), find(&mut parent, row));
                        parent[a] = b;
                    }
                    None => {
                        owner.insert(o, row);
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for row in 0..n {
        let r = find(&mut parent, row);
        groups.entry(r).or_default().push(row);
    }
    let mut report = SolverReport {
        components: groups.len(),
        proven_optimal: true,
        ..SolverReport::default()
    };
    // Components without factory space: the land assignment, as before.
    let mut shared = vec![false; n];
    let mut joint: Vec<Vec<usize>> = Vec::new();
    for rows in groups.values() {
        if rows.iter().any(|&r| has_factory[r]) {
            for &r in rows {
                shared[r] = true;
            }
            joint.push(rows.clone());
        }
    }
    let land: Vec<Vec<(usize, f64)>> = cand
        .iter()
        .enumerate()
        .map(|(r, c)| if shared[r] { vec![] } else { c.clone() })
        .collect();
    let parcels_of = |s: usize| match holds(s) {
        Holds::Parcels(p) => p,
        Holds::Factory(..) => vec![],
    };
    let mut chosen = solve_assignment(&land, &parcels_of);
    // Components with factory space: smallest first, each given the time left.
    joint.sort_by_key(|rows| (rows.iter().map(|&r| cand[r].len()).sum::<usize>(), rows[0]));
    report.with_factories = joint.len();
    let start = Instant::now();
    for rows in &joint {
        let left = time_limit.saturating_sub(start.elapsed());
        let got = solve_component(rows, cand, holds, need, left);
        report.largest_variables = report.largest_variables.max(got.variables);
        report.placed += got.placed;
        report.placed_bound += got.placed_bound.max(got.placed);
        report.score_gap = report.score_gap.max(got.score_gap);
        report.proven_optimal &= got.proven;
        report.fallback += usize::from(got.fallback);
        for (i, &r) in rows.iter().enumerate() {
            chosen[r] = got.sites[i];
        }
    }
    report.elapsed = start.elapsed();
    (chosen, report)
}

/// One component's plan and what is proven about it.
struct ComponentPlan {
    sites: Vec<Option<usize>>,
    variables: usize,
    placed: usize,
    placed_bound: usize,
    score_gap: f64,
    proven: bool,
    fallback: bool,
}

/// The constraints of a component: rows with more than one variable, parcels and
/// factories wanted more than once or beyond their space; and what each variable holds,
/// for the greedy plan.
struct Model {
    vars: Vec<Var>,
    rows: Vec<Vec<usize>>,
    parcels: Vec<Vec<usize>>,
    /// (vacant m², [(variable, need m²)]).
    factories: Vec<(f64, Vec<(usize, f64)>)>,
    /// Per variable: its parcels, or its factory with the vacant area and the need.
    holds: Vec<VarHolds>,
}

impl Model {
    /// True when a plan (a chosen flag per variable) keeps every constraint.
    fn feasible(&self, x: &[bool]) -> bool {
        let at_most_one = |vs: &Vec<usize>| vs.iter().filter(|&&v| x[v]).count() <= 1;
        self.rows.iter().all(at_most_one)
            && self.parcels.iter().all(at_most_one)
            && self.factories.iter().all(|(vacant, vs)| {
                vs.iter()
                    .filter(|(v, _)| x[*v])
                    .map(|(_, a)| a)
                    .sum::<f64>()
                    <= vacant + 1e-6
            })
    }

    /// Best scores first, each taken when its row, parcels and factory space are free.
    fn greedy(&self, n_rows: usize) -> Vec<bool> {
        let mut order: Vec<usize> = (0..self.vars.len()).collect();
        order.sort_by(|&a, &b| {
            self.vars[b]
                .2
                .total_cmp(&self.vars[a].2)
                .then(self.vars[a].0.cmp(&self.vars[b].0))
                .then(self.vars[a].1.cmp(&self.vars[b].1))
        });
        let mut x = vec![false; self.vars.len()];
        let mut row_used = vec![false; n_rows];
        let mut parcel_used: std::collections::HashSet<usize> = std::collections::HashSet::new();
        let mut given: HashMap<usize, f64> = HashMap::new();
        for v in order {
            let row = self.vars[v].0;
            if row_used[row] {
                continue;
            }
            let (parcels, factory) = &self.holds[v];
            if parcels.iter().any(|p| parcel_used.contains(p)) {
                continue;
            }
            if let Some((f, vacant, need)) = *factory {
                let g = given.entry(f).or_insert(0.0);
                if *g + need > vacant + 1e-6 {
                    continue;
                }
                *g += need;
            }
            parcel_used.extend(parcels.iter().copied());
            row_used[row] = true;
            x[v] = true;
        }
        x
    }

    /// The land assignment of the rows' land sites, then factory space, best score first,
    /// for the rows left without land.
    fn land_then_fill(&self, n_rows: usize) -> Vec<bool> {
        let mut land: Vec<Vec<(usize, f64)>> = vec![vec![]; n_rows];
        let mut var_of: HashMap<(usize, usize), usize> = HashMap::new();
        let mut parcels: HashMap<usize, &Vec<usize>> = HashMap::new();
        for (v, &(r, site, score)) in self.vars.iter().enumerate() {
            if self.holds[v].1.is_none() {
                land[r].push((site, score));
                var_of.insert((r, site), v);
                parcels.insert(site, &self.holds[v].0);
            }
        }
        // Split by shared parcels again: without the factories the rows fall apart into
        // the land assignment's own groups.
        let chosen = solve_assignment(&land, &|s| {
            parcels.get(&s).map(|p| (*p).clone()).unwrap_or_default()
        });
        let mut x = vec![false; self.vars.len()];
        let mut row_used = vec![false; n_rows];
        for (r, c) in chosen.iter().enumerate() {
            if let Some(v) = c.and_then(|s| var_of.get(&(r, s))) {
                x[*v] = true;
                row_used[r] = true;
            }
        }
        let mut order: Vec<usize> = (0..self.vars.len())
            .filter(|&v| self.holds[v].1.is_some())
            .collect();
        order.sort_by(|&a, &b| self.vars[b].2.total_cmp(&self.vars[a].2).then(a.cmp(&b)));
        let mut given: HashMap<usize, f64> = HashMap::new();
        for v in order {
            let row = self.vars[v].0;
            let Some((f, vacant, need)) = self.holds[v].1 else {
                continue;
            };
            let g = given.entry(f).or_insert(0.0);
            if row_used[row] || *g + need > vacant + 1e-6 {
                continue;
            }
            *g += need;
            row_used[row] = true;
            x[v] = true;
        }
        x
    }

    fn placed(x: &[bool]) -> usize {
        x.iter().filter(|&&b| b).count()
    }

    fn score(&self, x: &[bool]) -> f64 {
        self.vars
            .iter()
            .zip(x)
            .filter(|(_, &b)| b)
            .map(|(v, _)| v.2)
            .sum()
    }

    /// The problem with the given objective per variable, and at least `min_placed`
    /// placed.
    fn problem(
        &self,
        objective: &dyn Fn(&Var) -> f64,
        min_placed: usize,
    ) -> (Problem, Vec<Variable>) {
        let mut p = Problem::new(OptimizationDirection::Maximize);
        let xs: Vec<Variable> = self
            .vars
            .iter()
            .map(|v| p.add_binary_var(objective(v)))
            .collect();
        for vs in self.rows.iter().chain(&self.parcels) {
            let expr: Vec<(Variable, f64)> = vs.iter().map(|&v| (xs[v], 1.0)).collect();
            p.add_constraint(expr.as_slice(), ComparisonOp::Le, 1.0);
        }
        for (vacant, vs) in &self.factories {
            let expr: Vec<(Variable, f64)> = vs.iter().map(|&(v, a)| (xs[v], a)).collect();
            p.add_constraint(expr.as_slice(), ComparisonOp::Le, *vacant);
            // Valid tightenings the relaxation lacks: no more tenants than the smallest
            // needs fit, and at most one of those needing more than half the space.
            let mut needs: Vec<f64> = vs.iter().map(|(_, a)| *a).collect();
            needs.sort_by(f64::total_cmp);
            let mut fit = 0usize;
            let mut sum = 0.0;
            for a in &needs {
                sum += a;
                if sum > vacant + 1e-6 {
                    break;
                }
                fit += 1;
            }
            if fit < vs.len() {
                let all: Vec<(Variable, f64)> = vs.iter().map(|&(v, _)| (xs[v], 1.0)).collect();
                p.add_constraint(all.as_slice(), ComparisonOp::Le, fit as f64);
            }
            let big: Vec<(Variable, f64)> = vs
                .iter()
                .filter(|(_, a)| 2.0 * a > vacant + 1e-6)
                .map(|&(v, _)| (xs[v], 1.0))
                .collect();
            if big.len() > 1 {
                p.add_constraint(big.as_slice(), ComparisonOp::Le, 1.0);
            }
        }
        if min_placed > 0 {
            let expr: Vec<(Variable, f64)> = xs.iter().map(|&x| (x, 1.0)).collect();
            p.add_constraint(expr.as_slice(), ComparisonOp::Ge, min_placed as f64);
        }
        (p, xs)
    }

    /// Solves for `objective` from `start`; returns the plan (never worse than `start`
    /// by the objective, and feasible), the proven bound, and whether it is optimal.
    fn solve(
        &self,
        objective: &dyn Fn(&Var) -> f64,
        min_placed: usize,
        start: &[bool],
        deadline: Instant,
    ) -> (Vec<bool>, Option<f64>, bool, bool) {
        let (p, xs) = self.problem(objective, min_placed);
        let value = |x: &[bool]| -> f64 {
            self.vars
                .iter()
                .zip(x)
                .filter(|(_, &b)| b)
                .map(|(v, _)| objective(v))
                .sum()
        };
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (start.to_vec(), None, false, true);
        }
        let mut options = SolveOptions::default();
        options.time_limit = Some(left);
        options.warm_start = Some(
            xs.iter()
                .zip(start)
                .map(|(&x, &b)| (x, if b { 1.0 } else { 0.0 }))
                .collect(),
        );
        let Ok(outcome) = p.solve_with(options) else {
            return (start.to_vec(), None, false, true);
        };
        let stats = outcome.stats();
        let Ok(sol) = outcome.into_solution() else {
            return (start.to_vec(), stats.best_bound, false, true);
        };
        let x: Vec<bool> = xs.iter().map(|&v| sol.var_value(v) > 0.5).collect();
        let proven = sol.status() == microlp::SolutionStatus::Optimal;
        let bound = sol.stats().best_bound;
        let ok = self.feasible(&x) && Self::placed(&x) >= min_placed;
        if !ok || value(&x) < value(start) - 1e-6 {
            return (start.to_vec(), bound, false, !ok);
        }
        (x, bound, proven, false)
    }
}

/// The exact plan of one component with factory space.
fn solve_component(
    rows: &[usize],
    cand: &[Vec<(usize, f64)>],
    holds: &dyn Fn(usize) -> Holds,
    need: &[f64],
    time_limit: Duration,
) -> ComponentPlan {
    let deadline = Instant::now() + time_limit;
    let mut vars: Vec<Var> = Vec::new();
    for (i, &r) in rows.iter().enumerate() {
        for &(site, score) in &cand[r] {
            vars.push((i, site, (score * 1000.0).round() / 1000.0));
        }
    }
    let mut by_row: Vec<Vec<usize>> = vec![vec![]; rows.len()];
    let mut by_parcel: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut by_factory: BTreeMap<usize, (f64, Vec<(usize, f64)>)> = BTreeMap::new();
    let mut var_holds = Vec::with_capacity(vars.len());
    for (v, &(i, site, _)) in vars.iter().enumerate() {
        by_row[i].push(v);
        match holds(site) {
            Holds::Parcels(ps) => {
                for &p in &ps {
                    by_parcel.entry(p).or_default().push(v);
                }
                var_holds.push((ps, None));
            }
            Holds::Factory(f, vacant) => {
                let e = by_factory.entry(f).or_insert((vacant, vec![]));
                e.1.push((v, need[rows[i]]));
                var_holds.push((vec![], Some((f, vacant, need[rows[i]]))));
            }
        }
    }
    let model = Model {
        rows: by_row.into_iter().filter(|vs| vs.len() > 1).collect(),
        parcels: by_parcel.into_values().filter(|vs| vs.len() > 1).collect(),
        factories: by_factory
            .into_values()
            .filter(|(vacant, vs)| vs.iter().map(|(_, a)| a).sum::<f64>() > *vacant)
            .collect(),
        vars,
        holds: var_holds,
    };
    // The start: the better of best-score-first and the land assignment (Kuhn–Munkres with
    // branch and bound over the rows' land sites) with factory space filled in for the rows
    // it leaves unplaced; then improved by augmenting paths (chains of moves through land
    // and factory space that place one more mover) and moves to better free sites.
    let greedy = {
        let a = model.greedy(rows.len());
        let b = model.land_then_fill(rows.len());
        let key = |x: &[bool]| (Model::placed(x), model.score(x));
        let better = if key(&b).0 > key(&a).0 || (key(&b).0 == key(&a).0 && key(&b).1 > key(&a).1) {
            b
        } else {
            a
        };
        improve(rows.len(), &model.vars, &model.holds, &better, deadline)
    };
    // Phase 1: the most movers placed (proven at once when the greedy plan places all).
    let (x1, bound1, proven1, failed1) = if Model::placed(&greedy) == rows.len() {
        (greedy.clone(), Some(rows.len() as f64), true, false)
    } else {
        model.solve(&|_| 1.0, 0, &greedy, deadline)
    };
    let placed = Model::placed(&x1);
    let placed_bound = if proven1 {
        placed
    } else {
        bound1.map_or(rows.len(), |b| {
            ((b + 1e-6).floor() as usize).clamp(placed, rows.len())
        })
    };
    // Phase 2: with that many placed, the highest total score.
    let (x2, bound2, proven2, failed2) = model.solve(&|v| v.2, placed, &x1, deadline);
    let score = model.score(&x2);
    let score_gap = if proven2 {
        0.0
    } else {
        bound2.map_or(f64::INFINITY, |b| {
            ((b - score) / score.abs().max(1e-9)).max(0.0)
        })
    };
    let sites = (0..rows.len())
        .map(|i| {
            model
                .vars
                .iter()
                .zip(&x2)
                .find(|((r, _, _), &b)| b && *r == i)
                .map(|((_, s, _), _)| *s)
        })
        .collect();
    ComponentPlan {
        sites,
        variables: model.vars.len(),
        placed,
        placed_bound,
        score_gap,
        proven: proven1 && proven2,
        fallback: (failed1 || failed2) && x2 == greedy,
    }
}

#[cfg(test)]
#[path = "joint_tests.rs"]
mod tests;
