//! The land-supply rule tables: serviced land (熟地: which services must reach a parcel, and
//! from how far) with the window of the years-of-supply-left mean, and the entry thresholds
//! of new projects (入园门槛) by park level, industry and park. Each value carries its
//! source tag like the other tables (`data/policy/serviced-land-*.toml`, `entry-*.toml`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::tagged::{Tag, Tagged};
use crate::error::{Error, Result};

/// The four services of serviced land, in the order of the `services` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    /// A road line (道路) near the parcel.
    Road,
    /// A substation (变电站) within reach: power.
    Power,
    /// A wastewater plant (污水处理厂) within reach.
    Wastewater,
    /// A gas feature (燃气) within reach.
    Gas,
}

impl Service {
    /// Every service, in the order of the `services` column.
    pub const ALL: [Service; 4] = [
        Service::Road,
        Service::Power,
        Service::Wastewater,
        Service::Gas,
    ];
    /// The name in the `services` column and the policy file.
    pub fn name(self) -> &'static str {
        match self {
            Service::Road => "road",
            Service::Power => "power",
            Service::Wastewater => "wastewater",
            Service::Gas => "gas",
        }
    }
    /// The service in Chinese words (道路, 供电, 污水处理, 燃气).
    pub fn zh(self) -> &'static str {
        match self {
            Service::Road => "道路",
            Service::Power => "供电",
            Service::Wastewater => "污水处理",
            Service::Gas => "燃气",
        }
    }
    /// The infrastructure kind that brings the service.
    pub fn kind(self) -> crate::model::InfraKind {
        use crate::model::InfraKind;
        match self {
            Service::Road => InfraKind::Road,
            Service::Power => InfraKind::Substation,
            Service::Wastewater => InfraKind::WastewaterPlant,
            Service::Gas => InfraKind::Gas,
        }
    }
}

/// How far each service's feature may be from a parcel polygon, metres.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDistances {
    /// A `road` line within this distance.
    pub road: RuleValue,
    /// A `substation` within this distance.
    pub power: RuleValue,
    /// A `wastewater_plant` within this distance.
    pub wastewater: RuleValue,
    /// A `gas` feature within this distance.
    pub gas: RuleValue,
}

impl ServiceDistances {
    /// The distance of one service.
    pub fn of(&self, s: Service) -> &RuleValue {
        match s {
            Service::Road => &self.road,
            Service::Power => &self.power,
            Service::Wastewater => &self.wastewater,
            Service::Gas => &self.gas,
        }
    }
}

/// The years-of-supply-left rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyRule {
    /// The mean annual supply is taken over this many complete calendar years before the
    /// as-of year.
    pub mean_over_years: u32,
}

/// Serviced-land (熟地) and land-supply rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicedLandRules {
    /// The rules' name.
    pub name: String,
    /// Their title.
    pub title: String,
    /// Distances of the services, metres from the parcel polygon (0 when touching).
    pub within_m: ServiceDistances,
    /// Years of supply left.
    pub supply: SupplyRule,
}

impl ServicedLandRules {
    /// Refuses distances that are negative or not numbers and a zero-year window.
    ///
    /// # Errors
    /// [`Error::Policy`] naming the value.
    pub fn check(&self) -> Result<()> {
        for s in Service::ALL {
            let d = self.within_m.of(s).value();
            if !(d.is_finite() && d >= 0.0) {
                return Err(Error::Policy {
                    name: self.name.clone(),
                    reason: format!("within_m.{} = {d} is not a distance in metres", s.name()),
                });
            }
        }
        if self.supply.mean_over_years == 0 {
            return Err(Error::Policy {
                name: self.name.clone(),
                reason: "supply.mean_over_years must be at least 1".into(),
            });
        }
        Ok(())
    }
}

