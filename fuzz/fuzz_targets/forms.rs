//! Form bodies as the handlers receive them (`application/x-www-form-
//! urlencoded`), decoded with `serde_urlencoded` into the handlers' input
//! types and passed to their `parse` / validation functions. The first
//! byte picks the form (`b & 7`, so seed files start with '0' … '7'); the
//! rest is the body.
#![no_main]

use lernregion::{
    auth::domain::{Email, NewPassword},
    catalog::{
        domain::{CompetenceLookup, MAX_COMPETENCES, parse_decimal, parse_flag, parse_price_cents},
        provider::OfferingForm,
    },
    competences::domain::Level,
    kernel::days::parse_date,
    ideas::domain::{
        CampaignForm, IdeaForm, LabForm, locate, parse_campaign, parse_comment, parse_idea,
        parse_lab, parse_stars,
    },
    ids::{CompetenceId, IdeaCampaignId, IdeaCategoryId, IdeaLabId, OrganizationId, UserId},
    networks::domain::{
        DirectoryQuery, OrgForm, OrgProfile, parse_directory_query, parse_district_list,
        parse_group_size, parse_network_slug, parse_noise_range,
    },
    web::layout::safe_next,
};
use libfuzzer_sys::fuzz_target;

const TODAY: i64 = 20_794;

/// Mirrors `OfferingForm::into_input` (private to the handler module): the
/// numbered competence/level pairs become the input's list.
fn offering(body: &[u8]) {
    let Ok(form) = serde_urlencoded::from_bytes::<OfferingForm>(body) else {
        return;
    };
    let mut input = form.input;
    input.competences = (1..=MAX_COMPETENCES)
        .map(|n| {
            let get = |k: String| form.pairs.get(&k).cloned().unwrap_or_default();
            (get(format!("competence_{n}")), get(format!("level_{n}")))
        })
        .filter(|(c, _)| !c.is_empty())
        .collect();
    let lookup = CompetenceLookup::new([
        (CompetenceId(1), "cnc_machining_fundamentals".to_owned()),
        (CompetenceId(2), "basic_reading".to_owned()),
    ]);
    if let Ok(o) = input.parse(&lookup, TODAY) {
        assert!(!o.title.is_empty());
        assert!(o.min_participants <= o.max_participants);
        assert!(o.price_cents >= 0);
        assert!(o.url.is_empty() || o.url.starts_with("http"));
        assert!(o.place.is_some() != o.format.is_online());
    }
    // The CSV notation goes through the same splitter as the import.
    let mut again = input.clone();
    again.set_competences_from(&input.competences_text());
}

/// The password rule as registration, reset and the security page apply it.
fn password(pairs: &[(String, String)]) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let (pw, email, name) = (get("password"), get("email"), get("display_name"));
    if let Ok(p) = NewPassword::parse(pw, &[email, name]) {
        let n = p.expose().chars().count();
        assert!((NewPassword::MIN_CHARS..=NewPassword::MAX_CHARS).contains(&n));
    }
    if let Ok(e) = Email::parse(email) {
        assert!(e.as_str().contains('@'));
        assert!(!e.as_str().chars().any(char::is_whitespace));
    }
}

/// `safe_next` must only ever send someone to a path on this site.
fn check_next(next: &str) {
    let r = safe_next(next);
    assert!(r.starts_with('/'), "{next:?} -> {r:?}");
    assert!(
        !r.starts_with("//") && !r.starts_with("/\\"),
        "{next:?} -> {r:?}"
    );
    assert!(!r.chars().any(char::is_control), "{next:?} -> {r:?}");
    // Valid in a Location header as it is.
    assert!(r.bytes().all(|b| b.is_ascii_graphic()), "{next:?} -> {r:?}");
    assert!(
        url::Url::parse(&r).is_err(),
        "{next:?} -> {r:?} has a scheme"
    );
    let base = url::Url::parse("https://lernregion.example/n/x/").ok();
    if let Some(target) = base.and_then(|b| b.join(&r).ok()) {
        assert_eq!(target.scheme(), "https", "{next:?} -> {r:?}");
        assert_eq!(
            target.host_str(),
            Some("lernregion.example"),
            "{next:?} -> {r:?} leaves the site"
        );
    }
}

fn org(body: &[u8]) {
    if let Ok(form) = serde_urlencoded::from_bytes::<OrgForm>(body) {
        let _ = OrgProfile::try_from(&form);
    }
    if let Ok(q) = serde_urlencoded::from_bytes::<DirectoryQuery>(body) {
        let _ = parse_directory_query(&q, &["16062".to_owned(), "16061".to_owned()]);
    }
}

fn campaign(pairs: Vec<(String, String)>) {
    let form = CampaignForm::from_pairs(pairs);
    for network_allowed in [false, true] {
        let _ = parse_campaign(
            &form,
            &[OrganizationId(1), OrganizationId(2)],
            network_allowed,
            &[UserId(1), UserId(7)],
        );
    }
}

fn idea(pairs: &[(String, String)]) {
    let mut form = IdeaForm::default();
    for (k, v) in pairs {
        form.set(k, v.clone());
    }
    for has_image in [false, true] {
        let _ = parse_idea(
            &form,
            &[IdeaCategoryId(1), IdeaCategoryId(2)],
            &[IdeaLabId(3)],
            &[UserId(1)],
            has_image,
        );
    }
    let _ = locate(&form.lat, &form.lon, &form.postal_code);
    let _ = parse_comment(&form.body);
    let _ = parse_stars(&form.title);
}

fn lab(body: &[u8]) {
    if let Ok(form) = serde_urlencoded::from_bytes::<LabForm>(body) {
        if let Ok(lab) = parse_lab(&form, &["16062".to_owned()], &[IdeaCampaignId(4)]) {
            assert!(lab.ends_at > lab.starts_at);
        }
    }
}

/// The small single-field parsers of the settings and offering forms.
fn fields(pairs: &[(String, String)]) {
    for (_, v) in pairs {
        let _ = parse_network_slug(v);
        if let Ok(k) = parse_group_size(v) {
            assert!((3..=50).contains(&k));
        }
        let _ = parse_noise_range(v);
        let _ = parse_district_list(v);
        let _ = parse_flag(v);
        if let Some(d) = parse_decimal(v) {
            assert!(d.is_finite() && d >= 0.0);
        }
        if let Ok(c) = parse_price_cents(v) {
            assert!((0..=10_000_000).contains(&c));
        }
        let _ = Level::parse(v);
        let _ = parse_date(v);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    match which & 7 {
        0 => offering(body),
        1 => password(&pairs),
        2 => {
            // `GET /sprache?lang=…&next=…`, and the raw text as `next`.
            for (k, v) in &pairs {
                if k == "next" {
                    check_next(v);
                }
            }
            if let Ok(raw) = std::str::from_utf8(body) {
                check_next(raw);
            }
        }
        3 => org(body),
        4 => campaign(pairs),
        5 => idea(&pairs),
        6 => lab(body),
        _ => fields(&pairs),
    }
});
