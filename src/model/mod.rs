//! Model: raw layers → typed, valid, metric features in one working frame, and the
//! per-layer [`LoadReport`]. After [`load`], analyses trust the data: geometry is valid
//! and in metres, ids are unique, required fields are present.

mod credit_code;
pub mod fields;
pub mod geometry;
pub mod ids;
mod inputs;
mod layers;
mod placement;
pub mod proposals;
pub mod validity;

mod row;
mod types;

use std::collections::HashSet;

use geo::{CoordsIter, Geometry};
use rayon::prelude::*;

pub use crate::problems::{LayerReport, LoadReport};
pub use credit_code::{check_credit_code, credit_check_char};
pub use ids::{BuildingIx, EnterpriseIx, ParcelIx, ParkIx};
pub use inputs::Input;
pub use layers::{METRES_PER_STOREY, TALL_STOREY_M};
pub use types::*;

use crate::crs::{to_wgs84, Crs, Frame};
use crate::error::{Error, Problem, Result, Severity};
use crate::project::plausibility::Plausibility;
use crate::project::{LayerKind, LayerSpec, Project};
use crate::read::{read_layer, RawLayer};

/// Every layer of a project, typed and in the working frame.
#[derive(Debug, Clone)]
pub struct Model {
    /// The metric frame all geometry is in.
    pub frame: Frame,
    /// 园区.
    pub parks: Vec<Park>,
    /// 宗地 (always present, may be empty only if every feature was rejected).
    pub parcels: Vec<Parcel>,
    /// 建筑.
    pub buildings: Vec<Building>,
    /// 企业.
    pub enterprises: Vec<Enterprise>,
    /// 批准用地.
    pub approvals: Vec<Approval>,
    /// Constraints.
    pub constraints: Vec<Constraint>,
    /// Infrastructure.
    pub infrastructure: Vec<Infrastructure>,
    /// 标准厂房: standard factory buildings.
    pub factories: Vec<Factory>,
    /// Which layers the project gave.
    pub given: HashSet<LayerKind>,
    /// True when the enterprise points were read as WGS84/CGCS2000 lon/lat.
    pub enterprises_lonlat: bool,
    /// What loading found.
    pub report: LoadReport,
}

/// Loads and validates every layer of a project.
///
/// # Errors
/// No parcels layer; a file that cannot be read; an unknown CRS; a field map naming an
/// absent column; a missing required field.
pub(crate) fn load(project: &Project, checks: &Checks) -> Result<Model> {
    let parcels_spec = project.layers.get(&LayerKind::Parcels).ok_or_else(|| {
        Error::Missing(format!(
            "{}: the project has no parcels layer ([layers.parcels] with a path)",
            project.file.display()
        ))
    })?;
    // Layers are read and built one at a time, each file's raw text and values dropped (and
    // their pages returned to the OS) as soon as its features are typed: peak memory is the
    // model plus one layer's raw form.
    // The parcels come first: they choose the working frame.
    let mut parcels_raw = read_files(parcels_spec, project)?;
    let frame = choose_frame(project, &parcels_raw, parcels_spec)?;
    let mut model = Model {
        report: LoadReport {
            frame: frame.name(),
            ..LoadReport::default()
        },
        frame,
        parks: vec![],
        parcels: vec![],
        buildings: vec![],
        enterprises: vec![],
        approvals: vec![],
        constraints: vec![],
        infrastructure: vec![],
        factories: vec![],
        given: project.layers.keys().copied().collect(),
        enterprises_lonlat: false,
    };
    for (kind, spec) in &project.layers {
        let raw = if *kind == LayerKind::Parcels {
            std::mem::take(&mut parcels_raw)
        } else {
            read_files(spec, project)?
        };
        let files = &raw;
        if *kind == LayerKind::Enterprises {
            model.enterprises_lonlat = files.iter().all(|(_, c)| matches!(c, Crs::LonLat));
        }
        let source = Source {
            kind: *kind,
            files,
            spec,
        };
        let report = match kind {
            LayerKind::Parks => build(
                source,
                &model.frame,
                checks,
                layers::park,
                &mut model.parks,
                |p| Some(p.id.as_str()),
            )?,
            LayerKind::Parcels => build(
                source,
                &model.frame,
                checks,
                layers::parcel,
                &mut model.parcels,
                |p| Some(p.id.as_str()),
            )?,
            LayerKind::Buildings => build(
                source,
                &model.frame,
                checks,
                layers::building,
                &mut model.buildings,
                |b| b.id.as_deref(),
            )?,
            LayerKind::Enterprises => build(
                source,
                &model.frame,
                checks,
                layers::enterprise,
                &mut model.enterprises,
                |e| Some(e.id.as_str()),
            )?,
            LayerKind::Approvals => build(
                source,
                &model.frame,
                checks,
                layers::approval,
                &mut model.approvals,
                |_| None,
            )?,
            LayerKind::Constraints => build(
                source,
                &model.frame,
                checks,
                layers::constraint,
                &mut model.constraints,
                |_| None,
            )?,
            LayerKind::Infrastructure => build(
                source,
                &model.frame,
                checks,
                layers::infrastructure,
                &mut model.infrastructure,
                |_| None,
            )?,
            LayerKind::Factories => build(
                source,
                &model.frame,
                checks,
                layers::factory,
                &mut model.factories,
                |f| Some(f.id.as_str()),
            )?,
        };
        model.report.layers.insert(kind.name().to_owned(), report);
        drop(raw);
        crate::memory::release_free_memory();
    }
    placement::check_layers_near_parcels(&model, project.limits.layer_gap_m)?;
    Ok(model)
}

