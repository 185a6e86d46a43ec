//! The hard constraints, checked in order (land: industry, area, buffer, exclusion;
//! factory space: pollution, shared protection, industry, floor area, floor load, clear
//! height, buffer, exclusion), each failure kept as evidence with the measured value and
//! the threshold. Factory space is considered only for a mover that states a floor-area
//! need.

use geo::BoundingRect;
use rayon::prelude::*;

use super::context::SitingContext;
use super::facts::SiteFacts;
use super::movers::{Mover, ProtectionSource};
use crate::model::ConstraintKind;
use crate::units::AreaM2;

/// A hard constraint of the siting, in checking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Constraint {
    /// The park's leading industries admit the enterprise's.
    Industry,
    /// The site is large enough.
    Area,
    /// The nearest sensitive receptor is beyond the protection distance.
    Buffer,
    /// No overlap with an exclusion zone.
    Exclusion,
    /// Factory space: the mover is not a heavy polluter.
    Pollution,
    /// Factory space: the mover's protection distance is within the shared-building limit.
    SharedProtection,
    /// Factory space: the factory's vacant floor area holds the mover's need.
    FloorArea,
    /// Factory space: the floor load meets the mover's need.
    FloorLoad,
    /// Factory space: the clear height meets the mover's need.
    ClearHeight,
}

impl Constraint {
    /// Every constraint, in checking order.
    pub const ALL: [Constraint; 4] = [
        Constraint::Industry,
        Constraint::Area,
        Constraint::Buffer,
        Constraint::Exclusion,
    ];
    /// Every constraint of factory space, in checking order.
    pub const SHARED: [Constraint; 8] = [
        Constraint::Pollution,
        Constraint::SharedProtection,
        Constraint::Industry,
        Constraint::FloorArea,
        Constraint::FloorLoad,
        Constraint::ClearHeight,
        Constraint::Buffer,
        Constraint::Exclusion,
    ];
    /// The code written in `rejected.csv` (`excluded_by`).
    pub fn code(self) -> &'static str {
        match self {
            Constraint::Industry => "industry",
            Constraint::Area => "area",
            Constraint::Buffer => "buffer",
            Constraint::Exclusion => "exclusion",
            Constraint::Pollution => "pollution",
            Constraint::SharedProtection => "shared_protection",
            Constraint::FloorArea => "floor_area",
            Constraint::FloorLoad => "floor_load",
            Constraint::ClearHeight => "clear_height",
        }
    }
    /// Its place in [`Constraint::SHARED`].
    fn shared_index(self) -> usize {
        Constraint::SHARED
            .iter()
            .position(|c| *c == self)
            .unwrap_or(0)
    }
}

/// The first constraint a site failed for an enterprise, with the measured value and the
/// threshold.
#[derive(Debug, Clone, PartialEq)]
pub enum RejectionEvidence {
    /// The park does not lead in the enterprise's industry.
    Industry {
        /// The enterprise's 2-digit industry, when known.
        industry: Option<String>,
        /// The park's id.
        park_id: String,
        /// Its leading industries.
        leading: Vec<String>,
    },
    /// The site is too small.
    Area {
        /// The site's area.
        area: AreaM2,
        /// The land the enterprise needs.
        required: AreaM2,
    },
    /// A sensitive receptor lies within the protection distance.
    Buffer {
        /// Distance to the nearest sensitive receptor, m.
        distance_m: f64,
        /// The protection distance, m.
        protection_m: f64,
        /// Where the protection distance came from.
        source: ProtectionSource,
    },
    /// The site overlaps an exclusion zone.
    Exclusion {
        /// The zone's kind.
        kind: ConstraintKind,
        /// The overlap, m².
        overlap_m2: f64,
        /// The largest overlap allowed, m².
        max_m2: f64,
    },
    /// A heavy polluter may not share a building.
    Pollution,
    /// The protection distance exceeds the shared-building limit.
    SharedProtection {
        /// The mover's protection distance, m.
        protection_m: f64,
        /// Where it came from.
        source: ProtectionSource,
        /// The limit for shared buildings, m.
        max_m: f64,
    },
    /// The factory's vacant floor area is less than the need.
    FloorArea {
        /// Vacant floor area, m².
        vacant_m2: f64,
        /// The mover's floor-area need, m².
        required_m2: f64,
    },
    /// The floor load is below the need (or not given).
    FloorLoad {
        /// The factory's floor load, kN/m².
        load: Option<f64>,
        /// The need, kN/m².
        required: f64,
    },
    /// The clear height is below the need (or not given).
    ClearHeight {
        /// The factory's clear height, m.
        height: Option<f64>,
        /// The need, m.
        required: f64,
    },
}

