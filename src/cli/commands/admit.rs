//! `parkscope admit PROJECT --proposals FILE [--out DIR]`: the entry check of proposed
//! projects against the parks' thresholds, leading industries and serviced land.

use std::path::Path;

use parkscope::error::Result;
use parkscope::{Lang, OutputOptions};

use super::open::open;
use super::Flags;
use crate::cli::progress::Progress;

/// Checks the proposals in `proposals` and writes `admit` into `out`.
pub fn run(
    path: &Path,
    proposals: &Path,
    out: &Path,
    output: &OutputOptions,
    flags: Flags,
) -> Result<()> {
    parkscope::prepare_out_dir(out)?;
    let ws = open(path, None, flags)?;
    let list = ws.read_proposals(proposals)?;
    let progress = Progress::new(flags.quiet);
    progress.step("analysing");
    let a = ws.analyse();
    let r = ws.admit(&a, list, &proposals.display().to_string())?;
    progress.step("writing tables");
    let files = super::take_files(ws.write_admit_tables(&r, out, output)?, flags);
    super::finish_set(out, &files, &ws, "admit")?;
    drop(progress);
    let recommended = |i: usize| -> Vec<&str> {
        r.rows
            .iter()
            .filter(|row| row.proposal == i && row.rank.is_some())
            .map(|row| ws.model().parks[row.park].id.as_str())
            .collect()
    };
    if flags.json {
        let per: Vec<serde_json::Value> = r
            .proposals
            .iter()
            .enumerate()
            .map(|(i, p)| serde_json::json!({"proposal_id": p.id, "recommended": recommended(i)}))
            .collect();
        println!(
            "{}",
            serde_json::json!({"proposals": per, "rows": r.rows.len(), "out": out})
        );
    } else if !flags.quiet {
        let zh = ws.lang() == Lang::Zh;
        for (i, p) in r.proposals.iter().enumerate() {
            let parks = recommended(i);
            let name = p.name.as_deref().unwrap_or("");
            match (zh, parks.is_empty()) {
                (true, false) => println!("{} {name}：推荐 {}", p.id, parks.join("、")),
                (true, true) => println!("{} {name}：无推荐园区", p.id),
                (false, false) => println!("{} {name}: recommended {}", p.id, parks.join(", ")),
                (false, true) => println!("{} {name}: no park recommended", p.id),
            }
        }
        if zh {
            println!("已写入 {}", out.display());
        } else {
            println!("written to {}", out.display());
        }
    }
    Ok(())
}
