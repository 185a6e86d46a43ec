//! Every idle evidence variant, cross-check and event in both languages, against sentences
//! written out by hand.

use super::*;
use crate::analyse::idle::{CoverageShortfall, FarShortfall, Shortfall};
use crate::analyse::intensity::FarRule;
use crate::project::policy::FarRequirement;
use crate::units::{AreaM2, WanYuan};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn decree(idle_on: &str, recover_on: &str, recoverable: bool) -> Decree53 {
    Decree53 {
        idle_after_years: 1,
        idle_on: d(idle_on),
        recoverable_after_years: 2,
        recover_on: d(recover_on),
        recoverable,
        fee_percent: 20.0,
    }
}

/// (evidence, English, Chinese).
fn cases() -> Vec<(IdleEvidence, &'static str, &'static str)> {
    let test = |tax: f64, inv: Option<f64>, none: bool| ProductionTest {
        tax_per_mu: tax,
        tax_min: 10.0,
        no_enterprise: none,
        investment_per_mu: inv,
        investment_min: 200.0,
    };
    vec![
        (
            IdleEvidence::ApprovedNotSupplied {
                as_of: d("2026-06-30"),
                supplied_later: None,
            },
            "approved for construction but not supplied (批而未供)",
            "批而未供：已批准为建设用地，尚未供地",
        ),
        (
            IdleEvidence::ApprovedNotSupplied {
                as_of: d("2026-06-30"),
                supplied_later: Some(d("2026-09-01")),
            },
            "approved but not supplied at 2026-06-30 (supplied later, on 2026-09-01)",
            "批而未供：截至 2026-06-30 尚未供地（2026-09-01 方供地）",
        ),
        (
            IdleEvidence::Unapproved,
            "not approved for construction (未批): no rule applies",
            "未批建设用地：不适用认定规则",
        ),
        (
            IdleEvidence::StatusUnknown,
            "supply status unknown: no rule applies",
            "供地状态不明：不适用认定规则",
        ),
        (
            IdleEvidence::NotStarted {
                agreed_start: d("2024-03-01"),
                days_overdue: 851,
                decree: decree("2025-03-01", "2026-03-01", true),
            },
            "not started 851 days after the agreed start of 2024-03-01; idle since 2025-03-01; \
             20 % idle fee due; recoverable free of charge since 2026-03-01",
            "闲置土地：约定开工日期 2024-03-01 起满一年未动工（已逾期 851 天）；\
             自 2025-03-01 起闲置，应按出让或划拨价款的 20% 征缴土地闲置费，\
             已满两年，自 2026-03-01 起可无偿收回土地使用权",
        ),
        (
            IdleEvidence::NotStarted {
                agreed_start: d("2025-03-01"),
                days_overdue: 486,
                decree: decree("2026-03-01", "2027-03-01", false),
            },
            "not started 486 days after the agreed start of 2025-03-01; idle since 2026-03-01; \
             20 % idle fee due; recoverable free of charge from 2027-03-01",
            "闲置土地：约定开工日期 2025-03-01 起满一年未动工（已逾期 486 天）；\
             自 2026-03-01 起闲置，应按出让或划拨价款的 20% 征缴土地闲置费，\
             2027-03-01 起可无偿收回土地使用权",
        ),
        (
            IdleEvidence::Halted {
                halted_since: d("2025-01-30"),
                days_halted: 516,
                built: Some(Shortfall {
                    done: AreaM2(3129.4),
                    planned: AreaM2(41268.0),
                    below: [1, 3],
                }),
                invested: Some(Shortfall {
                    done: WanYuan(2683.0),
                    planned: WanYuan(17885.0),
                    below: [1, 4],
                }),
                decree: decree("2026-01-30", "2027-01-30", false),
            },
            "construction halted since 2025-01-30 (516 days) with built 3129 m² of 41268 m² \
             planned (< 1/3) and invested 2683 of 17885 万元 planned (< 1/4); idle since \
             2026-01-30; 20 % idle fee due; recoverable free of charge from 2027-01-30",
            "闲置土地：已动工，自 2025-01-30 起停工满一年（已停工 516 天），已建建筑面积 \
             3129 平方米，不足计划建筑面积 41268 平方米的三分之一，且已投资 2683 万元，\
             不足计划总投资 17885 万元的四分之一；自 2026-01-30 起闲置，\
             应按出让或划拨价款的 20% 征缴土地闲置费，2027-01-30 起可无偿收回土地使用权",
        ),
        (
            IdleEvidence::Halted {
                halted_since: d("2023-05-01"),
                days_halted: 1156,
                built: None,
                invested: Some(Shortfall {
                    done: WanYuan(100.0),
                    planned: WanYuan(1000.0),
                    below: [1, 4],
                }),
                decree: decree("2024-05-01", "2025-05-01", true),
            },
            "construction halted since 2023-05-01 (1156 days) with invested 100 of 1000 万元 \
             planned (< 1/4); idle since 2024-05-01; 20 % idle fee due; recoverable free of \
             charge since 2025-05-01",
            "闲置土地：已动工，自 2023-05-01 起停工满一年（已停工 1156 天），已投资 100 万元，\
             不足计划总投资 1000 万元的四分之一；自 2024-05-01 起闲置，\
             应按出让或划拨价款的 20% 征缴土地闲置费，已满两年，\
             自 2025-05-01 起可无偿收回土地使用权",
        ),
        (
            IdleEvidence::SuppliedNotUsed(NotStarted::AgreedStartUnknown),
            "supplied, not started; agreed start unknown, so Decree 53 cannot be applied",
            "供而未用：已供地未动工；约定开工日期不详，无法依《闲置土地处置办法》认定",
        ),
        (
            IdleEvidence::SuppliedNotUsed(NotStarted::BeforeAgreedStart {
                agreed_start: d("2026-12-08"),
                days_ahead: 161,
            }),
            "supplied, not started; the agreed start of 2026-12-08 is 161 days ahead",
            "供而未用：已供地未动工，约定开工日期 2026-12-08，距今尚有 161 天",
        ),
        (
            IdleEvidence::SuppliedNotUsed(NotStarted::Overdue {
                agreed_start: d("2026-03-01"),
                days_overdue: 121,
                idle_on: d("2027-03-01"),
            }),
            "supplied, not started, 121 days after the agreed start of 2026-03-01; becomes \
             idle on 2027-03-01",
            "供而未用：已供地未动工，约定开工日期 2026-03-01，已逾期 121 天，\
             2027-03-01 起将认定为闲置土地",
        ),
        (
            IdleEvidence::UsedNotFull {
                started: d("2021-02-09"),
                far: Some(FarShortfall {
                    far: 0.2649,
                    required: 1.0,
                    rule: FarRule::ControlIndicators {
                        requirement: FarRequirement {
                            value: 1.0,
                            code: "292".into(),
                            edition: "2008".into(),
                            unconfirmed: false,
                        },
                        codes: "GB/T 4754-2017".into(),
                    },
                }),
                coverage: Some(CoverageShortfall {
                    coverage: 0.2261,
                    min: 0.3,
                    edition: "2008".into(),
                }),
                far_requirement_known: true,
            },
            "started 2021-02-09; FAR 0.26 below the required 1 (control indicators 2008 \
             (GB/T 4754-2017), industry 292: FAR ≥ 1); coverage 0.23 below 0.3 (control \
             indicators 2008)",
            "用而未尽：2021-02-09 已动工；容积率 0.26 低于要求的 1（依据：\
             《工业项目建设用地控制指标》2008 年版，行业代码 292（GB/T 4754-2017）：容积率 ≥ 1）；\
             建筑密度 0.23 低于建筑系数下限 0.3（《工业项目建设用地控制指标》2008 年版）",
        ),
        (
            IdleEvidence::UsedNotFull {
                started: d("2018-08-30"),
                far: None,
                coverage: Some(CoverageShortfall {
                    coverage: 0.2,
                    min: 0.3,
                    edition: "2008".into(),
                }),
                far_requirement_known: false,
            },
            "started 2018-08-30; coverage 0.20 below 0.3 (control indicators 2008); no FAR \
             requirement known, coverage tested only",
            "用而未尽：2018-08-30 已动工；建筑密度 0.20 低于建筑系数下限 0.3\
             （《工业项目建设用地控制指标》2008 年版）；无适用的容积率控制要求，仅核查建筑系数",
        ),
        (
            IdleEvidence::UsedNotFull {
                started: d("2020-12-19"),
                far: Some(FarShortfall {
                    far: 0.77,
                    required: 1.2,
                    rule: FarRule::Planning { far_min: 1.2 },
                }),
                coverage: None,
                far_requirement_known: true,
            },
            "started 2020-12-19; FAR 0.77 below the required 1.2 (planning conditions of the \
             parcel: FAR ≥ 1.2)",
            "用而未尽：2020-12-19 已动工；容积率 0.77 低于要求的 1.2（依据：宗地规划条件：\
             容积率 ≥ 1.2）",
        ),
        (
            IdleEvidence::BuiltNotProducing {
                completed: d("2024-12-17"),
                days_since_completion: 560,
                since: d("2025-12-17"),
            },
            "completed on 2024-12-17, not in production 560 days later; built but not \
             producing since 2025-12-17",
            "建而未投：2024-12-17 竣工，560 天后仍未投产，自 2025-12-17 起认定为建而未投",
        ),
        (
            IdleEvidence::BelowStandard(test(6.04, Some(150.0), false)),
            "in production; tax 6.0 万元/亩 below 10; investment 150.0 万元/亩 below 200",
            "投而未达标：已投产；亩均税收 6.0 万元/亩，低于 10；投资强度 150.0 万元/亩，低于 200",
        ),
        (
            IdleEvidence::BelowStandard(test(0.0, None, true)),
            "in production; tax 0.0 万元/亩 below 10 (no enterprise located on the parcel: \
             tax taken as 0)",
            "投而未达标：已投产；亩均税收 0.0 万元/亩，低于 10（宗地上无企业，税收按 0 计）",
        ),
        (
            IdleEvidence::AtStandard(test(11.04, Some(387.66), false)),
            "in production at standard: tax 11.0 万元/亩 ≥ 10, investment 387.7 万元/亩 ≥ 200",
            "已投产，达到标准：亩均税收 11.0 万元/亩 ≥ 10，投资强度 387.7 万元/亩 ≥ 200",
        ),
        (
            IdleEvidence::AtStandard(test(12.0, None, false)),
            "in production at standard: tax 12.0 万元/亩 ≥ 10, investment unknown",
            "已投产，达到标准：亩均税收 12.0 万元/亩 ≥ 10，投资强度不详",
        ),
        (
            IdleEvidence::NoRule {
                started: d("2021-08-13"),
            },
            "supplied and started on 2021-08-13; no rule applies",
            "已供地，2021-08-13 已动工；不适用认定规则",
        ),
    ]
}

