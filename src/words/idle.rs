//! Idle verdicts, cross-checks and upcoming events in words (DOMAIN.md "Idle and
//! inefficient land"; Chinese in the terms of 《闲置土地处置办法》).

use super::{clauses, zh_fraction, zh_years, Words};
use crate::analyse::idle::{
    CrossCheck, Decree53, IdleEvent, IdleEvidence, IdleStart, NotStarted, ProductionTest,
};
use crate::project::Lang;

impl Words for IdleEvidence {
    fn words(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en(self),
            Lang::Zh => zh(self),
        }
    }
}

fn en(e: &IdleEvidence) -> String {
    match e {
        IdleEvidence::ApprovedNotSupplied {
            as_of,
            supplied_later: Some(sd),
        } => format!("approved but not supplied at {as_of} (supplied later, on {sd})"),
        IdleEvidence::ApprovedNotSupplied { .. } => {
            "approved for construction but not supplied (批而未供)".to_owned()
        }
        IdleEvidence::Unapproved => {
            "not approved for construction (未批): no rule applies".to_owned()
        }
        IdleEvidence::StatusUnknown => "supply status unknown: no rule applies".to_owned(),
        IdleEvidence::NotStarted {
            agreed_start,
            days_overdue,
            decree,
        } => en_idle(
            format!("not started {days_overdue} days after the agreed start of {agreed_start}"),
            decree,
        ),
        IdleEvidence::Halted {
            halted_since,
            days_halted,
            built,
            invested,
            decree,
        } => {
            let mut why = Vec::new();
            if let Some(b) = built {
                let [n, d] = b.below;
                why.push(format!(
                    "built {:.0} m² of {:.0} m² planned (< {n}/{d})",
                    b.done.m2(),
                    b.planned.m2()
                ));
            }
            if let Some(i) = invested {
                let [n, d] = i.below;
                why.push(format!(
                    "invested {:.0} of {:.0} 万元 planned (< {n}/{d})",
                    i.done.wan(),
                    i.planned.wan()
                ));
            }
            en_idle(
                format!(
                    "construction halted since {halted_since} ({days_halted} days) with {}",
                    why.join(" and ")
                ),
                decree,
            )
        }
        IdleEvidence::SuppliedNotUsed(NotStarted::AgreedStartUnknown) => {
            "supplied, not started; agreed start unknown, so Decree 53 cannot be applied"
                .to_owned()
        }
        IdleEvidence::SuppliedNotUsed(NotStarted::BeforeAgreedStart {
            agreed_start,
            days_ahead,
        }) => format!(
            "supplied, not started; the agreed start of {agreed_start} is {days_ahead} days ahead"
        ),
        IdleEvidence::SuppliedNotUsed(NotStarted::Overdue {
            agreed_start,
            days_overdue,
            idle_on,
        }) => format!(
            "supplied, not started, {days_overdue} days after the agreed start of {agreed_start}; becomes idle on {idle_on}"
        ),
        IdleEvidence::UsedNotFull {
            started,
            far,
            coverage,
            far_requirement_known,
        } => {
            let mut why = Vec::new();
            if let Some(f) = far {
                why.push(format!(
                    "FAR {:.2} below the required {} ({})",
                    f.far,
                    f.required,
                    f.rule.words(Lang::En)
                ));
            }
            if let Some(c) = coverage {
                why.push(format!(
                    "coverage {:.2} below {} (control indicators {})",
                    c.coverage, c.min, c.edition
                ));
            }
            if !far_requirement_known {
                why.push("no FAR requirement known, coverage tested only".to_owned());
            }
            format!("started {started}; {}", why.join("; "))
        }
        IdleEvidence::BuiltNotProducing {
            completed,
            days_since_completion,
            since,
        } => format!(
            "completed on {completed}, not in production {days_since_completion} days later; built but not producing since {since}"
        ),
        IdleEvidence::BelowStandard(t) => {
            let mut why = Vec::new();
            if t.is_tax_low() {
                why.push(format!(
                    "tax {:.1} 万元/亩 below {}{}",
                    t.tax_per_mu,
                    t.tax_min,
                    if t.no_enterprise {
                        " (no enterprise located on the parcel: tax taken as 0)"
                    } else {
                        ""
                    }
                ));
            }
            if t.is_investment_low() {
                why.push(format!(
                    "investment {:.1} 万元/亩 below {}",
                    t.investment_per_mu.unwrap_or(0.0),
                    t.investment_min
                ));
            }
            format!("in production; {}", why.join("; "))
        }
        IdleEvidence::AtStandard(t) => format!(
            "in production at standard: tax {:.1} 万元/亩 ≥ {}{}",
            t.tax_per_mu,
            t.tax_min,
            t.investment_per_mu
                .map(|x| format!(", investment {x:.1} 万元/亩 ≥ {}", t.investment_min))
                .unwrap_or_else(|| ", investment unknown".to_owned())
        ),
        IdleEvidence::NoRule { started } => {
            format!("supplied and started on {started}; no rule applies")
        }
    }
}

