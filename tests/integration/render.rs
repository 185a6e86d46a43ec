//! Maps checked by structure (legend entries match the classes, the scale bar matches the
//! map scale to 1 %) and by pixels (colours where the parcels are; the PDF rendered back
//! to PNG by poppler agrees with resvg's PNG).

use serde_json::json;

use crate::util::{analyse, gk_collection, rect, Project};
use parkscope::render::{build_scene, compose_svg, to_pdf, to_png, FontSet, MapKind, MapRequest};

/// Two 300 × 200 m parcels: one idle since 2025-01-01, one approved but not supplied.
fn fixture() -> Project {
    let p = Project::new();
    p.file(
        "parcels.geojson",
        gk_collection(&[
            (
                json!({"parcel_id": "IDLE-1", "status": "已供", "agreed_start": "2024-01-01"}),
                vec![rect(0.0, 0.0, 300.0, 200.0)],
            ),
            (
                json!({"parcel_id": "ANS-1", "status": "已批"}),
                vec![rect(400.0, 0.0, 700.0, 200.0)],
            ),
        ]),
    );
    p.file(
        "parkscope.toml",
        "name = \"测试园\"\nas_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.geojson\"\n",
    );
    p
}

/// The scene of a map of the project, judged at 2026-06-30.
fn scene_of(p: &Project, kind: MapKind) -> parkscope::render::Scene {
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let mut ctx = ws.map_context(&a, None);
    ctx.source = "test".into();
    build_scene(&ctx, &MapRequest::new(kind)).unwrap()
}

fn svg_of(p: &Project, kind: MapKind) -> String {
    compose_svg(
        &scene_of(p, kind),
        &MapRequest::new(kind).page,
        parkscope::project::Lang::Zh,
    )
}

fn attr(svg: &str, key: &str) -> f64 {
    let i = svg
        .find(&format!("{key}=\""))
        .unwrap_or_else(|| panic!("{key} in svg"))
        + key.len()
        + 2;
    svg[i..svg[i..].find('"').unwrap() + i].parse().unwrap()
}

