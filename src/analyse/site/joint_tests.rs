use super::*;
use rand::{Rng, SeedableRng};

/// An instance: candidates per row, what each site holds, each row's floor need.
struct Instance {
    cand: Vec<Vec<(usize, f64)>>,
    holds: Vec<Holds>,
    need: Vec<f64>,
}

impl Instance {
    fn solve(&self) -> (Vec<Option<usize>>, SolverReport) {
        solve_joint(
            &self.cand,
            &|s| self.holds[s].clone(),
            &self.need,
            Duration::from_secs(60),
        )
    }

    /// (placed, total score) of a plan, asserting it keeps every constraint.
    fn value(&self, got: &[Option<usize>]) -> (usize, f64) {
        self.try_value(got)
            .unwrap_or_else(|| panic!("a plan breaking a constraint: {got:?}"))
    }

    /// Brute force: every way of giving each row one of its sites or nothing.
    fn brute(&self) -> (usize, f64) {
        fn go(inst: &Instance, r: usize, plan: &mut Vec<Option<usize>>, best: &mut (usize, f64)) {
            if r == inst.cand.len() {
                if let Some(v) = inst.try_value(plan) {
                    if v.0 > best.0 || (v.0 == best.0 && v.1 > best.1 + 1e-9) {
                        *best = v;
                    }
                }
                return;
            }
            plan.push(None);
            go(inst, r + 1, plan, best);
            plan.pop();
            for &(s, _) in &inst.cand[r] {
                plan.push(Some(s));
                go(inst, r + 1, plan, best);
                plan.pop();
            }
        }
        let mut best = (0, f64::NEG_INFINITY);
        go(self, 0, &mut Vec::new(), &mut best);
        best
    }

    /// The value of a plan, `None` when it gives a parcel twice or a factory more than
    /// its vacant floor area.
    fn try_value(&self, plan: &[Option<usize>]) -> Option<(usize, f64)> {
        let mut parcels = std::collections::HashSet::new();
        let mut given: HashMap<usize, f64> = HashMap::new();
        let mut score = 0.0;
        for (r, s) in plan.iter().enumerate() {
            let Some(s) = *s else { continue };
            let sc = self.cand[r].iter().find(|c| c.0 == s)?.1;
            score += (sc * 1000.0f64).round() / 1000.0;
            match &self.holds[s] {
                Holds::Parcels(ps) => {
                    for p in ps {
                        if !parcels.insert(*p) {
                            return None;
                        }
                    }
                }
                Holds::Factory(f, vacant) => {
                    let g = given.entry(*f).or_insert(0.0);
                    *g += self.need[r];
                    if *g > vacant + 1e-6 {
                        return None;
                    }
                }
            }
        }
        Some((plan.iter().flatten().count(), score))
    }

    fn json(&self) -> String {
        let holds: Vec<serde_json::Value> = self
            .holds
            .iter()
            .map(|h| match h {
                Holds::Parcels(p) => serde_json::json!({ "parcels": p }),
                Holds::Factory(f, v) => serde_json::json!({ "factory": f, "vacant": v }),
            })
            .collect();
        serde_json::json!({ "cand": self.cand, "holds": holds, "need": self.need }).to_string()
    }
}

fn land(ids: &[usize]) -> Holds {
    Holds::Parcels(ids.to_vec())
}

#[test]
fn capacity_is_kept_where_greedy_would_waste_it() {
    // One factory of 1,000 m². A (600 m², 90 points) fits alone; B and C (500 m² each, 80
    // and 70 points) fit together. Best-first greedy places A alone; the optimum places
    // B and C (two placed beat one), leaving 0 m².
    let inst = Instance {
        cand: vec![vec![(0, 90.0)], vec![(0, 80.0)], vec![(0, 70.0)]],
        holds: vec![Holds::Factory(7, 1000.0)],
        need: vec![600.0, 500.0, 500.0],
    };
    let (got, report) = inst.solve();
    assert_eq!(got, vec![None, Some(0), Some(0)]);
    assert_eq!(inst.value(&got), (2, 150.0));
    assert_eq!(report.with_factories, 1);
    assert!(report.proven_optimal && report.score_gap == 0.0);
    assert_eq!((report.placed, report.placed_bound), (2, 2));
}

#[test]
fn land_and_factory_space_are_assigned_together() {
    // A may take parcel 0 (80) or the factory (90); B only parcel 0 (85). The factory
    // holds A (800 of 2,000 m²): both placed, 90 + 85.
    let inst = Instance {
        cand: vec![vec![(1, 90.0), (0, 80.0)], vec![(0, 85.0)]],
        holds: vec![land(&[0]), Holds::Factory(0, 2000.0)],
        need: vec![800.0, 0.0],
    };
    let (got, _) = inst.solve();
    assert_eq!(got, vec![Some(1), Some(0)]);
    // When the factory is too small for A's need the screening never offers it; with
    // three tenants of 800 m² in 2,000 m², two fit and the third takes land.
    let inst = Instance {
        cand: vec![vec![(1, 95.0)], vec![(1, 94.0)], vec![(1, 93.0), (0, 10.0)]],
        holds: vec![land(&[0]), Holds::Factory(0, 2000.0)],
        need: vec![800.0, 800.0, 800.0],
    };
    let (got, _) = inst.solve();
    assert_eq!(got, vec![Some(1), Some(1), Some(0)]);
    assert_eq!(inst.value(&got), (3, 95.0 + 94.0 + 10.0));
}

