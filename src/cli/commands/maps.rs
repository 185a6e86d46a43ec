//! `parkscope render PROJECT --map KIND --out FILE`, and the maps `run` and `demo` write.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use parkscope::analyse::Analysis;
use parkscope::error::{Error, Result};
use parkscope::render::{save_atlas, save_map, FontSet, MapKind, MapRequest, Page, Paper, Scheme};
use parkscope::{safe_file_part, Workspace};

use super::open::open;
use super::Flags;
use crate::cli::args::RenderArgs;
use crate::cli::progress::Progress;

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
            "--scheme {}: use standard, jenks, quantiles or equal",
            args.scheme
        ))
    })?;
    let paper = match args.paper.to_lowercase().as_str() {
        "a4" => Paper::A4,
        "a3" => Paper::A3,
        other => return Err(Error::Usage(format!("--paper {other}: use a4 or a3"))),
    };
    let s = open(&args.project, args.as_of.as_deref(), flags)?;
    let progress = Progress::new(flags.quiet);
    progress.step("analysing");
    let a = s.analyse();
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
        let plan = s.site(&a, &Default::default())?;
        super::timing(flags, "siting", t.elapsed());
        Some(plan)
    } else {
        None
    };
    let fonts = FontSet::with_system();
    progress.step("drawing");
    let written = if args.atlas {
        let to = AtlasFiles {
            out: &args.out,
            dpi: args.dpi,
            fonts: &fonts,
        };
        atlas(&s, &a, siting.as_ref(), &req, &to, flags)?
    } else {
        let t = Instant::now();
        let svg = s.draw_map(&a, siting.as_ref(), &req)?;
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
                s.model().parks.len(),
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

/// Where and how an atlas is saved.
struct AtlasFiles<'a> {
    /// A .pdf (one file) or .png/.svg (one file per park beside it).
    out: &'a Path,
    /// Resolution of PNG pages.
    dpi: f32,
    fonts: &'a FontSet,
}

/// One page per park, in the parks' order: a multi-page PDF, or one PNG/SVG per park named
/// `FILE-<park_id>.ext`. Returns the files written.
fn atlas(
    ws: &Workspace,
    a: &Analysis,
    siting: Option<&parkscope::analyse::site::SitingResult>,
    req: &MapRequest,
    to: &AtlasFiles,
    flags: Flags,
) -> Result<Vec<PathBuf>> {
    let (out, dpi, fonts) = (to.out, to.dpi, to.fonts);
    let t = Instant::now();
    let pages = ws.draw_atlas(a, siting, req)?;
    super::timing(flags, "render: scenes + SVG pages", t.elapsed());
    let t = Instant::now();
    let is_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let written = if is_pdf {
        let title = format!("{} — {}", ws.project().name, req.kind.name());
        let svgs: Vec<String> = pages.into_iter().map(|p| p.svg).collect();
        save_atlas(&svgs, &title, out, fonts)?;
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
        pages
            .par_iter()
            .map(|p| {
                let path =
                    out.with_file_name(format!("{stem}-{}.{ext}", safe_file_part(&p.park_id)));
                save_map(&p.svg, &path, dpi, fonts)?;
                Ok(path)
            })
            .collect::<Result<Vec<_>>>()?
    };
    super::timing(flags, "render: pages written", t.elapsed());
    Ok(written)
}

/// Writes every map kind as PNG and PDF (and one park close-up) into `out`.
pub fn render_all(
    s: &Workspace,
    a: &Analysis,
    siting: Option<&parkscope::analyse::site::SitingResult>,
    out: &Path,
    flags: Flags,
) -> Result<Vec<std::path::PathBuf>> {
    let fonts = FontSet::with_system();
    let progress = Progress::new(flags.quiet);
    let mut written = Vec::new();
    let mut requests: Vec<(String, MapRequest)> = MapKind::ALL
        .iter()
        .filter(|k| **k != MapKind::Siting || siting.is_some())
        .map(|k| (format!("map-{}", k.name()), MapRequest::new(*k)))
        .collect();
    if let Some(park) = s.model().parks.first() {
        let mut r = MapRequest::new(MapKind::Idle);
        r.park = Some(park.id.clone());
        requests.push((format!("map-idle-{}", safe_file_part(&park.id)), r));
        let mut r = MapRequest::new(MapKind::Intensity);
        r.field = Some("tax_per_mu".into());
        requests.push(("map-intensity-tax".to_owned(), r));
    }
    // A map whose input the project lacks is not a finding: run skips it and says why
    // (`render --map` still draws it, stamped as not assessed).
    let lang = s.lang();
    let mut skipped: Vec<(String, String)> = Vec::new();
    requests.retain(|(name, req)| {
        let lacking = s.model().lacking(&req.kind.needs(req.field.as_deref()));
        if lacking.is_empty() {
            return true;
        }
        let why = parkscope::words::not_assessed_all(&lacking, lang);
        skipped.push((name.clone(), why));
        false
    });
    let idle_atlas =
        !s.model().parks.is_empty() && s.model().lacking(&MapKind::Idle.needs(None)).is_empty();
    for (name, req) in &requests {
        progress.step(&format!("drawing {name}"));
        let svg = s.draw_map(a, siting, req)?;
        for ext in ["png", "pdf"] {
            let path = out.join(format!("{name}.{ext}"));
            save_map(&svg, &path, 150.0, &fonts)?;
            written.push(path);
        }
    }
    if idle_atlas {
        progress.step("drawing the idle-land atlas");
        let req = MapRequest::new(MapKind::Idle);
        let path = out.join("atlas-idle.pdf");
        let to = AtlasFiles {
            out: &path,
            dpi: 150.0,
            fonts: &fonts,
        };
        written.extend(atlas(s, a, siting, &req, &to, flags)?);
    }
    drop(progress);
    if !flags.quiet && !flags.json {
        let mut names: Vec<&str> = requests.iter().map(|(n, _)| n.as_str()).collect();
        if idle_atlas {
            names.push("atlas-idle");
        }
        println!(
            "maps: {} files ({}) in {}",
            written.len(),
            names.join(", "),
            out.display()
        );
        for (name, why) in &skipped {
            println!("maps: {name} not drawn: {why}");
        }
    }
    Ok(written)
}