/// The four indicators of the entry check, in the order of the `failed` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryIndicator {
    /// 投资强度: investment / land, 万元/亩.
    InvestmentPerMu,
    /// 亩均产值: annual output / land, 万元/亩·年.
    OutputPerMu,
    /// 亩均税收: annual tax / land, 万元/亩·年.
    TaxPerMu,
    /// 容积率.
    Far,
    /// 单位增加值能耗: tce per 万元 of value added, a maximum. Not one of the four entry
    /// indicators ([`EntryIndicator::ALL`]): proposals give no energy; standard-land offers
    /// carry it where the table sets it.
    EnergyPerValueAdded,
}

impl EntryIndicator {
    /// Every indicator, in the order of the `failed` column.
    pub const ALL: [EntryIndicator; 4] = [
        EntryIndicator::InvestmentPerMu,
        EntryIndicator::OutputPerMu,
        EntryIndicator::TaxPerMu,
        EntryIndicator::Far,
    ];
    /// The four, and energy per value added: every value a table may set.
    pub const CHECKED: [EntryIndicator; 5] = [
        EntryIndicator::InvestmentPerMu,
        EntryIndicator::OutputPerMu,
        EntryIndicator::TaxPerMu,
        EntryIndicator::Far,
        EntryIndicator::EnergyPerValueAdded,
    ];
    /// The name in the policy file and the columns.
    pub fn name(self) -> &'static str {
        match self {
            EntryIndicator::InvestmentPerMu => "investment_per_mu",
            EntryIndicator::OutputPerMu => "output_per_mu",
            EntryIndicator::TaxPerMu => "tax_per_mu",
            EntryIndicator::Far => "far",
            EntryIndicator::EnergyPerValueAdded => "energy_per_value_added",
        }
    }
}

/// A rule value as written in the file: a plain number (sourced as the file's own value)
/// or a tagged value `{ value = 300, tag = "P", source = "…" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RuleValue {
    /// A plain number.
    Plain(f64),
    /// A value with its source.
    Tagged(Tagged),
}

impl RuleValue {
    /// The value and its tag (a plain number is [`Tag::C`], the table's own value).
    pub fn tagged(&self) -> Tagged {
        match self {
            RuleValue::Plain(v) => Tagged {
                value: *v,
                tag: Tag::C,
                source: None,
                name: None,
            },
            RuleValue::Tagged(t) => t.clone(),
        }
    }
    /// The bare value.
    pub fn value(&self) -> f64 {
        match self {
            RuleValue::Plain(v) => *v,
            RuleValue::Tagged(t) => t.value,
        }
    }
}

/// Minimums of the four indicators; an absent one is not required at that level.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minimums {
    /// 万元/亩.
    pub investment_per_mu: Option<RuleValue>,
    /// 万元/亩·年.
    pub output_per_mu: Option<RuleValue>,
    /// 万元/亩·年.
    pub tax_per_mu: Option<RuleValue>,
    /// Floor-area ratio.
    pub far: Option<RuleValue>,
    /// Maximum energy per value added, tce/万元.
    pub energy_per_value_added: Option<RuleValue>,
}

impl Minimums {
    /// The minimum of one indicator, when this table sets it.
    pub fn of(&self, i: EntryIndicator) -> Option<&RuleValue> {
        match i {
            EntryIndicator::InvestmentPerMu => self.investment_per_mu.as_ref(),
            EntryIndicator::OutputPerMu => self.output_per_mu.as_ref(),
            EntryIndicator::TaxPerMu => self.tax_per_mu.as_ref(),
            EntryIndicator::Far => self.far.as_ref(),
            EntryIndicator::EnergyPerValueAdded => self.energy_per_value_added.as_ref(),
        }
    }
}

/// The minimums of one park level, with its industry overrides.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelThresholds {
    /// 万元/亩.
    pub investment_per_mu: Option<RuleValue>,
    /// 万元/亩·年.
    pub output_per_mu: Option<RuleValue>,
    /// 万元/亩·年.
    pub tax_per_mu: Option<RuleValue>,
    /// Floor-area ratio.
    pub far: Option<RuleValue>,
    /// Maximum energy per value added, tce/万元.
    pub energy_per_value_added: Option<RuleValue>,
    /// Overrides by 2-digit GB/T 4754 division.
    #[serde(default)]
    pub industries: BTreeMap<String, Minimums>,
    /// What the level's values are (e.g. the rule they were read in).
    #[serde(default)]
    pub note: Option<String>,
}

