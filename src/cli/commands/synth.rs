//! `parkscope synth --parcels N --out DIR [--seed S]`: a synthetic city as a project folder.

use std::path::Path;
use std::time::Instant;

use parkscope::error::{Error, Result};
use parkscope::synth::{generate, write_project, SynthOptions};

use super::Flags;
use crate::cli::progress::Progress;

pub fn run(
    parcels: usize,
    out: &Path,
    seed: u64,
    name: Option<&str>,
    movers: Option<usize>,
    factories: usize,
    flags: Flags,
) -> Result<()> {
    if parcels == 0 {
        return Err(Error::Usage("--parcels must be at least 1".into()));
    }
    let t = Instant::now();
    let progress = Progress::new(flags.quiet);
    progress.step("generating the city");
    let city = generate(SynthOptions {
        parcels,
        seed,
        movers,
        factories,
    });
    progress.step("writing the project");
    let name = name
        .map(str::to_owned)
        .unwrap_or_else(|| format!("合成城市（{} 宗地，种子 {seed}）", city.parcels.len()));
    write_project(&city, out, &name)?;
    drop(progress);
    if flags.json {
        println!(
            "{}",
            serde_json::json!({"out": out, "parcels": city.parcels.len(), "buildings": city.buildings.len(), "enterprises": city.enterprises.len(), "parks": city.parks.len(), "seconds": t.elapsed().as_secs_f64()})
        );
    } else if !flags.quiet {
        println!(
            "synthetic city written to {}: {} parks, {} parcels, {} buildings, {} enterprises ({:.1} s)",
            out.display(),
            city.parks.len(),
            city.parcels.len(),
            city.buildings.len(),
            city.enterprises.len(),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
