//! Networks, organisations and memberships: types and the rules for turning
//! form input into them. No I/O here.

use crate::{
    auth::domain::str_enum,
    regions::{Geo, geocode, reference},
    web::forms::{FieldErrors, optional_text, required_text},
};

/// Kind of organisation, as the partner directory filters them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Company,
    Provider,
    Chamber,
    Union,
    VocationalCollege,
    University,
    PublicBody,
    Association,
    Other,
}

str_enum!(OrgKind {
    Company => "company", Provider => "provider", Chamber => "chamber", Union => "union",
    VocationalCollege => "vocational_college", University => "university", PublicBody => "public_body",
    Association => "association", Other => "other",
});

impl OrgKind {
    /// Education providers, chambers and unions publish training offerings.
    pub fn publishes_offerings(self) -> bool {
        matches!(self, OrgKind::Provider | OrgKind::Chamber | OrgKind::Union)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            OrgKind::Company => "kind-company",
            OrgKind::Provider => "kind-provider",
            OrgKind::Chamber => "kind-chamber",
            OrgKind::Union => "kind-union",
            OrgKind::VocationalCollege => "kind-vocational_college",
            OrgKind::University => "kind-university",
            OrgKind::PublicBody => "kind-public_body",
            OrgKind::Association => "kind-association",
            OrgKind::Other => "kind-other",
        }
    }
}

/// Company size class by employees (EU SME definition thresholds).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// fewer than 10 employees
    Micro,
    /// fewer than 50
    Small,
    /// fewer than 250
    Medium,
    /// 250 and more
    Large,
}

str_enum!(SizeClass { Micro => "micro", Small => "small", Medium => "medium", Large => "large" });

impl SizeClass {
    pub fn from_employees(n: u32) -> SizeClass {
        match n {
            0..=9 => SizeClass::Micro,
            10..=49 => SizeClass::Small,
            50..=249 => SizeClass::Medium,
            _ => SizeClass::Large,
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            SizeClass::Micro => "size-micro",
            SizeClass::Small => "size-small",
            SizeClass::Medium => "size-medium",
            SizeClass::Large => "size-large",
        }
    }
}

/// Where an organisation stands in a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipStatus {
    Pending,
    Approved,
    Declined,
}

str_enum!(MembershipStatus { Pending => "pending", Approved => "approved", Declined => "declined" });

/// Lower-cases and folds umlauts so that "Muller", "Müller" and "MUELLER"
/// find each other, identically on both databases (SQLite's `lower()` only
/// knows ASCII).
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars().flat_map(char::to_lowercase) {
        match ch {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' | 'è' | 'ê' => out.push('e'),
            'á' | 'à' | 'â' => out.push('a'),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn like_pattern(term: &str) -> String {
    let mut p = String::from("%");
    for ch in search_key(term).chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// The profile form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OrgForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub sector_code: String,
    #[serde(default)]
    pub size_class: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
}

/// A valid organisation profile, geocoded.
#[derive(Debug, Clone)]
pub struct OrgProfile {
    pub name: String,
    pub kind: OrgKind,
    pub sector_code: Option<String>,
    pub size_class: Option<SizeClass>,
    pub description: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub geo: Geo,
}

fn parse_website(s: &str) -> Result<String, &'static str> {
    let s = optional_text(s, 300)?;
    if s.is_empty() {
        return Ok(s);
    }
    let with_scheme = if s.contains("://") {
        s
    } else {
        format!("https://{s}")
    };
    match url::Url::parse(&with_scheme) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| h.contains('.')) =>
        {
            Ok(u.to_string())
        }
        _ => Err("website-invalid"),
    }
}

fn parse_phone(s: &str) -> Result<String, &'static str> {
    let s = optional_text(s, 40)?;
    if s.chars()
        .all(|c| c.is_ascii_digit() || " +-/()".contains(c))
    {
        Ok(s)
    } else {
        Err("phone-invalid")
    }
}

fn parse_optional_email(s: &str) -> Result<String, &'static str> {
    if s.trim().is_empty() {
        Ok(String::new())
    } else {
        crate::auth::domain::Email::parse(s).map(|e| e.as_str().to_owned())
    }
}

impl TryFrom<&OrgForm> for OrgProfile {
    type Error = FieldErrors;