/// An idle verdict: its cause, then Decree 53's consequences.
fn en_idle(cause: String, d: &Decree53) -> String {
    let recovery = if d.recoverable { "since" } else { "from" };
    format!(
        "{cause}; idle since {}; {} % idle fee due; recoverable free of charge {recovery} {}",
        d.idle_on, d.fee_percent, d.recover_on
    )
}

fn zh(e: &IdleEvidence) -> String {
    match e {
        IdleEvidence::ApprovedNotSupplied {
            as_of,
            supplied_later: Some(sd),
        } => format!("批而未供：截至 {as_of} 尚未供地（{sd} 方供地）"),
        IdleEvidence::ApprovedNotSupplied { .. } => {
            "批而未供：已批准为建设用地，尚未供地".to_owned()
        }
        IdleEvidence::Unapproved => "未批建设用地：不适用认定规则".to_owned(),
        IdleEvidence::StatusUnknown => "供地状态不明：不适用认定规则".to_owned(),
        IdleEvidence::NotStarted {
            agreed_start,
            days_overdue,
            decree,
        } => zh_idle(
            format!(
                "约定开工日期 {agreed_start} 起满{}未动工（已逾期 {days_overdue} 天）",
                zh_years(decree.idle_after_years)
            ),
            decree,
        ),
        IdleEvidence::Halted {
            halted_since,
            days_halted,
            built,
            invested,
            decree,
        } => {
            let mut why = Vec::new();
            if let Some(b) = built {
                why.push(format!(
                    "已建建筑面积 {:.0} 平方米，不足计划建筑面积 {:.0} 平方米的{}",
                    b.done.m2(),
                    b.planned.m2(),
                    zh_fraction(b.below)
                ));
            }
            if let Some(i) = invested {
                why.push(format!(
                    "已投资 {:.0} 万元，不足计划总投资 {:.0} 万元的{}",
                    i.done.wan(),
                    i.planned.wan(),
                    zh_fraction(i.below)
                ));
            }
            zh_idle(
                format!(
                    "已动工，自 {halted_since} 起停工满{}（已停工 {days_halted} 天），{}",
                    zh_years(decree.idle_after_years),
                    why.join("，且")
                ),
                decree,
            )
        }
        IdleEvidence::SuppliedNotUsed(NotStarted::AgreedStartUnknown) => {
            "供而未用：已供地未动工；约定开工日期不详，无法依《闲置土地处置办法》认定".to_owned()
        }
        IdleEvidence::SuppliedNotUsed(NotStarted::BeforeAgreedStart {
            agreed_start,
            days_ahead,
        }) => format!(
            "供而未用：已供地未动工，约定开工日期 {agreed_start}，距今尚有 {days_ahead} 天"
        ),
        IdleEvidence::SuppliedNotUsed(NotStarted::Overdue {
            agreed_start,
            days_overdue,
            idle_on,
        }) => format!(
            "供而未用：已供地未动工，约定开工日期 {agreed_start}，已逾期 {days_overdue} 天，{idle_on} 起将认定为闲置土地"
        ),
        IdleEvidence::UsedNotFull {
            started,
            far,
            coverage,
            far_requirement_known,
        } => {
            let mut why = Vec::new();
            if let Some(f) = far {
                why.push(format!(
                    "容积率 {:.2} 低于要求的 {}（依据：{}）",
                    f.far,
                    f.required,
                    f.rule.words(Lang::Zh)
                ));
            }
            if let Some(c) = coverage {
                why.push(format!(
                    "建筑密度 {:.2} 低于建筑系数下限 {}（《工业项目建设用地控制指标》{} 年版）",
                    c.coverage, c.min, c.edition
                ));
            }
            if !far_requirement_known {
                why.push("无适用的容积率控制要求，仅核查建筑系数".to_owned());
            }
            format!("用而未尽：{started} 已动工；{}", why.join("；"))
        }
        IdleEvidence::BuiltNotProducing {
            completed,
            days_since_completion,
            since,
        } => format!(
            "建而未投：{completed} 竣工，{days_since_completion} 天后仍未投产，自 {since} 起认定为建而未投"
        ),
        IdleEvidence::BelowStandard(t) => {
            let mut why = Vec::new();
            if t.is_tax_low() {
                why.push(format!(
                    "亩均税收 {:.1} 万元/亩，低于 {}{}",
                    t.tax_per_mu,
                    t.tax_min,
                    if t.no_enterprise {
                        "（宗地上无企业，税收按 0 计）"
                    } else {
                        ""
                    }
                ));
            }
            if t.is_investment_low() {
                why.push(format!(
                    "投资强度 {:.1} 万元/亩，低于 {}",
                    t.investment_per_mu.unwrap_or(0.0),
                    t.investment_min
                ));
            }
            format!("投而未达标：已投产；{}", why.join("；"))
        }
        IdleEvidence::AtStandard(t) => zh_at_standard(t),
        IdleEvidence::NoRule { started } => {
            format!("已供地，{started} 已动工；不适用认定规则")
        }
    }
}

