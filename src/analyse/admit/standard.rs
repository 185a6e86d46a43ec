//! Standard land (标准地): for every serviced parcel not yet supplied, the indicator set an
//! offer of it would carry ("3+X"): investment per 亩, tax per 亩 and FAR from the entry
//! table of its park (the parcel's own planning conditions first for FAR), output per 亩,
//! and energy per value added where the table sets one. Industry-specific values are used
//! where the parcel's planned industry is known: the park's only leading industry.

use crate::analyse::supply::LandSupply;
use crate::model::Model;
use crate::project::land::{EntryIndicator, Threshold, ThresholdSource};
use crate::project::policy::{Policy, Tag};

/// The indicators of an offer, in the order of the `standard_land` columns.
pub const OFFER: [EntryIndicator; 5] = [
    EntryIndicator::InvestmentPerMu,
    EntryIndicator::TaxPerMu,
    EntryIndicator::Far,
    EntryIndicator::OutputPerMu,
    EntryIndicator::EnergyPerValueAdded,
];

/// The offer of one parcel.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardLand {
    /// Index into the parcels layer.
    pub parcel: usize,
    /// Index into the parks layer.
    pub park: usize,
    /// The park's level.
    pub level: Option<String>,
    /// The planned industry (the park's only leading industry), when known.
    pub industry: Option<String>,
    /// Each indicator of [`OFFER`] with its value and source, when one applies.
    pub indicators: Vec<(EntryIndicator, Option<Threshold>)>,
}

/// The offers of every serviced parcel not yet supplied that lies in a park, in the order
/// of the parcels layer.
pub fn standard_land(
    model: &Model,
    parcel_park: &[Option<crate::model::ids::ParkIx>],
    policy: &Policy,
    supply: &LandSupply,
) -> Vec<StandardLand> {
    model
        .parcels
        .iter()
        .enumerate()
        .filter(|(i, _)| supply.serviced.parcels[*i].serviced() == Some(true))
        .filter_map(|(i, p)| {
            let k = parcel_park[i]?.index();
            let park = &model.parks[k];
            let industry = match park.leading_industries.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            };
            let indicators = OFFER
                .into_iter()
                .map(|ind| {
                    let planning = (ind == EntryIndicator::Far)
                        .then_some(p.far_min)
                        .flatten()
                        .map(|v| Threshold {
                            value: v,
                            tag: Tag::C,
                            from: ThresholdSource::Planning,
                        });
                    let t = planning.or_else(|| {
                        super::required(
                            policy,
                            &park.id,
                            park.level.as_deref(),
                            industry.as_deref(),
                            ind,
                        )
                    });
                    (ind, t)
                })
                .collect();
            Some(StandardLand {
                parcel: i,
                park: k,
                level: park.level.clone(),
                industry,
                indicators,
            })
        })
        .collect()
}
