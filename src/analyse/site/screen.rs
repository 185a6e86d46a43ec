//! The hard constraints, checked in order (industry, area, buffer, exclusion), each
//! failure kept as evidence with the measured value and the threshold.

use geo::BoundingRect;
use rayon::prelude::*;

use super::context::SitingContext;
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
}

impl Constraint {
    /// Every constraint, in checking order.
    pub const ALL: [Constraint; 4] = [
        Constraint::Industry,
        Constraint::Area,
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
        }
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
}

impl RejectionEvidence {
    /// The constraint that failed.
    pub fn constraint(&self) -> Constraint {
        match self {
            RejectionEvidence::Industry { .. } => Constraint::Industry,
            RejectionEvidence::Area { .. } => Constraint::Area,
            RejectionEvidence::Buffer { .. } => Constraint::Buffer,
            RejectionEvidence::Exclusion { .. } => Constraint::Exclusion,
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
}

impl Rejections {
    /// The constraint that ruled out the last candidates: the last stage that failed any.
    pub fn last_constraint(&self) -> Option<Constraint> {
        Constraint::ALL
            .into_iter()
            .zip(self.counts)
            .rev()
            .find(|(_, n)| *n > 0)
            .map(|(c, _)| c)
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
            for (si, s) in sites.iter().enumerate() {
                if s.parcels.len() > 1 && largest_part[si] >= need {
                    continue;
                }
                rej.considered += 1;
                let f = &ctx.facts[si];
                // The first failing constraint; the evidence is made later, only for the
                // rejections kept.
                let failed = if !park_ok[s.park] {
                    Some(Constraint::Industry)
                } else if s.area.m2() < need {
                    Some(Constraint::Area)
                } else if f.sensitive_m.is_some_and(|d| d < m.protection_m) {
                    Some(Constraint::Buffer)
                } else if f
                    .exclusion
                    .is_some_and(|(_, o)| o > ctx.rules.exclusion_overlap_m2)
                {
                    Some(Constraint::Exclusion)
                } else {
                    None
                };
                match failed {
                    None => feasible.push(si),
                    Some(c) => {
                        rej.counts[c as usize] += 1;
                        let d = match (m.origin, centres[si]) {
                            (Some(o), Some(c)) => (c.x - o.x()).hypot(c.y - o.y()),
                            _ => 0.0,
                        };
                        all.push((d, si, c));
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
    }
}
