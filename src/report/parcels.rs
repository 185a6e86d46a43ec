//! The parcels table's rows that the dossier prints, read once and grouped by park.

use std::collections::HashMap;

use rayon::prelude::*;

use super::view::{cell, number, text, View};
use crate::write::{Cell, Rows};

/// One parcel as the parcels table writes it (the cells the dossier reads).
#[derive(Debug, Clone)]
pub struct ParcelRow {
    /// parcel_id.
    pub id: String,
    /// holder.
    pub holder: String,
    /// land_use (the code).
    pub land_use: String,
    /// area_mu, as written.
    pub area_mu: Option<f64>,
    /// far.
    pub far: Option<f64>,
    /// far_min_required.
    pub far_min: Option<f64>,
    /// far_ok (empty when not judged).
    pub far_ok: Option<bool>,
    /// idle_class (the code).
    pub idle_class: String,
    /// idle_class_zh.
    pub idle_class_zh: String,
    /// idle_reason.
    pub idle_reason: String,
    /// idle_since.
    pub idle_since: String,
    /// idle_fee_due.
    pub fee_due: Option<bool>,
    /// recoverable.
    pub recoverable: Option<bool>,
}

fn boolean(c: &Cell) -> Option<bool> {
    match c {
        Cell::Bool(b) => Some(*b),
        _ => None,
    }
}

/// The parcels of each park, in the parcels table's order; `parks` are the park ids in
/// the parks layer's order. Parcels of no park are left out — unless `parks` is empty,
/// when every parcel is in the one group returned (a project without parks).
pub fn parcels_by_park(parcels: &dyn Rows, parks: &[String]) -> Vec<Vec<ParcelRow>> {
    let whole = parks.is_empty();
    let v = View::new(parcels);
    let k = |key| v.col(key);
    let (park, id, holder, land_use, area, far, far_min, far_ok) = (
        k("park_id"),
        k("parcel_id"),
        k("holder"),
        k("land_use"),
        k("area_mu"),
        k("far"),
        k("far_min_required"),
        k("far_ok"),
    );
    let (class, class_zh, reason, since, fee, rec) = (
        k("idle_class"),
        k("idle_class_zh"),
        k("idle_reason"),
        k("idle_since"),
        k("idle_fee_due"),
        k("recoverable"),
    );
    let at: HashMap<&str, usize> = parks
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let rows: Vec<(usize, ParcelRow)> = (0..v.len())
        .into_par_iter()
        .filter_map(|i| {
            let r = v.row(i);
            let p = if whole {
                0
            } else {
                *at.get(text(&r, park).as_str())?
            };
            Some((
                p,
                ParcelRow {
                    id: text(&r, id),
                    holder: text(&r, holder),
                    land_use: text(&r, land_use),
                    area_mu: number(&r, area),
                    far: number(&r, far),
                    far_min: number(&r, far_min),
                    far_ok: boolean(cell(&r, far_ok)),
                    idle_class: text(&r, class),
                    idle_class_zh: text(&r, class_zh),
                    idle_reason: text(&r, reason),
                    idle_since: text(&r, since),
                    fee_due: boolean(cell(&r, fee)),
                    recoverable: boolean(cell(&r, rec)),
                },
            ))
        })
        .collect();
    let mut out = vec![Vec::new(); parks.len().max(usize::from(whole))];
    for (p, row) in rows {
        out[p].push(row);
    }
    out
}
