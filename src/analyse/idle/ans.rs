//! Approved but not supplied (批而未供) as geometry: each approval batch minus every
//! supplied parcel, with its area, and the park it lies in.

use geo::{Area, BooleanOps, BoundingRect, MultiPolygon};
use rayon::prelude::*;

use crate::index::{envelope, Index};
use crate::model::{Model, SupplyStatus};
use crate::units::AreaM2;

/// The part of one approval batch not covered by supplied parcels.
#[derive(Debug, Clone)]
pub struct AnsPiece {
    /// Index into `model.approvals`.
    pub approval: usize,
    /// What is left of the batch.
    pub geometry: MultiPolygon<f64>,
    /// Its area.
    pub area: AreaM2,
    /// Park with the largest share of it, none under half.
    pub park: Option<usize>,
}

/// Approval batches minus supplied parcels (a parcel supplied after `as_of` does not count).
pub fn approved_not_supplied(
    model: &Model,
    index: &Index,
    as_of: chrono::NaiveDate,
) -> Vec<AnsPiece> {
    let supplied = |i: usize| {
        let p = &model.parcels[i];
        p.status == Some(SupplyStatus::Supplied) && p.supply_date.is_none_or(|d| d <= as_of)
    };
    model
        .approvals
        .par_iter()
        .enumerate()
        .filter_map(|(ai, a)| {
            let bbox = a.geometry.bounding_rect()?;
            let mut cands: Vec<usize> = index
                .parcels
                .locate_in_envelope_intersecting(&envelope(bbox))
                .map(|e| e.data)
                .filter(|&i| supplied(i))
                .collect();
            cands.sort_unstable();
            let rest = if cands.is_empty() {
                a.geometry.clone()
            } else {
                let cover = geo::unary_union(cands.iter().map(|&i| &model.parcels[i].geometry));
                a.geometry.difference(&cover)
            };
            let area = rest.unsigned_area();
            (area > 1.0).then(|| {
                let park = model
                    .parks
                    .iter()
                    .enumerate()
                    .map(|(k, pk)| (k, crate::index::clipped_area(&rest, &pk.geometry)))
                    .filter(|(_, o)| *o >= crate::index::PARK_MIN_SHARE * area)
                    .max_by(|x, y| x.1.total_cmp(&y.1))
                    .map(|(k, _)| k);
                AnsPiece {
                    approval: ai,
                    geometry: rest,
                    area: AreaM2(area),
                    park,
                }
            })
        })
        .collect()
}

/// Per park: area((∪ approvals ∩ park) − ∪ supplied parcels), from the pieces.
pub fn ans_area_by_park(model: &Model, pieces: &[AnsPiece]) -> Vec<AreaM2> {
    if pieces.is_empty() {
        return vec![AreaM2::ZERO; model.parks.len()];
    }
    let union = geo::unary_union(pieces.iter().map(|p| &p.geometry));
    model
        .parks
        .par_iter()
        .map(|pk| AreaM2(crate::index::clipped_area(&union, &pk.geometry)))
        .collect()
}
