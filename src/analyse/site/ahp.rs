//! Weights from an AHP pairwise-comparison matrix (Saaty): the principal eigenvector,
//! λmax, the consistency index CI = (λmax − n)/(n − 1) and ratio CR = CI / RI.

use super::criterion::{Criterion, PerCriterion};

/// Saaty's random indices for n = 1..10.
const RANDOM_INDEX: [f64; 10] = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/// The result of an AHP weighting.
#[derive(Debug, Clone)]
pub struct AhpResult {
    /// Weights per criterion, summing to 1.
    pub weights: PerCriterion<f64>,
    /// The principal eigenvalue.
    pub lambda_max: f64,
    /// The consistency ratio (refuse at 0.1 or more).
    pub consistency_ratio: f64,
}

/// The principal eigenvector (normalised to sum 1), λmax and CR of a positive reciprocal
/// matrix of any size up to 10.
///
/// # Errors
/// A matrix that is not square, not positive or not reciprocal (aᵢⱼ·aⱼᵢ = 1 within 2 %).
#[allow(clippy::needless_range_loop)] // matrix algebra reads best with indices
pub fn ahp_eigen(m: &[Vec<f64>]) -> Result<(Vec<f64>, f64, f64), String> {
    let n = m.len();
    if !(2..=10).contains(&n) || m.iter().any(|r| r.len() != n) {
        return Err(format!(
            "the AHP matrix must be square, 2 to 10 rows; it has {n} rows of lengths {:?}",
            m.iter().map(Vec::len).collect::<Vec<_>>()
        ));
    }
    for i in 0..n {
        for j in 0..n {
            if !(m[i][j] > 0.0 && m[i][j].is_finite()) {
                return Err(format!(
                    "AHP matrix entry ({}, {}) = {} must be positive",
                    i + 1,
                    j + 1,
                    m[i][j]
                ));
            }
            if (m[i][j] * m[j][i] - 1.0).abs() > 0.02 {
                return Err(format!(
                    "the AHP matrix is not reciprocal: a{}{} × a{}{} = {:.3}, not 1",
                    i + 1,
                    j + 1,
                    j + 1,
                    i + 1,
                    m[i][j] * m[j][i]
                ));
            }
        }
    }
    let mut w = vec![1.0 / n as f64; n];
    for _ in 0..1000 {
        let mut next: Vec<f64> = (0..n)
            .map(|i| (0..n).map(|j| m[i][j] * w[j]).sum())
            .collect();
        let s: f64 = next.iter().sum();
        next.iter_mut().for_each(|x| *x /= s);
        let delta: f64 = next.iter().zip(&w).map(|(a, b)| (a - b).abs()).sum();
        w = next;
        if delta < 1e-14 {
            break;
        }
    }
    let lambda_max = (0..n)
        .map(|i| (0..n).map(|j| m[i][j] * w[j]).sum::<f64>() / w[i])
        .sum::<f64>()
        / n as f64;
    let ci = (lambda_max - n as f64) / (n as f64 - 1.0);
    let ri = RANDOM_INDEX[n - 1];
    let cr = if ri > 0.0 { ci / ri } else { 0.0 };
    Ok((w, lambda_max, cr))
}

/// Siting weights from a 5 × 5 matrix whose rows and columns follow [`Criterion::ALL`].
///
/// # Errors
/// As `ahp_eigen`, or a matrix that is not 5 × 5.
pub fn ahp_weights(m: &[Vec<f64>]) -> Result<AhpResult, String> {
    let n = Criterion::ALL.len();
    if m.len() != n {
        let names: Vec<&str> = Criterion::ALL.iter().map(|c| c.key()).collect();
        return Err(format!(
            "the siting AHP matrix must be {n} × {n} ({}); it has {} rows",
            names.join(", "),
            m.len()
        ));
    }
    let (w, lambda_max, consistency_ratio) = ahp_eigen(m)?;
    Ok(AhpResult {
        weights: PerCriterion::from_fn(|c| w[c as usize]),
        lambda_max,
        consistency_ratio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saaty_textbook_matrix() {
        // [[1,3,5],[1/3,1,3],[1/5,1/3,1]]: weights 0.637, 0.258, 0.105; λmax 3.0385;
        // CI 0.0193; CR = 0.0193 / 0.58 = 0.0332 (hand-worked, e.g. Saaty 1980 style).
        let m = vec![
            vec![1.0, 3.0, 5.0],
            vec![1.0 / 3.0, 1.0, 3.0],
            vec![0.2, 1.0 / 3.0, 1.0],
        ];
        let (w, l, cr) = ahp_eigen(&m).unwrap();
        assert!(
            (w[0] - 0.6370).abs() < 5e-4
                && (w[1] - 0.2583).abs() < 5e-4
                && (w[2] - 0.1047).abs() < 5e-4,
            "{w:?}"
        );
        assert!((l - 3.0385).abs() < 5e-4, "{l}");
        assert!((cr - 0.0332).abs() < 5e-4, "{cr}");
    }

    #[test]
    #[allow(clippy::needless_range_loop)]
    fn consistent_matrix_has_zero_cr_and_exact_weights() {
        let w = [0.4, 0.2, 0.2, 0.1, 0.1];
        let m: Vec<Vec<f64>> = (0..5)
            .map(|i| (0..5).map(|j| w[i] / w[j]).collect())
            .collect();
        let r = ahp_weights(&m).unwrap();
        assert!(r.consistency_ratio.abs() < 1e-9);
        for (c, got) in r.weights.iter() {
            assert!((got - w[c as usize]).abs() < 1e-9);
        }
    }

    #[test]
    fn non_reciprocal_is_refused() {
        let m = vec![vec![1.0, 3.0], vec![3.0, 1.0]];
        assert!(ahp_eigen(&m).unwrap_err().contains("not reciprocal"));
    }
}
