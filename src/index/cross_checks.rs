//! Plausibility checks that need two layers joined, made once the index is built: a parcel
//! whose buildings give a FAR no parcel can have, and a parcel supplied before the approval
//! batch it lies in was approved. Each is a warning in the load report; nothing is changed.

use geo::{BoundingRect, InteriorPoint, Intersects};

use super::{envelope, tree_of, Index};
use crate::model::Model;
use crate::problems::{Problem, Reason, Severity};
use crate::project::policy::Plausibility;

/// Warnings on the parcels layer, in parcel order.
pub fn parcel_cross_checks(model: &Model, index: &Index, bounds: &Plausibility) -> Vec<Problem> {
    let far = bounds.parcels.far;
    let batches = tree_of(
        &model
            .approvals
            .iter()
            .map(|a| &a.geometry)
            .collect::<Vec<_>>(),
    );
    let mut out = Vec::new();
    for (i, p) in model.parcels.iter().enumerate() {
        let parts = &index.buildings_on[i];
        if !parts.is_empty() && p.area.m2() > 0.0 {
            let floor: f64 = parts
                .iter()
                .map(|part| part.area.m2() * model.buildings[part.building].floors_counted())
                .sum();
            let v = floor / p.area.m2();
            if !far.holds(v) {
                out.push(
                    Problem::new(
                        Severity::Warning,
                        None,
                        format!(
                            "its {} buildings give a FAR of {v:.2}, outside the plausible range {} (plausibility-{} parcels.far): a building's floors or height is wrong (kept)",
                            parts.len(),
                            far.describe(),
                            bounds.edition
                        ),
                    )
                    .with_id(Some(&p.id)),
                );
            }
        }
        let Some(supplied) = p.supply_date else {
            continue;
        };
        let (Some(bbox), Some(inside)) = (p.geometry.bounding_rect(), p.geometry.interior_point())
        else {
            continue;
        };
        let approved_later = batches
            .locate_in_envelope_intersecting(&envelope(bbox))
            .map(|e| &model.approvals[e.data])
            .filter(|a| a.geometry.intersects(&inside))
            .filter_map(|a| Some((a, a.approval_date?)))
            .filter(|&(_, d)| d > supplied)
            .min_by_key(|&(_, d)| d);
        if let Some((a, approved)) = approved_later {
            out.push(
                Problem::new(
                    Severity::Warning,
                    None,
                    Reason::SuppliedBeforeApproval {
                        supplied,
                        batch: a.id.clone(),
                        approved,
                    },
                )
                .with_id(Some(&p.id))
                .with_field("supply_date"),
            );
        }
    }
    out
}
