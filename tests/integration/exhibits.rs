//! Print exhibits checked by structure: standard round scales on every paper and
//! orientation, legends that list what the sheet draws and count what lies in its frame,
//! maps of missing data stamped as not assessed (and skipped by `run`), and the title
//! block a planning institute fills in.

use std::path::Path;

use serde_json::json;

use crate::util::{analyse, gk_collection, rect, Project};
use parkscope::render::{
    build_scene, compose_svg, MapKind, MapRequest, Page, Paper, Scene, Swatch,
};

fn sample() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"))
}

/// Every map kind of the sample, city-wide and for each park, on one page.
fn sample_scenes(page: Page) -> Vec<(String, Scene)> {
    let (ws, a) = analyse(sample(), "2026-06-30");
    let siting = ws.site(&a, &Default::default()).expect("siting");
    let ctx = ws.map_context(&a, Some(&siting));
    let mut out = Vec::new();
    for kind in MapKind::ALL {
        let parks =
            std::iter::once(None).chain(ws.model().parks.iter().map(|p| Some(p.id.clone())));
        for park in parks {
            let mut req = MapRequest::new(kind);
            req.park = park.clone();
            req.page = page;
            let scene = build_scene(&ctx, &req).expect("scene");
            out.push((format!("{} {:?} {:?}", kind.name(), park, page), scene));
        }
    }
    out
}

fn attr(svg: &str, key: &str) -> f64 {
    let i = svg.find(&format!("{key}=\"")).expect(key) + key.len() + 2;
    svg[i..svg[i..].find('"').expect("quote") + i]
        .parse()
        .expect("number")
}

/// {1, 2, 2.5, 5} × 10ⁿ.
fn is_standard(d: f64) -> bool {
    let e = d.log10().floor();
    let m = d / 10f64.powf(e);
    [1.0, 2.0, 2.5, 5.0].iter().any(|k| (m - k).abs() < 1e-9)
}

#[test]
fn every_sheet_is_at_a_standard_round_scale() {
    for paper in [Paper::A4, Paper::A3] {
        for landscape in [true, false] {
            let page = Page { paper, landscape };
            for (name, scene) in sample_scenes(page) {
                let svg = compose_svg(&scene, &page, parkscope::project::Lang::Zh);
                let d = attr(&svg, "data-denominator");
                assert!(is_standard(d), "{name}: 1:{d}");
                assert!(
                    svg.contains(&format!("1:{}", d as u64)),
                    "{name}: 1:{d} printed"
                );
                // The ticks are at round survey coordinates, inside the frame.
                let step = attr(&svg, "data-interval-m");
                assert!(
                    is_standard(step) && step >= 1.0,
                    "{name}: ticks every {step} m"
                );
            }
        }
    }
}

/// Every fill, line and symbol the map draws has a legend entry of its colour, and every
/// legend entry's colour is drawn: the legend is the sheet.
#[test]
fn legends_list_what_the_sheet_draws_and_nothing_else() {
    // A fill is told by its colour and hatch (a class's parcels and its enterprises' points
    // share the colour), a line by its colour.
    let key = |fill: Option<&str>, stroke: Option<&str>, hatch: Option<&str>| match fill {
        Some(f) => format!("fill {f}/{hatch:?}"),
        None => format!("line {stroke:?}"),
    };
    for (name, scene) in sample_scenes(Page::default()) {
        let drawn: std::collections::BTreeSet<String> = scene
            .layers
            .iter()
            .flat_map(|l| {
                let used: std::collections::BTreeSet<usize> =
                    l.items.iter().map(|(_, s)| *s).collect();
                used.into_iter().map(|s| &l.styles[s])
            })
            .map(|s| key(s.fill, s.stroke, s.hatch))
            .collect();
        let listed: std::collections::BTreeSet<String> = scene
            .legend
            .iter()
            .flat_map(|(_, items)| items)
            // The park edge's legend shows the edge most parks have; the others are finer
            // dashes of the same colour.
            .filter(|i| !(i.swatch == Swatch::Line && i.label.contains("园区")))
            // The enterprise-point entry explains that points take their class colour.
            .filter(|i| !i.label.contains("按类别着色"))
            .map(|i| key(i.style.fill, i.style.stroke, i.style.hatch))
            .collect();
        for l in &listed {
            assert!(drawn.contains(l), "{name}: legend entry {l} is not drawn");
        }
        for d in &drawn {
            let park_edge = d.starts_with("line ") && d.contains(parkscope_park_edge());
            assert!(
                park_edge || listed.contains(d),
                "{name}: {d} drawn without a legend entry"
            );
        }
    }
}

