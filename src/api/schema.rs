//! Shapes of API responses and request bodies (documented in OpenAPI).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    networks::{
        domain::OrgKind,
        queries::{ContactRow, LocationRow, NetworkRow, OrgListRow, OrgRow},
    },
    regions::District,
};

#[derive(Serialize, ToSchema)]
pub struct Network {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Minimum group size for any published aggregate (k-anonymity).
    pub min_group_size: i64,
    /// Official keys (AGS) of the network's districts.
    pub districts: Vec<String>,
    pub partners: i64,
}

impl Network {
    pub fn new(n: NetworkRow, districts: Vec<String>, partners: i64) -> Self {
        Self {
            slug: n.slug,
            name: n.name,
            description: n.description,
            min_group_size: n.min_group_size,
            districts,
            partners,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationSummary {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    /// WZ 2008 code.
    pub sector_code: Option<String>,
    /// micro, small, medium or large.
    pub size_class: Option<String>,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
}

impl From<OrgListRow> for OrganizationSummary {
    fn from(o: OrgListRow) -> Self {
        Self {
            id: o.id.0,
            kind: o.kind,
            name: o.name,
            sector_code: o.sector_code,
            size_class: o.size_class,
            city: o.city,
            district_ags: o.district_ags,
            lat: o.lat,
            lon: o.lon,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub role_title: String,
    pub email: String,
    pub phone: String,
}

impl From<ContactRow> for Contact {
    fn from(c: ContactRow) -> Self {
        Self {
            id: c.id.0,
            name: c.name,
            role_title: c.role_title,
            email: c.email,
            phone: c.phone,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Location {
    pub id: i64,
    pub label: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
}

impl From<LocationRow> for Location {
    fn from(l: LocationRow) -> Self {
        Self {
            id: l.id.0,
            label: l.label,
            street: l.street,
            postal_code: l.postal_code,
            city: l.city,
            district_ags: l.district_ags,
            lat: l.lat,
            lon: l.lon,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub sector_code: Option<String>,
    pub size_class: Option<String>,
    pub description: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
    /// Public contact persons only.
    pub contacts: Vec<Contact>,
    pub locations: Vec<Location>,
    /// Slugs of the networks it belongs to.
    pub networks: Vec<String>,
}

impl Organization {
    pub fn new(
        o: OrgRow,
        contacts: Vec<ContactRow>,
        locations: Vec<LocationRow>,
        networks: Vec<String>,
    ) -> Self {
        Self {
            id: o.id.0,
            kind: o.kind,
            name: o.name,
            sector_code: o.sector_code,
            size_class: o.size_class,
            description: o.description,
            website: o.website,
            email: o.email,
            phone: o.phone,
            street: o.street,
            postal_code: o.postal_code,
            city: o.city,
            district_ags: o.district_ags,
            lat: o.lat,
            lon: o.lon,
            contacts: contacts.into_iter().map(Into::into).collect(),
            locations: locations.into_iter().map(Into::into).collect(),
            networks,
        }
    }
}

/// The fields of a request body, so that a value of the wrong JSON type can
/// be reported on its field.
pub trait BodyFields {
    const FIELDS: &'static [&'static str];
}

impl BodyFields for OrganizationPatch {
    const FIELDS: &'static [&'static str] = &[
        "name",
        "kind",
        "sector_code",
        "size_class",
        "description",
        "website",
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
    ];
}

impl BodyFields for NewContactBody {
    const FIELDS: &'static [&'static str] = &["name", "role_title", "email", "phone", "is_public"];
}

/// Fields to change; omitted fields keep their value.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct OrganizationPatch {
    #[schema(min_length = 1, max_length = 150, pattern = "\\S")]
    pub name: Option<String>,
    #[schema(
        pattern = "^(company|provider|chamber|union|vocational_college|university|public_body|association|other)$"
    )]
    pub kind: Option<String>,
    /// WZ 2008 code; empty to remove.
    #[schema(pattern = "^([A-U]|[0-9]{2}(\\.[0-9]{1,2}){0,2})?$")]
    pub sector_code: Option<String>,
    /// Companies only; empty to remove.
    #[schema(pattern = "^(micro|small|medium|large)?$")]
    pub size_class: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    /// Digits, spaces and + - / ( ).
    #[schema(max_length = 40, pattern = "^[0-9 +/()-]*$")]
    pub phone: Option<String>,
    pub street: Option<String>,
    #[schema(pattern = "^[0-9]{5}$")]
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContactBody {
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name: String,
    #[serde(default)]
    pub role_title: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    #[schema(max_length = 40, pattern = "^[0-9 +/()-]*$")]
    pub phone: String,
    #[serde(default = "yes")]
    pub is_public: bool,
}

fn yes() -> bool {
    true
}

/// A district with its statistics.
pub type DistrictSchema = District;

/// A problem document (RFC 9457 shape).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    pub status: u16,
    /// Stable machine-readable code, e.g. `error-not-found`.
    pub code: String,
    /// Human-readable message in the requested language.
    pub title: String,
    /// Per-field errors for validation failures.
    pub errors: Option<serde_json::Value>,
    pub reference: Option<String>,
}
