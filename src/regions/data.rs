//! Loads the reference data compiled into the binary (see `data/README.md`)
//! into memory once: districts with their statistics, postal codes and WZ 2008
//! sectors. Corrections for later district mergers are applied here.

use std::{collections::HashMap, sync::LazyLock};

use serde::Serialize;

const DISTRICTS_CSV: &str = include_str!("../../data/districts.csv");
const URBN_CSV: &str = include_str!("../../data/de_nuts3_2021_urbn_type.csv");
const POSTAL_TSV: &str = include_str!("../../data/geonames_DE_postal.tsv");
const WZ_CSV: &str = include_str!("../../data/wz2008.csv");
/// District boundaries (GeoJSON FeatureCollection with `ags` properties).
pub const DISTRICTS_GEOJSON: &str = include_str!("../../data/kreise_2021_simplified.geojson");

/// Districts merged after the statistics were published: old key → new key.
const MERGERS: &[(&str, &str)] = &[("16056", "16063")];

fn current_ags(ags: &str) -> &str {
    MERGERS
        .iter()
        .find(|(old, _)| *old == ags)
        .map(|(_, new)| *new)
        .unwrap_or(ags)
}

/// Eurostat urban–rural typology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UrbanRural {
    PredominantlyUrban,
    Intermediate,
    PredominantlyRural,
}

impl UrbanRural {
    pub fn message_key(self) -> &'static str {
        match self {
            UrbanRural::PredominantlyUrban => "urban-rural-urban",
            UrbanRural::Intermediate => "urban-rural-intermediate",
            UrbanRural::PredominantlyRural => "urban-rural-rural",
        }
    }
}

/// A district (Kreis or kreisfreie Stadt) with its official key (AGS).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct District {
    /// Five-digit official municipality key (Amtlicher Gemeindeschlüssel).
    pub ags: String,
    pub name: String,
    /// Kind as published: Landkreis, Kreis, Kreisfreie Stadt, Stadtkreis.
    pub kind: String,
    pub state: String,
    pub nuts3: String,
    pub population: u64,
    pub area_km2: f64,
    pub density_per_km2: f64,
    pub urban_rural: Option<UrbanRural>,
}

/// One place of a postal code with its coordinates and district.
#[derive(Debug, Clone, Serialize)]
pub struct PostalPlace {
    pub place: String,
    pub ags: String,
    pub lat: f64,
    pub lon: f64,
}

/// A class of the WZ 2008 classification of economic activities.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Sector {
    pub code: String,
    pub level: u8,
    pub title: String,
}

pub struct ReferenceData {
    pub districts: Vec<District>,
    district_index: HashMap<String, usize>,
    postal: HashMap<String, Vec<PostalPlace>>,
    pub sectors: Vec<Sector>,
    sector_index: HashMap<String, usize>,
}

/// The states, keyed by the first two digits of the AGS.
pub fn state_name(ags: &str) -> &'static str {
    match ags.get(..2).unwrap_or("") {
        "01" => "Schleswig-Holstein",
        "02" => "Hamburg",
        "03" => "Niedersachsen",
        "04" => "Bremen",
        "05" => "Nordrhein-Westfalen",
        "06" => "Hessen",
        "07" => "Rheinland-Pfalz",
        "08" => "Baden-Württemberg",
        "09" => "Bayern",
        "10" => "Saarland",
        "11" => "Berlin",
        "12" => "Brandenburg",
        "13" => "Mecklenburg-Vorpommern",
        "14" => "Sachsen",
        "15" => "Sachsen-Anhalt",
        "16" => "Thüringen",
        _ => "",
    }
}

/// Names in the statistics carry suffixes such as ", Stadt"; the map's names
/// are the short form people use.
fn tidy_name(name: &str) -> String {
    name.split(',').next().unwrap_or(name).trim().to_owned()
}

