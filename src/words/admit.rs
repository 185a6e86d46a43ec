//! The entry check in words (`admit` `reason`): the verdict, each required indicator
//! against its minimum and where the minimum came from, the industry fit and the serviced
//! land.

use super::{clauses, Words};
use crate::analyse::admit::{AdmitRow, IndicatorCheck, IndustryFit, LandFit, Outcome};
use crate::project::land::{EntryIndicator, ThresholdSource};
use crate::project::policy::Tag;
use crate::project::Lang;

/// A number with at most three decimals, trailing zeros dropped (350, 0.7, 1.25).
pub(super) fn plain(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// An indicator's name and unit.
pub(super) fn label(i: EntryIndicator, lang: Lang) -> (&'static str, &'static str) {
    match (i, lang) {
        (EntryIndicator::InvestmentPerMu, Lang::En) => ("investment", " 万元/亩"),
        (EntryIndicator::OutputPerMu, Lang::En) => ("output", " 万元/亩 a year"),
        (EntryIndicator::TaxPerMu, Lang::En) => ("tax", " 万元/亩 a year"),
        (EntryIndicator::Far, Lang::En) => ("FAR", ""),
        (EntryIndicator::InvestmentPerMu, Lang::Zh) => ("投资强度", " 万元/亩"),
        (EntryIndicator::OutputPerMu, Lang::Zh) => ("亩均产值", " 万元/亩·年"),
        (EntryIndicator::TaxPerMu, Lang::Zh) => ("亩均税收", " 万元/亩·年"),
        (EntryIndicator::Far, Lang::Zh) => ("容积率", ""),
        (EntryIndicator::EnergyPerValueAdded, Lang::En) => ("energy per value added", " tce/万元"),
        (EntryIndicator::EnergyPerValueAdded, Lang::Zh) => ("单位增加值能耗", " 吨标煤/万元"),
    }
}

fn level_zh(level: &str) -> &str {
    match level {
        "national" => "国家级",
        "provincial" => "省级",
        "county" => "县级",
        other => other,
    }
}

impl Words for ThresholdSource {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (ThresholdSource::Park(id), Lang::En) => format!("park {id}'s own threshold"),
            (ThresholdSource::Park(id), Lang::Zh) => format!("园区 {id} 专门标准"),
            (ThresholdSource::Level(l), Lang::En) => format!("{l}-level parks"),
            (ThresholdSource::Level(l), Lang::Zh) => format!("{}园区标准", level_zh(l)),
            (ThresholdSource::Planning, Lang::En) => "planning conditions of the parcel".into(),
            (ThresholdSource::Planning, Lang::Zh) => "宗地规划条件".into(),
            (ThresholdSource::Industry { level, division }, Lang::En) => {
                format!("{level}-level parks, industry {division}")
            }
            (ThresholdSource::Industry { level, division }, Lang::Zh) => {
                format!("{}园区行业 {division} 标准", level_zh(level))
            }
            (ThresholdSource::ControlIndicators { edition, code }, Lang::En) => {
                format!("control indicators {edition}, industry {code}")
            }
            (ThresholdSource::ControlIndicators { edition, code }, Lang::Zh) => {
                format!("《工业项目建设用地控制指标》{edition} 年版行业 {code}")
            }
        }
    }
}

/// One required indicator as a clause; `None` when the park requires nothing of it.
fn indicator(c: &IndicatorCheck, lang: Lang) -> Option<String> {
    let t = c.required.as_ref()?;
    let (name, unit) = label(c.indicator, lang);
    let flag = match (t.tag, lang) {
        (Tag::U, Lang::En) => " [unconfirmed]",
        (Tag::U, Lang::Zh) => "，未确认值",
        _ => "",
    };
    let from = t.from.words(lang);
    let min = plain(t.value);
    Some(match (c.outcome, c.value, lang) {
        (Outcome::NotGiven, _, Lang::En) => {
            format!("{name} not given (required ≥ {min}{unit}, {from}{flag})")
        }
        (Outcome::NotGiven, _, Lang::Zh) => {
            format!("未提供{name}（要求 ≥ {min}{unit}，{from}{flag}）")
        }
        (o, Some(v), Lang::En) => format!(
            "{name} {}{unit} {} {min} ({from}{flag})",
            plain(v),
            if o == Outcome::Pass { "≥" } else { "<" }
        ),
        (o, Some(v), Lang::Zh) => format!(
            "{name} {}{unit} {} {min}（{from}{flag}）",
            plain(v),
            if o == Outcome::Pass { "≥" } else { "<" }
        ),
        (_, None, _) => return None,
    })
}

