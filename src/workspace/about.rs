//! The 说明 (notes) sheet of a workbook: the project, the date the rules were judged at, the
//! rule editions, the data each layer came from, and what each sheet holds — what a clerk
//! files with the ledger so that a reader a year later knows what it says.

use super::Workspace;
use crate::project::Lang;
use crate::write::About;

/// What a sheet of the table `name` holds, in `lang`.
fn sheet_about(name: &str, lang: Lang) -> &'static str {
    let (zh, en) = match name {
        "parcels" => (
            "宗地台账：每宗地的面积、建筑面积、容积率、建筑密度、亩均投资与税收，控制指标是否达标，以及低效用地认定（类别、认定理由、认定起始日、应缴闲置费、可无偿收回）",
            "one row per parcel: areas, floor area, FAR, coverage, per-mu investment and tax, whether the control indicators are met, and the idle-land verdict (class, reason, since, fee due, recoverable)",
        ),
        "parks" => (
            "园区土地集约利用评价指标（TD/T 1029）：开发率、供应率、建成率、工业用地率、综合容积率、建筑密度、亩均投资与税收、闲置率、纳税集中度",
            "the TD/T 1029 park indicators: development, supply, built and industrial-land rates, FAR, coverage, per-mu investment and tax, idle rate, tax concentration",
        ),
        "enterprises" => (
            "企业亩均效益评价：各项指标、综合得分、排名、分类（A/B/C/D，T 为不参评）及分类理由",
            "the per-mu evaluation of enterprises: indicators, score, rank, class (A/B/C/D, T not rated) and why",
        ),
        "idle_summary" => (
            "各园区低效用地分类汇总：宗数、面积、应缴闲置费面积、可无偿收回面积；（合计）行为全部园区",
            "idle and inefficient land per park and class: parcels, area, area with the idle fee due, recoverable area; the (all) rows sum every park",
        ),
        "upcoming" => (
            "预警：预警期内将变更类别的宗地（将认定为闲置土地、将可无偿收回、将认定为建而未投）及剩余天数",
            "parcels that change class within the warning windows (become idle, become recoverable, become built-not-producing) and the days left",
        ),
        "approved_not_supplied" => (
            "批而未供：农用地转用批次范围扣除已供宗地后的图斑及面积",
            "approved-not-supplied land: approval batches minus the supplied parcels, with areas",
        ),
        "plan" => (
            "退城入园安置方案：每户搬迁企业的新址、得分、搬迁批次、腾退用地，未安置的注明原因",
            "the relocation plan: each mover's new site, score, phase and released land, or why it was not placed",
        ),
        "sites" => (
            "候选地块：每户搬迁企业的全部可行地块按综合得分排序，列出各项指标的实测值与得分",
            "every feasible site of every mover, ranked, with each criterion's measured value and points",
        ),
        "rejected" => (
            "否决地块：不满足约束条件的地块及首个不满足的条件、实测值与限值",
            "sites ruled out, with the first constraint failed, the measured value and the threshold",
        ),
        "supply_by_year" => (
            "年度供地：各园区逐年供地面积（按供地日期），尚可供地年数按评价时点前若干个完整年度的年均供地计算；（all）行为全部宗地",
            "land supplied per park and calendar year (by supply date), the series behind the years of supply left; the (all) rows count every parcel",
        ),
        "standard_land" => (
            "标准地：每宗未供熟地出让时应附的“3+X”指标（投资强度、亩均税收、容积率，以及亩均产值、单位增加值能耗），取自所在园区的入园门槛与宗地规划条件",
            "standard land: the \"3+X\" indicators an offer of each serviced parcel not yet supplied would carry (investment, tax per mu, FAR; output, energy per value added), from the park's entry thresholds and the parcel's planning conditions",
        ),
        "admit" => (
            "入园项目审查：每个拟入园项目对照园区级别的入园门槛（投资强度、亩均产值、亩均税收、容积率）、主导产业和熟地的审查结果、审查意见及推荐顺位",
            "the entry check: each proposed project against the park's entry thresholds (investment, output, tax per mu, FAR), leading industries and serviced land, with the reason and the rank of the parks it is recommended for",
        ),
        _ => ("", ""),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

impl Workspace {
    /// The notes sheet of a workbook holding `sheets` (sheet name, table name).
    pub(super) fn about(&self, sheets: &[(&str, &str)]) -> About {
        let zh = self.lang() == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_owned() } else { e.to_owned() };
        let p = &self.policy;
        let mut rows = vec![
            (t("项目", "project"), self.project.name.clone()),
            (t("评价时点", "judged at"), self.as_of.to_string()),
            (
                t("坐标系", "coordinate system"),
                if zh {
                    self.model.frame.name_zh()
                } else {
                    self.model.frame.name()
                },
            ),
            (
                t("控制指标", "control indicators"),
                if p.control.title.contains(&p.control.edition) {
                    p.control.title.clone()
                } else {
                    format!("{}（{}）", p.control.title, p.control.edition)
                },
            ),
            (
                t("亩均评价办法", "per-mu evaluation"),
                format!("{}（{}）", p.evaluation.title, p.evaluation.name),
            ),
            (
                t("低效用地认定", "idle-land rules"),
                format!("{}（{}）", p.idle.title, p.idle.name),
            ),
            (
                t("搬迁选址规则", "siting rules"),
                format!("{}（{}）", p.siting.title, p.siting.name),
            ),
            (
                t("熟地与供地年数", "serviced land and supply"),
                format!("{}（{}）", p.serviced_land.title, p.serviced_land.name),
            ),
            (
                t("入园门槛", "entry thresholds"),
                format!("{}（{}）", p.entry.title, p.entry.edition),
            ),
        ];
        // Files by their path in the project folder: the notes and the dossier do not
        // depend on where the project lies on this machine.
        let base = self
            .project
            .file
            .parent()
            .unwrap_or(std::path::Path::new(""));
        for (layer, r) in &self.load_report().layers {
            let files = in_folder(&r.path, base);
            let counts = if zh {
                format!(
                    "{files}（读入 {} 个要素，剔除 {}，修复 {}）",
                    r.read, r.rejected, r.repaired
                )
            } else {
                format!(
                    "{files} ({} features read, {} rejected, {} repaired)",
                    r.read, r.rejected, r.repaired
                )
            };
            // The layer by its Chinese name in a Chinese notes sheet (宗地, 企业 …).
            let name = crate::project::LayerKind::ALL
                .iter()
                .find(|k| k.name() == layer.as_str())
                .map_or(layer.as_str(), |k| {
                    crate::words::layer_name(*k, self.lang())
                });
            rows.push((format!("{}{name}", t("数据来源：", "source: ")), counts));
        }
        for (sheet, table) in sheets {
            rows.push((
                format!("{}{sheet}", t("工作表：", "sheet: ")),
                sheet_about(table, self.lang()).to_owned(),
            ));
        }
        rows.push((
            t("单位", "units"),
            t(
                "面积：平方米、亩（1 亩 = 666.67 平方米）、公顷；金额：万元；比率以百分数显示；日期：年-月-日",
                "areas in m², 亩 (1 亩 = 666.67 m²) and ha; money in 万元; rates shown as %; dates year-month-day",
            ),
        ));
        rows.push((
            t("制表", "made by"),
            format!("parkscope {}", env!("CARGO_PKG_VERSION")),
        ));
        About {
            title: self.project.name.clone(),
            rows,
            created: Some(self.as_of),
        }
    }
}

/// A layer's file list (names joined by ", ") with each path inside `base` given relative
/// to it; paths elsewhere are kept whole.
fn in_folder(files: &str, base: &std::path::Path) -> String {
    files
        .split(", ")
        .map(|f| {
            std::path::Path::new(f)
                .strip_prefix(base)
                .map_or_else(|_| f.to_owned(), |r| r.display().to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod in_folder_tests {
    use super::in_folder;
    use std::path::Path;

    #[test]
    fn files_in_the_project_folder_are_named_from_it() {
        let base = Path::new("/work/main/data/sample");
        assert_eq!(
            in_folder(
                "/work/main/data/sample/enterprises.csv, /work/main/data/sample/small_firms.csv",
                base
            ),
            "enterprises.csv, small_firms.csv"
        );
        assert_eq!(
            in_folder("/elsewhere/parcels.shp", base),
            "/elsewhere/parcels.shp"
        );
        assert_eq!(
            in_folder("data/sample/x.geojson", Path::new("data/sample")),
            "x.geojson"
        );
    }
}
