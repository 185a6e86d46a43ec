//! `parkscope convert IN OUT [--from CRS] [--to CRS]`: one layer between formats and
//! coordinate systems, every attribute kept.

use std::path::Path;

use parkscope::convert::{convert_layer, ConvertOptions};
use parkscope::error::Result;

use super::Flags;

pub fn run(input: &Path, output: &Path, opts: &ConvertOptions, flags: Flags) -> Result<()> {
    let r = convert_layer(input, output, opts)?;
    let not_converted = r.problems.len() + r.not_converted.len();
    if !flags.quiet {
        eprintln!(
            "parkscope: {} → {}: {} features from {} to {}{}",
            input.display(),
            output.display(),
            r.features,
            r.from,
            r.to,
            if not_converted > 0 {
                format!(", {not_converted} not converted")
            } else {
                String::new()
            }
        );
        for line in r.problems.iter().take(20) {
            eprintln!("  {line}");
        }
        for line in r.not_converted.iter().take(20) {
            eprintln!("  {line}");
        }
        for cut in &r.cuts {
            eprintln!("parkscope: warning: {cut}");
        }
    }
    if flags.json {
        println!(
            "{}",
            serde_json::json!({"input": input, "output": output, "from": r.from, "to": r.to, "features": r.features, "not_converted": not_converted})
        );
    }
    Ok(())
}
