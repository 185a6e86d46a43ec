//! Where the numbered markers go on the page: each at its point when it is free; one that
//! would cover a marker already placed moves out, ring by ring, to the first free spot
//! round its point and keeps a thin leader line back to it (old sites in one city block
//! used to stack their numbers into an unreadable heap).

use super::Sheet;

/// A marker as laid out: its point and where its key is drawn (page mm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlacedMarker {
    /// The point it marks.
    pub anchor: (f64, f64),
    /// The centre of its key.
    pub at: (f64, f64),
    /// Its number.
    pub number: u16,
}

/// Rings tried round a point, and spots per ring.
const RINGS: usize = 8;
const SPOTS: usize = 12;

/// Lays the scene's markers out in order; a marker with no free spot within the rings
/// stays on its point.
pub(crate) fn lay_out(sheet: &Sheet) -> Vec<PlacedMarker> {
    let r = crate::render::draw::KEY_R * sheet.u;
    let f = sheet.frame;
    let gap = 0.3 * sheet.u;
    let inside = |(x, y): (f64, f64)| {
        x - r >= f.x && x + r <= f.right() && y - r >= f.y && y + r <= f.bottom()
    };
    let mut placed: Vec<PlacedMarker> = Vec::with_capacity(sheet.scene.markers.len());
    for m in &sheet.scene.markers {
        let anchor = sheet.to_page.apply(m.at);
        let free = |p: (f64, f64), placed: &[PlacedMarker]| {
            placed
                .iter()
                .all(|q| (q.at.0 - p.0).hypot(q.at.1 - p.1) >= 2.0 * r + gap)
        };
        let spot = std::iter::once(anchor)
            .chain((1..=RINGS).flat_map(|ring| {
                let d = ring as f64 * (2.0 * r + gap);
                (0..SPOTS).map(move |k| {
                    // Start up and to the right, then round: neighbours fan out alike.
                    let a = (k as f64 / SPOTS as f64) * std::f64::consts::TAU + 0.6;
                    (anchor.0 + d * a.cos(), anchor.1 - d * a.sin())
                })
            }))
            .find(|&p| (p == anchor || inside(p)) && free(p, &placed))
            .unwrap_or(anchor);
        placed.push(PlacedMarker {
            anchor,
            at: spot,
            number: m.number,
        });
    }
    placed
}

#[cfg(test)]
mod tests {
    /// On the sample's siting sheet no two move numbers overlap, and each number that
    /// moved off its point stays within the rings of it.
    #[test]
    fn move_numbers_never_cover_each_other() {
        use crate::render::{build_scene, MapKind, MapRequest};
        let (ws, a) = crate::sample_for_tests::sample();
        let siting = ws.site(&a, &Default::default()).expect("siting");
        let ctx = ws.map_context(&a, Some(&siting));
        let req = MapRequest::new(MapKind::Siting);
        let scene = build_scene(&ctx, &req).expect("scene");
        let sheet = super::super::Sheet::new(&scene, &req.page, ws.lang());
        let placed = super::lay_out(&sheet);
        let r = crate::render::draw::KEY_R * sheet.u;
        assert_eq!(placed.len(), scene.markers.len());
        let mut moved = 0;
        for (i, p) in placed.iter().enumerate() {
            for q in &placed[i + 1..] {
                let d = (p.at.0 - q.at.0).hypot(p.at.1 - q.at.1);
                assert!(d >= 2.0 * r, "{} and {} overlap", p.number, q.number);
            }
            let off = (p.at.0 - p.anchor.0).hypot(p.at.1 - p.anchor.1);
            assert!(off <= super::RINGS as f64 * (2.0 * r + 0.3 * sheet.u) + 1e-9);
            moved += usize::from(off > 0.0);
        }
        assert!(
            moved > 0,
            "the sample's old sites share a block: some numbers move"
        );
    }
}
