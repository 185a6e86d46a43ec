//! The `.prj` of a shapefile: the CRS in ESRI's WKT dialect, with the names ArcGIS gives
//! the CGCS2000 Gauss-Krüger systems (`CGCS2000_3_Degree_GK_CM_120E`, datum
//! `D_China_2000`), so ArcGIS recognises the system by name instead of showing a custom one.
//! Other transverse Mercator systems (UTM, Xian 1980, Beijing 1954) are written from their
//! parameters; anything else as the registry's OGC WKT, which ArcGIS also reads.

use crate::crs::Crs;

const CGCS2000_GEOGCS: &str = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
const WGS84_GEOGCS: &str = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

/// The ESRI WKT of a CRS written into a shapefile.
pub fn esri_wkt(crs: &Crs) -> String {
    let Crs::Projected(p) = crs else {
        // Lon/lat output is WGS84 (GCJ-02/BD-09 are offsets of it with no WKT of their own).
        return WGS84_GEOGCS.to_owned();
    };
    let name = p.epsg.and_then(esri_name);
    match (p.tmerc_params(), name) {
        (Some((cm, fe, fnorth, k)), name) => {
            let (name, geogcs, projection) = match name {
                Some((n, true)) => (n, CGCS2000_GEOGCS, "Gauss_Kruger"),
                Some((n, false)) => (n, WGS84_GEOGCS, "Transverse_Mercator"),
                None => (
                    format!("Transverse_Mercator_CM_{}E", fmt_num(cm)),
                    CGCS2000_GEOGCS,
                    "Transverse_Mercator",
                ),
            };
            format!(
                "PROJCS[\"{name}\",{geogcs},PROJECTION[\"{projection}\"],PARAMETER[\"False_Easting\",{}],PARAMETER[\"False_Northing\",{}],PARAMETER[\"Central_Meridian\",{}],PARAMETER[\"Scale_Factor\",{}],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]",
                fmt_num(fe),
                fmt_num(fnorth),
                fmt_num(cm),
                fmt_num(k)
            )
        }
        _ => p
            .epsg
            .and_then(|c| u16::try_from(c).ok())
            .and_then(crs_definitions::from_code)
            .map(|d| d.wkt.to_owned())
            .unwrap_or_default(),
    }
}

/// ESRI's name of an EPSG code, and whether it is on CGCS2000.
fn esri_name(code: u32) -> Option<(String, bool)> {
    Some(match code {
        // CGCS2000 3-degree GK, zone number in the false easting (zones 25–45).
        4513..=4533 => (
            format!("CGCS2000_3_Degree_GK_Zone_{}", code - 4513 + 25),
            true,
        ),
        // CGCS2000 3-degree GK, central meridian 75E–135E.
        4534..=4554 => (
            format!("CGCS2000_3_Degree_GK_CM_{}E", 75 + 3 * (code - 4534)),
            true,
        ),
        // CGCS2000 6-degree GK, zones 13–23 and CM 75E–135E.
        4491..=4501 => (format!("CGCS2000_GK_Zone_{}", code - 4491 + 13), true),
        4502..=4512 => (format!("CGCS2000_GK_CM_{}E", 75 + 6 * (code - 4502)), true),
        32601..=32660 => (format!("WGS_1984_UTM_Zone_{}N", code - 32600), false),
        _ => return None,
    })
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_survey_frame_is_named_as_arcgis_names_it() {
        let w = esri_wkt(&Crs::from_epsg(4549).expect("4549"));
        assert_eq!(
            w,
            "PROJCS[\"CGCS2000_3_Degree_GK_CM_120E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",120.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]"
        );
        // parkscope reads back what it writes.
        let back = Crs::parse(&w).expect("parsed");
        let Crs::Projected(p) = back else { panic!() };
        assert_eq!(p.tmerc_params(), Some((120.0, 500_000.0, 0.0, 1.0)));
        let z = esri_wkt(&Crs::from_epsg(4528).expect("4528"));
        assert!(
            z.contains("CGCS2000_3_Degree_GK_Zone_40") && z.contains("40500000.0"),
            "{z}"
        );
        assert!(esri_wkt(&Crs::LonLat).starts_with("GEOGCS[\"GCS_WGS_1984\""));
    }
}
