//! `parkscope web PROJECT --out DIR`, the `web/` folder of `run` and `demo`, and
//! `parkscope serve DIR [--port N]`.

use std::path::{Path, PathBuf};

use parkscope::analyse::site::SitingResult;
use parkscope::analyse::Analysis;
use parkscope::error::Result;
use parkscope::web::serve::Server;
use parkscope::{LayerKind, Workspace};

use super::open::open;
use super::Flags;
use crate::cli::progress::Progress;

/// The viewer's tuning flags.
#[derive(Debug, Clone, Copy)]
pub struct WebFlags {
    /// Deepest zoom cut.
    pub max_zoom: u8,
    /// Embed the archive up to this many MiB.
    pub embed_mb: u64,
    /// The cap of features of a layer in a tile.
    pub max_tile_features: usize,
}

impl Default for WebFlags {
    fn default() -> WebFlags {
        WebFlags {
            max_zoom: 15,
            embed_mb: 24,
            max_tile_features: parkscope::web::MAX_TILE_FEATURES,
        }
    }
}

/// Writes the viewer of an analysed workspace into `out`; returns its files.
pub fn write(
    ws: &Workspace,
    a: &Analysis,
    siting: Option<&SitingResult>,
    out: &Path,
    wf: WebFlags,
    flags: Flags,
) -> Result<Vec<PathBuf>> {
    let progress = Progress::new(flags.quiet);
    progress.step("web viewer: tiles and records");
    let mut opts = ws.web_options(a);
    opts.max_zoom = wf.max_zoom;
    opts.embed_limit = wf.embed_mb << 20;
    opts.max_tile_features = wf.max_tile_features;
    let s = ws.write_web(a, siting, out, &opts)?;
    drop(progress);
    for (stage, d) in &s.timings {
        super::timing(flags, stage, *d);
    }
    if flags.timings {
        for z in &s.zooms {
            let counts: Vec<String> = s
                .layers
                .iter()
                .zip(z.features.iter().zip(&z.cells))
                .map(|((name, _), (n, cell))| match cell {
                    0 | 1 => format!("{name} {n}"),
                    c => format!("{name} {n} (in {c}-px cells)"),
                })
                .collect();
            eprintln!(
                "tiles: z{:<2} {:>6} tiles {:>10} bytes  {}",
                z.zoom,
                z.tiles,
                z.bytes,
                counts.join(", ")
            );
        }
    }
    if !flags.quiet && !flags.json {
        let zooms = match (s.zooms.first(), s.zooms.last()) {
            (Some(a), Some(b)) => format!("{}–{}", a.zoom, b.zoom),
            _ => "-".into(),
        };
        let tiles: usize = s.zooms.iter().map(|z| z.tiles).sum();
        let mb = s.tiles_bytes as f64 / 1048576.0;
        let how = if s.embedded {
            "opens from the file"
        } else {
            "too large to embed: open it through parkscope serve"
        };
        println!(
            "web viewer: {} ({tiles} tiles, zoom {zooms}, {mb:.1} MiB; {how})",
            out.join("index.html").display()
        );
    }
    Ok(s.files)
}

/// `parkscope web`: analyses (and sites, when there are enterprises) and writes the viewer.
pub fn run(
    project: &Path,
    out: &Path,
    as_of: Option<&str>,
    wf: WebFlags,
    flags: Flags,
) -> Result<()> {
    let ws = open(project, as_of, flags)?;
    parkscope::prepare_out_dir(out)?;
    let a = ws.analyse();
    let siting = if ws.has_layer(LayerKind::Enterprises) {
        match ws.site(&a, &Default::default()) {
            Ok(r) => Some(r),
            Err(e) => {
                if !flags.quiet {
                    eprintln!("parkscope: warning: no siting layer in the viewer: {e}");
                }
                None
            }
        }
    } else {
        None
    };
    let files = write(&ws, &a, siting.as_ref(), out, wf, flags)?;
    super::finish_set(out, &files, &ws, "web")
}

/// `parkscope serve`: serves a viewer folder on 127.0.0.1 until interrupted.
pub fn serve(dir: &Path, port: u16, flags: Flags) -> Result<()> {
    let server = Server::bind(dir, port)?;
    if let Some(addr) = server.addr() {
        if flags.json {
            println!(
                "{}",
                serde_json::json!({"url": format!("http://{addr}/"), "dir": dir})
            );
        } else if !flags.quiet {
            println!("serving {} at http://{addr}/ (Ctrl-C stops)", dir.display());
        }
    }
    server.run();
    Ok(())
}