fn parkscope_park_edge() -> &'static str {
    // The park boundary colour (render::style::PARK_EDGE).
    "#222222"
}

/// A park close-up counts the parcels in its frame, not the city's.
#[test]
fn park_sheets_count_what_lies_in_their_frame() {
    use geo::{BoundingRect, Intersects};
    let (ws, a) = analyse(sample(), "2026-06-30");
    let ctx = ws.map_context(&a, None);
    for park in &ws.model().parks {
        let mut req = MapRequest::new(MapKind::Idle);
        req.park = Some(park.id.clone());
        let scene = build_scene(&ctx, &req).expect("scene");
        let in_frame = ws
            .model()
            .parcels
            .iter()
            .filter(|p| {
                p.geometry
                    .bounding_rect()
                    .is_some_and(|b| b.intersects(&scene.extent))
            })
            .count();
        let counted: usize = scene.legend[0]
            .1
            .iter()
            .map(|i| {
                let d = i.detail.as_deref().expect("detail");
                d.split(' ')
                    .next()
                    .expect("count")
                    .parse::<usize>()
                    .expect("n")
            })
            .sum();
        assert_eq!(counted, in_frame, "{}", park.id);
        assert!(
            in_frame < ws.model().parcels.len(),
            "{}: a close-up, not the city",
            park.id
        );
    }
}

/// Parcels only: no buildings, no enterprises, no supply records.
fn bare_project() -> Project {
    let p = Project::new();
    p.file(
        "parcels.geojson",
        gk_collection(&[
            (
                json!({"parcel_id": "A-1", "land_use": "M1"}),
                vec![rect(0.0, 0.0, 300.0, 200.0)],
            ),
            (
                json!({"parcel_id": "A-2", "land_use": "M2"}),
                vec![rect(400.0, 0.0, 700.0, 200.0)],
            ),
        ]),
    );
    p.file(
        "parkscope.toml",
        "name = \"空白园\"\nas_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.geojson\"\n",
    );
    p
}

