//! District maps drawn on the server as SVG: no script, no tiles, readable
//! by screen readers through each district's title, and printable. Used for
//! choropleths such as regional demand, next to their table.

use std::{collections::HashMap, fmt::Write, sync::LazyLock};

use super::data::DISTRICTS_GEOJSON;

/// District boundaries by official key (AGS), parsed once.
pub static DISTRICT_FEATURES: LazyLock<HashMap<String, serde_json::Value>> = LazyLock::new(|| {
    let geo: serde_json::Value = serde_json::from_str(DISTRICTS_GEOJSON).unwrap_or_default();
    geo["features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f["properties"]["ags"].as_str()?.to_owned(), f.clone())))
        .collect()
});

/// One district on the map: its key, a CSS class for the fill and the text
/// announced for it.
pub struct Area<'a> {
    pub ags: &'a str,
    pub class: &'a str,
    pub title: String,
}

fn rings(geometry: &serde_json::Value) -> Vec<Vec<(f64, f64)>> {
    let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![&geometry["coordinates"]],
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    polygons
        .into_iter()
        .flat_map(|p| p.as_array().cloned().unwrap_or_default())
        .map(|ring| {
            ring.as_array()
                .into_iter()
                .flatten()
                .filter_map(|pt| Some((pt[0].as_f64()?, pt[1].as_f64()?)))
                .collect()
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Rings of a polygon's outline and holes, as (x, y) points.
type Rings = Vec<Vec<(f64, f64)>>;

/// An SVG of the given districts, fitted into `width` pixels.
pub fn district_map(areas: &[Area<'_>], width: f64, label: &str) -> String {
    let shapes: Vec<(&Area<'_>, Rings)> = areas
        .iter()
        .filter_map(|a| Some((a, rings(&DISTRICT_FEATURES.get(a.ags)?["geometry"]))))
        .collect();
    let points = shapes.iter().flat_map(|(_, r)| r.iter().flatten());
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in points {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    if shapes.is_empty() || max_x <= min_x || max_y <= min_y {
        return String::new();
    }
    // Longitude degrees shrink with latitude; scale them so shapes keep their form.
    let aspect = ((min_y + max_y) / 2.0).to_radians().cos();
    let scale = width / ((max_x - min_x) * aspect);
    let height = (max_y - min_y) * scale;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{}" class="district-map">"#,
        escape(label)
    );
    for (area, rings) in shapes {
        let _ = write!(svg, r#"<path class="{}" d=""#, escape(area.class));
        for ring in rings {
            for (i, (x, y)) in ring.iter().enumerate() {
                let px = (x - min_x) * aspect * scale;
                let py = (max_y - y) * scale;
                let _ = write!(svg, "{}{px:.1},{py:.1}", if i == 0 { "M" } else { "L" });
            }
            svg.push('Z');
        }
        let _ = write!(svg, r#""><title>{}</title></path>"#, escape(&area.title));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_districts_with_titles_and_escapes_text() {
        let svg = district_map(
            &[
                Area {
                    ags: "16067",
                    class: "demand-2",
                    title: "Gotha: 40 % <viel>".into(),
                },
                Area {
                    ags: "16062",
                    class: "demand-0",
                    title: "Nordhausen".into(),
                },
            ],
            400.0,
            "Bedarf & Karte",
        );
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<path").count(), 2);
        assert!(svg.contains("Gotha: 40 % &lt;viel&gt;"));
        assert!(svg.contains("aria-label=\"Bedarf &amp; Karte\""));
        assert!(
            district_map(
                &[Area {
                    ags: "99999",
                    class: "x",
                    title: String::new()
                }],
                400.0,
                "x"
            )
            .is_empty()
        );
    }
}