fn codes(list: &[String], lang: Lang) -> String {
    list.join(if lang == Lang::Zh { "、" } else { ", " })
}

impl Words for IndustryFit {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (IndustryFit::NoList, Lang::En) => "the park lists no leading industries".into(),
            (IndustryFit::NoList, Lang::Zh) => "园区未设主导产业".into(),
            (IndustryFit::Listed(d), Lang::En) => {
                format!("industry {d} is a leading industry of the park")
            }
            (IndustryFit::Listed(d), Lang::Zh) => format!("行业 {d} 属园区主导产业"),
            (IndustryFit::NotListed(d, l), Lang::En) => format!(
                "industry {d} is not a leading industry of the park ({})",
                codes(l, lang)
            ),
            (IndustryFit::NotListed(d, l), Lang::Zh) => {
                format!("行业 {d} 不属园区主导产业（{}）", codes(l, lang))
            }
            (IndustryFit::Unknown(l), Lang::En) => format!(
                "industry not given; the park's leading industries are {}",
                codes(l, lang)
            ),
            (IndustryFit::Unknown(l), Lang::Zh) => {
                format!("未提供行业代码，园区主导产业为 {}", codes(l, lang))
            }
        }
    }
}

impl Words for LandFit {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (LandFit::NotAssessed, Lang::En) => {
                "serviced land not assessed (no infrastructure of the services)".into()
            }
            (LandFit::NotAssessed, Lang::Zh) => "熟地未评估（缺少配套设施数据）".into(),
            (LandFit::NoArea, Lang::En) => "land area not given".into(),
            (LandFit::NoArea, Lang::Zh) => "未提供用地面积".into(),
            (
                LandFit::Compared {
                    largest_mu,
                    land_mu,
                },
                Lang::En,
            ) => format!(
                "largest serviced parcel {} 亩 {} the {} 亩 asked for",
                plain(*largest_mu),
                if largest_mu >= land_mu { "≥" } else { "<" },
                plain(*land_mu)
            ),
            (
                LandFit::Compared {
                    largest_mu,
                    land_mu,
                },
                Lang::Zh,
            ) => format!(
                "最大单宗熟地 {} 亩 {} 拟用地 {} 亩",
                plain(*largest_mu),
                if largest_mu >= land_mu { "≥" } else { "<" },
                plain(*land_mu)
            ),
        }
    }
}

impl Words for AdmitRow {
    fn words(&self, lang: Lang) -> String {
        let verdict = match (self.rank, self.pass(), lang) {
            (Some(r), _, Lang::En) => format!("recommended (rank {r})"),
            (Some(r), _, Lang::Zh) => format!("推荐入园（第 {r} 位）"),
            (None, true, Lang::En) => "meets the entry thresholds, not recommended".into(),
            (None, true, Lang::Zh) => "达到入园门槛，暂不推荐".into(),
            (None, false, Lang::En) => "below the entry thresholds".into(),
            (None, false, Lang::Zh) => "未达入园门槛".into(),
        };
        let mut parts = vec![verdict];
        let given: Vec<String> = self
            .checks
            .iter()
            .filter_map(|c| indicator(c, lang))
            .collect();
        if given.is_empty() {
            parts.push(match lang {
                Lang::En => "no entry threshold applies".into(),
                Lang::Zh => "无适用的入园门槛".into(),
            });
        }
        parts.extend(given);
        parts.push(self.industry.words(lang));
        parts.push(self.land.words(lang));
        match lang {
            Lang::En => {
                let mut s = parts.remove(0);
                s.push_str(": ");
                s.push_str(&clauses(parts, lang));
                s
            }
            Lang::Zh => {
                let mut s = parts.remove(0);
                s.push('：');
                s.push_str(&clauses(parts, lang));
                s
            }
        }
    }
}

