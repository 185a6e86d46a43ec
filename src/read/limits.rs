//! How much a reader takes before it refuses a file: bounds on what a hostile or broken
//! file could make parkscope allocate. Each is a project parameter (`[limits]`), with a
//! default that real data stays far inside.

/// The bounds readers keep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadLimits {
    /// Most distinct property names of a GeoJSON layer (OpenStreetMap exports reach a few
    /// hundred). `[limits] geojson_property_names`, default 5,000.
    pub property_names: usize,
    /// Most values (features × property names) of a GeoJSON layer: the default,
    /// 100,000,000, is about 3 GiB of table. `[limits] geojson_values`.
    pub property_values: usize,
    /// Most cells read from one worksheet. `[limits] sheet_cells`, default 20,000,000.
    pub sheet_cells: usize,
    /// Largest total inflated size of a workbook's parts, in bytes.
    /// `[limits] workbook_inflated_mib`, default 1,024 MiB.
    pub inflated_bytes: u64,
    /// Largest inflation ratio of a workbook part bigger than 1 MiB (real sheets reach
    /// about 20). `[limits] workbook_inflate_ratio`, default 200.
    pub inflate_ratio: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            property_names: 5_000,
            property_values: 100_000_000,
            sheet_cells: 20_000_000,
            inflated_bytes: 1 << 30,
            inflate_ratio: 200,
        }
    }
}
