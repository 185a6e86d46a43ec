//! `parkscope render PROJECT --map KIND --out FILE`, and the maps `run` and `demo` write.

use std::path::Path;

use parkscope::analyse::{analyse_all, Analysis};
use parkscope::error::{Error, Result};
use parkscope::render::{
    build_scene, compose_svg, save_map, FontSet, MapContext, MapKind, MapRequest, Page, Paper,
    Scheme,
};

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
    progress.step("drawing");
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
        Some(parkscope::analyse::site::plan_relocation(
            &s.model,
            &s.index,
            &s.policy,
            &a,
            &Default::default(),
        )?)
    } else {
        None
    };
    let scene = build_scene(&context(&s, &a, siting.as_ref()), &req)?;
    let svg = compose_svg(&scene, &req.page, s.project.lang);
    save_map(&svg, &args.out, args.dpi, &FontSet::with_system())?;
    drop(progress);
    if !flags.quiet {
        println!("{} map written to {}", kind.name(), args.out.display());
    }
    Ok(())
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
    drop(progress);
    if !flags.quiet && !flags.json {
        println!(
            "maps: {} files ({}) in {}",
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
