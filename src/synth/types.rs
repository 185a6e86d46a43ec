//! The synthetic city's data types, shared by the geometry (`city`), the ledger
//! (`ledger`) and the writer (`write`): each of them imports these and none imports the
//! others' types.

use chrono::NaiveDate;
use geo::{MultiPolygon, Point, Polygon};

/// A generated parcel.
#[derive(Debug, Clone)]
pub struct SynthParcel {
    /// Id.
    pub id: String,
    /// Park index, `None` for the old town.
    pub park: Option<usize>,
    /// Geometry, EPSG:4549 metres.
    pub geometry: MultiPolygon<f64>,
    /// Land use code.
    pub land_use: &'static str,
    /// Ledger.
    pub ledger: Ledger,
}

/// A generated building.
#[derive(Debug, Clone)]
pub struct SynthBuilding {
    /// Id.
    pub id: String,
    /// Footprint.
    pub geometry: Polygon<f64>,
    /// 层数, when recorded.
    pub floors: Option<u32>,
    /// 高度 (m), when recorded.
    pub height: Option<f64>,
}

/// A generated park.
#[derive(Debug, Clone)]
pub struct SynthPark {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: &'static str,
    /// Leading industries (2-digit codes).
    pub industries: Vec<&'static str>,
    /// Orientation.
    pub orientation: &'static str,
    /// Boundary.
    pub geometry: Polygon<f64>,
    /// Centre.
    pub centre: Point<f64>,
}

/// The whole city.
#[derive(Debug, Clone)]
pub struct City {
    /// Parks.
    pub parks: Vec<SynthPark>,
    /// Parcels (parks first, then the old town).
    pub parcels: Vec<SynthParcel>,
    /// Buildings.
    pub buildings: Vec<SynthBuilding>,
    /// Enterprises: (fields, location in EPSG:4549).
    pub enterprises: Vec<SynthEnterprise>,
    /// Approval batches: (id, date, geometry).
    pub approvals: Vec<(String, NaiveDate, Polygon<f64>)>,
    /// Constraints: (kind in Chinese, name, geometry).
    pub constraints: Vec<(&'static str, String, geo::Geometry<f64>)>,
    /// Infrastructure: (kind, class, name, geometry).
    pub infrastructure: Vec<(
        &'static str,
        Option<&'static str>,
        String,
        geo::Geometry<f64>,
    )>,
    /// The date the ledger is built around.
    pub as_of: NaiveDate,
    /// Standard factories (none unless asked for).
    pub factories: Vec<SynthFactory>,
}

#[derive(Debug, Clone)]
pub struct OldTown {
    /// Built-up area boundary.
    pub boundary: Polygon<f64>,
    /// Schools, hospitals, housing estates: (kind, name, point).
    pub sensitive: Vec<(&'static str, String, Point<f64>)>,
    /// Index of the first old-town parcel.
    pub first_parcel: usize,
}

/// A parcel's ledger row.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// 供地状态.
    pub status: Option<&'static str>,
    /// 土地使用权人.
    pub holder: Option<String>,
    /// 项目名称.
    pub name: Option<String>,
    /// 合同签订日期.
    pub supply_date: Option<NaiveDate>,
    /// 约定开工日期.
    pub agreed_start: Option<NaiveDate>,
    /// 约定竣工日期.
    pub agreed_completion: Option<NaiveDate>,
    /// 实际开工日期.
    pub actual_start: Option<NaiveDate>,
    /// 实际竣工日期.
    pub actual_completion: Option<NaiveDate>,
    /// 合同投资额, 万元.
    pub planned_investment: Option<f64>,
    /// 已完成投资, 万元.
    pub invested: Option<f64>,
    /// 规划建筑面积, m².
    pub planned_floor_area: Option<f64>,
    /// 容积率下限.
    pub far_min: Option<f64>,
    /// 停工日期.
    pub halted_since: Option<NaiveDate>,
    /// 是否投产.
    pub in_production: Option<bool>,
}

/// What stands on a parcel: target coverage and storeys.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltPlan {
    /// Share of the parcel covered; 0 = nothing built.
    pub coverage: f64,
    /// Storeys of the main buildings.
    pub floors: u32,
}

/// A synthetic enterprise.
#[derive(Debug, Clone)]
pub struct SynthEnterprise {
    /// Credit code.
    pub id: String,
    /// Name.
    pub name: String,
    /// 4-digit industry code.
    pub industry: String,
    /// Parcel id, when the ledger records it.
    pub parcel_id: Option<String>,
    /// Location (EPSG:4549), when geocoded.
    pub location: Option<Point<f64>>,
    /// 万元.
    pub revenue: f64,
    /// 万元.
    pub tax: f64,
    /// 万元.
    pub value_added: f64,
    /// Persons.
    pub employees: f64,
    /// tce, when reported.
    pub energy_tce: Option<f64>,
    /// Tonnes, when reported.
    pub emissions: Option<f64>,
    /// 万元.
    pub rd_expense: f64,
    /// 重/中/轻.
    pub pollution: &'static str,
    /// 搬迁.
    pub relocate: bool,
    /// 需求用地, 亩.
    pub required_area_mu: Option<f64>,
    /// 卫生防护距离, m.
    pub protection_distance_m: Option<f64>,
    /// 需求厂房面积, m² (small movers that may share a standard factory).
    pub floor_need_m2: Option<f64>,
    /// 楼面荷载要求, kN/m².
    pub floor_load_need: Option<f64>,
    /// 净高要求, m.
    pub clear_height_need: Option<f64>,
    /// 占用厂房面积, m² (a tenant of a standard factory today).
    pub occupied_m2: Option<f64>,
}

/// A generated standard factory (标准厂房).
#[derive(Debug, Clone)]
pub struct SynthFactory {
    /// 厂房编号.
    pub id: String,
    /// 厂房名称.
    pub name: String,
    /// 层数.
    pub floors: u32,
    /// 空置面积, m², when recorded (else derived from the tenants).
    pub vacant_m2: Option<f64>,
    /// 楼面荷载, kN/m².
    pub floor_load: f64,
    /// 净高, m.
    pub clear_height: f64,
    /// 园区编号, when recorded (else found by location).
    pub park_id: Option<String>,
    /// Footprint, EPSG:4549 metres.
    pub geometry: Polygon<f64>,
}

/// The ledger of the whole city.
pub struct LedgerResult {
    /// What is built on each parcel.
    pub built_share: Vec<BuiltPlan>,
    /// Enterprises.
    pub enterprises: Vec<SynthEnterprise>,
}
