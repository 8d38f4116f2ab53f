//! The gap report (Bedarfslücken), pure: for each district and competence
//! with published demand, how many offerings reach it, on site within a
//! radius of the district's centre and online.

use crate::{ids::CompetenceId, regions::haversine_km};

/// How far people travel to an on-site course, as a rule of thumb for rural
/// regions (about 45 minutes by car).
pub const REACH_KM: f64 = 50.0;

/// An offering as the report sees it.
pub struct Reachable {
    pub competences: Vec<CompetenceId>,
    /// None for online offerings.
    pub location: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    pub near: u32,
    pub online: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Demand and nothing at all.
    Gap,
    /// Only online offerings; nothing on site within reach.
    OnlineOnly,
    Covered,
}

impl Coverage {
    pub fn status(self) -> Status {
        match (self.near, self.online) {
            (0, 0) => Status::Gap,
            (0, _) => Status::OnlineOnly,
            _ => Status::Covered,
        }
    }
}

impl Status {
    pub fn message_key(self) -> &'static str {
        match self {
            Status::Gap => "gap-status-gap",
            Status::OnlineOnly => "gap-status-online",
            Status::Covered => "gap-status-covered",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Gap => "gap",
            Status::OnlineOnly => "online_only",
            Status::Covered => "covered",
        }
    }
}

/// Coverage per district (rows, by centre) and competence (columns).
pub fn coverage(
    centres: &[Option<(f64, f64)>],
    competences: &[CompetenceId],
    offerings: &[Reachable],
    radius_km: f64,
) -> Vec<Vec<Coverage>> {
    let mut out = vec![vec![Coverage::default(); competences.len()]; centres.len()];
    for o in offerings {
        let cols: Vec<usize> = o
            .competences
            .iter()
            .filter_map(|c| competences.iter().position(|x| x == c))
            .collect();
        if cols.is_empty() {
            continue;
        }
        for (row, centre) in centres.iter().enumerate() {
            let near = match (o.location, centre) {
                (None, _) => None,
                (Some(at), Some(centre)) => Some(haversine_km(at, *centre) <= radius_km),
                (Some(_), None) => Some(false),
            };
            for &col in &cols {
                match near {
                    None => out[row][col].online += 1,
                    Some(true) => out[row][col].near += 1,
                    Some(false) => {}
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_and_online_offerings_are_counted_per_district() {
        let gotha = Some((50.95, 10.70));
        let nordhausen = Some((51.50, 10.79));
        let cnc = CompetenceId(1);
        let robots = CompetenceId(2);
        let offerings = [
            // In Nordhausen: 61 km from Gotha.
            Reachable {
                competences: vec![robots],
                location: Some((51.50, 10.79)),
            },
            Reachable {
                competences: vec![cnc, robots],
                location: None,
            },
            Reachable {
                competences: vec![CompetenceId(9)],
                location: gotha,
            },
        ];
        let c = coverage(&[gotha, nordhausen], &[cnc, robots], &offerings, REACH_KM);
        assert_eq!(c[0][1], Coverage { near: 0, online: 1 });
        assert_eq!(c[1][1], Coverage { near: 1, online: 1 });
        assert_eq!(c[0][0].status(), Status::OnlineOnly);
        assert_eq!(c[1][1].status(), Status::Covered);
        let none = coverage(&[gotha], &[cnc], &[], REACH_KM);
        assert_eq!(none[0][0].status(), Status::Gap);
    }
}
