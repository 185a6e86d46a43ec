//! Units that carry their meaning: an area is never a bare `f64` that might be degrees.
//!
//! Inside the program areas are square metres in the project's working frame
//! (a CGCS2000 Gauss-Krüger projection, see [`crate::crs::Frame`]); they are converted to
//! 亩 or hectares only when reported.

use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Sub};

/// Square metres in one 亩 (mu): 10000 / 15 (DOMAIN.md section 7).
pub const M2_PER_MU: f64 = 10_000.0 / 15.0;
/// Square metres in one hectare.
pub const M2_PER_HA: f64 = 10_000.0;

/// An area in square metres, measured in a metric frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct AreaM2(pub f64);

impl AreaM2 {
    /// Zero area.
    pub const ZERO: AreaM2 = AreaM2(0.0);
    /// The area in 亩 (mu): m² × 15 / 10000.
    pub fn to_mu(self) -> f64 {
        self.0 / M2_PER_MU
    }
    /// The area in hectares.
    pub fn to_ha(self) -> f64 {
        self.0 / M2_PER_HA
    }
    /// An area given in 亩.
    pub fn from_mu(mu: f64) -> AreaM2 {
        AreaM2(mu * M2_PER_MU)
    }
    /// The bare number of square metres.
    pub fn m2(self) -> f64 {
        self.0
    }
}

impl Add for AreaM2 {
    type Output = AreaM2;
    fn add(self, o: AreaM2) -> AreaM2 {
        AreaM2(self.0 + o.0)
    }
}
impl AddAssign for AreaM2 {
    fn add_assign(&mut self, o: AreaM2) {
        self.0 += o.0;
    }
}
impl Sub for AreaM2 {
    type Output = AreaM2;
    fn sub(self, o: AreaM2) -> AreaM2 {
        AreaM2(self.0 - o.0)
    }
}
impl Mul<f64> for AreaM2 {
    type Output = AreaM2;
    fn mul(self, k: f64) -> AreaM2 {
        AreaM2(self.0 * k)
    }
}
impl Div for AreaM2 {
    type Output = f64;
    fn div(self, o: AreaM2) -> f64 {
        self.0 / o.0
    }
}
impl std::iter::Sum for AreaM2 {
    fn sum<I: Iterator<Item = AreaM2>>(it: I) -> AreaM2 {
        AreaM2(it.map(|a| a.0).sum())
    }
}
impl fmt::Display for AreaM2 {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:.1} m²", self.0)
    }
}

/// A length or distance in metres, measured in a metric frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct LengthM(pub f64);

impl LengthM {
    /// The bare number of metres.
    pub fn m(self) -> f64 {
        self.0
    }
}
impl fmt::Display for LengthM {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:.1} m", self.0)
    }
}

/// Money in 万元 (10,000 CNY).
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct WanYuan(pub f64);

impl WanYuan {
    /// The bare number of 万元.
    pub fn wan(self) -> f64 {
        self.0
    }
}
impl Add for WanYuan {
    type Output = WanYuan;
    fn add(self, o: WanYuan) -> WanYuan {
        WanYuan(self.0 + o.0)
    }
}
impl std::iter::Sum for WanYuan {
    fn sum<I: Iterator<Item = WanYuan>>(it: I) -> WanYuan {
        WanYuan(it.map(|a| a.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mu_matches_published_conversion() {
        // DOMAIN.md S6: a notice converts 68 507.52 m² to 102.76 亩.
        let mu = AreaM2(68_507.52).to_mu();
        assert!((mu - 102.76).abs() < 0.005, "{mu}");
        assert!((AreaM2::from_mu(15.0).to_ha() - 1.0).abs() < 1e-12);
    }
}