#[test]
fn maps_of_missing_data_are_stamped_not_assessed_and_run_skips_them() {
    let p = bare_project();
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let ctx = ws.map_context(&a, None);
    let stamp = |kind: MapKind| {
        build_scene(&ctx, &MapRequest::new(kind))
            .expect("scene")
            .stamp
    };
    assert_eq!(
        stamp(MapKind::Intensity).as_deref(),
        Some("未提供建筑数据，未评价")
    );
    assert_eq!(
        stamp(MapKind::Evaluation).as_deref(),
        Some("未提供企业台账，未评价")
    );
    assert_eq!(
        stamp(MapKind::Idle).as_deref(),
        Some("宗地无供地状态或供地日期，未评价")
    );
    assert_eq!(stamp(MapKind::Overview), None);
    // No class of a finding in the legend: only the parcels, not assessed.
    let scene = build_scene(&ctx, &MapRequest::new(MapKind::Intensity)).expect("scene");
    let labels: Vec<&str> = scene
        .legend
        .iter()
        .flat_map(|(_, i)| i)
        .map(|i| i.label.as_str())
        .collect();
    assert_eq!(labels, vec!["宗地（未评价）"]);
    let svg = compose_svg(&scene, &Page::default(), parkscope::project::Lang::Zh);
    assert!(svg.contains("id=\"stamp\"") && svg.contains("未提供建筑数据，未评价"));

    let out = tempfile::tempdir().expect("tempdir");
    let r = crate::util::run(&[
        "run".as_ref(),
        p.path().as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.path().join("map-overview.png").exists());
    assert!(!out.path().join("map-intensity.png").exists());
    assert!(
        r.stdout
            .contains("map-intensity not drawn: 未提供建筑数据，未评价"),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("map-evaluation not drawn: 未提供企业台账，未评价"));
}

#[test]
fn the_title_block_names_who_made_the_sheet_its_number_dates_and_crs_in_chinese() {
    let p = bare_project();
    p.file(
        "parkscope.toml",
        "name = \"空白园\"\nas_of = \"2026-06-30\"\nattribution = \"© OpenStreetMap contributors, ODbL 1.0\"\n\
         [map]\norganisation = \"某市规划设计研究院\"\nnumber_prefix = \"KB-2026-\"\nsource = \"市自然资源局宗地库\"\ndate = \"2026-07-15\"\n\
         [layers.parcels]\npath = \"parcels.geojson\"\n",
    );
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let ctx = ws.map_context(&a, None);
    let scene = build_scene(&ctx, &MapRequest::new(MapKind::Idle)).expect("scene");
    let row = |k: &str| {
        scene
            .title_block
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("row {k}"))
    };
    assert_eq!(row("编制单位"), "某市规划设计研究院");
    assert_eq!(row("图号"), "KB-2026-03");
    // The FAR and tax maps are both of kind 02: the indicator's letter tells them apart.
    let number = |field: Option<&str>| {
        let mut req = MapRequest::new(MapKind::Intensity);
        req.field = field.map(str::to_string);
        let scene = build_scene(&ctx, &req).expect("scene");
        let (_, v) = scene
            .title_block
            .iter()
            .find(|(k, _)| k == "图号")
            .expect("图号");
        v.clone()
    };
    assert_eq!(number(None), "KB-2026-02");
    assert_eq!(number(Some("tax_per_mu")), "KB-2026-02C");
    assert_eq!(row("现状基准日"), "2026-06-30");
    assert_eq!(row("制图日期"), "2026-07-15");
    assert_eq!(
        row("坐标系"),
        "2000国家大地坐标系 3°带 中央经线 120°E（EPSG:4549）"
    );
    assert_eq!(row("数据来源"), "市自然资源局宗地库");
    assert_eq!(row("版权"), "© OpenStreetMap contributors, ODbL 1.0");
    let svg = compose_svg(&scene, &Page::default(), parkscope::project::Lang::Zh);
    let footer = &svg[svg.find("id=\"footer\"").expect("footer")..];
    let footer = &footer[..footer.find("</text>").expect("end")];
    assert!(
        footer.contains("© OpenStreetMap contributors, ODbL 1.0"),
        "{footer}"
    );
}

/// The locator inset spans the view's surroundings: three times the view at least, and
/// the whole project.
#[test]
fn the_locator_shows_more_than_the_map() {
    let (ws, a) = analyse(sample(), "2026-06-30");
    let ctx = ws.map_context(&a, None);
    let scene = build_scene(&ctx, &MapRequest::new(MapKind::Overview)).expect("scene");
    assert!(
        !scene.context_built_up.is_empty(),
        "the sample has a built-up area"
    );
    let svg = compose_svg(&scene, &Page::default(), parkscope::project::Lang::Zh);
    let inset = &svg[svg.find("<g id=\"inset\">").expect("inset")..];
    // The red view box is at most a third of the inset's drawing width.
    let pos = inset.find("stroke=\"#d62728\"").expect("view box");
    let red = &inset[inset[..pos].rfind("<rect").expect("rect")..];
    let w = attr(red, "width");
    let inset_w = attr(inset, "width");
    assert!(
        w <= inset_w / 3.0 + 0.5,
        "view {w} mm in an inset of {inset_w} mm"
    );
}