impl RejectionEvidence {
    /// The constraint that failed.
    pub fn constraint(&self) -> Constraint {
        match self {
            RejectionEvidence::Industry { .. } => Constraint::Industry,
            RejectionEvidence::Area { .. } => Constraint::Area,
            RejectionEvidence::Buffer { .. } => Constraint::Buffer,
            RejectionEvidence::Exclusion { .. } => Constraint::Exclusion,
            RejectionEvidence::Pollution => Constraint::Pollution,
            RejectionEvidence::SharedProtection { .. } => Constraint::SharedProtection,
            RejectionEvidence::FloorArea { .. } => Constraint::FloorArea,
            RejectionEvidence::FloorLoad { .. } => Constraint::FloorLoad,
            RejectionEvidence::ClearHeight { .. } => Constraint::ClearHeight,
        }
    }
}

/// Why a site was ruled out for an enterprise.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// Site index.
    pub site: usize,
    /// The first constraint that failed, with its measured value and threshold.
    pub evidence: RejectionEvidence,
}

impl Rejection {
    /// The first constraint that failed.
    pub fn excluded_by(&self) -> Constraint {
        self.evidence.constraint()
    }
}

/// One enterprise's screening: the rejections written (nearest first) and the counts.
#[derive(Debug, Clone, Default)]
pub struct Rejections {
    /// The rejections kept for output (at most `max_rejected_written`).
    pub kept: Vec<Rejection>,
    /// Sites failing at each stage, in [`Constraint::ALL`] order.
    pub counts: [usize; 4],
    /// Candidate sites considered.
    pub considered: usize,
    /// Factories failing at each stage, in [`Constraint::SHARED`] order.
    pub factory_counts: [usize; 8],
    /// Factories considered (none unless the mover states a floor-area need).
    pub factories_considered: usize,
}

impl Rejections {
    /// The constraint that ruled out the last candidates: the last stage that failed any
    /// land site, else the last that failed any factory.
    pub fn last_constraint(&self) -> Option<Constraint> {
        let last = |cs: &[Constraint], counts: &[usize]| {
            cs.iter()
                .zip(counts)
                .rev()
                .find(|(_, n)| **n > 0)
                .map(|(c, _)| *c)
        };
        last(&Constraint::ALL, &self.counts)
            .or_else(|| last(&Constraint::SHARED, &self.factory_counts))
    }
}