#[test]
fn legend_lists_exactly_the_classes_drawn_with_counts() {
    let svg = svg_of(&fixture(), MapKind::Idle);
    let labels: Vec<&str> = svg
        .split("class=\"legend-item\" data-label=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(labels, vec!["闲置土地", "批而未供"]);
    // 300 × 200 m = 60 000 m² = 90 亩.
    assert!(svg.contains("1 宗 · 90.0 亩"), "counts and 亩 per class");
    assert!(svg.contains("测试园 闲置低效用地图"));
    // The CRS row of the title block, wrapped onto as many lines as it needs.
    let block = &svg[svg.find("<g id=\"titleblock\"").expect("title block")..];
    let block = &block[..block.find("</g>").expect("its end")];
    let words: String = block
        .split('>')
        .filter_map(|s| s.split('<').next())
        .collect::<String>()
        .split_whitespace()
        .collect();
    assert!(
        words.contains("2000国家大地坐标系3°带中央经线120°E（EPSG:4549）"),
        "{words}"
    );
}

#[test]
fn scale_bar_matches_the_map_scale() {
    let svg = svg_of(&fixture(), MapKind::Idle);
    let (metres, mm, mm_per_m) = (
        attr(&svg, "data-metres"),
        attr(&svg, "data-mm"),
        attr(&svg, "data-mm-per-m"),
    );
    assert!(
        (mm - metres * mm_per_m).abs() / mm < 1e-3,
        "{metres} m drawn {mm} mm at {mm_per_m} mm/m"
    );
    assert!(
        [1.0, 2.0, 5.0]
            .iter()
            .any(|k| (metres / k).log10().fract().abs() < 1e-9),
        "round length {metres}"
    );
    // The first parcel is drawn 300 m wide: its path spans 300 × mm_per_m on the page.
    let layer = &svg[svg.find("<g id=\"layer0\">").unwrap()..];
    let d = &layer[layer.find(" d=\"").unwrap() + 4..];
    let d = &d[..d.find('Z').unwrap()];
    let xs: Vec<f64> = d
        .split(['M', 'L'])
        .filter(|s| !s.is_empty())
        .map(|p| p.split(' ').next().unwrap().parse().unwrap())
        .collect();
    let width =
        xs.iter().copied().fold(f64::MIN, f64::max) - xs.iter().copied().fold(f64::MAX, f64::min);
    assert!(
        (width / (300.0 * mm_per_m) - 1.0).abs() < 0.01,
        "{width} mm for 300 m"
    );
}

fn pixel(png: &[u8], fx: f64, fy: f64) -> [u8; 3] {
    let pm = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
    let (x, y) = (
        (pm.width() as f64 * fx) as u32,
        (pm.height() as f64 * fy) as u32,
    );
    let c = pm.pixel(x, y).unwrap();
    [c.red(), c.green(), c.blue()]
}

fn find_color(png: &[u8], rgb: [u8; 3]) -> usize {
    let pm = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
    pm.pixels()
        .iter()
        .filter(|c| {
            (c.red() as i32 - rgb[0] as i32).abs() <= 2
                && (c.green() as i32 - rgb[1] as i32).abs() <= 2
                && (c.blue() as i32 - rgb[2] as i32).abs() <= 2
        })
        .count()
}

#[test]
fn png_shows_the_class_colours_and_a_white_page() {
    let svg = svg_of(&fixture(), MapKind::Idle);
    let png = to_png(&svg, 96.0, &FontSet::bundled()).unwrap();
    // Idle (#d55e00) and approved-not-supplied (#56b4e9) fill large areas of the map.
    assert!(find_color(&png, [0xd5, 0x5e, 0x00]) > 5_000);
    assert!(find_color(&png, [0x56, 0xb4, 0xe9]) > 2_000);
    assert_eq!(pixel(&png, 0.002, 0.5), [255, 255, 255], "page margin");
}

/// Mean absolute difference per channel over a 59 × 39 grid of samples of two renderings of
/// the same page (sizes may differ by a pixel or two).
fn mean_difference(a: &[u8], b: &[u8]) -> f64 {
    let (a, b) = (
        resvg::tiny_skia::Pixmap::decode_png(a).unwrap(),
        resvg::tiny_skia::Pixmap::decode_png(b).unwrap(),
    );
    assert!(
        (a.width() as i32 - b.width() as i32).abs() <= 2
            && (a.height() as i32 - b.height() as i32).abs() <= 2,
        "sizes {}×{} and {}×{}",
        a.width(),
        a.height(),
        b.width(),
        b.height()
    );
    let mut diff = 0.0;
    let mut n = 0.0;
    for gy in 1..40 {
        for gx in 1..60 {
            let (fx, fy) = (gx as f64 / 60.0, gy as f64 / 40.0);
            let at = |p: &resvg::tiny_skia::Pixmap| {
                p.pixel(
                    (p.width() as f64 * fx) as u32,
                    (p.height() as f64 * fy) as u32,
                )
                .unwrap()
            };
            let (pa, pb) = (at(&a), at(&b));
            diff += ((pa.red() as f64 - pb.red() as f64).abs()
                + (pa.green() as f64 - pb.green() as f64).abs()
                + (pa.blue() as f64 - pb.blue() as f64).abs())
                / 3.0;
            n += 1.0;
        }
    }
    diff / n
}

#[test]
fn pdf_renders_back_like_the_png() {
    if std::process::Command::new("pdftoppm")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("pdftoppm not installed: PDF round trip skipped");
        return;
    }
    let svg = svg_of(&fixture(), MapKind::Idle);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("m.pdf");
    std::fs::write(&pdf, to_pdf(&svg, &FontSet::bundled()).unwrap()).unwrap();
    let st = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "96", "-singlefile"])
        .arg(&pdf)
        .arg(dir.path().join("back"))
        .status()
        .unwrap();
    assert!(st.success());
    let back = std::fs::read(dir.path().join("back.png")).unwrap();
    let ours = to_png(&svg, 96.0, &FontSet::bundled()).unwrap();
    let d = mean_difference(&back, &ours);
    assert!(d < 12.0, "mean difference {d:.1} per channel");
    // Text stays text: the PDF embeds the font.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(17).any(|w| w == b"WenQuanYiMicroHei"),
        "font embedded"
    );
}

