//! Approved but not supplied (批而未供) as geometry: each approval batch minus every
//! supplied parcel, with its area, and the park it lies in.

use geo::algorithm::bool_ops::FillRule;
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
            // One difference against every covering parcel at once: the model's polygons are
            // consistently oriented, so the non-zero rule reads overlapping parcels as their union.
            let rest = crate::model::geometry::canonical(if cands.is_empty() {
                a.geometry.clone()
            } else {
                let cover = MultiPolygon::new(
                    cands
                        .iter()
                        .flat_map(|&i| model.parcels[i].geometry.0.iter().cloned())
                        .collect(),
                );
                crate::index::repaired(
                    a.geometry
                        .difference_with_fill_rule(&cover, FillRule::NonZero),
                )
            });
            let area = rest.unsigned_area();
            (area > 1.0).then(|| {
                let mut near: Vec<usize> = rest
                    .bounding_rect()
                    .map(|b| {
                        index
                            .parks
                            .locate_in_envelope_intersecting(&envelope(b))
                            .map(|e| e.data)
                            .collect()
                    })
                    .unwrap_or_default();
                near.sort_unstable();
                let park = near
                    .into_iter()
                    .map(|k| {
                        (
                            k,
                            crate::index::clipped_area(&rest, &model.parks[k].geometry),
                        )
                    })
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

/// Per park: area((∪ approvals ∩ park) − ∪ supplied parcels), from the pieces. When no
/// two approval batches overlap, the pieces are disjoint and their clipped areas add up;
/// otherwise the overlapping pieces are united first.
pub fn ans_area_by_park(model: &Model, index: &Index, pieces: &[AnsPiece]) -> Vec<AreaM2> {
    if pieces.is_empty() || model.parks.is_empty() {
        return vec![AreaM2::ZERO; model.parks.len()];
    }
    // Pieces overlap only where their batches do: test the (simple) batch polygons.
    let batches: Vec<&MultiPolygon<f64>> = model.approvals.iter().map(|a| &a.geometry).collect();
    let tree = crate::index::tree_of(&batches);
    let overlapping = batches.par_iter().enumerate().any(|(i, g)| {
        g.bounding_rect().is_some_and(|b| {
            tree.locate_in_envelope_intersecting(&envelope(b))
                .any(|e| e.data > i && crate::index::clipped_area(g, batches[e.data]) > 1.0)
        })
    });
    if overlapping {
        // Overlapping batches: per park, unite the pieces clipped to it (bounded work,
        // never a city-wide union).
        let piece_tree =
            crate::index::tree_of(&pieces.iter().map(|p| &p.geometry).collect::<Vec<_>>());
        return model
            .parks
            .par_iter()
            .map(|pk| {
                let Some(b) = pk.geometry.bounding_rect() else {
                    return AreaM2::ZERO;
                };
                let clipped: Vec<MultiPolygon<f64>> = piece_tree
                    .locate_in_envelope_intersecting(&envelope(b))
                    .map(|e| {
                        crate::index::repaired(pieces[e.data].geometry.intersection(&pk.geometry))
                    })
                    .collect();
                AreaM2(crate::index::repaired(geo::unary_union(clipped.iter())).unsigned_area())
            })
            .collect();
    }
    let mut out = vec![AreaM2::ZERO; model.parks.len()];
    let contributions: Vec<Vec<(usize, f64)>> = pieces
        .par_iter()
        .map(|p| {
            let Some(b) = p.geometry.bounding_rect() else {
                return vec![];
            };
            index
                .parks
                .locate_in_envelope_intersecting(&envelope(b))
                .map(|e| {
                    (
                        e.data,
                        crate::index::clipped_area(&p.geometry, &model.parks[e.data].geometry),
                    )
                })
                .collect()
        })
        .collect();
    for c in contributions.into_iter().flatten() {
        out[c.0].0 += c.1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    #[test]
    fn canonical_order_does_not_depend_on_where_rings_start_or_their_order() {
        let a = polygon![
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)],
            interiors: [
                [(x: 1.0, y: 1.0), (x: 1.0, y: 2.0), (x: 2.0, y: 2.0), (x: 2.0, y: 1.0)],
                [(x: 5.0, y: 5.0), (x: 5.0, y: 6.0), (x: 6.0, y: 6.0), (x: 6.0, y: 5.0)],
            ],
        ];
        let b = polygon![(x: 20.0, y: 0.0), (x: 30.0, y: 0.0), (x: 30.0, y: 5.0)];
        // The same shapes: rings starting elsewhere (same orientation), holes and
        // polygons in the other order.
        let a2 = polygon![
            exterior: [(x: 10.0, y: 10.0), (x: 0.0, y: 10.0), (x: 0.0, y: 0.0), (x: 10.0, y: 0.0)],
            interiors: [
                [(x: 6.0, y: 6.0), (x: 6.0, y: 5.0), (x: 5.0, y: 5.0), (x: 5.0, y: 6.0)],
                [(x: 2.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 2.0), (x: 2.0, y: 2.0)],
            ],
        ];
        let b2 = polygon![(x: 30.0, y: 5.0), (x: 20.0, y: 0.0), (x: 30.0, y: 0.0)];
        let one = crate::model::geometry::canonical(MultiPolygon::new(vec![a.clone(), b.clone()]));
        let other = crate::model::geometry::canonical(MultiPolygon::new(vec![b2, a2]));
        assert_eq!(one, other);
        assert_eq!(one.0[0].exterior().0[0], geo::coord! { x: 0.0, y: 0.0 });
        assert_eq!(
            one.unsigned_area(),
            MultiPolygon::new(vec![a, b]).unsigned_area()
        );
    }
}
