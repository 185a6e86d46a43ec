//! Layers that lie where the parcels lie: a layer declared in the wrong Gauss-Krüger zone
//! (3° zones are about 290 km apart at 30°N) or in the wrong CRS lands far from the
//! parcels while every coordinate still looks valid on its own. A layer none of whose
//! features comes within the project's `layer_gap_m` limit (default 100 km) of the parcels'
//! extent is refused.

use geo::{BoundingRect, Rect};

use super::geometry::rect_union;
use super::Model;
use crate::error::{Error, Result};
use crate::project::LayerKind;

/// The union of the rectangles given.
fn extent(rects: impl Iterator<Item = Option<Rect<f64>>>) -> Option<Rect<f64>> {
    rects.flatten().reduce(rect_union)
}

/// The distance (m) between two rectangles (0 when they overlap), and the direction from
/// `a` to `b` in words.
fn gap(a: &Rect<f64>, b: &Rect<f64>) -> (f64, &'static str) {
    let dx = (b.min().x - a.max().x).max(a.min().x - b.max().x).max(0.0);
    let dy = (b.min().y - a.max().y).max(a.min().y - b.max().y).max(0.0);
    let (cx, cy) = (b.center().x - a.center().x, b.center().y - a.center().y);
    let dir = if cx.abs() >= cy.abs() {
        if cx > 0.0 {
            "east"
        } else {
            "west"
        }
    } else if cy > 0.0 {
        "north"
    } else {
        "south"
    };
    (dx.hypot(dy), dir)
}

/// Refuses the first layer whose extent lies more than `max_gap_m` metres from the parcels'.
///
/// # Errors
/// A layer far from the parcels, named with its files, distance and direction.
pub fn check_layers_near_parcels(model: &Model, max_gap_m: f64) -> Result<()> {
    let Some(parcels) = extent(model.parcels.iter().map(|p| p.geometry.bounding_rect())) else {
        return Ok(());
    };
    let layers: [(LayerKind, Option<Rect<f64>>); 7] = [
        (
            LayerKind::Parks,
            extent(model.parks.iter().map(|p| p.geometry.bounding_rect())),
        ),
        (
            LayerKind::Buildings,
            extent(model.buildings.iter().map(|b| b.geometry.bounding_rect())),
        ),
        (
            LayerKind::Enterprises,
            extent(
                model
                    .enterprises
                    .iter()
                    .map(|e| e.location.map(|p| p.bounding_rect())),
            ),
        ),
        (
            LayerKind::Approvals,
            extent(model.approvals.iter().map(|a| a.geometry.bounding_rect())),
        ),
        (
            LayerKind::Constraints,
            extent(model.constraints.iter().map(|c| c.geometry.bounding_rect())),
        ),
        (
            LayerKind::Infrastructure,
            extent(
                model
                    .infrastructure
                    .iter()
                    .map(|i| i.geometry.bounding_rect()),
            ),
        ),
        (
            LayerKind::Factories,
            extent(model.factories.iter().map(|f| f.geometry.bounding_rect())),
        ),
    ];
    for (kind, rect) in layers {
        let Some(rect) = rect else { continue };
        let (d, dir) = gap(&parcels, &rect);
        if d > max_gap_m {
            let report = model.report.layers.get(kind.name());
            let file = report.map_or_else(|| kind.name().to_owned(), |r| r.path.clone());
            let crs = report.map(|r| r.crs.as_str()).unwrap_or_default();
            return Err(Error::in_file(
                file,
                format!(
                    "the {} layer lies {:.0} km {dir} of the parcels (read as {crs}; limit {} km, [limits] layer_gap_km): a wrong CRS or Gauss-Krüger zone for this layer or the parcels; declare each layer's crs in the project file",
                    kind.name(),
                    d / 1000.0,
                    max_gap_m / 1000.0
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_between_rectangles() {
        let a = Rect::new((0.0, 0.0), (10.0, 10.0));
        assert_eq!(gap(&a, &Rect::new((5.0, 5.0), (20.0, 20.0))).0, 0.0);
        assert_eq!(gap(&a, &Rect::new((13.0, 0.0), (20.0, 5.0))), (3.0, "east"));
        let d = gap(&a, &Rect::new((-20.0, -14.0), (-7.0, -4.0))).0;
        assert!((d - 7f64.hypot(4.0)).abs() < 1e-12);
        assert_eq!(
            gap(&a, &Rect::new((0.0, 40.0), (10.0, 50.0))),
            (30.0, "north")
        );
    }
}