#[test]
fn render_command_picks_the_format_by_extension_and_refuses_unknown_kinds() {
    let p = fixture();
    for ext in ["svg", "png", "pdf"] {
        let out = p.join(&format!("m.{ext}"));
        let r = crate::util::run(&[
            "render".as_ref(),
            p.path().as_os_str(),
            "--map".as_ref(),
            "intensity".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
            "--quiet".as_ref(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    }
    let r = crate::util::run(&[
        "render".as_ref(),
        p.path().as_os_str(),
        "--map".as_ref(),
        "heat".as_ref(),
        "--out".as_ref(),
        p.join("x.png").as_os_str(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown kind"), "{}", r.stderr);
}

/// The pages of a PDF, from poppler's pdfinfo.
fn pdf_pages(pdf: &std::path::Path) -> usize {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[test]
fn atlas_has_one_page_per_park_each_like_the_park_close_up() {
    if std::process::Command::new("pdftoppm")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("poppler not installed: atlas check skipped");
        return;
    }
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("atlas.pdf");
    let r = crate::util::run(&[
        "render".as_ref(),
        sample.as_os_str(),
        "--map".as_ref(),
        "idle".as_ref(),
        "--atlas".as_ref(),
        "--out".as_ref(),
        pdf.as_os_str(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (ws, _) = crate::util::analyse(&sample, "2026-06-30");
    let model = ws.model();
    assert_eq!(pdf_pages(&pdf), model.parks.len());
    // Page 2 is the second park's close-up: rendered back, it matches `--park` as a PNG.
    let park = &model.parks[1].id;
    let png = dir.path().join("park.png");
    let r = crate::util::run(&[
        "render".as_ref(),
        sample.as_os_str(),
        "--map".as_ref(),
        "idle".as_ref(),
        "--park".as_ref(),
        park.as_ref(),
        "--dpi".as_ref(),
        "60".as_ref(),
        "--out".as_ref(),
        png.as_os_str(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let st = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "2", "-l", "2", "-singlefile"])
        .arg(&pdf)
        .arg(dir.path().join("page2"))
        .status()
        .unwrap();
    assert!(st.success());
    let back = std::fs::read(dir.path().join("page2.png")).unwrap();
    let ours = std::fs::read(&png).unwrap();
    let d = mean_difference(&back, &ours);
    assert!(d < 12.0, "page 2 vs --park {park}: mean difference {d:.1}");
    // Page 1 is not that park: the comparison can tell pages apart.
    let st = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(dir.path().join("page1"))
        .status()
        .unwrap();
    assert!(st.success());
    let other = mean_difference(&std::fs::read(dir.path().join("page1.png")).unwrap(), &ours);
    assert!(other > d * 1.5, "page 1 {other:.1} vs page 2 {d:.1}");

    // With .png: one file per park.
    let r = crate::util::run(&[
        "render".as_ref(),
        sample.as_os_str(),
        "--map".as_ref(),
        "overview".as_ref(),
        "--atlas".as_ref(),
        "--dpi".as_ref(),
        "30".as_ref(),
        "--out".as_ref(),
        dir.path().join("ov.png").as_os_str(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for p in &model.parks {
        assert!(dir.path().join(format!("ov-{}.png", p.id)).exists());
    }
}

/// The locator of a project without parks draws its parcels; past 5,000 parcels, the
/// convex hull of their extents (here 75 × 75 squares less a corner block).
#[test]
fn the_locator_without_parks_draws_the_parcels_or_their_hull() {
    use geo::Area;
    let context = |p: &Project| scene_of(p, MapKind::Idle).context_shapes;
    assert_eq!(context(&fixture()).len(), 2, "the two parcels");

    // 75 × 75 squares of 10 m at a 20 m pitch, without the 20 × 20 block at the top right.
    let mut features = Vec::new();
    for i in 0..75 {
        for j in 0..75 {
            if i >= 55 && j >= 55 {
                continue;
            }
            let (x, y) = (i as f64 * 20.0, j as f64 * 20.0);
            features.push((
                json!({"parcel_id": format!("P{i}-{j}")}),
                vec![rect(x, y, x + 10.0, y + 10.0)],
            ));
        }
    }
    assert!(features.len() > 5_000);
    let p = Project::new();
    p.file("parcels.geojson", gk_collection(&features));
    p.file(
        "parkscope.toml",
        "as_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.geojson\"\n",
    );
    let shapes = context(&p);
    assert_eq!(shapes.len(), 1, "one hull");
    // Hull corners: (0,0), (1490,0), (1490,1090), (1090,1490), (0,1490): the square of
    // 1490 m less the triangle cut at the missing corner, 400 × 400 / 2.
    let expected = 1490.0 * 1490.0 - 400.0 * 400.0 / 2.0;
    let area = shapes[0].unsigned_area();
    assert!(
        (area - expected).abs() < 1.0,
        "hull area {area} vs {expected}"
    );
}

/// Maps of OpenStreetMap data carry the credit its licence (ODbL) requires; a project can
/// name its own; the sample, which is not OSM data, has no credit row.
#[test]
fn maps_credit_openstreetmap_and_the_projects_own_attribution() {
    let dir = tempfile::tempdir().expect("tempdir");
    let svg_of = |project: &std::path::Path, name: &str| {
        let out = dir.path().join(name);
        let r = crate::util::run(&[
            "render".as_ref(),
            project.as_os_str(),
            "--map".as_ref(),
            "overview".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            "-q".as_ref(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        std::fs::read_to_string(out).expect("svg")
    };
    let sample = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"));
    let plain = svg_of(sample, "sample.svg");
    assert!(!plain.contains("OpenStreetMap") && !plain.contains("版权"));

    // A copy of the sample named as OSM data, then with its own credit.
    let copy = dir.path().join("osm-city");
    std::fs::create_dir(&copy).expect("mkdir");
    for f in std::fs::read_dir(sample).expect("sample") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, copy.join(f.file_name().expect("name"))).expect("copy");
    }
    let toml = std::fs::read_to_string(copy.join("parkscope.toml")).expect("toml");
    let named = format!("name = \"下沙 OSM 用地\"\n{}", strip_name(&toml));
    std::fs::write(copy.join("parkscope.toml"), &named).expect("write");
    let osm = svg_of(&copy, "osm.svg");
    assert!(osm.contains("版权") && osm.contains("© OpenStreetMap contributors"));

    std::fs::write(
        copy.join("parkscope.toml"),
        format!("attribution = \"© 某市自然资源和规划局\"\n{named}"),
    )
    .expect("write");
    let own = svg_of(&copy, "own.svg");
    assert!(own.contains("© 某市自然资源和规划局") && !own.contains("OpenStreetMap"));
}

/// The project file without its top-level `name` line.
fn strip_name(toml: &str) -> String {
    toml.lines()
        .filter(|l| !l.trim_start().starts_with("name ="))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The serviced-land map counts what the parks table says: its 熟地 legend entry is the sum
/// of the parks' serviced_unsupplied_mu.
#[test]
fn serviced_land_map_legend_matches_the_parks_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let svg = dir.path().join("serviced.svg");
    let r = crate::util::run(&[
        "render".as_ref(),
        sample.as_ref(),
        "--map".as_ref(),
        "serviced".as_ref(),
        "-o".as_ref(),
        svg.as_os_str(),
        "-q".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let svg = std::fs::read_to_string(svg).expect("svg");
    assert!(svg.contains("熟地分布图") && svg.contains("熟地（配套齐全，未供）"));
    let r = crate::util::run(&[
        "intensity".as_ref(),
        sample.as_ref(),
        "-o".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let parks = crate::util::read_csv(&dir.path().join("parks.csv"));
    let mu: f64 = parks
        .iter()
        .map(|p| p["serviced_unsupplied_mu"].parse::<f64>().unwrap_or(0.0))
        .sum();
    // The legend follows the 熟地 label: "N 宗 · X 亩".
    let after = &svg[svg.find("熟地（配套齐全，未供）").expect("label")..];
    let shown = after
        .split(" 宗 · ")
        .nth(1)
        .and_then(|s| s.split(" 亩").next())
        .and_then(|s| s.parse::<f64>().ok())
        .expect("a count in 亩");
    assert!(
        (shown - mu).abs() < 0.05 + 1e-9,
        "legend {shown} vs parks {mu}"
    );
}
