//! Rule tables as data (DOMAIN.md "How the tool uses this"): control indicators, per-mu
//! evaluation presets and idle-land rules, each a versioned TOML file under
//! `data/policy/`, embedded in the binary and overridable by a path in the project file.
//! Every value carries its source tag; a run that used an unconfirmed value says so.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::land::{EntryThresholds, ServicedLandRules};
pub use super::plausibility::Plausibility;
pub use super::tagged::{Tag, Tagged};
use super::PolicyChoice;
use crate::error::{Error, Result};

/// The industrial-project control indicators of one edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlIndicators {
    /// The edition, e.g. `2008`.
    pub edition: String,
    /// Its title.
    pub title: String,
    /// The industry code standard of the keys.
    pub codes: String,
    /// Edition whose values apply to codes this one does not list.
    #[serde(default)]
    pub fallback: Option<String>,
    /// Minimum building coefficient, compared with coverage.
    pub coverage_min: Tagged,
    /// Minimum FAR by industry code.
    pub far_min: BTreeMap<String, Tagged>,
    #[serde(skip)]
    fallback_table: Option<Box<ControlIndicators>>,
}

/// A FAR minimum found for an industry, with the edition it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FarRequirement {
    /// The minimum FAR.
    pub value: f64,
    /// The code row it came from.
    pub code: String,
    /// The edition that gave it (a fallback edition when the chosen one lacks the code).
    pub edition: String,
    /// True when the value is unconfirmed or came from a fallback edition.
    pub unconfirmed: bool,
}

impl ControlIndicators {
    /// The FAR minimum for an industry code: the most specific listed prefix (4, 3, then
    /// 2 digits), else the fallback edition's. A row tagged `U` (a value by analogy, not
    /// in the edition) is a suggestion, not a table value, and gives no requirement.
    pub fn far_min(&self, industry: &str) -> Option<FarRequirement> {
        let code: String = industry.chars().filter(char::is_ascii_digit).collect();
        for len in (2..=code.len().min(4)).rev() {
            if let Some(t) = self.far_min.get(&code[..len]).filter(|t| t.tag != Tag::U) {
                return Some(FarRequirement {
                    value: t.value,
                    code: code[..len].to_owned(),
                    edition: self.edition.clone(),
                    unconfirmed: false,
                });
            }
        }
        let mut r = self.fallback_table.as_ref()?.far_min(industry)?;
        r.unconfirmed = true;
        Some(r)
    }
}

/// Where a preset's indicator benchmarks come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkRule {
    /// Twice the arithmetic mean of the indicator over the evaluated enterprises.
    TwiceMean,
    /// The fixed values in the preset.
    Fixed,
}

/// What an enterprise scores on an indicator it has no data for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingRule {
    /// The mean of that indicator's scores over the enterprises that have it.
    MeanScore,
    /// Zero.
    Zero,
}

/// Every indicator a preset may name, in the order of the output table.
pub const INDICATORS: [&str; 8] = [
    "tax_per_mu",
    "revenue_per_mu",
    "value_added_per_mu",
    "tax_per_tce",
    "value_added_per_tce",
    "value_added_per_emission",
    "productivity",
    "rd_ratio",
];

/// One indicator of an evaluation preset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The indicator: tax_per_mu, revenue_per_mu, value_added_per_mu, tax_per_tce,
    /// value_added_per_tce, value_added_per_emission, productivity, rd_ratio.
    pub key: String,
    /// Its weight (points).
    pub weight: f64,
    /// The fixed benchmark, for `benchmark = "fixed"`.
    #[serde(default)]
    pub benchmark: Option<f64>,
    /// A cap on value / benchmark (e.g. 1.5). Default: none.
    #[serde(default)]
    pub cap: Option<f64>,
    /// Source tag.
    #[serde(default)]
    pub tag: Tag,
}

/// Rank cut-offs as fractions (numerator, denominator) of the number evaluated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassCutoffs {
    /// Rank r is A when r × den ≤ num × n.
    pub a: [u64; 2],
    /// B likewise.
    pub b: [u64; 2],
    /// C likewise; D below.
    pub c: [u64; 2],
}

