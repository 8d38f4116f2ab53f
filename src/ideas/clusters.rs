//! Clustered markers for the idea map, computed on the server so that the
//! map of a whole region with tens of thousands of ideas stays one small
//! response. Points are binned into square cells on the Web Mercator plane
//! (the projection the map draws in) whose size follows the zoom level: at
//! every zoom a cell is about [`CELL_PX`] pixels wide, so markers never
//! overlap and a cluster splits as one zooms in.

use std::collections::HashMap;

/// Width of a cluster cell on screen, in pixels.
pub const CELL_PX: f64 = 64.0;
/// Map tiles are 256 pixels wide.
const TILE_PX: f64 = 256.0;
/// Zoom levels the map offers (whole world … street).
pub const MIN_ZOOM: u8 = 0;
pub const MAX_ZOOM: u8 = 18;
/// Web Mercator stops here.
const MAX_LAT: f64 = 85.051_128_78;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
}

/// The visible part of the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Bounds {
    /// Checked bounds: finite, south below north, west left of east, within
    /// the world. (Maps crossing the antimeridian do not occur in Germany.)
    pub fn new(south: f64, west: f64, north: f64, east: f64) -> Option<Bounds> {
        let ok = [south, west, north, east].iter().all(|v| v.is_finite())
            && (-90.0..=90.0).contains(&south)
            && (-90.0..=90.0).contains(&north)
            && (-180.0..=180.0).contains(&west)
            && (-180.0..=180.0).contains(&east)
            && south <= north
            && west <= east;
        ok.then_some(Bounds {
            south,
            west,
            north,
            east,
        })
    }

    fn contains(&self, p: &Point) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lon)
    }
}

/// One marker: a single idea (`id` set, `count` 1) or a cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub lat: f64,
    pub lon: f64,
    pub count: u32,
    /// The idea, when the marker stands for exactly one.
    pub id: Option<i64>,
}

/// Position on the Mercator plane of the whole world, both in 0..1.
fn project(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// Cells per world width at `zoom`.
fn cells(zoom: u8) -> f64 {
    f64::from(1u32 << zoom.min(MAX_ZOOM)) * TILE_PX / CELL_PX
}

#[derive(Default)]
struct Acc {
    count: u32,
    lat: f64,
    lon: f64,
    first: i64,
}

/// The markers for the points inside `bounds` at `zoom`: one per occupied
/// cell, at the mean position of its points; ordered by position so the
/// answer is the same for the same input.
pub fn cluster(points: &[Point], bounds: &Bounds, zoom: u8) -> Vec<Marker> {
    let n = cells(zoom);
    let mut grid: HashMap<(i64, i64), Acc> = HashMap::new();
    for p in points.iter().filter(|p| bounds.contains(p)) {
        let (x, y) = project(p.lat, p.lon);
        // Truncation is the binning; the values are within 0..n.
        let key = ((x * n).floor() as i64, (y * n).floor() as i64);
        let a = grid.entry(key).or_default();
        if a.count == 0 {
            a.first = p.id;
        }
        a.count += 1;
        a.lat += p.lat;
        a.lon += p.lon;
    }
    let mut cells: Vec<((i64, i64), Acc)> = grid.into_iter().collect();
    cells.sort_by_key(|(k, _)| *k);
    cells
        .into_iter()
        .map(|(_, a)| Marker {
            lat: a.lat / f64::from(a.count),
            lon: a.lon / f64::from(a.count),
            count: a.count,
            id: (a.count == 1).then_some(a.first),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const GERMANY: Bounds = Bounds {
        south: 47.0,
        west: 5.5,
        north: 55.2,
        east: 15.5,
    };

    fn p(id: i64, lat: f64, lon: f64) -> Point {
        Point { id, lat, lon }
    }

    #[test]
    fn a_lone_idea_is_its_own_marker() {
        let m = cluster(&[p(7, 51.5, 10.8)], &GERMANY, 8);
        assert_eq!(
            m,
            vec![Marker {
                lat: 51.5,
                lon: 10.8,
                count: 1,
                id: Some(7)
            }]
        );
    }

    #[test]
    fn near_ideas_cluster_far_out_and_split_close_in() {
        // Nordhausen and Sondershausen, about 20 km apart.
        let points = [p(1, 51.505, 10.791), p(2, 51.370, 10.871)];
        let far = cluster(&points, &GERMANY, 6);
        assert_eq!(far.len(), 1);
        assert_eq!(far[0].count, 2);
        assert_eq!(far[0].id, None);
        assert!((far[0].lat - 51.4375).abs() < 1e-9, "at the mean position");
        let close = cluster(&points, &GERMANY, 12);
        assert_eq!(close.len(), 2);
        assert!(close.iter().all(|m| m.count == 1 && m.id.is_some()));
    }

    #[test]
    fn only_what_is_in_view() {
        let points = [p(1, 51.5, 10.8), p(2, 48.1, 11.6), p(3, 60.0, 10.0)];
        let thuringia = Bounds::new(50.2, 9.8, 51.7, 12.7).unwrap();
        let m = cluster(&points, &thuringia, 10);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].id, Some(1));
        assert_eq!(
            cluster(&points, &GERMANY, 0)
                .iter()
                .map(|m| m.count)
                .sum::<u32>(),
            2
        );
    }

    #[test]
    fn bad_bounds_are_refused() {
        assert!(
            Bounds::new(52.0, 10.0, 51.0, 11.0).is_none(),
            "south above north"
        );
        assert!(
            Bounds::new(51.0, 12.0, 52.0, 11.0).is_none(),
            "west right of east"
        );
        assert!(Bounds::new(f64::NAN, 10.0, 52.0, 11.0).is_none());
        assert!(Bounds::new(-91.0, 10.0, 52.0, 11.0).is_none());
        assert!(Bounds::new(51.0, 10.0, 52.0, 181.0).is_none());
    }

    proptest! {
        #[test]
        fn no_idea_is_lost_or_counted_twice(
            raw in proptest::collection::vec((47.0f64..55.0, 6.0f64..15.0), 0..300),
            zoom in 0u8..=18,
        ) {
            let points: Vec<Point> = raw.iter().enumerate().map(|(i, (lat, lon))| p(i as i64, *lat, *lon)).collect();
            let m = cluster(&points, &GERMANY, zoom);
            prop_assert_eq!(m.iter().map(|m| m.count as usize).sum::<usize>(), points.len());
            for marker in &m {
                prop_assert_eq!(marker.id.is_some(), marker.count == 1);
                prop_assert!(GERMANY.south <= marker.lat && marker.lat <= GERMANY.north);
            }
            // Zooming in never merges: at least as many markers one level closer.
            if zoom < 18 {
                prop_assert!(cluster(&points, &GERMANY, zoom + 1).len() >= m.len());
            }
        }
    }
}
