//! The typed, valid, metric features every analysis works on. Once built, they are
//! trusted: geometry is valid and in metres in the working frame, ids are unique.

use chrono::NaiveDate;
use geo::{MultiPolygon, Point};

use crate::units::{AreaM2, WanYuan};

/// Supply status of a parcel (供地状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplyStatus {
    /// 已批: approved for construction, not yet supplied.
    Approved,
    /// 已供: supplied (transferred, allocated or leased).
    Supplied,
    /// 未批: not approved.
    Unapproved,
}

impl SupplyStatus {
    /// Parses `approved`/`已批`, `supplied`/`已供`, `unapproved`/`未批` and near forms.
    pub fn parse(s: &str) -> Option<SupplyStatus> {
        match s.trim().to_lowercase().as_str() {
            "approved" | "已批" | "已批未供" | "批而未供" | "已批准" => {
                Some(SupplyStatus::Approved)
            }
            "supplied" | "已供" | "已供应" | "已出让" | "已划拨" => {
                Some(SupplyStatus::Supplied)
            }
            "unapproved" | "未批" | "未批准" => Some(SupplyStatus::Unapproved),
            _ => None,
        }
    }
    /// The canonical English name.
    pub fn name(self) -> &'static str {
        match self {
            SupplyStatus::Approved => "approved",
            SupplyStatus::Supplied => "supplied",
            SupplyStatus::Unapproved => "unapproved",
        }
    }
}

/// A park (园区). Geometry in the working frame, metres.
#[derive(Debug, Clone)]
pub struct Park {
    /// 园区编号.
    pub id: String,
    /// 园区名称.
    pub name: Option<String>,
    /// national / provincial / county.
    pub level: Option<String>,
    /// 2-digit GB/T 4754 codes of the industries that may settle; empty = any.
    pub leading_industries: Vec<String>,
    /// 园区定位.
    pub orientation: Option<String>,
    /// Approved area from the national catalogue, hectares.
    pub approved_area_ha: Option<f64>,
    /// Boundary.
    pub geometry: MultiPolygon<f64>,
    /// Area from the geometry.
    pub area: AreaM2,
}

/// A land parcel (宗地) with its supply ledger. Geometry in the working frame, metres.
#[derive(Debug, Clone)]
pub struct Parcel {
    /// 宗地编号.
    pub id: String,
    /// 名称.
    pub name: Option<String>,
    /// Land-use code (GB 50137 or 用地用海).
    pub land_use: Option<String>,
    /// 供地状态; `None` when the ledger does not say.
    pub status: Option<SupplyStatus>,
    /// 供地方式.
    pub supply_type: Option<String>,
    /// 土地使用权人: enterprise name or credit code.
    pub holder: Option<String>,
    /// 供地日期.
    pub supply_date: Option<NaiveDate>,
    /// 约定开工日期.
    pub agreed_start: Option<NaiveDate>,
    /// 约定竣工日期.
    pub agreed_completion: Option<NaiveDate>,
    /// 实际开工日期.
    pub actual_start: Option<NaiveDate>,
    /// 实际竣工日期.
    pub actual_completion: Option<NaiveDate>,
    /// 计划投资.
    pub planned_investment: Option<WanYuan>,
    /// 已完成投资.
    pub invested: Option<WanYuan>,
    /// 规划建筑面积.
    pub planned_floor_area: Option<AreaM2>,
    /// 已建建筑面积 (used when no footprint touches the parcel).
    pub built_floor_area: Option<AreaM2>,
    /// 容积率下限 from the planning conditions.
    pub far_min: Option<f64>,
    /// 容积率上限.
    pub far_max: Option<f64>,
    /// 停工日期.
    pub halted_since: Option<NaiveDate>,
    /// 是否投产.
    pub in_production: Option<bool>,
    /// Boundary.
    pub geometry: MultiPolygon<f64>,
    /// Area from the geometry.
    pub area: AreaM2,
}