/// A per-mu (亩均) evaluation preset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationPreset {
    /// The preset's name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Source tag.
    #[serde(default)]
    pub tag: Tag,
    /// Source keys.
    #[serde(default)]
    pub source: Option<String>,
    /// How benchmarks are set.
    pub benchmark: BenchmarkRule,
    /// What a missing indicator scores.
    pub missing: MissingRule,
    /// The indicators with weights.
    pub indicators: Vec<Indicator>,
    /// Class cut-offs.
    pub classes: ClassCutoffs,
}

/// Idle and inefficient land rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdleRules {
    /// The rules' name.
    pub name: String,
    /// Their title.
    pub title: String,
    /// Years not started after the agreed start before land is idle.
    pub idle_after_years: i32,
    /// Years before idle land can be recovered free of charge.
    pub recoverable_after_years: i32,
    /// Case 2(b): built / planned floor area below this fraction.
    pub halted_built_share: [u64; 2],
    /// Case 2(b): invested / planned investment below this fraction.
    pub halted_invested_share: [u64; 2],
    /// Idle-land fee in percent of the land price.
    pub idle_fee_percent: f64,
    /// Years after completion without production before 建而未投.
    pub built_not_producing_after_years: i32,
    /// Land-use code prefixes that rule 4 (用而未尽) applies to.
    pub industrial_land_prefixes: Vec<String>,
    /// Rule 6: tax per mu below this is below standard (万元/亩).
    pub below_standard_tax_per_mu: Tagged,
    /// Rule 6: investment per mu below this is below standard (万元/亩).
    pub below_standard_investment_per_mu: Tagged,
    /// Look-ahead windows in days.
    pub warn_days: Vec<i64>,
    /// The two ages, in years since approval, that split 批而未供 land into three classes
    /// on its map (under the first, between, at or over the second).
    #[serde(default = "default_unsupplied_age_years")]
    pub unsupplied_age_years: [f64; 2],
}

/// 2 and 5 years: the disposal campaigns (批而未供和闲置土地处置) count land approved two
/// and more years ago first; five marks the oldest stock.
pub(crate) fn default_unsupplied_age_years() -> [f64; 2] {
    [2.0, 5.0]
}

/// Weights of the siting criteria, as the policy file names them (the analysis holds them
/// as `analyse::site::PerCriterion<f64>`).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SitingWeights {
    /// Distance from the old location (lower better).
    pub distance_old: f64,
    /// Distance to the nearest expressway or arterial road (lower better).
    pub road: f64,
    /// Distance to the nearest wastewater plant (lower better).
    pub wastewater: f64,
    /// Enterprises of the same 2-digit industry nearby (higher better).
    pub cluster: f64,
    /// Surplus area ratio (lower better).
    pub surplus: f64,
}

/// Optional prevailing-wind penalty.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindRule {
    /// Direction the wind blows from, degrees clockwise from north. Default: none (off).
    #[serde(default)]
    pub from_deg: Option<f64>,
    /// Points taken from a site upwind of the city centre.
    pub penalty_points: f64,
    /// How often the wind blows from each of the 16 compass points, from north clockwise
    /// (N, NNE, NE, … NNW), in any unit (percent of the year, hours): drawn as the wind rose
    /// (风玫瑰图) of the siting map, relative to the largest. Default: none (no rose).
    #[serde(default)]
    pub rose: Option<Vec<f64>>,
    /// Where the rose comes from (the station and years), printed under it.
    #[serde(default)]
    pub rose_source: Option<String>,
}

impl WindRule {
    /// Refuses a rose that is not 16 frequencies, none negative, not all zero.
    ///
    /// # Errors
    /// [`Error::Policy`] naming the rules and the key.
    pub fn check(&self, rules: &str) -> Result<()> {
        let bad = |reason: String| Error::Policy {
            name: rules.to_owned(),
            reason,
        };
        if let Some(r) = &self.rose {
            if r.len() != 16 {
                return Err(bad(format!(
                    "wind.rose holds {} values where the 16 compass points (N, NNE, … NNW) need one each",
                    r.len()
                )));
            }
            if let Some(v) = r.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
                return Err(bad(format!("wind.rose: {v} is not a frequency")));
            }
            if r.iter().all(|v| *v == 0.0) {
                return Err(bad("wind.rose: every frequency is 0".into()));
            }
        }
        Ok(())
    }
}