/// The development-progress map's 批而未供 class, read from the parcels' own records,
/// counts the parcels the idle analysis classes 批而未供; its stages add up to every
/// parcel of the city.
#[test]
fn the_progress_map_agrees_with_the_idle_classes() {
    use parkscope::analyse::idle::IdleClass;
    let (ws, a) = analyse(sample(), "2026-06-30");
    let ctx = ws.map_context(&a, None);
    let scene = build_scene(&ctx, &MapRequest::new(MapKind::Progress)).expect("scene");
    let items = &scene.legend[0].1;
    let count = |label: &str| {
        items
            .iter()
            .find(|i| i.label == label)
            .and_then(|i| i.detail.as_deref())
            .and_then(|d| d.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let ans = a
        .idle
        .iter()
        .filter(|v| v.class == IdleClass::ApprovedNotSupplied)
        .count();
    assert_eq!(count("批而未供"), ans);
    let all: usize = items
        .iter()
        .filter_map(|i| {
            i.detail
                .as_deref()?
                .split(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum();
    assert_eq!(all, ws.model().parcels.len());
}

/// The (key, id) pairs of a scene's parcel list, wherever the sheet put it: a table (in a
/// corner or under the frame) or a group of the legend.
fn parcel_list_of(scene: &Scene) -> Vec<(String, String)> {
    if let Some(t) = scene
        .table
        .as_ref()
        .filter(|t| t.title.starts_with("宗地清单"))
    {
        return t
            .rows
            .iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
    }
    scene
        .legend
        .iter()
        .find(|(h, _)| h.as_deref().is_some_and(|h| h.starts_with("宗地清单")))
        .map(|(_, items)| {
            items
                .iter()
                .filter_map(|i| i.label.split_once("  "))
                .map(|(k, id)| (k.to_owned(), id.to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// The sample's idle sheets, city-wide and for each park, A4 and A3 landscape: (park,
/// paper, request, scene).
fn idle_sheets(
    ws: &parkscope::Workspace,
    a: &parkscope::analyse::Analysis,
) -> Vec<(Option<String>, Paper, MapRequest, Scene)> {
    let ctx = ws.map_context(a, None);
    let parks = std::iter::once(None).chain(ws.model().parks.iter().map(|p| Some(p.id.clone())));
    let mut out = Vec::new();
    for park in parks {
        for paper in [Paper::A4, Paper::A3] {
            let mut req = MapRequest::new(MapKind::Idle);
            req.park = park.clone();
            req.page = Page {
                paper,
                landscape: true,
            };
            let scene = build_scene(&ctx, &req).expect("scene");
            out.push((park.clone(), paper, req, scene));
        }
    }
    out
}

/// Idle parcels too small for their id get a numbered key on the map and a line of the
/// sheet's parcel list: every listed key is a label of the scene, on its parcel, and is
/// printed on the sheet (a key the sheet cannot print leaves the list), on the city sheet
/// and each park's, A4 and A3.
#[test]
fn keys_tie_small_idle_parcels_to_the_parcel_list() {
    use geo::Contains;
    let (ws, a) = analyse(sample(), "2026-06-30");
    let mut listed = 0;
    for (park, paper, req, scene) in idle_sheets(&ws, &a) {
        let list = parcel_list_of(&scene);
        let cap = if paper == Paper::A4 { 12 } else { 14 };
        assert!(list.len() <= cap, "{} keys", list.len());
        listed += list.len();
        let svg = compose_svg(&scene, &req.page, parkscope::project::Lang::Zh);
        let printed = group(&svg, "labels").expect("labels");
        for (key, id) in &list {
            let parcel = ws
                .model()
                .parcels
                .iter()
                .find(|p| p.id == id.as_str())
                .expect("listed parcel");
            let label = scene
                .labels
                .iter()
                .find(|l| &l.text == key)
                .expect("its key on the map");
            assert!(
                parcel.geometry.contains(&geo::Point::from(label.at)),
                "key {key} inside {id}"
            );
            assert!(
                printed.contains(&format!(">{key}</text>")),
                "{park:?} {paper:?}: key {key} ({id}) printed"
            );
        }
    }
    assert!(listed > 0);
}

/// The `<g id="…">` group of a sheet, up to the next group with an id (the sheet's parts
/// follow one another; only entries and keys nest inside them, with a class, not an id).
fn group<'a>(svg: &'a str, id: &str) -> Option<&'a str> {
    let start = svg.find(&format!("<g id=\"{id}\""))?;
    let end = svg[start + 1..]
        .find("<g id=\"")
        .map_or(svg.len(), |e| e + start + 1);
    Some(&svg[start..end])
}

/// Every `font-size` in `part`, mm.
fn font_sizes(part: &str) -> Vec<f64> {
    part.split("font-size=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

/// No text on any sheet is below 6 pt (2.117 mm on the printed page), on any paper,
/// orientation or language: a long legend shrinks to fit but not past 6 pt, a long
/// title-block value wraps rather than shrinks, and the ticks, the footer, the wind rose's
/// caption and the sheet tables are 6 pt and over.
#[test]
fn no_text_on_any_sheet_is_below_six_points() {
    use parkscope::project::Lang;
    let six_pt_mm = 6.0 * 25.4 / 72.0;
    for paper in [Paper::A4, Paper::A3] {
        for landscape in [true, false] {
            let page = Page { paper, landscape };
            for (name, scene) in sample_scenes(page) {
                for lang in [Lang::Zh, Lang::En] {
                    let svg = compose_svg(&scene, &page, lang);
                    let legend = group(&svg, "legend").expect("a legend");
                    assert!(!font_sizes(legend).is_empty(), "{name}: legend text");
                    let sizes = font_sizes(&svg);
                    let least = sizes.iter().copied().fold(f64::INFINITY, f64::min);
                    assert!(
                        least >= six_pt_mm - 1e-3,
                        "{name} {lang:?}: text of {least:.2} mm"
                    );
                }
            }
        }
    }
}

/// The parcel list goes where it takes nothing from the map: a table in a corner of the
/// frame that the drawn features leave clear (the frame keeps the scale the sheet has
/// without it), else under the frame in two blocks; on a sheet that already carries a
/// table (the siting map's moves), into the legend. Its heading counts the keyed
/// parcels it leaves to the ledger.
#[test]
fn the_parcel_list_sits_in_a_clear_corner_or_under_the_frame() {
    use geo::{BoundingRect, Contains, Intersects};
    use parkscope::analyse::idle::IdleClass;
    use parkscope::render::{SheetTable, TablePlace};
    let (ws, a) = analyse(sample(), "2026-06-30");
    let mut places = Vec::new();
    for (park, paper, _, scene) in idle_sheets(&ws, &a) {
        // Every idle or inefficient parcel in the frame is labelled with its id (or
        // name), keyed in the list, or counted in the heading as left to the ledger.
        let interest: Vec<&parkscope::model::Parcel> = ws
            .model()
            .parcels
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                a.idle[*i].class != IdleClass::None
                    && (park.is_none()
                        || p.geometry
                            .bounding_rect()
                            .is_some_and(|b| b.intersects(&scene.extent)))
            })
            .map(|(_, p)| p)
            .collect();
        let labelled = interest
            .iter()
            .filter(|p| {
                let text = p
                    .name
                    .as_deref()
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or(&p.id);
                scene
                    .labels
                    .iter()
                    .any(|l| l.text == text && p.geometry.contains(&geo::Point::from(l.at)))
            })
            .count();
        let listed = parcel_list_of(&scene);
        let table = scene
            .table
            .as_ref()
            .filter(|t| t.title.starts_with("宗地清单"));
        let heading = table.map(|t| t.title.clone()).or_else(|| {
            scene
                .legend
                .iter()
                .filter_map(|(h, _)| h.clone())
                .find(|h| h.starts_with("宗地清单"))
        });
        let Some(title) = heading else {
            // No list at all (the idle map has no other table): the parcels too
            // small for a number are counted in a legend note.
            assert!(listed.is_empty(), "{park:?}");
            let small: usize = scene
                .legend
                .iter()
                .filter_map(|(h, _)| h.as_deref())
                .filter(|h| h.contains("宗闲置低效宗地过小未标注"))
                .filter_map(|h| h.split(' ').next()?.parse::<usize>().ok())
                .sum();
            assert_eq!(
                labelled + small,
                interest.len(),
                "{park:?}: every one labelled or counted"
            );
            continue;
        };
        let cap = if paper == Paper::A4 {
            12
        } else {
            SheetTable::MAX_ROWS
        };
        assert!(
            !listed.is_empty() && listed.len() <= cap,
            "{park:?}: {}",
            listed.len()
        );
        // Keys run 1, 2, 3 … down the list, in parcel-id order.
        for (k, (key, _)) in listed.iter().enumerate() {
            assert_eq!(*key, (k + 1).to_string());
        }
        assert!(listed.windows(2).all(|w| w[0].1 < w[1].1), "id order");
        let left = match title.strip_prefix("宗地清单（另有 ") {
            Some(n) => n
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("count"),
            None => {
                assert_eq!(title, "宗地清单");
                0
            }
        };
        assert_eq!(
            labelled + listed.len() + left,
            interest.len(),
            "{park:?} {paper:?}: {labelled} labelled, {} keyed, {left} left",
            listed.len()
        );
        let Some(t) = table else {
            // In the legend: the map keeps the scale it has without the list.
            places.push(None);
            continue;
        };
        assert_eq!(t.header[0], "编号");
        // Under the frame it takes the height of its two blocks (or of the rows it
        // had when the frame was fitted, if keys the sheet could not print left it).
        if t.place == TablePlace::Below {
            assert_eq!(t.block_rows(), t.rows.len().div_ceil(2));
            assert!(t.held_rows == 0 || t.held_rows >= t.block_rows());
        }
        places.push(Some(t.place));
    }
    // The sample shows all three: the city sheet has a clear corner, the park sheets on
    // A4 take the list under the frame, and one on A3 in the legend.
    assert!(
        places
            .iter()
            .any(|p| matches!(p, Some(TablePlace::Corner(_)))),
        "{places:?}"
    );
    assert!(places.contains(&Some(TablePlace::Below)), "{places:?}");
    assert!(places.contains(&None), "{places:?}");
}

/// `[map] parcel_labels` says what parcels are labelled with: name else id (the default),
/// names only (ids such as OpenStreetMap's mean nothing to a reader), or nothing; any
/// other word is refused naming the key.
#[test]
fn parcel_labels_follow_the_project_setting() {
    let p = Project::new();
    p.file(
        "parcels.geojson",
        gk_collection(&[
            (
                json!({"parcel_id": "A-1", "name": "一号地", "land_use": "M1"}),
                vec![rect(0.0, 0.0, 300.0, 200.0)],
            ),
            (
                json!({"parcel_id": "A-2", "land_use": "M2"}),
                vec![rect(400.0, 0.0, 700.0, 200.0)],
            ),
        ]),
    );
    let labels = |setting: &str| -> Vec<String> {
        p.file(
            "parkscope.toml",
            format!("name = \"标注园\"\nas_of = \"2026-06-30\"\n[map]\n{setting}\n[layers.parcels]\npath = \"parcels.geojson\"\n"),
        );
        let (ws, a) = analyse(p.path(), "2026-06-30");
        let ctx = ws.map_context(&a, None);
        let scene = build_scene(&ctx, &MapRequest::new(MapKind::Overview)).expect("scene");
        let mut l: Vec<String> = scene
            .labels
            .iter()
            .map(|l| l.text.clone())
            .filter(|t| t.starts_with("A-") || t == "一号地")
            .collect();
        l.sort();
        l
    };
    assert_eq!(labels(""), ["A-2", "一号地"]);
    assert_eq!(labels("parcel_labels = \"id\""), ["A-2", "一号地"]);
    assert_eq!(labels("parcel_labels = \"name\""), ["一号地"]);
    assert!(labels("parcel_labels = \"none\"").is_empty());
    p.file(
        "parkscope.toml",
        "name = \"标注园\"\n[map]\nparcel_labels = \"ids\"\n[layers.parcels]\npath = \"parcels.geojson\"\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parkscope"))
        .args(["check"])
        .arg(p.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("map.parcel_labels") && err.contains("\"ids\""),
        "{err}"
    );
}
