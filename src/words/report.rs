//! The dossier's words: its labels (picked by [`Say::t`]) and the sentences that carry a
//! figure or a reason — what could not be assessed, how long a list was cut, how the
//! potential adds up.

use crate::project::Lang;

/// Picks the words of the project's language.
#[derive(Debug, Clone, Copy)]
pub struct Say {
    /// The language.
    pub lang: Lang,
}

impl Say {
    /// The Chinese or the English text.
    pub fn t(self, zh: &str, en: &str) -> String {
        match self.lang {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
        }
    }

    /// A park as it is named in headings: "name（ID）", or the id alone.
    pub fn park(self, id: &str, name: &str) -> String {
        if name.is_empty() || name == id {
            id.to_owned()
        } else {
            match self.lang {
                Lang::Zh => format!("{name}（{id}）"),
                Lang::En => format!("{name} ({id})"),
            }
        }
    }

    /// Yes or no.
    pub fn yes_no(self, b: Option<bool>) -> String {
        match (b, self.lang) {
            (Some(true), Lang::Zh) => "是".into(),
            (Some(false), Lang::Zh) => "否".into(),
            (Some(true), Lang::En) => "yes".into(),
            (Some(false), Lang::En) => "no".into(),
            (None, _) => "—".into(),
        }
    }

    /// The verdict of an indicator against its standard.
    pub fn verdict(self, pass: Option<bool>) -> String {
        match pass {
            Some(true) => self.t("达标", "pass"),
            Some(false) => self.t("未达标", "fail"),
            None => self.t("无标准", "no standard"),
        }
    }

    /// The name of an idle class code (`idle_class` column) in the project's language.
    pub fn idle_class(self, code: &str, zh: &str) -> String {
        let en = match code {
            "idle" => "idle land",
            "approved_not_supplied" => "approved, not supplied",
            "supplied_not_used" => "supplied, not used",
            "used_not_full" => "used, not fully",
            "built_not_producing" => "built, not producing",
            "producing_below_standard" => "producing below standard",
            "none" => "in normal use",
            other => other,
        };
        self.t(zh, en)
    }

    /// The TD/T 1029 zone type of the parks table's `park_type` code.
    pub fn park_type(self, code: &str) -> String {
        match code {
            "industry_led" => self.t("工业主导型", "industry-led"),
            "integrated" => self.t("产城融合型", "industry-city integrated"),
            "other" => self.t("其他", "other"),
            other => other.to_owned(),
        }
    }

    /// A section that could not be assessed, and why: the layer that is missing.
    pub fn not_assessed(self, what_zh: &str, what_en: &str, layer: &str) -> String {
        match self.lang {
            Lang::Zh => format!(
                "未能评估{what_zh}：项目未提供{}（[layers.{layer}]），本节不作结论。",
                layer_zh(layer)
            ),
            Lang::En => format!(
                "{what_en} could not be assessed: the project gives no {} layer ([layers.{layer}]), so this section draws no conclusion.",
                layer_en(layer)
            ),
        }
    }

    /// Why a city of `parcels` parcels (more than `limit`) has fewer map sheets.
    pub fn large_city(self, parcels: usize, limit: usize) -> String {
        match self.lang {
            Lang::Zh => format!(
                "本市宗地 {parcels} 宗（超过 {limit} 宗）：为控制文件大小，报告只附各园区的闲置与低效用地分布图；全市用地现状图与各园区用地现状图、容积率分布图由 parkscope run 或 parkscope render --atlas 输出。"
            ),
            Lang::En => format!(
                "The city has {parcels} parcels (more than {limit}): to keep the file small the dossier carries each park's idle-land sheet only; the city and park land-use and FAR sheets are drawn by parkscope run or parkscope render --atlas."
            ),
        }
    }

    /// A list cut at `shown` of `total` rows; the full list is in the workbook's sheet.
    pub fn capped(self, shown: usize, total: usize, sheet_zh: &str, sheet_en: &str) -> String {
        match self.lang {
            Lang::Zh => format!(
                "共 {total} 条，此处列出前 {shown} 条；完整清单见同次运行的 parkscope.xlsx “{sheet_zh}”工作表。"
            ),
            Lang::En => format!(
                "{total} rows; the first {shown} are listed here, the full list is the “{sheet_en}” sheet of parkscope.xlsx of the same run."
            ),
        }
    }
}

/// A layer's name in Chinese.
pub fn layer_zh(layer: &str) -> &'static str {
    match layer {
        "parks" => "园区范围图层",
        "parcels" => "宗地图层",
        "buildings" => "建筑物图层",
        "enterprises" => "企业台账",
        "approvals" => "农用地转用批次（批准用地）图层",
        "constraints" => "管控要素图层",
        "infrastructure" => "基础设施图层",
        _ => "图层",
    }
}

/// A layer's name in English.
pub fn layer_en(layer: &str) -> &'static str {
    match layer {
        "parks" => "parks",
        "parcels" => "parcels",
        "buildings" => "buildings",
        "enterprises" => "enterprise ledger",
        "approvals" => "approvals",
        "constraints" => "constraints",
        "infrastructure" => "infrastructure",
        _ => "layer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_is_missing() {
        let zh = Say { lang: Lang::Zh };
        assert_eq!(
            zh.not_assessed("企业亩均效益", "the per-mu evaluation", "enterprises"),
            "未能评估企业亩均效益：项目未提供企业台账（[layers.enterprises]），本节不作结论。"
        );
        let en = Say { lang: Lang::En };
        assert!(en
            .capped(200, 1234, "宗地", "parcels")
            .starts_with("1234 rows; the first 200"));
        assert_eq!(en.park("P1", "东区"), "东区 (P1)");
    }
}