/// A protection-distance row.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtectionRow {
    /// Industry code (2–4 digits); the most specific match wins.
    pub code: String,
    /// Distance, m.
    pub distance_m: f64,
    /// What the row is.
    pub name: String,
    /// Source tag.
    #[serde(default)]
    pub tag: Tag,
}

/// Who may share a standard factory (标准厂房) and how long the joint assignment of land
/// and factory space may search.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FactoryRules {
    /// A heavy polluter may take factory space (default false).
    pub allow_heavy: bool,
    /// The largest protection distance of a tenant of a shared building, m (default 50).
    pub max_protection_m: f64,
    /// Wall-clock budget of the exact assignment of the components with factory space, s
    /// (default 6); past it the best plan found is kept and its proven gap reported.
    pub time_limit_s: f64,
}

impl Default for FactoryRules {
    fn default() -> FactoryRules {
        FactoryRules {
            allow_heavy: false,
            max_protection_m: 50.0,
            time_limit_s: 6.0,
        }
    }
}

/// Relocation-siting rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitingRules {
    /// The rules' name.
    pub name: String,
    /// Their title.
    pub title: String,
    /// Fallback protection distance, m (flagged when used).
    pub default_protection_m: f64,
    /// Parcels within this distance touch, m.
    pub touch_tolerance_m: f64,
    /// Overlap with an exclusion zone above this excludes a site, m².
    pub exclusion_overlap_m2: f64,
    /// Radius of the same-industry count, m.
    pub cluster_radius_m: f64,
    /// Enterprises per yearly batch.
    pub batch_size: usize,
    /// Best feasible sites per enterprise entering the assignment.
    pub assignment_candidates: usize,
    /// Feasible sites written per enterprise.
    pub max_sites_written: usize,
    /// Rejections written per enterprise.
    pub max_rejected_written: usize,
    /// Criterion weights.
    pub weights: SitingWeights,
    /// Optional AHP pairwise matrix (rows and columns in criterion order).
    #[serde(default)]
    pub ahp: Option<Vec<Vec<f64>>>,
    /// Prevailing wind.
    pub wind: WindRule,
    /// Protection distances by industry.
    #[serde(default)]
    pub protection: Vec<ProtectionRow>,
    /// Standard factories: who may share one, and the solver's budget.
    #[serde(default)]
    pub factories: FactoryRules,
}

impl SitingRules {
    /// The protection-distance row for an industry: the most specific code that prefixes
    /// it; `None` when no row applies (the caller falls back to `default_protection_m`).
    pub fn protection_row(&self, industry: Option<&str>) -> Option<&ProtectionRow> {
        let code: String = industry
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        self.protection
            .iter()
            .filter(|r| code.starts_with(&r.code))
            .max_by_key(|r| r.code.len())
    }
}

/// All rule tables of a run.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Control indicators.
    pub control: ControlIndicators,
    /// The evaluation preset.
    pub evaluation: EvaluationPreset,
    /// Idle-land rules.
    pub idle: IdleRules,
    /// Relocation-siting rules.
    pub siting: SitingRules,
    /// Serviced-land (熟地) and land-supply rules.
    pub serviced_land: ServicedLandRules,
    /// Entry thresholds of new projects (入园门槛).
    pub entry: EntryThresholds,
    /// Where a FAR requirement comes from when the parcel's holder gives none.
    pub far_fallback: super::FarFallback,
    /// Bounds of plausible input values.
    pub plausibility: Plausibility,
}

const EMBEDDED: &[(&str, &str)] = &[
    (
        "control-indicators-2008",
        include_str!("../../data/policy/control-indicators-2008.toml"),
    ),
    (
        "control-indicators-2023",
        include_str!("../../data/policy/control-indicators-2023.toml"),
    ),
    (
        "evaluation-jiangsu-huaian-2024",
        include_str!("../../data/policy/evaluation-jiangsu-huaian-2024.toml"),
    ),
    (
        "evaluation-zhejiang-huangyan-2022",
        include_str!("../../data/policy/evaluation-zhejiang-huangyan-2022.toml"),
    ),
    (
        "idle-decree53-2012",
        include_str!("../../data/policy/idle-decree53-2012.toml"),
    ),
    (
        "siting-default",
        include_str!("../../data/policy/siting-default.toml"),
    ),
    (
        "serviced-land-default",
        include_str!("../../data/policy/serviced-land-default.toml"),
    ),
    (
        "entry-default",
        include_str!("../../data/policy/entry-default.toml"),
    ),
    (
        "plausibility-default",
        include_str!("../../data/policy/plausibility-default.toml"),
    ),
];