/// A building footprint with its storeys resolved (DOMAIN.md "Floor area of a parcel").
#[derive(Debug, Clone)]
pub struct Building {
    /// 建筑编号, when given.
    pub id: Option<String>,
    /// Storeys counted: floors, else max(1, round-half-up(height / 3.5)), else 1.
    pub storeys: u32,
    /// Whether the data gave the floors or the height (else `storeys` is the rule's 1).
    pub storeys_given: bool,
    /// True when the storey height is over 8 m: the floor area counts twice.
    pub tall_storeys: bool,
    /// 用途.
    pub use_: Option<String>,
    /// Footprint.
    pub geometry: MultiPolygon<f64>,
    /// Footprint area.
    pub area: AreaM2,
}

impl Building {
    /// Floor area counted per m² of footprint: the storeys, twice over when they are tall.
    pub fn floors_counted(&self) -> f64 {
        self.storeys as f64 * if self.tall_storeys { 2.0 } else { 1.0 }
    }
}

/// Pollution class of an enterprise (污染类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollutionClass {
    /// 重.
    Heavy,
    /// 中.
    Medium,
    /// 轻.
    Light,
}

/// An enterprise (企业) with its economic figures for the year evaluated.
#[derive(Debug, Clone)]
pub struct Enterprise {
    /// Credit code or enterprise number.
    pub id: String,
    /// 企业名称.
    pub name: Option<String>,
    /// GB/T 4754-2017 code, 2–4 digits.
    pub industry: Option<String>,
    /// Parcels given in the ledger.
    pub parcel_ids: Vec<String>,
    /// Location in the working frame (after GCJ-02/BD-09 conversion).
    pub location: Option<Point<f64>>,
    /// 营业收入, 万元.
    pub revenue: Option<f64>,
    /// 税收, 万元.
    pub tax: Option<f64>,
    /// 工业增加值, 万元.
    pub value_added: Option<f64>,
    /// 从业人员.
    pub employees: Option<f64>,
    /// 综合能耗, tce.
    pub energy_tce: Option<f64>,
    /// 主要污染物排放当量, tonnes.
    pub emissions: Option<f64>,
    /// 研发经费, 万元.
    pub rd_expense: Option<f64>,
    /// 污染类别.
    pub pollution_class: Option<PollutionClass>,
    /// 搬迁: flagged to move into a park.
    pub relocate: Option<bool>,
    /// 需求用地, 亩.
    pub required_area_mu: Option<f64>,
    /// 卫生防护距离 from its EIA approval, m.
    pub protection_distance_m: Option<f64>,
    /// 需求厂房面积, m²: floor space it could take in a standard factory.
    pub required_floor_area_m2: Option<f64>,
    /// 楼面荷载要求, kN/m²: the floor load it needs.
    pub required_floor_load_kn_m2: Option<f64>,
    /// 净高要求, m: the clear height it needs.
    pub required_clear_height_m: Option<f64>,
    /// 占用厂房面积, m²: the floor space it occupies today in the standard factory it is in.
    pub occupied_floor_area_m2: Option<f64>,
}

/// A standard factory building (标准厂房) whose floors small enterprises share.
#[derive(Debug, Clone)]
pub struct Factory {
    /// 厂房编号.
    pub id: String,
    /// 名称.
    pub name: Option<String>,
    /// 层数 (at least 1).
    pub floors: u32,
    /// 空置面积, m², when the layer gives it.
    pub vacant_floor_area_m2: Option<f64>,
    /// 楼面荷载, kN/m².
    pub floor_load_kn_m2: Option<f64>,
    /// 净高, m.
    pub clear_height_m: Option<f64>,
    /// 园区编号, when given (else the park is found by location).
    pub park_id: Option<String>,
    /// Footprint in the working frame.
    pub geometry: MultiPolygon<f64>,
    /// Footprint area.
    pub area: AreaM2,
}

/// Approved construction land (批准用地).
#[derive(Debug, Clone)]
pub struct Approval {
    /// 批次编号.
    pub id: Option<String>,
    /// 批准日期.
    pub approval_date: Option<NaiveDate>,
    /// Boundary.
    pub geometry: MultiPolygon<f64>,
}

/// Kind of a constraint feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConstraintKind {
    /// 生态保护红线.
    EcologicalRedline,
    /// 永久基本农田.
    BasicFarmland,
    /// 饮用水水源保护区.
    WaterSource,
    /// 环境敏感点: housing, schools, hospitals.
    Sensitive,
    /// 城市建成区.
    BuiltUp,
    /// 洪涝风险区.
    Flood,
}

