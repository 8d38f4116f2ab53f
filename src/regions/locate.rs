//! Reverse lookup of the district (Kreis) a coordinate lies in, against the
//! simplified district boundaries that also draw the maps.

use std::sync::LazyLock;

use super::{haversine_km, svg::DISTRICT_FEATURES};

/// How far outside every polygon a point may lie and still count as German:
/// the simplified boundaries cut off bits of coast and border, but a point
/// further away is abroad or at sea.
const FALLBACK_KM: f64 = 5.0;

/// Axis-aligned box in degrees: (min lon, min lat, max lon, max lat).
#[derive(Clone, Copy)]
struct BBox {
    min_lon: f64,
    min_lat: f64,
    max_lon: f64,
    max_lat: f64,
}

impl BBox {
    const EMPTY: BBox = BBox {
        min_lon: f64::INFINITY,
        min_lat: f64::INFINITY,
        max_lon: f64::NEG_INFINITY,
        max_lat: f64::NEG_INFINITY,
    };

    fn add(&mut self, lon: f64, lat: f64) {
        self.min_lon = self.min_lon.min(lon);
        self.min_lat = self.min_lat.min(lat);
        self.max_lon = self.max_lon.max(lon);
        self.max_lat = self.max_lat.max(lat);
    }

    fn union(&mut self, other: &BBox) {
        self.add(other.min_lon, other.min_lat);
        self.add(other.max_lon, other.max_lat);
    }

    fn contains(&self, lon: f64, lat: f64) -> bool {
        lon >= self.min_lon && lon <= self.max_lon && lat >= self.min_lat && lat <= self.max_lat
    }

    fn within(&self, lon: f64, lat: f64, d_lon: f64, d_lat: f64) -> bool {
        lon >= self.min_lon - d_lon
            && lon <= self.max_lon + d_lon
            && lat >= self.min_lat - d_lat
            && lat <= self.max_lat + d_lat
    }
}

struct Ring {
    bbox: BBox,
    /// (lon, lat), closed or not: the edge from last to first is always tested.
    points: Vec<(f64, f64)>,
}

impl Ring {
    /// Even-odd ray casting towards +lon.
    fn contains(&self, lon: f64, lat: f64) -> bool {
        if !self.bbox.contains(lon, lat) {
            return false;
        }
        let pts = &self.points;
        let mut inside = false;
        let mut j = pts.len() - 1;
        for i in 0..pts.len() {
            let (xi, yi) = pts[i];
            let (xj, yj) = pts[j];
            // The half-open test (> vs <=) counts a vertex exactly on the ray
            // once, not twice.
            if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                inside = !inside;
            }
            j = i;
        }
        inside
    }
}

struct Polygon {
    bbox: BBox,
    /// First the outer ring, then holes.
    rings: Vec<Ring>,
}

impl Polygon {
    fn contains(&self, lon: f64, lat: f64) -> bool {
        // XOR over all rings is even-odd across the whole polygon, so a
        // point in a hole (an enclave) is outside without special-casing.
        self.bbox.contains(lon, lat)
            && self
                .rings
                .iter()
                .fold(false, |inside, r| inside ^ r.contains(lon, lat))
    }
}

struct Shape {
    ags: &'static str,
    bbox: BBox,
    polygons: Vec<Polygon>,
}

fn ring(value: &serde_json::Value) -> Option<Ring> {
    let mut bbox = BBox::EMPTY;
    let points: Vec<(f64, f64)> = value
        .as_array()?
        .iter()
        .filter_map(|pt| Some((pt[0].as_f64()?, pt[1].as_f64()?)))
        .inspect(|&(lon, lat)| bbox.add(lon, lat))
        .collect();
    (points.len() >= 3).then_some(Ring { bbox, points })
}

fn polygon(value: &serde_json::Value) -> Option<Polygon> {
    let mut rings = value.as_array()?.iter().map(ring);
    // Without its outer ring the holes mean nothing.
    let outer = rings.next()??;
    let bbox = outer.bbox;
    let rings = std::iter::once(outer).chain(rings.flatten()).collect();
    Some(Polygon { bbox, rings })
}

/// Built on the map's already parsed features instead of parsing the GeoJSON
/// a second time; the map's keys live as long as the program, so they can be
/// handed out as `&'static str`.
static SHAPES: LazyLock<Vec<Shape>> = LazyLock::new(|| {
    let mut shapes: Vec<Shape> = DISTRICT_FEATURES
        .iter()
        .filter_map(|(ags, feature)| {
            let geometry = &feature["geometry"];
            let polygons: Vec<Polygon> = match geometry["type"].as_str()? {
                "Polygon" => polygon(&geometry["coordinates"]).into_iter().collect(),
                "MultiPolygon" => geometry["coordinates"]
                    .as_array()?
                    .iter()
                    .filter_map(polygon)
                    .collect(),
                _ => return None,
            };
            let mut bbox = BBox::EMPTY;
            polygons.iter().for_each(|p| bbox.union(&p.bbox));
            (!polygons.is_empty()).then_some(Shape {
                ags: ags.as_str(),
                bbox,
                polygons,
            })
        })
        .collect();
    // Simplified neighbours may overlap by a sliver; a fixed order makes the
    // answer there independent of the hash map's iteration order.
    shapes.sort_by(|a, b| a.ags.cmp(b.ags));
    shapes
});