fn zh_at_standard(t: &ProductionTest) -> String {
    format!(
        "已投产，达到标准：亩均税收 {:.1} 万元/亩 ≥ {}，{}",
        t.tax_per_mu,
        t.tax_min,
        t.investment_per_mu
            .map(|x| format!("投资强度 {x:.1} 万元/亩 ≥ {}", t.investment_min))
            .unwrap_or_else(|| "投资强度不详".to_owned())
    )
}

/// 闲置土地: its cause, then Decree 53's consequences (the fee; free recovery).
fn zh_idle(cause: String, d: &Decree53) -> String {
    let recovery = if d.recoverable {
        format!(
            "已满{}，自 {} 起可无偿收回土地使用权",
            zh_years(d.recoverable_after_years),
            d.recover_on
        )
    } else {
        format!("{} 起可无偿收回土地使用权", d.recover_on)
    };
    format!(
        "闲置土地：{cause}；自 {} 起闲置，应按出让或划拨价款的 {}% 征缴土地闲置费，{recovery}",
        d.idle_on, d.fee_percent
    )
}

impl Words for CrossCheck {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (CrossCheck::StartedWithoutBuilding { started }, Lang::En) => {
                format!("the ledger says started on {started} but no building stands on the parcel")
            }
            (CrossCheck::StartedWithoutBuilding { started }, Lang::Zh) => {
                format!("台账记载 {started} 已动工，但宗地上无建筑")
            }
            (CrossCheck::BuiltOnUnsuppliedLand { footprint }, Lang::En) => format!(
                "{:.0} m² of building footprint on land never supplied: possible unlawful use",
                footprint.m2()
            ),
            (CrossCheck::BuiltOnUnsuppliedLand { footprint }, Lang::Zh) => format!(
                "未供应土地上有建筑占地 {:.0} 平方米，可能存在违法用地",
                footprint.m2()
            ),
            (CrossCheck::ProducingWithoutEnterprise, Lang::En) => {
                "in production according to the ledger, but no enterprise is located on the parcel"
                    .to_owned()
            }
            (CrossCheck::ProducingWithoutEnterprise, Lang::Zh) => {
                "台账记载已投产，但宗地上无企业".to_owned()
            }
        }
    }
}

/// A parcel's cross-checks as one cell: clauses joined (empty when there are none).
pub fn cross_checks(checks: &[CrossCheck], lang: Lang) -> String {
    clauses(checks.iter().map(|c| c.words(lang)), lang)
}

impl Words for IdleEvent {
    fn words(&self, lang: Lang) -> String {
        use IdleEvent::*;
        use IdleStart::*;
        match (lang, *self) {
            (Lang::En, BecomesIdle(AgreedStart(a))) => {
                format!("becomes idle land if still not started (agreed start {a})")
            }
            (Lang::En, BecomesIdle(Halted(h))) => {
                format!("becomes idle land if construction is still halted (halted since {h})")
            }
            (Lang::En, BecomesRecoverable(AgreedStart(a))) => format!(
                "becomes recoverable free of charge if still not started (agreed start {a})"
            ),
            (Lang::En, BecomesRecoverable(Halted(h))) => format!(
                "becomes recoverable free of charge if construction is still halted (halted since {h})"
            ),
            (Lang::En, BecomesBuiltNotProducing { completed }) => format!(
                "becomes built but not producing if still not in production (completed {completed})"
            ),
            (Lang::Zh, BecomesIdle(AgreedStart(a))) => {
                format!("约定开工日期 {a}，届时仍未动工的，认定为闲置土地")
            }
            (Lang::Zh, BecomesIdle(Halted(h))) => {
                format!("自 {h} 起停工，届时仍未复工的，认定为闲置土地")
            }
            (Lang::Zh, BecomesRecoverable(AgreedStart(a))) => {
                format!("约定开工日期 {a}，届时仍未动工的，可无偿收回土地使用权")
            }
            (Lang::Zh, BecomesRecoverable(Halted(h))) => {
                format!("自 {h} 起停工，届时仍未复工的，可无偿收回土地使用权")
            }
            (Lang::Zh, BecomesBuiltNotProducing { completed }) => {
                format!("{completed} 竣工，届时仍未投产的，认定为建而未投")
            }
        }
    }
}

#[cfg(test)]
#[path = "idle_tests.rs"]
mod tests;
