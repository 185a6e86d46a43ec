//! Where a parcel's FAR requirement came from, in words (`far_rule`).

use super::Words;
use crate::analyse::intensity::FarRule;
use crate::project::Lang;

impl Words for FarRule {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (FarRule::Planning { far_min }, Lang::En) => {
                format!("planning conditions of the parcel: FAR ≥ {far_min}")
            }
            (FarRule::Planning { far_min }, Lang::Zh) => {
                format!("宗地规划条件：容积率 ≥ {far_min}")
            }
            (
                FarRule::ControlIndicators {
                    requirement: r,
                    codes,
                },
                Lang::En,
            ) => format!(
                "control indicators {} ({codes}), industry {}: FAR ≥ {}{}",
                r.edition,
                r.code,
                r.value,
                if r.unconfirmed { " [unconfirmed]" } else { "" }
            ),
            (
                FarRule::ControlIndicators {
                    requirement: r,
                    codes,
                },
                Lang::Zh,
            ) => format!(
                "《工业项目建设用地控制指标》{} 年版，行业代码 {}（{codes}）：容积率 ≥ {}{}",
                r.edition,
                r.code,
                r.value,
                if r.unconfirmed {
                    "（未确认值）"
                } else {
                    ""
                }
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::policy::FarRequirement;

    #[test]
    fn far_rules_in_both_languages() {
        let planning = FarRule::Planning { far_min: 1.2 };
        assert_eq!(
            planning.words(Lang::En),
            "planning conditions of the parcel: FAR ≥ 1.2"
        );
        assert_eq!(planning.words(Lang::Zh), "宗地规划条件：容积率 ≥ 1.2");
        let table = FarRule::ControlIndicators {
            requirement: FarRequirement {
                value: 0.7,
                code: "33".into(),
                edition: "2008".into(),
                unconfirmed: false,
            },
            codes: "GB/T 4754-2017".into(),
        };
        assert_eq!(
            table.words(Lang::En),
            "control indicators 2008 (GB/T 4754-2017), industry 33: FAR ≥ 0.7"
        );
        assert_eq!(
            table.words(Lang::Zh),
            "《工业项目建设用地控制指标》2008 年版，行业代码 33（GB/T 4754-2017）：容积率 ≥ 0.7"
        );
        let fallback = FarRule::ControlIndicators {
            requirement: FarRequirement {
                value: 1.0,
                code: "39".into(),
                edition: "2008".into(),
                unconfirmed: true,
            },
            codes: "GB/T 4754-2017".into(),
        };
        assert_eq!(
            fallback.words(Lang::En),
            "control indicators 2008 (GB/T 4754-2017), industry 39: FAR ≥ 1 [unconfirmed]"
        );
        assert_eq!(
            fallback.words(Lang::Zh),
            "《工业项目建设用地控制指标》2008 年版，行业代码 39（GB/T 4754-2017）：容积率 ≥ 1（未确认值）"
        );
    }
}
