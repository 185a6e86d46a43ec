//! The idle classes of INTERFACE.md, in report order, with their output and Chinese names.

/// The idle classes of INTERFACE.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdleClass {
    /// 闲置土地 (Decree 53).
    Idle,
    /// 批而未供.
    ApprovedNotSupplied,
    /// 供而未用.
    SuppliedNotUsed,
    /// 用而未尽.
    UsedNotFull,
    /// 建而未投.
    BuiltNotProducing,
    /// 投而未达标.
    ProducingBelowStandard,
    /// None of the above.
    None,
}

impl IdleClass {
    /// Every class, in report order.
    pub const ALL: [IdleClass; 7] = [
        IdleClass::Idle,
        IdleClass::ApprovedNotSupplied,
        IdleClass::SuppliedNotUsed,
        IdleClass::UsedNotFull,
        IdleClass::BuiltNotProducing,
        IdleClass::ProducingBelowStandard,
        IdleClass::None,
    ];
    /// The output name.
    pub fn name(self) -> &'static str {
        match self {
            IdleClass::Idle => "idle",
            IdleClass::ApprovedNotSupplied => "approved_not_supplied",
            IdleClass::SuppliedNotUsed => "supplied_not_used",
            IdleClass::UsedNotFull => "used_not_full",
            IdleClass::BuiltNotProducing => "built_not_producing",
            IdleClass::ProducingBelowStandard => "producing_below_standard",
            IdleClass::None => "none",
        }
    }
    /// The English name as legends and reports print it.
    pub fn en(self) -> &'static str {
        match self {
            IdleClass::Idle => "Idle land",
            IdleClass::ApprovedNotSupplied => "Approved, not supplied",
            IdleClass::SuppliedNotUsed => "Supplied, not started",
            IdleClass::UsedNotFull => "Started, not fully built",
            IdleClass::BuiltNotProducing => "Built, not in production",
            IdleClass::ProducingBelowStandard => "Producing below standard",
            IdleClass::None => "In normal use",
        }
    }
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            IdleClass::Idle => "闲置土地",
            IdleClass::ApprovedNotSupplied => "批而未供",
            IdleClass::SuppliedNotUsed => "供而未用",
            IdleClass::UsedNotFull => "用而未尽",
            IdleClass::BuiltNotProducing => "建而未投",
            IdleClass::ProducingBelowStandard => "投而未达标",
            IdleClass::None => "正常",
        }
    }
}
