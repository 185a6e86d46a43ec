//! Fonts: the bundled WenQuanYi Micro Hei subset (GB 2312 hanzi, Apache-2.0, from Debian's
//! fonts-wqy-microhei) is the default, so the same input draws the same picture on every
//! machine; system fonts are added only as a fallback for characters it lacks.

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
