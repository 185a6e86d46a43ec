//! `parkscope init PATH... [-o FILE]`: a commented project file for the data given.

use std::path::{Path, PathBuf};

use parkscope::error::Result;
use parkscope::init::{init_project, InitOptions};

use super::Flags;

pub fn run(
    paths: &[PathBuf],
    out: Option<&Path>,
    name: Option<String>,
    force: bool,
    flags: Flags,
) -> Result<()> {
    let file = match out {
        Some(o) if o.is_dir() => o.join("parkscope.toml"),
        Some(o) => o.to_path_buf(),
        None => {
            let first = &paths[0];
            let dir = if first.is_dir() {
                first.clone()
            } else {
                first.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            dir.join("parkscope.toml")
        }
    };
    let done = init_project(paths, &file, &InitOptions { name })?;
    done.write(&file, force)?;
    if flags.json {
        let layers: serde_json::Map<String, serde_json::Value> = done
            .layers
            .iter()
            .map(|(k, p)| (k.name().to_owned(), serde_json::json!(p)))
            .collect();
        println!(
            "{}",
            serde_json::json!({"project": file, "layers": layers, "questions": done.questions, "unused": done.unused.iter().map(|(p, w)| serde_json::json!({"path": p, "why": w})).collect::<Vec<_>>()})
        );
    } else if !flags.quiet {
        println!("wrote {}", file.display());
        for (k, p) in &done.layers {
            let files: Vec<String> = p.iter().map(|p| p.display().to_string()).collect();
            println!("  {:<15} {}", k.name(), files.join(", "));
        }
        if done.questions > 0 {
            println!(
                "{} question(s) in the file (lines starting with `# ?`); then: parkscope check {}",
                done.questions,
                file.display()
            );
        } else {
            println!("then: parkscope check {}", file.display());
        }
    }
    Ok(())
}