impl ConstraintKind {
    /// True for the areas a protection ring must not reach unremarked: ecological red
    /// lines, basic farmland, water-source zones and sensitive receptors.
    pub fn is_protected(self) -> bool {
        matches!(
            self,
            ConstraintKind::EcologicalRedline
                | ConstraintKind::BasicFarmland
                | ConstraintKind::WaterSource
                | ConstraintKind::Sensitive
        )
    }
    /// Parses the English or Chinese kind of DATA.md.
    pub fn parse(s: &str) -> Option<ConstraintKind> {
        use ConstraintKind::*;
        Some(match s.trim().to_lowercase().as_str() {
            "ecological_redline" | "生态保护红线" | "生态红线" => EcologicalRedline,
            "basic_farmland" | "永久基本农田" | "基本农田" => BasicFarmland,
            "water_source" | "饮用水水源保护区" | "水源保护区" => WaterSource,
            "sensitive" | "环境敏感点" | "敏感点" | "居住区" | "学校" | "医院" => {
                Sensitive
            }
            "built_up" | "城市建成区" | "建成区" => BuiltUp,
            "flood" | "洪涝风险区" => Flood,
            _ => return None,
        })
    }
    /// The canonical name.
    pub fn name(self) -> &'static str {
        use ConstraintKind::*;
        match self {
            EcologicalRedline => "ecological_redline",
            BasicFarmland => "basic_farmland",
            WaterSource => "water_source",
            Sensitive => "sensitive",
            BuiltUp => "built_up",
            Flood => "flood",
        }
    }
}

/// A constraint feature: polygon, point or line.
#[derive(Debug, Clone)]
pub struct Constraint {
    /// What it is.
    pub kind: ConstraintKind,
    /// 名称.
    pub name: Option<String>,
    /// Geometry in the working frame.
    pub geometry: geo::Geometry<f64>,
}

/// Kind of an infrastructure feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InfraKind {
    /// 道路.
    Road,
    /// 铁路.
    Rail,
    /// 污水处理厂.
    WastewaterPlant,
    /// 变电站.
    Substation,
    /// 燃气.
    Gas,
    /// 高速出入口.
    Interchange,
}

impl InfraKind {
    /// Parses the English or Chinese kind of DATA.md.
    pub fn parse(s: &str) -> Option<InfraKind> {
        use InfraKind::*;
        Some(match s.trim().to_lowercase().as_str() {
            "road" | "道路" => Road,
            "rail" | "铁路" => Rail,
            "wastewater_plant" | "污水处理厂" => WastewaterPlant,
            "substation" | "变电站" => Substation,
            "gas" | "燃气" => Gas,
            "interchange" | "高速出入口" => Interchange,
            _ => return None,
        })
    }
    /// The canonical name.
    pub fn name(self) -> &'static str {
        use InfraKind::*;
        match self {
            Road => "road",
            Rail => "rail",
            WastewaterPlant => "wastewater_plant",
            Substation => "substation",
            Gas => "gas",
            Interchange => "interchange",
        }
    }
}

/// Road class (等级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RoadClass {
    /// 高速公路 / 快速路.
    Expressway,
    /// 主干路.
    Arterial,
    /// 次干路.
    Collector,
    /// 支路.
    Local,
}

impl RoadClass {
    /// Parses the English or Chinese class of DATA.md.
    pub fn parse(s: &str) -> Option<RoadClass> {
        use RoadClass::*;
        Some(match s.trim().to_lowercase().as_str() {
            "expressway" | "高速公路" | "快速路" | "高速" => Expressway,
            "arterial" | "主干路" | "主干道" => Arterial,
            "collector" | "次干路" | "次干道" => Collector,
            "local" | "支路" => Local,
            _ => return None,
        })
    }
}

/// An infrastructure feature.
#[derive(Debug, Clone)]
pub struct Infrastructure {
    /// What it is.
    pub kind: InfraKind,
    /// Road class, for roads.
    pub class: Option<RoadClass>,
    /// 名称.
    pub name: Option<String>,
    /// Geometry in the working frame.
    pub geometry: geo::Geometry<f64>,
}
