//! What the user typed: clap structs, syntax only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// parkscope: land-use intensity, idle land, relocation siting and map exhibits for
/// Chinese industrial parks.
#[derive(Parser, Debug)]
#[command(name = "parkscope", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    /// Print a machine-readable summary on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print how long each stage took on stderr.
    #[arg(long, global = true)]
    pub timings: bool,
}

/// A project folder (holding parkscope.toml) or the project file itself.
#[derive(Args, Debug, Clone)]
pub struct ProjectArg {
    /// Project folder or parkscope.toml.
    pub project: PathBuf,
}

/// Where and how the result tables are written.
#[derive(Args, Debug, Clone)]
pub struct TableArgs {
    /// Output folder.
    #[arg(short = 'o', long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub output: FormatArgs,
}

/// The formats of the result tables.
#[derive(Args, Debug, Clone)]
pub struct FormatArgs {
    /// Table formats, comma-separated: geojson, csv, xlsx, shp, gpkg, fgb.
    #[arg(long, value_name = "LIST", default_value = "geojson,csv,xlsx")]
    pub format: String,
    /// CRS of shapefile, GeoPackage and FlatGeobuf geometry (EPSG:NNNN, wgs84, cgcs2000).
    /// Default: the project's survey CRS (CGCS2000 3-degree Gauss-Krüger of its zone).
    /// GeoJSON is always WGS84.
    #[arg(long, value_name = "CRS")]
    pub crs: Option<String>,
    /// Text encoding of shapefile attributes: gbk or utf-8.
    #[arg(long, value_name = "ENC", default_value = "gbk")]
    pub encoding: String,
    /// Write CSV text as it is: no apostrophe before text that begins with = + - @, a tab
    /// or a carriage return (spreadsheets run such cells as formulas).
    #[arg(long)]
    pub csv_raw: bool,
}

