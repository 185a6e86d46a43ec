//! Fonts: the bundled WenQuanYi Micro Hei subset (GB 2312 hanzi, ASCII and Latin-1 — so ©,
//! ², °, ± and × of credits and units are in it — with € ® ™; Apache-2.0, from Debian's
//! fonts-wqy-microhei 0.2.0-beta-3.1, subset with fontTools) is the default, so the same
//! input draws the same picture on every machine; system fonts are added only as a
//! fallback for characters it lacks.

use std::sync::Arc;

use resvg::usvg::fontdb;

/// The bundled font's family name, used in every `<text>`.
pub const FAMILY: &str = "WenQuanYi Micro Hei";

static BUNDLED: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei-gb2312.ttf");

/// A font database for rendering.
#[derive(Clone)]
pub struct FontSet {
    /// The database.
    pub db: Arc<fontdb::Database>,
}

impl FontSet {
    /// The bundled font only (tests, golden images).
    pub fn bundled() -> FontSet {
        let mut db = fontdb::Database::new();
        db.load_font_data(BUNDLED.to_vec());
        db.set_sans_serif_family(FAMILY);
        FontSet { db: Arc::new(db) }
    }
    /// The bundled font first, then the system's fonts as a fallback.
    pub fn with_system() -> FontSet {
        let mut db = fontdb::Database::new();
        db.load_font_data(BUNDLED.to_vec());
        db.load_system_fonts();
        db.set_sans_serif_family(FAMILY);
        FontSet { db: Arc::new(db) }
    }
}

#[cfg(test)]
mod tests {
    use super::FontSet;

    /// The characters of credits and units draw from the bundled font alone (a machine
    /// without system fonts once printed the OpenStreetMap credit without its ©).
    #[test]
    fn credit_and_unit_signs_draw_from_the_bundled_font() {
        let fonts = FontSet::bundled();
        let ink = |s: &str| {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20mm\" height=\"10mm\" viewBox=\"0 0 20 10\"><rect width=\"20\" height=\"10\" fill=\"#fff\"/><text x=\"2\" y=\"8\" font-size=\"7\" font-family=\"{}\">{s}</text></svg>",
                super::FAMILY
            );
            let png = crate::render::to_png(&svg, 150.0, &fonts).expect("drawn");
            let img = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a png");
            img.pixels().iter().filter(|p| p.red() < 128).count()
        };
        for s in ["©", "²", "°", "±", "×", "中"] {
            assert!(ink(s) > 20, "{s} draws nothing from the bundled font");
        }
    }
}