    fn try_from(f: &OrgForm) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", required_text(&f.name, 150));
        let kind = e.check(
            "kind",
            OrgKind::parse(f.kind.trim()).ok_or(if f.kind.trim().is_empty() {
                "field-required"
            } else {
                "choice-invalid"
            }),
        );
        let sector_code = e.check(
            "sector_code",
            match f.sector_code.trim() {
                "" => Ok(None),
                code if reference().sector(code).is_some() => Ok(Some(code.to_owned())),
                _ => Err("sector-invalid"),
            },
        );
        let size_class = e.check(
            "size_class",
            match f.size_class.trim() {
                "" => Ok(None),
                s => SizeClass::parse(s).map(Some).ok_or("choice-invalid"),
            },
        );
        let description = e.check("description", optional_text(&f.description, 5000));
        let website = e.check("website", parse_website(&f.website));
        let email = e.check("email", parse_optional_email(&f.email));
        let phone = e.check("phone", parse_phone(&f.phone));
        let street = e.check("street", optional_text(&f.street, 150));
        let city = e.check("city", required_text(&f.city, 100));
        let geo = e.check(
            "postal_code",
            geocode(&f.postal_code, city.as_deref().unwrap_or("")),
        );
        match (
            name,
            kind,
            sector_code,
            size_class,
            description,
            website,
            email,
            phone,
            street,
            geo,
        ) {
            (
                Some(name),
                Some(kind),
                Some(sector_code),
                Some(size_class),
                Some(description),
                Some(website),
                Some(email),
                Some(phone),
                Some(street),
                Some(geo),
            ) if e.is_empty() => Ok(OrgProfile {
                name,
                kind,
                sector_code,
                size_class,
                description,
                website,
                email,
                phone,
                street,
                geo,
            }),
            _ => Err(e),
        }
    }
}

/// A further site (branch, training centre) of an organisation.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct LocationForm {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
}

#[derive(Debug, Clone)]
pub struct NewLocation {
    pub label: String,
    pub street: String,
    pub geo: Geo,
}

impl TryFrom<&LocationForm> for NewLocation {
    type Error = FieldErrors;
    fn try_from(f: &LocationForm) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let label = e.check("label", required_text(&f.label, 100));
        let street = e.check("street", optional_text(&f.street, 150));
        let city = e.check("city", required_text(&f.city, 100));
        let geo = e.check(
            "postal_code",
            geocode(&f.postal_code, city.as_deref().unwrap_or("")),
        );
        match (label, street, geo) {
            (Some(label), Some(street), Some(geo)) if e.is_empty() => {
                Ok(NewLocation { label, street, geo })
            }
            _ => Err(e),
        }
    }
}

/// A named contact person of an organisation.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role_title: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Checkbox: present when ticked.
    #[serde(default)]
    pub is_public: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewContact {
    pub name: String,
    pub role_title: String,
    pub email: String,
    pub phone: String,
    pub is_public: bool,
}

impl TryFrom<&ContactForm> for NewContact {
    type Error = FieldErrors;
    fn try_from(f: &ContactForm) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", required_text(&f.name, 100));
        let role_title = e.check("role_title", optional_text(&f.role_title, 100));
        let email = e.check("email", parse_optional_email(&f.email));
        let phone = e.check("phone", parse_phone(&f.phone));
        match (name, role_title, email, phone) {
            (Some(name), Some(role_title), Some(email), Some(phone)) if e.is_empty() => {
                Ok(NewContact {
                    name,
                    role_title,
                    email,
                    phone,
                    is_public: f.is_public.is_some(),
                })
            }
            _ => Err(e),
        }
    }
}

/// Filters of the partner directory, already validated.
#[derive(Debug, Clone, Default)]
pub struct DirectoryFilter {
    pub kind: Option<OrgKind>,
    pub district: Option<String>,
    /// WZ code; matches the code and everything below it.
    pub sector: Option<String>,
    pub text: Option<String>,
}

/// The partner directory's query string as typed.
#[derive(Debug, serde::Deserialize, Default, Clone)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub q: String,
}

/// A network's short name in URLs (`/n/{slug}`): lower-case letters, digits
/// and single dashes, 2 to 40 characters.
/// The smallest group a published figure may describe (k). Below 3 a
/// figure is close to an individual answer; above 50 small networks would
/// see nothing at all.
pub const MIN_GROUP_SIZE: i64 = 3;
pub const MAX_GROUP_SIZE: i64 = 50;

pub fn parse_group_size(s: &str) -> Result<i64, &'static str> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|k| (MIN_GROUP_SIZE..=MAX_GROUP_SIZE).contains(k))
        .ok_or("group-size-invalid")
}

/// The noise range of published figures: 0 (no noise) to 5 people.
pub fn parse_noise_range(s: &str) -> Result<i64, &'static str> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=i64::from(crate::disclosure::Noise::MAX_RANGE)).contains(n))
        .ok_or("noise-range-invalid")
}

pub fn parse_network_slug(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    let ok = (2..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--");
    if ok {
        Ok(s.to_owned())
    } else {
        Err("slug-invalid")
    }
}

/// District keys (AGS) or exact district names, separated by commas.
pub fn parse_district_list(s: &str) -> Result<Vec<String>, String> {
    let reference = crate::regions::reference();
    let mut out = Vec::new();
    for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let found = reference.district(item).or_else(|| {
            reference
                .districts
                .iter()
                .find(|d| d.name.eq_ignore_ascii_case(item))
        });
        match found {
            Some(d) if !out.contains(&d.ags) => out.push(d.ags.clone()),
            Some(_) => {}
            None => return Err(item.to_owned()),
        }
    }
    if out.is_empty() {
        Err(String::new())
    } else {
        Ok(out)
    }
}