#[test]
fn land_only_plans_are_the_land_assignment() {
    // Without factory space the joint solve is the Hungarian method's plan, row for row.
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    for _ in 0..100 {
        let n_parcels = rng.gen_range(2..8);
        let mut holds: Vec<Holds> = (0..n_parcels).map(|p| land(&[p])).collect();
        let a = rng.gen_range(0..n_parcels);
        holds.push(land(&[
            a.min((a + 1) % n_parcels),
            a.max((a + 1) % n_parcels),
        ]));
        let cand: Vec<Vec<(usize, f64)>> = (0..rng.gen_range(1..7))
            .map(|_| {
                let mut c = Vec::new();
                for s in 0..holds.len() {
                    if rng.gen_bool(0.5) {
                        c.push((s, rng.gen_range(0.0..100.0)));
                    }
                }
                c
            })
            .collect();
        let need = vec![0.0; cand.len()];
        let (got, report) =
            solve_joint(&cand, &|s| holds[s].clone(), &need, Duration::from_secs(10));
        let parcels_of = |s: usize| match &holds[s] {
            Holds::Parcels(p) => p.clone(),
            Holds::Factory(..) => vec![],
        };
        assert_eq!(got, solve_assignment(&cand, &parcels_of));
        assert_eq!(report.with_factories, 0);
    }
}

/// A random instance: parcels, some merged pairs, factories with capacities, rows with
/// floor needs and a random subset of the sites.
fn random_instance(
    rng: &mut rand::rngs::StdRng,
    rows: usize,
    parcels: usize,
    factories: usize,
    p: f64,
) -> Instance {
    let mut holds: Vec<Holds> = (0..parcels).map(|q| land(&[q])).collect();
    for _ in 0..parcels / 3 {
        let a = rng.gen_range(0..parcels);
        let b = (a + 1) % parcels;
        holds.push(land(&[a.min(b), a.max(b)]));
    }
    for f in 0..factories {
        holds.push(Holds::Factory(f, rng.gen_range(500.0..3000.0f64).round()));
    }
    let need: Vec<f64> = (0..rows)
        .map(|_| rng.gen_range(300.0..1500.0f64).round())
        .collect();
    let cand = (0..rows)
        .map(|r| {
            let mut c: Vec<(usize, f64)> = Vec::new();
            for (s, h) in holds.iter().enumerate() {
                let fits = match h {
                    Holds::Factory(_, v) => *v >= need[r],
                    _ => true,
                };
                if fits && rng.gen_bool(p) {
                    c.push((s, (rng.gen_range(-5.0..100.0f64) * 1000.0).round() / 1000.0));
                }
            }
            c.sort_by(|a, b| b.1.total_cmp(&a.1));
            c
        })
        .collect();
    Instance { cand, holds, need }
}

#[test]
fn matches_brute_force_on_small_random_instances() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(20);
    for _ in 0..150 {
        let rows = rng.gen_range(1..6);
        let (parcels, factories) = (rng.gen_range(1..4), rng.gen_range(1..3));
        let inst = random_instance(&mut rng, rows, parcels, factories, 0.5);
        let (got, report) = inst.solve();
        let (gp, gs) = inst.value(&got);
        let (bp, bs) = inst.brute();
        assert_eq!(gp, bp, "{:?} {got:?}", inst.json());
        assert!(
            (gs - bs).abs() < 1e-6,
            "{gs} vs {bs}: {} {got:?}",
            inst.json()
        );
        assert!(report.proven_optimal);
    }
}

#[test]
fn matches_an_independent_milp_on_a_larger_instance() {
    let ready = std::process::Command::new("python3")
        .args(["-c", "import scipy.optimize, numpy"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ready {
        eprintln!("python3 with scipy not found: the MILP cross-check is skipped");
        return;
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let inst = random_instance(&mut rng, 60, 40, 8, 0.12);
    let (got, report) = inst.solve();
    assert!(report.proven_optimal, "{report:?}");
    let (placed, score) = inst.value(&got);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/crosscheck/joint_milp.py"
    );
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(inst.json().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["placed"].as_u64(), Some(placed as u64));
    let theirs = v["score"].as_f64().unwrap();
    assert!(
        (theirs - score).abs() < 1e-6,
        "scipy {theirs} vs ours {score}"
    );
    // The instance is one the greedy plan does not solve.
    assert!(report.with_factories >= 1);
}
