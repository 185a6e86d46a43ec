//! Palettes: GB 50137 land-use colours as customary in Chinese planning drawings, and
//! colour-blind-safe, print-safe palettes for classes and choropleths (Okabe–Ito,
//! ColorBrewer).

/// The GB 50137 class of a land-use code, GB 50137 letter codes or 国土空间调查、规划、用途
/// 管制用地用海分类 numeric codes (1001xx 工业, 100101/02/03 一/二/三类工业, 1101 物流仓储,
/// 07 居住, 08 公共管理与公共服务, 09 商业服务业, 12 交通运输, 13 公用设施, 14 绿地与开敞
/// 空间, 01–05/17/23 farmland, forest, grass, wetland, water and other land: non-construction).
/// "" when the code is unknown.
pub fn land_use_class(code: Option<&str>) -> &'static str {
    let c = code.unwrap_or("").trim().to_uppercase();
    let digits = !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit());
    if digits {
        return match c.as_str() {
            s if s.starts_with("100101") => "M1",
            s if s.starts_with("100102") => "M2",
            s if s.starts_with("100103") => "M3",
            s if s.starts_with("1001") => "M",
            s if s.starts_with("10") => "H",
            s if s.starts_with("11") => "W",
            s if s.starts_with("07") => "R",
            s if s.starts_with("08") => "A",
            s if s.starts_with("09") => "B",
            s if s.starts_with("12") => "S",
            s if s.starts_with("13") => "U",
            s if s.starts_with("14") => "G",
            s if s.starts_with("15") || s.starts_with("16") || s.starts_with("06") => "H",
            s if ["01", "02", "03", "04", "05", "17", "18", "23"]
                .iter()
                .any(|p| s.starts_with(p)) =>
            {
                "E"
            }
            _ => "",
        };
    }
    match c.as_str() {
        s if s.starts_with("M3") => "M3",
        s if s.starts_with("M2") => "M2",
        s if s.starts_with("M") => "M1",
        s => match s.chars().next() {
            Some('R') => "R",
            Some('A') => "A",
            Some('B') => "B",
            Some('W') => "W",
            Some('S') => "S",
            Some('U') => "U",
            Some('G') => "G",
            Some('E') => "E",
            Some('H') => "H",
            _ => "",
        },
    }
}

/// The GB 50137 order of the classes in a legend: R A B M W S U G, then H and E, then
/// the unknown.
pub fn land_use_rank(class: &str) -> usize {
    [
        "R", "A", "B", "M1", "M2", "M3", "M", "W", "S", "U", "G", "H", "E",
    ]
    .iter()
    .position(|k| *k == class)
    .unwrap_or(13)
}

/// Fill colour and names of a GB 50137 class.
pub fn land_use_style(key: &str) -> (&'static str, &'static str, &'static str) {
    match key {
        "R" => ("#fff37a", "居住用地 R", "Residential R"),
        "A" => ("#f59ab5", "公共管理与公共服务用地 A", "Public services A"),
        "B" => ("#f2625f", "商业服务业用地 B", "Commercial B"),
        "M1" => ("#c9a77c", "一类工业用地 M1", "Industrial M1"),
        "M2" => ("#a57447", "二类工业用地 M2", "Industrial M2"),
        "M3" => ("#7a4a23", "三类工业用地 M3", "Industrial M3"),
        "M" => ("#a57447", "工业用地", "Industrial"),
        "W" => ("#b39ddb", "物流仓储用地 W", "Logistics & storage W"),
        "S" => ("#bdbdbd", "道路与交通设施用地 S", "Roads & transport S"),
        "U" => ("#5b9bd5", "公用设施用地 U", "Utilities U"),
        "G" => ("#8fd18c", "绿地与广场用地 G", "Green space G"),
        "E" => ("#a6d4f2", "非建设用地 E", "Non-construction E"),
        "H" => ("#d9d9d9", "区域建设用地 H", "Regional construction H"),
        _ => ("#e9e9e9", "其他或未注明", "Other or unknown"),
    }
}

/// Okabe–Ito colours for the idle classes (colour-blind safe).
pub fn idle_color(class: crate::analyse::idle::IdleClass) -> &'static str {
    use crate::analyse::idle::IdleClass::*;
    match class {
        Idle => "#d55e00",
        ApprovedNotSupplied => "#56b4e9",
        SuppliedNotUsed => "#e69f00",
        UsedNotFull => "#f0e442",
        BuiltNotProducing => "#cc79a7",
        ProducingBelowStandard => "#0072b2",
        None => "#ececec",
    }
}

/// Diverging blue–red for the evaluation classes (ColorBrewer RdBu, colour-blind safe).
pub fn eval_color(class: crate::analyse::evaluate::EvalClass) -> &'static str {
    use crate::analyse::evaluate::EvalClass::*;
    match class {
        A => "#2166ac",
        B => "#92c5de",
        C => "#f4a582",
        D => "#b2182b",
        T => "#bdbdbd",
    }
}

/// ColorBrewer YlOrBr, sequential and print-safe, for `n` classes (3–7).
pub fn sequential(n: usize) -> Vec<&'static str> {
    match n {
        0..=3 => vec!["#fff7bc", "#fec44f", "#d95f0e"],
        4 => vec!["#ffffd4", "#fed98e", "#fe9929", "#cc4c02"],
        5 => vec!["#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"],
        6 => vec![
            "#ffffd4", "#fee391", "#fec44f", "#fe9929", "#d95f0e", "#993404",
        ],
        _ => vec![
            "#ffffe5", "#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02",
        ],
    }
}

/// Fill for "no data".
pub const NO_DATA: &str = "#f4f4f4";
/// Parcel outline.
pub const PARCEL_EDGE: &str = "#6b6b6b";
/// Park boundary.
pub const PARK_EDGE: &str = "#222222";
