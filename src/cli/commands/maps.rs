//! `parkscope render PROJECT --map KIND --out FILE`, and the maps `run` and `demo` write.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use parkscope::analyse::{analyse_all, Analysis};
use parkscope::error::{Error, Result};
use parkscope::render::{
    atlas_pdf, build_scene, compose_svg, save_map, FontSet, MapContext, MapKind, MapRequest, Page,
    Paper, Scheme,
};
use parkscope::write::write_bytes;

use super::session::Session;
use super::Flags;
use crate::cli::args::RenderArgs;
use crate::cli::progress::Progress;

fn context<'a>(
    s: &'a Session,
    a: &'a Analysis,
    siting: Option<&'a parkscope::analyse::site::SitingResult>,
) -> MapContext<'a> {
    let files = s
        .project
        .layers
        .values()
        .map(|l| l.paths.len())
        .sum::<usize>();
    let folder = s
        .project
        .folder()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = match s.project.lang {
        parkscope::project::Lang::Zh => format!(
            "{folder}/{}（{files} 个图层文件）",
            s.project
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
        parkscope::project::Lang::En => format!(
            "{folder}/{} ({files} layer files)",
            s.project
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
    };
    MapContext {
        model: &s.model,
        index: &s.index,
        analysis: a,
        project: s.project.name.clone(),
        lang: s.project.lang,
        source,
        siting,
    }
}

/// Renders one map as the user asked.
pub fn render(args: &RenderArgs, flags: Flags) -> Result<()> {
    let kind = MapKind::parse(&args.map).ok_or_else(|| {
        Error::Usage(format!(
            "--map {}: unknown kind (use one of: {})",
            args.map,
            MapKind::ALL
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let scheme = Scheme::parse(&args.scheme).ok_or_else(|| {
        Error::Usage(format!(
            "--scheme {}: use quantiles, equal or jenks",
            args.scheme
        ))
    })?;
    let paper = match args.paper.to_lowercase().as_str() {
        "a4" => Paper::A4,
        "a3" => Paper::A3,
        other => return Err(Error::Usage(format!("--paper {other}: use a4 or a3"))),
    };
    let s = Session::open(&args.project, args.as_of.as_deref(), flags)?;
    let progress = Progress::new(flags.quiet);
    progress.step("analysing");
    let a = analyse_all(&s.model, &s.index, &s.policy, s.as_of);
    for (stage, d) in &a.timings {
        super::timing(flags, stage, *d);
    }
    let req = MapRequest {
        kind,
        park: args.park.clone(),
        field: args.field.clone(),
        scheme,
        classes: args.classes,
        page: Page {
            paper,
            landscape: !args.portrait,
        },
    };
    let siting = if kind == MapKind::Siting {
        progress.step("siting");
        let t = Instant::now();
        let plan = parkscope::analyse::site::plan_relocation(
            &s.model,
            &s.index,
            &s.policy,
            &a,
            &Default::default(),
        )?;
        super::timing(flags, "siting", t.elapsed());
        Some(plan)
    } else {
        None
    };
    let ctx = context(&s, &a, siting.as_ref());
    let fonts = FontSet::with_system();
    progress.step("drawing");
    let written = if args.atlas {
        atlas(&ctx, &req, &args.out, args.dpi, &fonts, flags)?
    } else {
        let t = Instant::now();
        let scene = build_scene(&ctx, &req)?;
        let svg = compose_svg(&scene, &req.page, s.project.lang);
        super::timing(flags, "render: scene + SVG", t.elapsed());
        let t = Instant::now();
        save_map(&svg, &args.out, args.dpi, &fonts)?;
        super::timing(flags, "render: rasterise/convert + write", t.elapsed());
        vec![args.out.clone()]
    };
    drop(progress);
    if !flags.quiet {
        if args.atlas {
            println!(
                "{} atlas of {} parks written to {}",
                kind.name(),
                s.model.parks.len(),
                match written.as_slice() {
                    [one] => one.display().to_string(),
                    many => format!("{} files beside {}", many.len(), args.out.display()),
                }
            );
        } else {
            println!("{} map written to {}", kind.name(), args.out.display());
        }
    }
    Ok(())
}

/// One page per park, in the parks' order: a multi-page PDF, or one PNG/SVG per park named
/// `FILE-<park_id>.ext`. Returns the files written.
fn atlas(
    ctx: &MapContext,
    req: &MapRequest,
    out: &Path,
    dpi: f32,
    fonts: &FontSet,
    flags: Flags,
) -> Result<Vec<PathBuf>> {
    let parks = &ctx.model.parks;
    if parks.is_empty() {
        return Err(Error::Missing(
            "--atlas draws one page per park, and the project has no parks layer".into(),
        ));
    }
    let t = Instant::now();
    let pages = parks
        .par_iter()
        .map(|p| {
            let mut r = req.clone();
            r.park = Some(p.id.clone());
            let scene = build_scene(ctx, &r)?;
            Ok(compose_svg(&scene, &r.page, ctx.lang))
        })
        .collect::<Result<Vec<String>>>()?;
    super::timing(flags, "render: scenes + SVG pages", t.elapsed());
    let t = Instant::now();
    let is_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let written = if is_pdf {
        let title = format!("{} — {}", ctx.project, req.kind.name());
        write_bytes(out, &atlas_pdf(&pages, &title, fonts)?)?;
        vec![out.to_path_buf()]
    } else {
        let stem = out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = out
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        parks
            .par_iter()
            .zip(pages.par_iter())
            .map(|(p, svg)| {
                let path = out.with_file_name(format!("{stem}-{}.{ext}", safe_file_part(&p.id)));
                save_map(svg, &path, dpi, fonts)?;
                Ok(path)
            })
            .collect::<Result<Vec<_>>>()?
    };
    super::timing(flags, "render: pages written", t.elapsed());
    Ok(written)
}

/// A park id made safe for a file name (path separators and the like become `_`).
fn safe_file_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Writes every map kind as PNG and PDF (and one park close-up) into `out`.
pub fn render_all(
    s: &Session,
    a: &Analysis,
    siting: Option<&parkscope::analyse::site::SitingResult>,
    out: &Path,
    flags: Flags,
) -> Result<Vec<std::path::PathBuf>> {
    let fonts = FontSet::with_system();
    let ctx = context(s, a, siting);
    let progress = Progress::new(flags.quiet);
    let mut written = Vec::new();
    let mut requests: Vec<(String, MapRequest)> = MapKind::ALL
        .iter()
        .filter(|k| **k != MapKind::Siting || siting.is_some())
        .map(|k| (format!("map-{}", k.name()), MapRequest::new(*k)))
        .collect();
    if let Some(park) = s.model.parks.first() {
        let mut r = MapRequest::new(MapKind::Idle);
        r.park = Some(park.id.clone());
        requests.push((format!("map-idle-{}", park.id), r));
        let mut r = MapRequest::new(MapKind::Intensity);
        r.field = Some("tax_per_mu".into());
        requests.push(("map-intensity-tax".to_owned(), r));
    }
    for (name, req) in &requests {
        progress.step(&format!("drawing {name}"));
        let scene = build_scene(&ctx, req)?;
        let svg = compose_svg(&scene, &req.page, s.project.lang);
        for ext in ["png", "pdf"] {
            let path = out.join(format!("{name}.{ext}"));
            save_map(&svg, &path, 150.0, &fonts)?;
            written.push(path);
        }
    }
    if !s.model.parks.is_empty() {
        progress.step("drawing the idle-land atlas");
        let req = MapRequest::new(MapKind::Idle);
        written.extend(atlas(
            &ctx,
            &req,
            &out.join("atlas-idle.pdf"),
            150.0,
            &fonts,
            flags,
        )?);
    }
    drop(progress);
    if !flags.quiet && !flags.json {
        println!(
            "maps: {} files ({}, atlas-idle) in {}",
            written.len(),
            requests
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            out.display()
        );
    }
    Ok(written)
}