fn read_files(spec: &LayerSpec, project: &Project) -> Result<Vec<(RawLayer, Crs)>> {
    spec.paths
        .par_iter()
        .map(|path| {
            let raw = read_layer(path, &spec.read)?;
            let crs = match (&spec.crs, &raw.declared_crs, &project.crs) {
                (Some(c), _, _) => c.clone(),
                (None, Some(d), _) => Crs::parse(d).map_err(|e| {
                    Error::in_file(raw.display_name(), declared_crs_error(d, &e.to_string()))
                })?,
                (None, None, Some(c)) => c.clone(),
                (None, None, None) => Crs::LonLat,
            };
            Ok((raw, crs))
        })
        .collect()
}

/// Why a declared CRS (a `.prj`, a GeoJSON `crs` member) was refused, without printing
/// the declaration: it may be any file (a symlink to a password file was printed whole).
/// Only its first word shows what it was (`PROJCS`, `GEOGCS`, `root`).
fn declared_crs_error(declared: &str, reason: &str) -> String {
    let word: String = declared
        .trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .take(24)
        .collect();
    let reason = if declared.trim().chars().count() > 24 && reason.contains(declared.trim()) {
        "it is neither WKT nor a CRS name parkscope knows (EPSG:NNNN, wgs84, cgcs2000, gcj02, bd09)"
            .to_owned()
    } else {
        reason.chars().take(200).collect()
    };
    format!("the declared CRS (starting `{word}`) cannot be used: {reason}; declare the layer's crs in the project file")
}

/// The working frame: the project CRS's meridian when it is Gauss-Krüger, else the
/// 3-degree zone of the parcels' median longitude (robust to a few wild coordinates).
fn choose_frame(project: &Project, parcels: &[(RawLayer, Crs)], spec: &LayerSpec) -> Result<Frame> {
    if let Some(Crs::Projected(p)) = &project.crs {
        if let Some((cm, ..)) = p.tmerc_params() {
            return Ok(Frame::with_central_meridian(cm));
        }
    }
    let mut lons: Vec<f64> = parcels
        .iter()
        .flat_map(|(raw, crs)| {
            let step = (raw.features.len() / 2000).max(1);
            raw.features.iter().step_by(step).filter_map(move |f| {
                let c = f.geometry.as_ref()?.coords_iter().next()?;
                let (lon, lat) = to_wgs84(crs, geometry::strip_zone_prefix(crs, c.x), c.y)?;
                ((60.0..150.0).contains(&lon) && (0.0..60.0).contains(&lat)).then_some(lon)
            })
        })
        .collect();
    if lons.is_empty() {
        if let Some((raw, p)) = parcels
            .iter()
            .find_map(|(raw, _)| raw.problems.first().map(|p| (raw, p)))
        {
            if raw.features.is_empty() {
                return Err(Error::Missing(format!(
                    "every feature of the parcels layer was rejected; the first: {}",
                    p.describe(&raw.display_name())
                )));
            }
        }
        let file = spec
            .paths
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        return Err(Error::in_file(
            file,
            "no parcel has coordinates in China in the declared CRS: check the layer's crs (GeoJSON without a crs member is read as WGS84 lon/lat)",
        ));
    }
    lons.sort_by(f64::total_cmp);
    Ok(Frame::for_longitude(lons[lons.len() / 2]))
}

