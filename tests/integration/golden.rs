//! Golden images: every map kind of the bundled sample city (and a park close-up) drawn at
//! 50 dpi with the bundled font only, compared with the committed PNGs in `tests/golden/`
//! within a tolerance (anti-aliasing and float rounding may move a few edge pixels; a
//! changed colour, legend, label or layout may not).
//!
//! After an intended change to the maps, look at the new images and re-bless them:
//! `PARKSCOPE_BLESS=1 cargo test golden`. A failing comparison writes the image it got and
//! a difference mask into `target/golden-diff/`.

use std::path::PathBuf;

use parkscope::render::{build_scene, compose_svg, to_png, FontSet, MapKind, MapRequest};
use resvg::tiny_skia::Pixmap;

use crate::util::analyse;

const DPI: f32 = 50.0;
/// A pixel differs when a channel moves by more than this.
const CHANNEL_TOLERANCE: u8 = 48;
/// At most this share of the pixels may differ.
const MAX_DIFFERING: f64 = 0.004;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample city's maps: (file name, PNG bytes).
fn sample_maps() -> Vec<(String, Vec<u8>)> {
    let dir = root().join("data/sample");
    let (ws, a) = analyse(&dir, "2026-06-30");
    let model = ws.model();
    let siting = ws.site(&a, &Default::default()).unwrap();
    let mut ctx = ws.map_context(&a, Some(&siting));
    ctx.source = "data/sample".into();
    // The drawing date is today's unless fixed: fixed, so the images do not change daily.
    ctx.drawn_on = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let fonts = FontSet::bundled();
    let mut requests: Vec<(String, MapRequest)> = MapKind::ALL
        .iter()
        .map(|k| (k.name().to_owned(), MapRequest::new(*k)))
        .collect();
    let mut park = MapRequest::new(MapKind::Idle);
    park.park = Some(model.parks[0].id.clone());
    requests.push(("idle-park".into(), park));
    let mut tax = MapRequest::new(MapKind::Intensity);
    tax.field = Some("tax_per_mu".into());
    tax.page.landscape = false;
    requests.push(("intensity-tax-portrait".into(), tax));
    requests
        .into_iter()
        .map(|(name, req)| {
            let scene = build_scene(&ctx, &req).unwrap();
            let svg = compose_svg(&scene, &req.page, ws.lang());
            (format!("{name}.png"), to_png(&svg, DPI, &fonts).unwrap())
        })
        .collect()
}

/// The share of pixels differing by more than the tolerance, and a mask of them.
fn compare(got: &Pixmap, want: &Pixmap) -> (f64, Pixmap) {
    let mut mask = Pixmap::new(got.width(), got.height()).unwrap();
    mask.fill(resvg::tiny_skia::Color::WHITE);
    let mut differing = 0usize;
    for (i, (a, b)) in got.pixels().iter().zip(want.pixels()).enumerate() {
        let d = [
            a.red().abs_diff(b.red()),
            a.green().abs_diff(b.green()),
            a.blue().abs_diff(b.blue()),
        ];
        if d.iter().any(|&c| c > CHANNEL_TOLERANCE) {
            differing += 1;
            mask.pixels_mut()[i] =
                resvg::tiny_skia::PremultipliedColorU8::from_rgba(220, 0, 0, 255).unwrap();
        }
    }
    (differing as f64 / got.pixels().len() as f64, mask)
}

#[test]
fn sample_maps_match_the_golden_images() {
    let golden = root().join("tests/golden");
    let bless = std::env::var_os("PARKSCOPE_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, png) in sample_maps() {
        let path = golden.join(&name);
        if bless {
            std::fs::write(&path, &png).unwrap();
            continue;
        }
        let Ok(want) = Pixmap::load_png(&path) else {
            failures.push(format!(
                "{name}: no golden image (bless with PARKSCOPE_BLESS=1)"
            ));
            continue;
        };
        let got = Pixmap::decode_png(&png).unwrap();
        if (got.width(), got.height()) != (want.width(), want.height()) {
            failures.push(format!(
                "{name}: {}×{} px, golden {}×{}",
                got.width(),
                got.height(),
                want.width(),
                want.height()
            ));
            continue;
        }
        let (share, mask) = compare(&got, &want);
        if share > MAX_DIFFERING {
            let out = root().join("target/golden-diff");
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join(&name), &png).unwrap();
            mask.save_png(out.join(format!("diff-{name}"))).unwrap();
            failures.push(format!(
                "{name}: {:.2} % of pixels differ (tolerance {:.2} %); see target/golden-diff/",
                share * 100.0,
                MAX_DIFFERING * 100.0
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_comparison_catches_a_changed_colour() {
    // The tolerance is not so loose that a recoloured class would pass: repaint one map's
    // most common saturated colour and compare.
    let (name, png) = sample_maps().swap_remove(2);
    let want = Pixmap::decode_png(&png).unwrap();
    let mut counts = std::collections::HashMap::new();
    for p in want.pixels() {
        let (r, g, b) = (p.red(), p.green(), p.blue());
        if r.max(g).max(b) - r.min(g).min(b) > 80 {
            *counts
                .entry((p.red(), p.green(), p.blue()))
                .or_insert(0usize) += 1;
        }
    }
    let (&top, _) = counts.iter().max_by_key(|(_, n)| **n).unwrap();
    let mut got = want.clone();
    for p in got.pixels_mut() {
        if (p.red(), p.green(), p.blue()) == top {
            *p = resvg::tiny_skia::PremultipliedColorU8::from_rgba(top.2, top.0, top.1, 255)
                .unwrap();
        }
    }
    let (share, _) = compare(&got, &want);
    assert!(
        share > MAX_DIFFERING,
        "{name}: a recoloured class changed only {share}"
    );
}
