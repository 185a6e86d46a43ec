//! Classification of numeric values for choropleths: quantiles, equal intervals and
//! exact Fisher–Jenks natural breaks (dynamic programming, O(k·n²) on at most 4000
//! sorted values, evenly sampled beyond that).

/// A classification scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Equal counts per class.
    Quantiles,
    /// Equal widths.
    EqualInterval,
    /// Fisher–Jenks natural breaks (minimum within-class squared deviation).
    NaturalBreaks,
    /// Breaks a planner reads at a glance: FAR at fixed steps of 0.5 (with the parcels
    /// below their required minimum marked apart), other indicators at natural breaks
    /// rounded to two significant digits. The default.
    Standard,
}

impl Scheme {
    /// Parses `standard`, `quantiles`, `equal`, `jenks`.
    pub fn parse(s: &str) -> Option<Scheme> {
        match s.to_lowercase().as_str() {
            "quantiles" | "quantile" => Some(Scheme::Quantiles),
            "equal" | "equal-interval" | "equal_interval" => Some(Scheme::EqualInterval),
            "jenks" | "natural" | "natural-breaks" | "fisher-jenks" => Some(Scheme::NaturalBreaks),
            "standard" | "rounded" => Some(Scheme::Standard),
            _ => None,
        }
    }
}

/// Upper bounds of `k` classes (the last is the maximum); fewer when there are fewer
/// distinct values.
pub fn breaks(values: &[f64], k: usize, scheme: Scheme) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() || k == 0 {
        return vec![];
    }
    v.sort_by(f64::total_cmp);
    let (min, max) = (v[0], v[v.len() - 1]);
    let mut b = match scheme {
        Scheme::EqualInterval => (1..=k)
            .map(|i| min + (max - min) * i as f64 / k as f64)
            .collect(),
        Scheme::Quantiles => (1..=k)
            .map(|i| v[((v.len() * i).div_ceil(k)).clamp(1, v.len()) - 1])
            .collect(),
        Scheme::NaturalBreaks | Scheme::Standard => {
            let sample: Vec<f64> = if v.len() > 4000 {
                (0..4000).map(|i| v[i * (v.len() - 1) / 3999]).collect()
            } else {
                v.clone()
            };
            jenks(&sample, k)
        }
    };
    if let Some(last) = b.last_mut() {
        *last = max;
    }
    b.dedup();
    b
}

/// Fisher's exact optimal partition of sorted values into k classes.
#[allow(clippy::needless_range_loop)] // the DP reads cost[c - 1] while writing cost[c]
fn jenks(v: &[f64], k: usize) -> Vec<f64> {
    let n = v.len();
    let k = k.min(n);
    // Prefix sums for O(1) within-class squared deviation.
    let mut s1 = vec![0.0; n + 1];
    let mut s2 = vec![0.0; n + 1];
    for i in 0..n {
        s1[i + 1] = s1[i] + v[i];
        s2[i + 1] = s2[i] + v[i] * v[i];
    }
    let ssd = |i: usize, j: usize| {
        // values i..j (exclusive j)
        let m = (j - i) as f64;
        let s = s1[j] - s1[i];
        s2[j] - s2[i] - s * s / m
    };
    let inf = f64::INFINITY;
    let mut cost = vec![vec![inf; n + 1]; k + 1];
    let mut from = vec![vec![0usize; n + 1]; k + 1];
    cost[0][0] = 0.0;
    for c in 1..=k {
        for j in c..=n {
            let mut best = inf;
            let mut arg = c - 1;
            for i in (c - 1)..j {
                let x = cost[c - 1][i] + ssd(i, j);
                if x < best {
                    best = x;
                    arg = i;
                }
            }
            cost[c][j] = best;
            from[c][j] = arg;
        }
    }
    let mut ends = Vec::with_capacity(k);
    let mut j = n;
    for c in (1..=k).rev() {
        ends.push(v[j - 1]);
        j = from[c][j];
    }
    ends.reverse();
    ends
}

/// A value rounded to two significant digits (1234 → 1200, 0.456 → 0.46).
pub fn round_2sig(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = x.abs().log10().floor() as i32 - 1;
    if e >= 0 {
        let m = 10f64.powi(e);
        (x / m).round() * m
    } else {
        // Divide by a whole power of ten so 0.456 comes out as the literal 0.46.
        let f = 10f64.powi(-e);
        (x * f).round() / f
    }
}

/// Class limits for a planner: the inner breaks of natural breaks, rounded to two
/// significant digits, without repeats. Classes are then [.., b0), [b0, b1) … [bn, ..).
pub fn rounded_limits(values: &[f64], k: usize) -> Vec<f64> {
    let b = breaks(values, k, Scheme::NaturalBreaks);
    let mut limits: Vec<f64> = b
        .iter()
        .take(b.len().saturating_sub(1))
        .map(|x| round_2sig(*x))
        .collect();
    limits.dedup();
    limits
}

/// The class of a value among limits: 0 below the first, i for [limits[i-1], limits[i]).
pub fn class_between(x: f64, limits: &[f64]) -> usize {
    limits.iter().take_while(|l| x >= **l).count()
}

/// The class index of a value given upper bounds.
pub fn class_of(x: f64, breaks: &[f64]) -> usize {
    breaks
        .iter()
        .position(|b| x <= *b)
        .unwrap_or(breaks.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_limits_are_round_and_bound_every_value_once() {
        assert_eq!(round_2sig(1234.0), 1200.0);
        assert_eq!(round_2sig(0.456), 0.46);
        let v = [1.0, 1.1, 1.2, 10.0, 11.0, 12.0, 100.0, 110.0];
        let l = rounded_limits(&v, 3);
        assert_eq!(l, vec![1.2, 12.0]);
        assert_eq!(class_between(1.1, &l), 0);
        assert_eq!(class_between(1.2, &l), 1);
        assert_eq!(class_between(110.0, &l), 2);
    }

    #[test]
    fn jenks_finds_the_obvious_groups() {
        let v = [1.0, 1.1, 1.2, 5.0, 5.1, 5.2, 9.0, 9.1, 9.3];
        assert_eq!(breaks(&v, 3, Scheme::NaturalBreaks), vec![1.2, 5.2, 9.3]);
    }

    #[test]
    fn quantiles_and_equal_intervals() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(breaks(&v, 2, Scheme::Quantiles), vec![5.0, 10.0]);
        assert_eq!(breaks(&v, 3, Scheme::EqualInterval), vec![4.0, 7.0, 10.0]);
        assert_eq!(class_of(4.5, &[4.0, 7.0, 10.0]), 1);
    }

    #[test]
    fn jenks_matches_a_hand_worked_sum_of_squares() {
        // For [0, 1, 10, 11, 12] in 2 classes, {0,1} | {10,11,12} has SSD 0.5 + 2 = 2.5,
        // every other split is worse.
        assert_eq!(
            breaks(&[0.0, 1.0, 10.0, 11.0, 12.0], 2, Scheme::NaturalBreaks),
            vec![1.0, 12.0]
        );
    }
}
