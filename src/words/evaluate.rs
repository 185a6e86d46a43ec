//! Evaluation classes in words (`class_reason`): the rank, the score, each indicator
//! against its benchmark, and how a missing indicator was scored.

use super::{clauses, sig, Words};
use crate::analyse::evaluate::{ClassEvidence, EvalClass, IndicatorOutcome};
use crate::project::Lang;

/// An indicator's name and unit.
fn label(key: &str, lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => match key {
            "tax_per_mu" => ("tax", "万元/亩"),
            "revenue_per_mu" => ("revenue", "万元/亩"),
            "value_added_per_mu" => ("value added", "万元/亩"),
            "tax_per_tce" => ("tax per energy", "万元/tce"),
            "value_added_per_tce" => ("value added per energy", "万元/tce"),
            "value_added_per_emission" => ("value added per emission", "万元/t"),
            "productivity" => ("labour productivity", "万元/person"),
            "rd_ratio" => ("R&D share of revenue", ""),
            _ => ("indicator", ""),
        },
        Lang::Zh => match key {
            "tax_per_mu" => ("亩均税收", " 万元/亩"),
            "revenue_per_mu" => ("亩均营业收入", " 万元/亩"),
            "value_added_per_mu" => ("亩均增加值", " 万元/亩"),
            "tax_per_tce" => ("单位能耗税收", " 万元/吨标煤"),
            "value_added_per_tce" => ("单位能耗增加值", " 万元/吨标煤"),
            "value_added_per_emission" => ("单位排放增加值", " 万元/吨"),
            "productivity" => ("全员劳动生产率", " 万元/人"),
            "rd_ratio" => ("研发经费投入占营业收入比重", ""),
            _ => ("指标", ""),
        },
    }
}

/// The class's Chinese name (江苏、浙江 亩均 evaluations).
fn zh_class(c: EvalClass) -> &'static str {
    match c {
        EvalClass::A => "A 类（优先发展）",
        EvalClass::B => "B 类（鼓励提升）",
        EvalClass::C => "C 类（监管调控）",
        EvalClass::D => "D 类（落后整治）",
        EvalClass::T => "T 类（不参与评价）",
    }
}

impl Words for ClassEvidence {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (ClassEvidence::NoLand, Lang::En) => {
                "not evaluated (T): no land located for the enterprise".to_owned()
            }
            (ClassEvidence::NoRevenue, Lang::En) => {
                "not evaluated (T): revenue not given".to_owned()
            }
            (ClassEvidence::NoLand, Lang::Zh) => "不参与评价（T 类）：未能定位企业用地".to_owned(),
            (ClassEvidence::NoRevenue, Lang::Zh) => "不参与评价（T 类）：未提供营业收入".to_owned(),
            (
                ClassEvidence::Ranked {
                    class,
                    rank,
                    of,
                    score,
                    indicators,
                },
                _,
            ) => {
                let head = match lang {
                    Lang::En => format!("{}: rank {rank} of {of}, score {score:.1}", class.name()),
                    Lang::Zh => format!(
                        "{}：排名 {rank}/{of}，综合得分 {score:.1}",
                        zh_class(*class)
                    ),
                };
                let measured = indicators.iter().filter_map(|i| match i.outcome {
                    IndicatorOutcome::Measured { value, benchmark } => {
                        let (name, unit) = label(i.key, lang);
                        Some(match lang {
                            Lang::En => format!(
                                "{name} {} {unit} against a benchmark of {}",
                                sig(value),
                                sig(benchmark)
                            ),
                            Lang::Zh => {
                                format!("{name} {}{unit}（基准值 {}）", sig(value), sig(benchmark))
                            }
                        })
                    }
                    _ => None,
                });
                let missing = indicators.iter().filter_map(|i| {
                    let (name, _) = label(i.key, lang);
                    match (i.outcome, lang) {
                        (IndicatorOutcome::Measured { .. }, _) => None,
                        (IndicatorOutcome::MeanScore { mean }, Lang::En) => Some(format!(
                            "{name} not computable (data missing or 0): mean score {mean:.1} used"
                        )),
                        (IndicatorOutcome::MeanScore { mean }, Lang::Zh) => Some(format!(
                            "{name}无法计算（数据缺失或为 0），按平均得分 {mean:.1} 计"
                        )),
                        (IndicatorOutcome::Zero, Lang::En) => {
                            Some(format!("{name} not computable: scored 0"))
                        }
                        (IndicatorOutcome::Zero, Lang::Zh) => {
                            Some(format!("{name}无法计算，按 0 分计"))
                        }
                    }
                });
                clauses(std::iter::once(head).chain(measured).chain(missing), lang)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::evaluate::IndicatorScore;

    #[test]
    fn classes_in_both_languages() {
        assert_eq!(
            ClassEvidence::NoLand.words(Lang::En),
            "not evaluated (T): no land located for the enterprise"
        );
        assert_eq!(
            ClassEvidence::NoLand.words(Lang::Zh),
            "不参与评价（T 类）：未能定位企业用地"
        );
        assert_eq!(
            ClassEvidence::NoRevenue.words(Lang::En),
            "not evaluated (T): revenue not given"
        );
        assert_eq!(
            ClassEvidence::NoRevenue.words(Lang::Zh),
            "不参与评价（T 类）：未提供营业收入"
        );
        let ranked = ClassEvidence::Ranked {
            class: EvalClass::B,
            rank: 2,
            of: 5,
            score: 61.25,
            indicators: vec![
                IndicatorScore {
                    key: "tax_per_mu",
                    outcome: IndicatorOutcome::Measured {
                        value: 12.34,
                        benchmark: 20.0,
                    },
                },
                IndicatorScore {
                    key: "tax_per_tce",
                    outcome: IndicatorOutcome::MeanScore { mean: 9.87 },
                },
                IndicatorScore {
                    key: "rd_ratio",
                    outcome: IndicatorOutcome::Measured {
                        value: 0.0312,
                        benchmark: 0.05,
                    },
                },
                IndicatorScore {
                    key: "productivity",
                    outcome: IndicatorOutcome::Zero,
                },
            ],
        };
        assert_eq!(
            ranked.words(Lang::En),
            "B: rank 2 of 5, score 61.2; tax 12.3 万元/亩 against a benchmark of 20.0; \
             R&D share of revenue 0.0312  against a benchmark of 0.0500; \
             tax per energy not computable (data missing or 0): mean score 9.9 used; \
             labour productivity not computable: scored 0"
        );
        assert_eq!(
            ranked.words(Lang::Zh),
            "B 类（鼓励提升）：排名 2/5，综合得分 61.2；亩均税收 12.3 万元/亩（基准值 20.0）；\
             研发经费投入占营业收入比重 0.0312（基准值 0.0500）；\
             单位能耗税收无法计算（数据缺失或为 0），按平均得分 9.9 计；\
             全员劳动生产率无法计算，按 0 分计"
        );
    }
}