/// The subcommands of INTERFACE.md.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run every analysis and map on the bundled sample city.
    Demo {
        /// Output folder.
        #[arg(short = 'o', long, default_value = "maps/demo")]
        out: PathBuf,
        #[command(flatten)]
        output: FormatArgs,
    },
    /// Load and validate every layer; print the per-layer report.
    Check(ProjectArg),
    /// Write a commented parkscope.toml for the data files given (files or folders).
    Init {
        /// Data files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The project file to write (or its folder). Default: parkscope.toml in the folder
        /// given, else beside the first file.
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
        /// The project's name. Default: the folder's name.
        #[arg(long)]
        name: Option<String>,
        /// Replace an existing project file.
        #[arg(long)]
        force: bool,
    },
    /// Land-use intensity per parcel, enterprise and park.
    Intensity {
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        tables: TableArgs,
    },
    /// Per-mu (亩均) evaluation and A/B/C/D classes of enterprises.
    Evaluate {
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        tables: TableArgs,
    },
    /// Idle and inefficient land.
    Idle {
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        tables: TableArgs,
        /// Judge at this date instead of the project's as_of.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Relocation sites for enterprises that must move, and the assignment plan.
    Site {
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        tables: TableArgs,
        /// Only this enterprise.
        #[arg(long)]
        enterprise: Option<String>,
        /// Criterion weights, e.g. distance_old=2,road=1,wastewater=1,cluster=1,surplus=1.
        #[arg(long)]
        weights: Option<String>,
        /// An AHP pairwise matrix (TOML `matrix = [[…]]` or CSV rows; fractions like 1/3).
        #[arg(long)]
        ahp: Option<PathBuf>,
    },
    /// The entry check (入园门槛) of proposed projects: thresholds, leading industries,
    /// serviced land.
    Admit {
        #[command(flatten)]
        project: ProjectArg,
        /// The proposals: a .csv or .xlsx table (项目编号, 行业代码, 意向园区, 用地面积, 总投资, …).
        #[arg(long, value_name = "FILE")]
        proposals: PathBuf,
        /// Output folder.
        #[arg(short = 'o', long, default_value = ".")]
        out: PathBuf,
        #[command(flatten)]
        output: FormatArgs,
    },
    /// One map exhibit; the file's extension (.png, .svg, .pdf) picks the format.
    Render(RenderArgs),
    /// The park dossier: one PDF evaluating every park (or one) — the city summary, then
    /// per park its land use, intensity against the standards, idle land, enterprises,
    /// relocation and potential, with maps, charts and an appendix of rules and sources.
    Report {
        #[command(flatten)]
        project: ProjectArg,
        /// The PDF to write.
        #[arg(short = 'o', long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Only this park's chapter (without the city summary). Default: every park.
        #[arg(long, value_name = "ID")]
        park: Option<String>,
    },
    /// Everything: tables, maps and the dossier (report.pdf) into one folder.
    Run {
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        tables: TableArgs,
    },
    /// The offline web viewer: vector tiles, records and a MapLibre page in one folder.
    Web {
        #[command(flatten)]
        project: ProjectArg,
        /// Output folder.
        #[arg(short = 'o', long)]
        out: PathBuf,
        /// Judge at this date instead of the project's as_of.
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        web: WebArgs,
    },
    /// Serve a viewer folder on 127.0.0.1 (with HTTP range requests, for large tile sets).
    Serve {
        /// The folder `parkscope web` (or `run`'s web/) wrote.
        dir: PathBuf,
        /// Port. Default: 8800.
        #[arg(long, default_value_t = 8800)]
        port: u16,
    },
    /// Convert one layer between formats and coordinate systems.
    Convert {
        /// Input file (.geojson, .shp, .gpkg, .fgb, .csv, .xlsx).
        input: PathBuf,
        /// Output file; its extension picks the format: .geojson, .csv, .xlsx, .shp, .gpkg, .fgb.
        output: PathBuf,
        /// CRS of the input when the file does not say (EPSG code, wgs84, cgcs2000, gcj02, bd09).
        #[arg(long)]
        from: Option<String>,
        /// CRS of the output. Default: wgs84.
        #[arg(long, default_value = "wgs84")]
        to: String,
        /// Coordinate columns of a CSV/Excel input.
        #[arg(long)]
        x: Option<String>,
        /// Coordinate columns of a CSV/Excel input.
        #[arg(long)]
        y: Option<String>,
        /// Text encoding of a shapefile output: gbk or utf-8.
        #[arg(long, value_name = "ENC", default_value = "gbk")]
        encoding: String,
    },
    /// Write a synthetic city of any size as a project folder.
    Synth {
        /// Number of parcels.
        #[arg(long)]
        parcels: usize,
        /// Output folder.
        #[arg(short = 'o', long)]
        out: PathBuf,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The project's name. Default: 合成城市（N 宗地，种子 S）, N the parcels made.
        #[arg(long)]
        name: Option<String>,
        /// At most this many enterprises must relocate. Default: every old-town factory.
        #[arg(long)]
        movers: Option<usize>,
        /// Standard factories (标准厂房) in the parks, and as many small movers that may
        /// share them. Default: none.
        #[arg(long, default_value_t = 0)]
        factories: usize,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (parkscope.1 and one per command) into a folder.
    Man {
        /// Output folder.
        #[arg(short = 'o', long, default_value = "man")]
        out: PathBuf,
    },
}

/// How the web viewer's tiles are cut.
#[derive(Args, Debug, Clone, Copy)]
pub struct WebArgs {
    /// Deepest zoom level cut into tiles (the map zooms further by scaling them).
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u8).range(8..=18))]
    pub max_zoom: u8,
    /// Embed the tiles in the page (so it opens from the file) up to this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 24)]
    pub embed_mb: u64,
    /// At most this many features of a layer in one tile above the deepest zoom; the small
    /// features of denser tiles are coalesced into cells.
    #[arg(long, value_name = "N", default_value_t = parkscope::web::MAX_TILE_FEATURES as u64,
          value_parser = clap::value_parser!(u64).range(100..))]
    pub max_tile_features: u64,
}

/// Arguments of `render`.
#[derive(Args, Debug, Clone)]
pub struct RenderArgs {
    /// Project folder or parkscope.toml.
    pub project: PathBuf,
    /// Map kind: overview, intensity, idle, evaluation, siting, serviced, progress,
    /// supply-years, buildings, unsupplied.
    #[arg(long)]
    pub map: String,
    /// Output file: .png, .svg or .pdf.
    #[arg(short = 'o', long)]
    pub out: PathBuf,
    /// Zoom to one park (its park_id).
    #[arg(long, conflicts_with = "atlas")]
    pub park: Option<String>,
    /// One page per park: a multi-page PDF, or with .png/.svg one file per park
    /// (FILE-<park_id>.png).
    #[arg(long)]
    pub atlas: bool,
    /// Indicator of the intensity map: far, coverage, tax_per_mu, revenue_per_mu, investment_per_mu, value_added_per_mu.
    #[arg(long)]
    pub field: Option<String>,
    /// Classification: standard (FAR at steps of 0.5, parcels below their required minimum
    /// hatched; other indicators at rounded natural breaks), jenks, quantiles, equal.
    #[arg(long, default_value = "standard")]
    pub scheme: String,
    /// Number of classes (2–7).
    #[arg(long, default_value_t = 5)]
    pub classes: usize,
    /// Resolution of a PNG.
    #[arg(long, default_value_t = 150.0)]
    pub dpi: f32,
    /// Paper: a4 or a3.
    #[arg(long, default_value = "a4")]
    pub paper: String,
    /// Portrait instead of landscape.
    #[arg(long)]
    pub portrait: bool,
    /// Judge at this date instead of the project's as_of.
    #[arg(long)]
    pub as_of: Option<String>,
}