/// Screens every site for every mover. Returns the feasible sites per mover and the
/// rejections. A union of parcels is offered to a mover only when each of its parcels
/// alone is too small for it.
pub fn screen_sites(ctx: &SitingContext) -> (Vec<Vec<usize>>, Vec<Rejections>) {
    let (model, sites) = (ctx.model, ctx.sites);
    // Per site, what every mover's check reads: the largest single parcel (a union is
    // offered only when each part alone is too small) and the centre (rejections are kept
    // nearest first).
    let largest_part: Vec<f64> = sites
        .iter()
        .map(|s| {
            s.parcels
                .iter()
                .map(|&p| model.parcels[p].area.m2())
                .fold(0.0, f64::max)
        })
        .collect();
    let centres: Vec<Option<geo::Coord<f64>>> = sites
        .iter()
        .map(|s| s.geometry.bounding_rect().map(|b| b.center()))
        .collect();
    ctx.movers
        .par_iter()
        .map(|m| {
            let mut feasible = Vec::new();
            let mut rej = Rejections::default();
            let mut all: Vec<(f64, usize, Constraint)> = Vec::new();
            // Whether each park admits the mover's industry.
            let park_ok: Vec<bool> = model
                .parks
                .iter()
                .map(|park| {
                    park.leading_industries.is_empty()
                        || m.industry2
                            .as_ref()
                            .is_some_and(|c| park.leading_industries.contains(c))
                })
                .collect();
            let need = m.required.m2();
            // The checks of the site's surroundings, the last for land and factory alike.
            let on_site = |f: &SiteFacts| {
                if f.sensitive_m.is_some_and(|d| d < m.protection_m) {
                    Some(Constraint::Buffer)
                } else if f
                    .exclusion
                    .is_some_and(|(_, o)| o > ctx.rules.exclusion_overlap_m2)
                {
                    Some(Constraint::Exclusion)
                } else {
                    None
                }
            };
            // How far a rejected site is from the mover's old site (rejections are kept
            // nearest first).
            let distance = |si: usize| match (m.origin, centres[si]) {
                (Some(o), Some(c)) => (c.x - o.x()).hypot(c.y - o.y()),
                _ => 0.0,
            };
            for (si, s) in sites.iter().enumerate() {
                let f = &ctx.facts[si];
                if let Some((_, vacant)) = s.factory() {
                    let Some(floor) = m.floor_need_m2 else {
                        continue;
                    };
                    rej.factories_considered += 1;
                    let fac = s.factory().map(|(fi, _)| &model.factories[fi]);
                    let short = |have: Option<f64>, need: Option<f64>| {
                        need.is_some_and(|n| have.is_none_or(|h| h < n))
                    };
                    let shared = &ctx.rules.factories;
                    let failed = if m.heavy && !shared.allow_heavy {
                        Some(Constraint::Pollution)
                    } else if m.protection_m > shared.max_protection_m {
                        Some(Constraint::SharedProtection)
                    } else if !park_ok[s.park] {
                        Some(Constraint::Industry)
                    } else if vacant < floor {
                        Some(Constraint::FloorArea)
                    } else if short(fac.and_then(|x| x.floor_load_kn_m2), m.floor_load_need) {
                        Some(Constraint::FloorLoad)
                    } else if short(fac.and_then(|x| x.clear_height_m), m.clear_height_need) {
                        Some(Constraint::ClearHeight)
                    } else {
                        on_site(f)
                    };
                    match failed {
                        None => feasible.push(si),
                        Some(c) => {
                            rej.factory_counts[c.shared_index()] += 1;
                            all.push((distance(si), si, c));
                        }
                    }
                    continue;
                }
                if s.parcels.len() > 1 && largest_part[si] >= need {
                    continue;
                }
                rej.considered += 1;
                // The first failing constraint; the evidence is made later, only for the
                // rejections kept.
                let failed = if !park_ok[s.park] {
                    Some(Constraint::Industry)
                } else if s.area.m2() < need {
                    Some(Constraint::Area)
                } else {
                    on_site(f)
                };
                match failed {
                    None => feasible.push(si),
                    Some(c) => {
                        rej.counts[c as usize] += 1;
                        all.push((distance(si), si, c));
                    }
                }
            }
            let keep = ctx.rules.max_rejected_written.min(all.len());
            if keep < all.len() {
                all.select_nth_unstable_by(keep, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                all.truncate(keep);
            }
            all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            rej.kept = all
                .into_iter()
                .map(|(_, si, c)| Rejection {
                    site: si,
                    evidence: evidence(ctx, m, si, c),
                })
                .collect();
            (feasible, rej)
        })
        .unzip()
}

/// The evidence of site `si` failing constraint `c` for mover `m`: the measured value and
/// the threshold.
fn evidence(ctx: &SitingContext, m: &Mover, si: usize, c: Constraint) -> RejectionEvidence {
    let (s, f) = (&ctx.sites[si], &ctx.facts[si]);
    match c {
        Constraint::Industry => {
            let park = &ctx.model.parks[s.park];
            RejectionEvidence::Industry {
                industry: m.industry2.clone(),
                park_id: park.id.clone(),
                leading: park.leading_industries.clone(),
            }
        }
        Constraint::Area => RejectionEvidence::Area {
            area: s.area,
            required: m.required,
        },
        Constraint::Buffer => RejectionEvidence::Buffer {
            distance_m: f.sensitive_m.unwrap_or(0.0),
            protection_m: m.protection_m,
            source: m.protection_source.clone(),
        },
        Constraint::Exclusion => {
            let (kind, overlap_m2) = f
                .exclusion
                .unwrap_or((ConstraintKind::EcologicalRedline, 0.0));
            RejectionEvidence::Exclusion {
                kind,
                overlap_m2,
                max_m2: ctx.rules.exclusion_overlap_m2,
            }
        }
        Constraint::Pollution => RejectionEvidence::Pollution,
        Constraint::SharedProtection => RejectionEvidence::SharedProtection {
            protection_m: m.protection_m,
            source: m.protection_source.clone(),
            max_m: ctx.rules.factories.max_protection_m,
        },
        Constraint::FloorArea => RejectionEvidence::FloorArea {
            vacant_m2: s.factory().map_or(0.0, |(_, v)| v),
            required_m2: m.floor_need_m2.unwrap_or(0.0),
        },
        Constraint::FloorLoad => RejectionEvidence::FloorLoad {
            load: s
                .factory()
                .and_then(|(fi, _)| ctx.model.factories[fi].floor_load_kn_m2),
            required: m.floor_load_need.unwrap_or(0.0),
        },
        Constraint::ClearHeight => RejectionEvidence::ClearHeight {
            height: s
                .factory()
                .and_then(|(fi, _)| ctx.model.factories[fi].clear_height_m),
            required: m.clear_height_need.unwrap_or(0.0),
        },
    }
}