fn load() -> ReferenceData {
    let mut urbn: HashMap<String, UrbanRural> = HashMap::new();
    let mut rdr = csv::Reader::from_reader(URBN_CSV.as_bytes());
    for rec in rdr.records().flatten() {
        let kind = match rec.get(3) {
            Some("1") => UrbanRural::PredominantlyUrban,
            Some("2") => UrbanRural::Intermediate,
            Some("3") => UrbanRural::PredominantlyRural,
            _ => continue,
        };
        if let Some(ags) = rec.get(1) {
            urbn.insert(ags.to_owned(), kind);
        }
    }

    let mut districts: Vec<District> = Vec::with_capacity(400);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(DISTRICTS_CSV.as_bytes());
    let mut merged: Vec<(String, u64, f64)> = Vec::new();
    for rec in rdr.records().flatten() {
        let ags = rec.get(0).unwrap_or_default().to_owned();
        let population: u64 = rec.get(5).and_then(|v| v.parse().ok()).unwrap_or(0);
        let area_km2: f64 = rec.get(4).and_then(|v| v.parse().ok()).unwrap_or(0.0);
        if current_ags(&ags) != ags {
            merged.push((current_ags(&ags).to_owned(), population, area_km2));
            continue;
        }
        districts.push(District {
            state: state_name(&ags).to_owned(),
            urban_rural: urbn.get(&ags).copied(),
            name: tidy_name(rec.get(2).unwrap_or_default()),
            kind: rec.get(1).unwrap_or_default().to_owned(),
            nuts3: rec.get(3).unwrap_or_default().to_owned(),
            population,
            area_km2,
            density_per_km2: 0.0,
            ags,
        });
    }
    for (into, population, area) in merged {
        if let Some(d) = districts.iter_mut().find(|d| d.ags == into) {
            d.population += population;
            d.area_km2 += area;
        }
    }
    for d in &mut districts {
        d.density_per_km2 = if d.area_km2 > 0.0 {
            (d.population as f64 / d.area_km2 * 10.0).round() / 10.0
        } else {
            0.0
        };
        d.area_km2 = (d.area_km2 * 100.0).round() / 100.0;
    }
    districts.sort_by(|a, b| a.ags.cmp(&b.ags));
    let district_index = districts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.ags.clone(), i))
        .collect();

    let mut postal: HashMap<String, Vec<PostalPlace>> = HashMap::new();
    for line in POSTAL_TSV.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 11 || cols[8].is_empty() {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (cols[9].parse(), cols[10].parse()) else {
            continue;
        };
        postal
            .entry(cols[1].to_owned())
            .or_default()
            .push(PostalPlace {
                place: cols[2].to_owned(),
                ags: current_ags(cols[8]).to_owned(),
                lat,
                lon,
            });
    }

    let mut sectors = Vec::new();
    let mut rdr = csv::Reader::from_reader(WZ_CSV.as_bytes());
    for rec in rdr.records().flatten() {
        sectors.push(Sector {
            code: rec.get(0).unwrap_or_default().to_owned(),
            level: rec.get(1).and_then(|v| v.parse().ok()).unwrap_or(0),
            title: rec.get(2).unwrap_or_default().to_owned(),
        });
    }
    let sector_index = sectors
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.clone(), i))
        .collect();

    ReferenceData {
        districts,
        district_index,
        postal,
        sectors,
        sector_index,
    }
}

static DATA: LazyLock<ReferenceData> = LazyLock::new(load);

/// The reference data, parsed on first use (≈ 30 ms).
pub fn reference() -> &'static ReferenceData {
    &DATA
}

impl ReferenceData {
    pub fn district(&self, ags: &str) -> Option<&District> {
        self.district_index.get(ags).map(|&i| &self.districts[i])
    }

    /// The mean position of a district's postal places: its centre for
    /// distances (good enough at the scale of a region).
    pub fn district_centre(&self, ags: &str) -> Option<(f64, f64)> {
        let (mut lat, mut lon, mut n) = (0.0, 0.0, 0u32);
        for p in self.postal.values().flatten().filter(|p| p.ags == ags) {
            lat += p.lat;
            lon += p.lon;
            n += 1;
        }
        (n > 0).then(|| (lat / f64::from(n), lon / f64::from(n)))
    }

    pub fn postal_places(&self, code: &str) -> &[PostalPlace] {
        self.postal.get(code).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn sector(&self, code: &str) -> Option<&Sector> {
        self.sector_index.get(code).map(|&i| &self.sectors[i])
    }

    /// Sections and divisions (levels 1 and 2): the granularity offered in forms.
    pub fn top_sectors(&self) -> impl Iterator<Item = &Sector> {
        self.sectors.iter().filter(|s| s.level <= 2)
    }

    pub fn postal_code_count(&self) -> usize {
        self.postal.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_hundred_districts_after_the_eisenach_merger() {
        let r = reference();
        assert_eq!(r.districts.len(), 400);
        assert!(r.district("16056").is_none());
        let wartburg = r.district("16063").unwrap();
        assert_eq!(wartburg.population, 123025 + 42370);
        assert!((wartburg.area_km2 - (1307.44 + 104.17)).abs() < 0.01);
        assert!((wartburg.density_per_km2 - 117.2).abs() < 0.1);
        assert_eq!(wartburg.state, "Thüringen");
    }

    #[test]
    fn every_district_has_a_boundary_and_a_typology() {
        let geo: serde_json::Value = serde_json::from_str(DISTRICTS_GEOJSON).unwrap();
        let keys: std::collections::HashSet<String> = geo["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["properties"]["ags"].as_str().unwrap().to_owned())
            .collect();
        let r = reference();
        for d in &r.districts {
            assert!(
                keys.contains(&d.ags),
                "no boundary for {} {}",
                d.ags,
                d.name
            );
            assert!(
                d.urban_rural.is_some(),
                "no typology for {} {}",
                d.ags,
                d.name
            );
            assert!(!d.state.is_empty());
        }
    }

    #[test]
    fn postal_codes_geocode_to_known_districts() {
        let r = reference();
        assert!(r.postal_code_count() > 8000);
        let gotha = r.postal_places("99867");
        assert!(!gotha.is_empty());
        assert_eq!(gotha[0].ags, "16067");
        for places in r.postal.values() {
            for p in places {
                assert!(
                    r.district(&p.ags).is_some(),
                    "postal place {} points to unknown {}",
                    p.place,
                    p.ags
                );
            }
        }
        assert_eq!(
            r.postal_places("99817")[0].ags,
            "16063",
            "Eisenach is in Wartburgkreis now"
        );
    }

    #[test]
    fn sectors() {
        let r = reference();
        assert_eq!(
            r.sector("29").unwrap().title,
            "Herstellung von Kraftwagen und Kraftwagenteilen"
        );
        assert_eq!(r.top_sectors().count(), 21 + 88);
    }
}
