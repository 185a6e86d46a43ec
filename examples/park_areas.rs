//! Opens the bundled sample city, runs the analyses and prints each park's id and area.
//!
//! `cargo run --example park_areas`

use parkscope::Workspace;

fn main() -> Result<(), parkscope::Error> {
    let ws = Workspace::open("data/sample")?;
    let analysis = ws.analyse();
    for (park, indicators) in ws.parks_with(&analysis) {
        println!("{} {:.1} 亩", park.id, indicators.area.to_mu());
    }
    Ok(())
}
