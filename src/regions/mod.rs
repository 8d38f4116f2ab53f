//! Reference data about German regions (districts, postal codes, sectors),
//! geocoding by postal code, and the data-sources page with attributions.

pub mod api;
pub mod data;
pub mod locate;
mod pages;
pub mod svg;

use axum::{Router, routing::get};

pub use data::{District, reference};

use crate::{state::AppState, web::urls};

/// A located address: coordinates and district derived from the postal code.
#[derive(Debug, Clone, PartialEq)]
pub struct Geo {
    pub postal_code: String,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
}

/// Looks up a German postal code. Where a code spans several places, the one
/// whose name matches `city` wins, else the first. Coordinates are the
/// place's centre: precise enough for maps and distances in a region,
/// without storing anyone's exact address position.
pub fn geocode(postal_code: &str, city: &str) -> Result<Geo, &'static str> {
    let code = postal_code.trim();
    if code.is_empty() {
        return Err("field-required");
    }
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err("postal-code-invalid");
    }
    let places = reference().postal_places(code);
    let city_lc = city.trim().to_lowercase();
    let place = places
        .iter()
        .find(|p| !city_lc.is_empty() && p.place.to_lowercase() == city_lc)
        .or_else(|| {
            places
                .iter()
                .find(|p| !city_lc.is_empty() && p.place.to_lowercase().starts_with(&city_lc))
        })
        .or_else(|| places.first())
        .ok_or("postal-code-unknown")?;
    Ok(Geo {
        postal_code: code.to_owned(),
        city: if city.trim().is_empty() {
            place.place.clone()
        } else {
            city.trim().to_owned()
        },
        district_ags: place.ags.clone(),
        lat: place.lat,
        lon: place.lon,
    })
}

/// Mean earth radius.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres between two (lat, lon) points.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let s_lat = ((lat2 - lat1) / 2.0).sin();
    let s_lon = ((lon2 - lon1) / 2.0).sin();
    let h = s_lat * s_lat + lat1.cos() * lat2.cos() * s_lon * s_lon;
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Name of a district by key, or the key itself when unknown.
pub fn district_name(ags: &str) -> String {
    reference()
        .district(ags)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| ags.to_owned())
}

pub fn router() -> Router<AppState> {
    Router::new().route(&urls::data_sources(), get(pages::data_sources))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geocodes_a_postal_code_to_its_district() {
        let g = geocode("99867", "").unwrap();
        assert_eq!(g.district_ags, "16067");
        assert_eq!(g.city, "Gotha");
        assert!((g.lat - 50.95).abs() < 0.2);
    }

    #[test]
    fn rejects_malformed_and_unknown_codes() {
        assert_eq!(geocode("", ""), Err("field-required"));
        assert_eq!(geocode("9986", ""), Err("postal-code-invalid"));
        assert_eq!(geocode("9986x", ""), Err("postal-code-invalid"));
        assert_eq!(geocode("00000", ""), Err("postal-code-unknown"));
    }

    #[test]
    fn keeps_the_city_as_typed() {
        assert_eq!(
            geocode("99867", "Gotha-Siebleben").unwrap().city,
            "Gotha-Siebleben"
        );
    }
}