impl Words for crate::analyse::admit::StandardLand {
    fn words(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = self
            .indicators
            .iter()
            .filter_map(|(i, t)| {
                let t = t.as_ref()?;
                let (name, unit) = label(*i, lang);
                let op = if *i == EntryIndicator::EnergyPerValueAdded {
                    "≤"
                } else {
                    "≥"
                };
                let flag = match (t.tag, lang) {
                    (Tag::U, Lang::En) => " [unconfirmed]",
                    (Tag::U, Lang::Zh) => "，未确认值",
                    _ => "",
                };
                let (v, from) = (plain(t.value), t.from.words(lang));
                Some(match lang {
                    Lang::En => format!("{name} {op} {v}{unit} ({from}{flag})"),
                    Lang::Zh => format!("{name} {op} {v}{unit}（{from}{flag}）"),
                })
            })
            .collect();
        if parts.is_empty() {
            parts.push(match lang {
                Lang::En => "no indicator applies".into(),
                Lang::Zh => "无适用指标".into(),
            });
        }
        if let Some(d) = &self.industry {
            parts.insert(
                0,
                match lang {
                    Lang::En => format!("planned industry {d} (the park's only leading industry)"),
                    Lang::Zh => format!("规划产业 {d}（园区唯一主导产业）"),
                },
            );
        }
        clauses(parts, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::land::Threshold;

    fn row() -> AdmitRow {
        let t = |value, from| Threshold {
            value,
            tag: Tag::P,
            from,
        };
        AdmitRow {
            proposal: 0,
            park: 0,
            level: Some("national".into()),
            checks: vec![
                IndicatorCheck {
                    indicator: EntryIndicator::InvestmentPerMu,
                    value: Some(400.0),
                    required: Some(t(
                        400.0,
                        ThresholdSource::Industry {
                            level: "national".into(),
                            division: "39".into(),
                        },
                    )),
                    outcome: Outcome::Pass,
                },
                IndicatorCheck {
                    indicator: EntryIndicator::OutputPerMu,
                    value: None,
                    required: None,
                    outcome: Outcome::NotRequired,
                },
                IndicatorCheck {
                    indicator: EntryIndicator::TaxPerMu,
                    value: Some(25.0),
                    required: Some(t(30.0, ThresholdSource::Park("XH-KF".into()))),
                    outcome: Outcome::Fail,
                },
                IndicatorCheck {
                    indicator: EntryIndicator::Far,
                    value: None,
                    required: Some(Threshold {
                        value: 1.0,
                        tag: Tag::U,
                        from: ThresholdSource::Level("national".into()),
                    }),
                    outcome: Outcome::NotGiven,
                },
            ],
            industry: IndustryFit::Listed("39".into()),
            land: LandFit::Compared {
                largest_mu: 30.0,
                land_mu: 20.0,
            },
            largest_serviced: None,
            serviced_unsupplied: None,
            rank: None,
        }
    }

    #[test]
    fn a_failed_check_in_both_languages() {
        let r = row();
        assert_eq!(
            r.words(Lang::Zh),
            "未达入园门槛：投资强度 400 万元/亩 ≥ 400（国家级园区行业 39 标准）；亩均税收 25 万元/亩·年 < 30（园区 XH-KF 专门标准）；未提供容积率（要求 ≥ 1，国家级园区标准，未确认值）；行业 39 属园区主导产业；最大单宗熟地 30 亩 ≥ 拟用地 20 亩"
        );
        assert_eq!(
            r.words(Lang::En),
            "below the entry thresholds: investment 400 万元/亩 ≥ 400 (national-level parks, industry 39); tax 25 万元/亩 a year < 30 (park XH-KF's own threshold); FAR not given (required ≥ 1, national-level parks [unconfirmed]); industry 39 is a leading industry of the park; largest serviced parcel 30 亩 ≥ the 20 亩 asked for"
        );
    }
}