type Builder<T> = fn(&mut row::Row, Option<Geometry<f64>>, usize) -> Option<T>;

/// What loading checks values against: the plausible bounds and the as-of date.
#[derive(Debug, Clone, Copy)]
pub struct Checks<'a> {
    /// Bounds of plausible values.
    pub bounds: &'a Plausibility,
    /// The date the data stand at: a supply, start or completion dated after it cannot have
    /// happened yet. The later of the project's `as_of` and the date judged at, so that a
    /// look back (`--as-of` earlier than the project's) does not doubt the ledger.
    pub data_date: chrono::NaiveDate,
}

/// One layer's files as read, with what the project says of it.
#[derive(Clone, Copy)]
struct Source<'a> {
    kind: LayerKind,
    files: &'a [(RawLayer, Crs)],
    spec: &'a LayerSpec,
}

fn build<T: Send>(
    source: Source,
    frame: &Frame,
    checks: &Checks,
    builder: Builder<T>,
    out: &mut Vec<T>,
    id_of: impl Fn(&T) -> Option<&str>,
) -> Result<LayerReport> {
    let Source { kind, files, spec } = source;
    let mut report = LayerReport {
        path: files
            .iter()
            .map(|(r, _)| r.display_name())
            .collect::<Vec<_>>()
            .join(", "),
        crs: files.first().map(|(_, c)| c.name()).unwrap_or_default(),
        encoding: files
            .first()
            .and_then(|(r, _)| r.encoding.map(str::to_owned)),
        ..LayerReport::default()
    };
    let id_field = layers::id_field(kind);
    for (raw, crs) in files {
        let file = raw.display_name();
        let cols = fields::resolve(kind, &file, &raw.fields, &spec.fields)?;
        let conv = frame.converter(crs);
        report.read += raw.count;
        for p in &raw.problems {
            report.add(vec![p.clone()]);
        }
        let built: Vec<(Option<T>, Vec<Problem>)> = raw
            .features
            .par_iter()
            .map(|f| {
                let mut row = row::Row::new(&cols, f, checks);
                let geometry = match &f.geometry {
                    None => None,
                    Some(g) => match geometry::to_frame(g, crs, &conv, f.number) {
                        Ok((g, repair)) => {
                            row.problems.extend(repair);
                            Some(g)
                        }
                        Err(p) => {
                            let id = row.text(id_field);
                            return (None, vec![p.with_id(id.as_deref())]);
                        }
                    },
                };
                let t = builder(&mut row, geometry, f.number);
                let id = row.text(id_field);
                let rejected = row.rejected();
                let problems = row
                    .problems
                    .into_iter()
                    .map(|p| p.with_id(id.as_deref()))
                    .collect();
                (if rejected { None } else { t }, problems)
            })
            .collect();
        // Which features repeat an id met before (in an earlier file or earlier in this
        // one); ids are borrowed, not copied. Buildings may share ids (DATA.md).
        let duplicate: Vec<bool> = if kind == LayerKind::Buildings {
            vec![false; built.len()]
        } else {
            let mut seen: HashSet<&str> = HashSet::with_capacity(out.len() + built.len());
            seen.extend(out.iter().filter_map(&id_of));
            built
                .iter()
                .map(|(t, _)| {
                    t.as_ref()
                        .and_then(&id_of)
                        .is_some_and(|id| !seen.insert(id))
                })
                .collect()
        };
        out.reserve(built.len());
        for (((t, mut problems), f), duplicate) in
            built.into_iter().zip(&raw.features).zip(duplicate)
        {
            if let Some(t) = t {
                if duplicate {
                    let id = id_of(&t).unwrap_or_default();
                    problems.push(
                        Problem::new(
                            Severity::Rejected,
                            Some(f.number),
                            crate::problems::Reason::DuplicateId { id: id.to_owned() },
                        )
                        .with_id(Some(id)),
                    );
                } else {
                    out.push(t);
                }
            }
            if !problems.is_empty() {
                report.add(problems);
            }
        }
    }
    Ok(report)
}
