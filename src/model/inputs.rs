//! The inputs the analyses rest on, and whether a model holds them: a result computed
//! without its input is not a finding (no buildings, no FAR; no enterprise ledger, no
//! evaluation), so maps and reports ask here before they show one.

use super::Model;

/// One input an analysis needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// Building footprints (FAR, coverage, the building-status map).
    Buildings,
    /// The enterprise ledger (the per-mu evaluation, tax and revenue per 亩, siting).
    Enterprises,
    /// Supply records on the parcels: a supply status or a supply date on at least one
    /// parcel (the idle-land classes).
    SupplyRecords,
    /// Infrastructure (whether services reach a parcel: 熟地).
    Infrastructure,
    /// Approval batches (批准用地: the 批而未供 map).
    Approvals,
}

impl Model {
    /// True when the model holds the input: at least one building, enterprise, parcel
    /// with a supply record, or infrastructure feature.
    pub fn has(&self, input: Input) -> bool {
        match input {
            Input::Buildings => !self.buildings.is_empty(),
            Input::Enterprises => !self.enterprises.is_empty(),
            Input::SupplyRecords => self
                .parcels
                .iter()
                .any(|p| p.status.is_some() || p.supply_date.is_some()),
            Input::Infrastructure => !self.infrastructure.is_empty(),
            Input::Approvals => !self.approvals.is_empty(),
        }
    }

    /// Which of `needed` the model lacks, in the order given.
    pub fn lacking(&self, needed: &[Input]) -> Vec<Input> {
        needed.iter().copied().filter(|i| !self.has(*i)).collect()
    }
}