#[test]
fn every_idle_evidence_in_both_languages() {
    let mut failures = Vec::new();
    for (e, en, zh) in cases() {
        for (lang, want) in [(Lang::En, en), (Lang::Zh, zh)] {
            let got = e.words(lang);
            if got != want {
                failures.push(format!("{e:?} in {lang:?}:\n  got  {got}\n  want {want}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn chinese_idle_reasons_are_chinese() {
    // Every Chinese sentence holds Chinese text (no English sentence left behind).
    for (e, _, _) in cases() {
        let zh = e.words(Lang::Zh);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(!zh.contains("FAR") && !zh.contains(" m²"), "{zh}");
    }
}

#[test]
fn cross_checks_in_both_languages() {
    let checks = vec![
        CrossCheck::StartedWithoutBuilding {
            started: d("2016-06-14"),
        },
        CrossCheck::BuiltOnUnsuppliedLand {
            footprint: AreaM2(1234.4),
        },
        CrossCheck::ProducingWithoutEnterprise,
    ];
    assert_eq!(
        cross_checks(&checks, Lang::En),
        "the ledger says started on 2016-06-14 but no building stands on the parcel; 1234 m² \
         of building footprint on land never supplied: possible unlawful use; in production \
         according to the ledger, but no enterprise is located on the parcel"
    );
    assert_eq!(
        cross_checks(&checks, Lang::Zh),
        "台账记载 2016-06-14 已动工，但宗地上无建筑；未供应土地上有建筑占地 1234 平方米，\
         可能存在违法用地；台账记载已投产，但宗地上无企业"
    );
    assert_eq!(cross_checks(&[], Lang::Zh), "");
}

#[test]
fn events_in_both_languages() {
    let cases = [
        (
            IdleEvent::BecomesIdle(IdleStart::AgreedStart(d("2025-07-14"))),
            "becomes idle land if still not started (agreed start 2025-07-14)",
            "约定开工日期 2025-07-14，届时仍未动工的，认定为闲置土地",
        ),
        (
            IdleEvent::BecomesIdle(IdleStart::Halted(d("2025-09-01"))),
            "becomes idle land if construction is still halted (halted since 2025-09-01)",
            "自 2025-09-01 起停工，届时仍未复工的，认定为闲置土地",
        ),
        (
            IdleEvent::BecomesRecoverable(IdleStart::AgreedStart(d("2024-09-09"))),
            "becomes recoverable free of charge if still not started (agreed start 2024-09-09)",
            "约定开工日期 2024-09-09，届时仍未动工的，可无偿收回土地使用权",
        ),
        (
            IdleEvent::BecomesRecoverable(IdleStart::Halted(d("2024-10-01"))),
            "becomes recoverable free of charge if construction is still halted (halted since \
             2024-10-01)",
            "自 2024-10-01 起停工，届时仍未复工的，可无偿收回土地使用权",
        ),
        (
            IdleEvent::BecomesBuiltNotProducing {
                completed: d("2025-08-01"),
            },
            "becomes built but not producing if still not in production (completed 2025-08-01)",
            "2025-08-01 竣工，届时仍未投产的，认定为建而未投",
        ),
    ];
    for (e, en, zh) in cases {
        assert_eq!(e.words(Lang::En), en);
        assert_eq!(e.words(Lang::Zh), zh);
    }
}