impl LevelThresholds {
    /// The level's own minimum of one indicator.
    pub fn of(&self, i: EntryIndicator) -> Option<&RuleValue> {
        match i {
            EntryIndicator::InvestmentPerMu => self.investment_per_mu.as_ref(),
            EntryIndicator::OutputPerMu => self.output_per_mu.as_ref(),
            EntryIndicator::TaxPerMu => self.tax_per_mu.as_ref(),
            EntryIndicator::Far => self.far.as_ref(),
            EntryIndicator::EnergyPerValueAdded => self.energy_per_value_added.as_ref(),
        }
    }
}

/// Park levels the entry table may name (the parks layer's `level` values).
pub const LEVELS: [&str; 3] = ["national", "provincial", "county"];

/// Where a required minimum came from.
#[derive(Debug, Clone, PartialEq)]
pub enum ThresholdSource {
    /// `[parks."ID"]`.
    Park(String),
    /// `[levels.L.industries."NN"]`.
    Industry {
        /// The park level.
        level: String,
        /// The 2-digit division.
        division: String,
    },
    /// `[levels.L]`.
    Level(String),
    /// The parcel's own planning conditions (`far_min`).
    Planning,
    /// The control indicators' FAR minimum of the proposal's industry (the entry table
    /// sets no FAR for the park).
    ControlIndicators {
        /// The edition.
        edition: String,
        /// The code row.
        code: String,
    },
}

/// A required minimum with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// The minimum (a value equal to it passes).
    pub value: f64,
    /// Its source tag.
    pub tag: Tag,
    /// The table entry it came from.
    pub from: ThresholdSource,
}

/// Entry thresholds of new projects (入园门槛).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryThresholds {
    /// The edition's name.
    pub edition: String,
    /// Its title.
    pub title: String,
    /// Minimums by park level (`national`, `provincial`, `county`).
    #[serde(default)]
    pub levels: BTreeMap<String, LevelThresholds>,
    /// One park's minimums, overriding its level's and their industry overrides.
    #[serde(default)]
    pub parks: BTreeMap<String, Minimums>,
}

impl EntryThresholds {
    /// Refuses unknown levels, industry keys that are not 2-digit divisions and values
    /// that are negative or not numbers.
    ///
    /// # Errors
    /// [`Error::Policy`] naming the entry.
    pub fn check(&self) -> Result<()> {
        let bad = |reason: String| Error::Policy {
            name: self.edition.clone(),
            reason,
        };
        let check_value = |at: &str, m: Option<&RuleValue>| -> Result<()> {
            match m.map(|m| m.tagged().value) {
                Some(v) if !(v.is_finite() && v >= 0.0) => {
                    Err(bad(format!("{at} = {v} is not a minimum")))
                }
                _ => Ok(()),
            }
        };
        for (level, t) in &self.levels {
            if !LEVELS.contains(&level.as_str()) {
                return Err(bad(format!(
                    "unknown park level [levels.{level}] (levels: {})",
                    LEVELS.join(", ")
                )));
            }
            for i in EntryIndicator::CHECKED {
                check_value(&format!("levels.{level}.{}", i.name()), t.of(i))?;
            }
            for (code, m) in &t.industries {
                if !(code.len() == 2 && code.chars().all(|c| c.is_ascii_digit())) {
                    return Err(bad(format!(
                        "[levels.{level}.industries.\"{code}\"] is not a 2-digit GB/T 4754 division"
                    )));
                }
                for i in EntryIndicator::CHECKED {
                    check_value(
                        &format!("levels.{level}.industries.{code}.{}", i.name()),
                        m.of(i),
                    )?;
                }
            }
        }
        for (park, m) in &self.parks {
            for i in EntryIndicator::CHECKED {
                check_value(&format!("parks.{park}.{}", i.name()), m.of(i))?;
            }
        }
        Ok(())
    }