/// Names of the embedded tables of one kind (`evaluation`, …), for messages.
pub fn embedded_names(table: &str) -> Vec<&'static str> {
    EMBEDDED
        .iter()
        .filter_map(|(n, _)| n.strip_prefix(table).and_then(|s| s.strip_prefix('-')))
        .collect()
}

fn load_table<T: serde::de::DeserializeOwned>(table: &str, choice: &str, base: &Path) -> Result<T> {
    let (name, text) = if choice.ends_with(".toml") {
        let p = base.join(choice);
        let text = std::fs::read_to_string(&p).map_err(|source| Error::Read {
            path: p.clone(),
            source,
        })?;
        (p.display().to_string(), text)
    } else {
        let key = format!("{table}-{choice}");
        let text = EMBEDDED
            .iter()
            .find(|(n, _)| *n == key)
            .map(|(_, t)| (*t).to_owned())
            .ok_or_else(|| Error::Policy {
                name: key.clone(),
                reason: format!(
                    "no such edition (available: {})",
                    embedded_names(table).join(", ")
                ),
            })?;
        (key, text)
    };
    toml::from_str(&text).map_err(|e| Error::Policy {
        name,
        reason: super::toml_error(&e, &text),
    })
}

impl Policy {
    /// Loads the editions a project chose (defaults: control indicators 2008, evaluation
    /// jiangsu-huaian-2024, idle decree53-2012, siting, serviced land and entry `default`);
    /// paths are relative to `base`.
    ///
    /// # Errors
    /// An unknown edition, an unreadable file, an unknown key in a table.
    pub fn load(choice: &PolicyChoice, base: &Path) -> Result<Policy> {
        let mut control: ControlIndicators = load_table(
            "control-indicators",
            choice.control_indicators.as_deref().unwrap_or("2008"),
            base,
        )?;
        if let Some(fb) = control.fallback.clone() {
            let table: ControlIndicators = load_table("control-indicators", &fb, base)?;
            control.fallback_table = Some(Box::new(table));
        }
        let evaluation: EvaluationPreset = load_table(
            "evaluation",
            choice
                .evaluation
                .as_deref()
                .unwrap_or("jiangsu-huaian-2024"),
            base,
        )?;
        for i in &evaluation.indicators {
            if !INDICATORS.contains(&i.key.as_str()) {
                return Err(Error::Policy {
                    name: evaluation.name.clone(),
                    reason: format!(
                        "unknown indicator {} (indicators: {})",
                        i.key,
                        INDICATORS.join(", ")
                    ),
                });
            }
            if evaluation.benchmark == BenchmarkRule::Fixed && i.benchmark.is_none() {
                return Err(Error::Policy {
                    name: evaluation.name.clone(),
                    reason: format!(
                        "indicator {} has no benchmark but the preset uses fixed benchmarks",
                        i.key
                    ),
                });
            }
        }
        let idle: IdleRules = load_table(
            "idle",
            choice.idle.as_deref().unwrap_or("decree53-2012"),
            base,
        )?;
        let [young, old] = idle.unsupplied_age_years;
        if !(young.is_finite() && old.is_finite() && 0.0 < young && young < old) {
            return Err(Error::Policy {
                name: idle.name.clone(),
                reason: format!(
                    "unsupplied_age_years = [{young}, {old}]: two ages in years, the first above 0 and below the second"
                ),
            });
        }
        let siting: SitingRules = load_table(
            "siting",
            choice.siting.as_deref().unwrap_or("default"),
            base,
        )?;
        siting.wind.check(&siting.name)?;
        let serviced_land: ServicedLandRules = load_table(
            "serviced-land",
            choice.serviced_land.as_deref().unwrap_or("default"),
            base,
        )?;
        serviced_land.check()?;
        let entry: EntryThresholds =
            load_table("entry", choice.entry.as_deref().unwrap_or("default"), base)?;
        entry.check()?;
        let which = choice.plausibility.as_deref().unwrap_or("default");
        let plausibility: Plausibility = load_table("plausibility", which, base)?;
        plausibility.check().map_err(|e| match e {
            // A table of the project's own is named by its file.
            Error::Policy { reason, .. } if which.ends_with(".toml") => Error::Policy {
                name: base.join(which).display().to_string(),
                reason,
            },
            e => e,
        })?;
        Ok(Policy {
            control,
            evaluation,
            idle,
            siting,
            serviced_land,
            entry,
            far_fallback: choice.far_requirement_fallback,
            plausibility,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wind_rose_must_be_sixteen_frequencies() {
        let rule = |rose: Option<Vec<f64>>| WindRule {
            from_deg: None,
            penalty_points: 10.0,
            rose,
            rose_source: None,
        };
        assert!(rule(None).check("r").is_ok());
        assert!(rule(Some(vec![1.0; 16])).check("r").is_ok());
        let e = rule(Some(vec![1.0; 15]))
            .check("r")
            .unwrap_err()
            .to_string();
        assert!(e.contains("wind.rose holds 15 values"), "{e}");
        let mut neg = vec![1.0; 16];
        neg[3] = -2.0;
        assert!(rule(Some(neg)).check("r").is_err());
        assert!(rule(Some(vec![0.0; 16])).check("r").is_err());
    }

    /// The 批而未供 age breaks come from the idle rules; a table without them takes 2 and
    /// 5 years, and breaks out of order are refused naming the key.
    #[test]
    fn unsupplied_age_breaks_are_the_idle_rules_own() {
        let p = Policy::load(&PolicyChoice::default(), Path::new(".")).unwrap();
        assert_eq!(p.idle.unsupplied_age_years, [2.0, 5.0]);
        let dir = std::env::temp_dir().join(format!("parkscope-age-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let base = include_str!("../../data/policy/idle-decree53-2012.toml")
            .replace("unsupplied_age_years = [2, 5]", "");
        let load = |extra: &str| {
            std::fs::write(dir.join("idle.toml"), format!("{base}\n{extra}\n")).unwrap();
            let choice = PolicyChoice {
                idle: Some("idle.toml".into()),
                ..PolicyChoice::default()
            };
            Policy::load(&choice, &dir)
        };
        assert_eq!(load("").unwrap().idle.unsupplied_age_years, [2.0, 5.0]);
        assert_eq!(
            load("unsupplied_age_years = [3, 10]")
                .unwrap()
                .idle
                .unsupplied_age_years,
            [3.0, 10.0]
        );
        for bad in ["[5, 2]", "[0, 5]", "[2, 2]"] {
            let e = load(&format!("unsupplied_age_years = {bad}"))
                .unwrap_err()
                .to_string();
            assert!(e.contains("unsupplied_age_years"), "{bad}: {e}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn far_minimum_by_most_specific_code() {
        let p = Policy::load(&PolicyChoice::default(), Path::new(".")).unwrap();
        assert_eq!(p.control.far_min("2651").unwrap().value, 0.6);
        assert_eq!(p.control.far_min("2922").unwrap().value, 1.0, "plastics");
        assert_eq!(p.control.far_min("2911").unwrap().value, 0.8, "rubber");
        assert!(
            p.control.far_min("43").is_none(),
            "a row by analogy (tag U) is a suggestion, not a table value"
        );
        assert!(p.control.far_min("52").is_none(), "not manufacturing");
        assert_eq!(p.control.coverage_min.value, 0.30);
    }

    #[test]
    fn edition_2023_falls_back_to_2008_flagged() {
        let choice = PolicyChoice {
            control_indicators: Some("2023".into()),
            ..Default::default()
        };
        let p = Policy::load(&choice, Path::new(".")).unwrap();
        let auto = p.control.far_min("3610").unwrap();
        assert_eq!(
            (auto.value, auto.edition.as_str(), auto.unconfirmed),
            (0.8, "2023", false)
        );
        let chem = p.control.far_min("26").unwrap();
        assert_eq!(
            (chem.value, chem.edition.as_str(), chem.unconfirmed),
            (0.6, "2008", true)
        );
    }

    #[test]
    fn unknown_edition_lists_the_available_ones() {
        let choice = PolicyChoice {
            evaluation: Some("shanghai".into()),
            ..Default::default()
        };
        let e = Policy::load(&choice, Path::new("."))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("jiangsu-huaian-2024") && e.contains("zhejiang-huangyan-2022"),
            "{e}"
        );
    }
}
