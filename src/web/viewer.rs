//! The viewer's own files: the vendored MapLibre GL JS and PMTiles scripts with their
//! licences (embedded in the binary), the bundled CJK font as a data URL in `fonts.css`
//! (a page from `file://` may not load a font file), `viewer.js`/`viewer.css`, `meta.js`
//! (what the tiles hold, the themes, overlays and legends, the words of the interface) and
//! `index.html`; `tiles.js` carries the archive when it is small enough to embed.

use std::path::{Path, PathBuf};

use base64::Engine;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::project::Lang;
use crate::write::write_bytes;

/// Files copied as they are: (name, bytes).
const STATIC: [(&str, &[u8]); 7] = [
    (
        "maplibre-gl.js",
        include_bytes!("../../assets/web/maplibre-gl.js"),
    ),
    (
        "maplibre-gl.css",
        include_bytes!("../../assets/web/maplibre-gl.css"),
    ),
    (
        "LICENSE-maplibre-gl.txt",
        include_bytes!("../../assets/web/LICENSE-maplibre-gl.txt"),
    ),
    ("pmtiles.js", include_bytes!("../../assets/web/pmtiles.js")),
    (
        "LICENSE-pmtiles.txt",
        include_bytes!("../../assets/web/LICENSE-pmtiles.txt"),
    ),
    (
        "LICENSE-wqy-microhei.txt",
        include_bytes!("../../assets/fonts/LICENSE-wqy-microhei.txt"),
    ),
    ("viewer.css", include_bytes!("assets/viewer.css")),
];
const VIEWER_JS: &[u8] = include_bytes!("assets/viewer.js");
const INDEX: &str = include_str!("assets/index.html");
const FONT: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei-gb2312.ttf");

/// The words of the interface in the project's language.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    search: String,
    park: String,
    all_parks: String,
    themes: String,
    overlays: String,
    legend: String,
    loading: String,
    close: String,
    #[serde(rename = "noMatch")]
    no_match: String,
    serve: String,
    missing: String,
}

impl Words {
    /// The words in `lang`.
    pub fn new(lang: Lang) -> Words {
        let t = |zh: &str, en: &str| match lang {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
        };
        Words {
            search: t("宗地编号、企业名称或信用代码", "Parcel id, enterprise name or credit code"),
            park: t("园区", "Park"),
            all_parks: t("全部园区", "All parks"),
            themes: t("宗地专题", "Parcels by"),
            overlays: t("图层", "Layers"),
            legend: t("图例", "Legend"),
            loading: t("读取中…", "Loading…"),
            close: t("关闭", "Close"),
            no_match: t("无匹配", "No match"),
            serve: t(
                "瓦片较大，未嵌入网页：请运行 parkscope serve 本文件夹，再用浏览器打开它给出的地址。",
                "The tiles are too large to embed in the page: run parkscope serve on this folder and open the address it prints.",
            ),
            missing: t("无法读取", "Cannot read"),
        }
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes the static files, `fonts.css`, `viewer.js` and `index.html` into `dir`; returns
/// the files written.
///
/// # Errors
/// A file that cannot be written.
pub fn write_static(
    dir: &Path,
    lang: Lang,
    title: &str,
    subtitle: &str,
    embedded: bool,
) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for (name, bytes) in STATIC {
        let p = dir.join(name);
        write_bytes(&p, bytes)?;
        files.push(p);
    }
    let font = base64::engine::general_purpose::STANDARD.encode(FONT);
    let css = format!(
        "@font-face {{ font-family: \"WenQuanYi Micro Hei\"; src: url(data:font/ttf;base64,{font}) format(\"truetype\"); }}\n"
    );
    let p = dir.join("fonts.css");
    write_bytes(&p, css.as_bytes())?;
    files.push(p);
    let p = dir.join("viewer.js");
    write_bytes(&p, VIEWER_JS)?;
    files.push(p);
    let w = Words::new(lang);
    let tiles_script = if embedded {
        "<script src=\"tiles.js\"></script>\n"
    } else {
        ""
    };
    let html = INDEX
        .replace("{{lang}}", if lang == Lang::Zh { "zh-CN" } else { "en" })
        .replace("{{title}}", &html_escape(title))
        .replace("{{subtitle}}", &html_escape(subtitle))
        .replace("{{search}}", &html_escape(&w.search))
        .replace("{{park}}", &html_escape(&w.park))
        .replace("{{all_parks}}", &html_escape(&w.all_parks))
        .replace("{{themes}}", &html_escape(&w.themes))
        .replace("{{overlays}}", &html_escape(&w.overlays))
        .replace("{{legend}}", &html_escape(&w.legend))
        .replace("{{tiles_script}}", tiles_script);
    let p = dir.join("index.html");
    write_bytes(&p, html.as_bytes())?;
    files.push(p);
    Ok(files)
}

/// Writes `meta.js`: `window.PARKSCOPE = <meta>;`.
///
/// # Errors
/// The file cannot be written.
pub fn write_meta(dir: &Path, meta: &impl Serialize) -> Result<PathBuf> {
    let json =
        serde_json::to_string(meta).map_err(|e| Error::Internal(format!("viewer meta: {e}")))?;
    let p = dir.join("meta.js");
    write_bytes(&p, format!("window.PARKSCOPE = {json};\n").as_bytes())?;
    Ok(p)
}

/// Writes `tiles.js`, the archive as base64 for a page opened from `file://`.
///
/// # Errors
/// The archive cannot be read or the script written.
pub fn write_embedded_tiles(dir: &Path, archive: &Path) -> Result<PathBuf> {
    let bytes = std::fs::read(archive).map_err(|e| Error::Read {
        path: archive.to_path_buf(),
        source: e,
    })?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    let p = dir.join("tiles.js");
    write_bytes(
        &p,
        format!("window.PARKSCOPE_TILES = \"{b64}\";\n").as_bytes(),
    )?;
    Ok(p)
}