/// Nearest point of segment a–b to p, found in a local equirectangular
/// projection (accurate enough over a few kilometres). Edges of the
/// simplified boundaries run up to ~18 km, so vertices alone would miss
/// points just off the middle of a long coastal edge.
fn nearest_on_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64), k: f64) -> (f64, f64) {
    let (ax, ay) = ((a.0 - p.0) * k, a.1 - p.1);
    let (bx, by) = ((b.0 - p.0) * k, b.1 - p.1);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
}

fn nearest_within(lon: f64, lat: f64, max_km: f64) -> Option<&'static str> {
    // Degrees spanning max_km, padded, so the box filter never drops a
    // candidate that the exact distance would keep.
    let d_lat = max_km / 111.0 * 1.2;
    let k = lat.to_radians().cos().max(0.01);
    let d_lon = d_lat / k;
    let mut best: Option<(f64, &'static str)> = None;
    for shape in SHAPES
        .iter()
        .filter(|s| s.bbox.within(lon, lat, d_lon, d_lat))
    {
        for ring in shape.polygons.iter().flat_map(|p| &p.rings) {
            if !ring.bbox.within(lon, lat, d_lon, d_lat) {
                continue;
            }
            let pts = &ring.points;
            let mut j = pts.len() - 1;
            for i in 0..pts.len() {
                let (qlon, qlat) = nearest_on_segment((lon, lat), pts[j], pts[i], k);
                let km = haversine_km((lat, lon), (qlat, qlon));
                if km <= max_km && best.is_none_or(|(b, _)| km < b) {
                    best = Some((km, shape.ags));
                }
                j = i;
            }
        }
    }
    best.map(|(_, ags)| ags)
}

/// The key (AGS) of the district containing the point, or of the nearest
/// district within 5 km where the simplified boundaries leave a gap; `None`
/// for points abroad or invalid input.
pub fn district_at(lat: f64, lon: f64) -> Option<&'static str> {
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return None;
    }
    SHAPES
        .iter()
        .filter(|s| s.bbox.contains(lon, lat))
        .find(|s| s.polygons.iter().any(|p| p.contains(lon, lat)))
        .map(|s| s.ags)
        .or_else(|| nearest_within(lon, lat, FALLBACK_KM))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::reference;

    #[test]
    fn known_places() {
        assert_eq!(district_at(50.978, 11.029), Some("16051")); // Erfurt
        assert_eq!(district_at(51.505, 10.791), Some("16062")); // Nordhausen
        assert_eq!(district_at(52.52, 13.405), Some("11000")); // Berlin Mitte
        // The city, not the Landkreis München around it.
        assert_eq!(district_at(48.137, 11.575), Some("09162"));
        // Eisenach, merged into the Wartburgkreis in 2021.
        assert_eq!(district_at(50.975, 10.320), Some("16063"));
    }

    #[test]
    fn abroad_at_sea_and_invalid_input() {
        assert_eq!(district_at(54.5, 6.0), None); // North Sea
        assert_eq!(district_at(48.857, 2.352), None); // Paris
        assert_eq!(district_at(f64::NAN, 11.0), None);
        assert_eq!(district_at(50.0, f64::NAN), None);
        assert_eq!(district_at(91.0, 11.0), None);
        assert_eq!(district_at(50.0, f64::INFINITY), None);
    }

    #[test]
    fn just_outside_a_boundary_falls_back_to_the_nearest_district() {
        // Find a real gap: a step off Schwerin's first vertex away from its
        // centre lies outside its polygon, but within the 5 km tolerance.
        let shape = SHAPES.iter().find(|s| s.ags == "13004").unwrap();
        let (lon, lat) = shape.polygons[0].rings[0].points[0];
        let centre_lon = (shape.bbox.min_lon + shape.bbox.max_lon) / 2.0;
        let centre_lat = (shape.bbox.min_lat + shape.bbox.max_lat) / 2.0;
        let (off_lon, off_lat) = (
            lon + (lon - centre_lon) * 0.02,
            lat + (lat - centre_lat) * 0.02,
        );
        assert!(!shape.polygons[0].contains(off_lon, off_lat));
        assert!(district_at(off_lat, off_lon).is_some());
    }

    /// A district's centre is the mean of its postal places, which for
    /// crescent- or ring-shaped districts (a Landkreis around its city) can
    /// lie outside the district itself, so only nearly all must map back.
    #[test]
    fn district_centres_map_back_to_their_district() {
        let r = reference();
        let mut misses = Vec::new();
        for d in &r.districts {
            let Some((lat, lon)) = r.district_centre(&d.ags) else {
                continue;
            };
            if district_at(lat, lon) != Some(d.ags.as_str()) {
                misses.push(&d.ags);
            }
        }
        let share = 1.0 - misses.len() as f64 / r.districts.len() as f64;
        assert!(share >= 0.95, "{share:.3} map back; misses {misses:?}");
    }
}
