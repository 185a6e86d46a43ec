//! The words a sheet carries beside its map: the title in the project's language, the
//! title block (project, map, drawing number, who made it, the dates, the coordinate
//! system, the source, the credit) and the footer.

use super::{tr, MapContext, MapKind, MapRequest};
use crate::project::Lang;

/// An English title in title case: every word capitalised but the short function words
/// inside it ("Idle and Inefficient Land", "Floor-Area Ratio Map").
pub(super) fn title_case(s: &str) -> String {
    const SMALL: [&str; 11] = [
        "a", "an", "and", "but", "by", "for", "in", "of", "or", "per", "the",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                return w.to_owned();
            }
            w.split('-')
                .map(|part| {
                    let mut c = part.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().chain(c).collect(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<String>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The drawing number (图号) of a sheet: the prefix, the kind's place among the kinds
/// (01 overview … 06 serviced land), for an intensity map of another indicator than FAR a
/// letter by the indicator's place (02B coverage, 02C tax per 亩 …: two maps never share a
/// number) and, for a park's sheet, the park's place in the parks layer (-01, -02 …).
fn drawing_number(ctx: &MapContext, req: &MapRequest) -> String {
    let kind = MapKind::ALL
        .iter()
        .position(|k| *k == req.kind)
        .unwrap_or(0)
        + 1;
    let indicator = match (req.kind, req.field.as_deref()) {
        (MapKind::Intensity, Some(f)) if f != "far" => super::intensity::FIELDS
            .iter()
            .position(|(key, ..)| *key == f)
            .map(|i| char::from(b'A' + i as u8).to_string())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let park = req
        .park
        .as_ref()
        .and_then(|id| ctx.model.parks.iter().position(|p| &p.id == id))
        .map(|i| format!("-{:02}", i + 1))
        .unwrap_or_default();
    format!(
        "{}{kind:02}{indicator}{park}",
        ctx.number_prefix.as_deref().unwrap_or("")
    )
}

/// The title block's rows: project, map, drawing number, who made it, the status date,
/// the drawing date, the coordinate system, the data source and the licence's credit.
pub(super) fn title_block(
    ctx: &MapContext,
    req: &MapRequest,
    map_title: String,
) -> Vec<(String, String)> {
    let l = ctx.lang;
    let crs = match l {
        Lang::Zh => ctx.model.frame.name_zh(),
        Lang::En => ctx.model.frame.name(),
    };
    let mut rows = vec![
        (tr(l, "项目", "Project"), ctx.project.clone()),
        (tr(l, "图名", "Map"), map_title),
        (tr(l, "图号", "Drawing no."), drawing_number(ctx, req)),
        (
            tr(l, "编制单位", "Prepared by"),
            ctx.organisation.clone().unwrap_or_default(),
        ),
        (
            tr(l, "现状基准日", "Status as of"),
            ctx.analysis.as_of.to_string(),
        ),
        (tr(l, "制图日期", "Drawn"), ctx.drawn_on.to_string()),
        (tr(l, "坐标系", "CRS"), crs),
        (tr(l, "数据来源", "Source"), ctx.source.clone()),
    ];
    if let Some(credit) = &ctx.credit {
        rows.push((tr(l, "版权", "Credits"), credit.clone()));
    }
    rows
}

/// The line at the foot of the sheet: the licence's credit and the software that drew it.
pub(super) fn footer(ctx: &MapContext) -> String {
    let made = format!(
        "{} parkscope {}",
        tr(ctx.lang, "制图软件", "Drawn with"),
        env!("CARGO_PKG_VERSION")
    );
    match &ctx.credit {
        Some(c) => format!("{c} · {made}"),
        None => made,
    }
}