/// Turns the query string into a filter; values that make no sense are
/// reported and dropped rather than silently matching nothing.
pub fn parse_directory_query(
    q: &DirectoryQuery,
    network_districts: &[String],
) -> (DirectoryFilter, FieldErrors) {
    let mut errors = FieldErrors::new();
    let kind = match q.kind.trim() {
        "" => None,
        k => errors.check("kind", OrgKind::parse(k).ok_or("choice-invalid")),
    };
    let district = match q.district.trim() {
        "" => None,
        d if network_districts.iter().any(|n| n == d) => Some(d.to_owned()),
        _ => errors.check("district", Err("district-not-in-network")),
    };
    let sector = match q.sector.trim() {
        "" => None,
        s if reference().sector(s).is_some() => Some(s.to_owned()),
        _ => errors.check("sector", Err("sector-invalid")),
    };
    let text = errors
        .check("q", optional_text(&q.q, 100))
        .filter(|t| !t.is_empty());
    (
        DirectoryFilter {
            kind,
            district,
            sector,
            text,
        },
        errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrgForm {
        OrgForm {
            name: "Gothaer Fahrzeugteile GmbH".into(),
            kind: "company".into(),
            sector_code: "29".into(),
            size_class: "medium".into(),
            postal_code: "99867".into(),
            city: "Gotha".into(),
            website: "gothaer-fahrzeugteile.example".into(),
            ..OrgForm::default()
        }
    }

    #[test]
    fn a_complete_form_parses_and_geocodes() {
        let p = OrgProfile::try_from(&form()).unwrap();
        assert_eq!(p.kind, OrgKind::Company);
        assert_eq!(p.geo.district_ags, "16067");
        assert_eq!(p.website, "https://gothaer-fahrzeugteile.example/");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let f = OrgForm {
            name: "x".repeat(151),
            kind: "spaceship".into(),
            sector_code: "99.99.9".into(),
            size_class: "huge".into(),
            postal_code: "00000".into(),
            city: "".into(),
            website: "javascript:alert(1)".into(),
            email: "no-at".into(),
            phone: "call me".into(),
            ..OrgForm::default()
        };
        let e = OrgProfile::try_from(&f).unwrap_err();
        for field in [
            "name",
            "kind",
            "sector_code",
            "size_class",
            "city",
            "website",
            "email",
            "phone",
            "postal_code",
        ] {
            assert!(e.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn size_classes_follow_the_thresholds() {
        assert_eq!(SizeClass::from_employees(9), SizeClass::Micro);
        assert_eq!(SizeClass::from_employees(10), SizeClass::Small);
        assert_eq!(SizeClass::from_employees(49), SizeClass::Small);
        assert_eq!(SizeClass::from_employees(50), SizeClass::Medium);
        assert_eq!(SizeClass::from_employees(249), SizeClass::Medium);
        assert_eq!(SizeClass::from_employees(250), SizeClass::Large);
    }

    #[test]
    fn search_keys_fold_umlauts_and_case() {
        assert_eq!(search_key("Müller  Straße"), search_key("MUELLER strasse"));
        assert_eq!(like_pattern("50%_x"), "%50\\%\\_x%");
    }

    #[test]
    fn slugs_and_district_lists() {
        assert_eq!(
            parse_network_slug("nordthueringen"),
            Ok("nordthueringen".into())
        );
        for bad in ["", "a", "Nord", "nord thüringen", "-x", "x-", "a--b", "ä"] {
            assert!(parse_network_slug(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_district_list("16067, Nordhausen,16067"),
            Ok(vec!["16067".to_owned(), "16062".to_owned()])
        );
        assert_eq!(
            parse_district_list("16067,Atlantis"),
            Err("Atlantis".to_owned())
        );
        assert!(parse_district_list(" , ").is_err());
    }

    #[test]
    fn directory_query_drops_nonsense_and_says_so() {
        let q = DirectoryQuery {
            kind: "rocket".into(),
            district: "16067".into(),
            sector: "29".into(),
            q: " Guss ".into(),
        };
        let (f, e) = parse_directory_query(&q, &["16067".into()]);
        assert_eq!(f.kind, None);
        assert_eq!(e.get("kind"), Some("choice-invalid"));
        assert_eq!(f.district.as_deref(), Some("16067"));
        assert_eq!(f.sector.as_deref(), Some("29"));
        assert_eq!(f.text.as_deref(), Some("Guss"));
        let (f, e) = parse_directory_query(
            &DirectoryQuery {
                district: "09162".into(),
                ..Default::default()
            },
            &["16067".into()],
        );
        assert!(f.district.is_none());
        assert_eq!(e.get("district"), Some("district-not-in-network"));
    }
}