    /// The minimum of one indicator for a proposal of `division` (2-digit, when known) in
    /// a park of `level`: the park's own entry, else the level's industry override, else
    /// the level's value; `None` when the table requires nothing.
    pub fn threshold(
        &self,
        park_id: &str,
        level: Option<&str>,
        division: Option<&str>,
        i: EntryIndicator,
    ) -> Option<Threshold> {
        let make = |m: &RuleValue, from: ThresholdSource| {
            let t = m.tagged();
            Threshold {
                value: t.value,
                tag: t.tag,
                from,
            }
        };
        if let Some(m) = self.parks.get(park_id).and_then(|p| p.of(i)) {
            return Some(make(m, ThresholdSource::Park(park_id.to_owned())));
        }
        let level = level?;
        let lt = self.levels.get(level)?;
        if let Some(div) = division {
            if let Some(m) = lt.industries.get(div).and_then(|t| t.of(i)) {
                return Some(make(
                    m,
                    ThresholdSource::Industry {
                        level: level.to_owned(),
                        division: div.to_owned(),
                    },
                ));
            }
        }
        lt.of(i)
            .map(|m| make(m, ThresholdSource::Level(level.to_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = r#"
edition = "t"
title = "test"
[levels.national]
investment_per_mu = 350
output_per_mu = { value = 300.0, tag = "P", source = "S6" }
tax_per_mu = 25
[levels.national.industries."39"]
investment_per_mu = 400
[parks."XH-KF"]
tax_per_mu = 30
"#;

    #[test]
    fn park_over_industry_over_level() {
        let t: EntryThresholds = toml::from_str(TABLE).unwrap();
        t.check().unwrap();
        let inv = |park: &str, div: Option<&str>| {
            t.threshold(park, Some("national"), div, EntryIndicator::InvestmentPerMu)
                .map(|x| (x.value, x.from))
        };
        assert_eq!(
            inv("A", Some("39")),
            Some((
                400.0,
                ThresholdSource::Industry {
                    level: "national".into(),
                    division: "39".into()
                }
            ))
        );
        assert_eq!(
            inv("A", Some("26")),
            Some((350.0, ThresholdSource::Level("national".into())))
        );
        assert_eq!(inv("A", None).map(|x| x.0), Some(350.0));
        let tax = t
            .threshold(
                "XH-KF",
                Some("national"),
                Some("39"),
                EntryIndicator::TaxPerMu,
            )
            .unwrap();
        assert_eq!(
            (tax.value, tax.from),
            (30.0, ThresholdSource::Park("XH-KF".into()))
        );
        let out = t
            .threshold("A", Some("national"), None, EntryIndicator::OutputPerMu)
            .unwrap();
        assert_eq!((out.value, out.tag), (300.0, Tag::P));
        assert!(t
            .threshold("A", Some("national"), None, EntryIndicator::Far)
            .is_none());
        assert!(t
            .threshold("A", Some("county"), None, EntryIndicator::TaxPerMu)
            .is_none());
        assert!(t
            .threshold("A", None, None, EntryIndicator::TaxPerMu)
            .is_none());
    }

    #[test]
    fn bad_tables_are_refused() {
        let level: EntryThresholds =
            toml::from_str("edition = \"x\"\ntitle = \"x\"\n[levels.state]\nfar = 1\n").unwrap();
        assert!(level
            .check()
            .unwrap_err()
            .to_string()
            .contains("levels.state"));
        let code: EntryThresholds = toml::from_str(
            "edition = \"x\"\ntitle = \"x\"\n[levels.county.industries.\"391\"]\nfar = 1\n",
        )
        .unwrap();
        assert!(code.check().unwrap_err().to_string().contains("391"));
        let neg: EntryThresholds =
            toml::from_str("edition = \"x\"\ntitle = \"x\"\n[parks.P]\nfar = -1\n").unwrap();
        assert!(neg.check().unwrap_err().to_string().contains("parks.P.far"));
        assert!(toml::from_str::<EntryThresholds>(
            "edition = \"x\"\ntitle = \"x\"\n[parks.P]\nfloor = 1\n"
        )
        .is_err());
    }
}
