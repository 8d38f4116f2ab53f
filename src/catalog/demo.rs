//! Demo offerings: about 320 courses of the demo providers, imported from
//! `data/demo/offerings.csv` through the same import as a provider's upload.
//! The dates in the file are rebased so the earliest course starts two
//! weeks from today, whenever the demo is loaded.

use std::collections::HashMap;

use super::{domain::CompetenceLookup, import, import_job, queries::Progress};
use crate::{
    db::Db,
    ids::{NetworkId, OrganizationId},
    kernel::days::{format_date, parse_date},
};

pub const OFFERINGS_CSV: &str = include_str!("../../data/demo/offerings.csv");

pub async fn load(
    db: &Db,
    network: NetworkId,
    providers: &HashMap<String, OrganizationId>,
    today: i64,
) -> anyhow::Result<usize> {
    let rows = import::parse(OFFERINGS_CSV)
        .map_err(|e| anyhow::anyhow!("demo offerings: {} {}", e.message_key, e.value))?;
    let earliest = rows
        .iter()
        .filter_map(|r| parse_date(&r.input.start_date).ok())
        .min()
        .unwrap_or(today);
    let shift = (today + 14 - earliest).max(0);
    let rebase = |s: &str| match parse_date(s) {
        Ok(d) => format_date(d + shift),
        Err(_) => s.to_owned(),
    };
    let competences = crate::competences::queries::competences(db, network).await?;
    let lookup = CompetenceLookup::new(competences.into_iter().map(|c| (c.id, c.code)));
    let mut by_provider: HashMap<OrganizationId, Vec<import::Row>> = HashMap::new();
    for mut row in rows {
        let Some(org) = providers.get(&row.provider) else {
            anyhow::bail!("demo offering for unknown provider {}", row.provider);
        };
        row.input.start_date = rebase(&row.input.start_date);
        row.input.end_date = rebase(&row.input.end_date);
        by_provider.entry(*org).or_default().push(row);
    }
    let mut saved = 0;
    for (org, rows) in by_provider {
        let offerings = match import_job::check(rows, &lookup, today) {
            Ok(offerings) => offerings,
            Err(errors) => {
                let e = &errors[0];
                anyhow::bail!(
                    "demo offering line {}: {} {} {}",
                    e.line,
                    e.field,
                    e.message_key,
                    e.value
                );
            }
        };
        let counts = import_job::save(db, org, &offerings, &Progress::default(), None).await?;
        saved += counts.created + counts.updated;
    }
    Ok(saved)
}

/// The coordinator has pooled today's open needs once, and a provider has
/// answered the smallest cohort it has a course for (so the pooling page
/// shows the whole flow; no company has opted in yet).
pub async fn pool(
    db: &Db,
    network: NetworkId,
    coordinator: crate::ids::UserId,
    (provider, provider_admin): (OrganizationId, crate::ids::UserId),
    now: i64,
) -> anyhow::Result<()> {
    let needs = super::cohorts::open_needs(db, network).await?;
    let cohorts = super::pooling::pool(&needs, &super::pooling::PoolParams::default());
    super::queries::cohorts::publish(db, network, &cohorts, coordinator, now).await?;
    let offerings: Vec<_> = super::queries::of_provider(db, provider)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let builds = super::queries::competences_of(db, &offerings).await?;
    for row in super::queries::cohorts::cohorts(db, network)
        .await?
        .iter()
        .rev()
    {
        let Some(b) = builds.iter().find(|b| b.competence_id == row.competence_id) else {
            continue;
        };
        super::queries::cohorts::add_answer(
            db,
            row.id,
            b.offering_id,
            "Wir können die Gruppe im nächsten Quartal in unserer Lehrwerkstatt schulen.",
            provider_admin,
            now,
        )
        .await?;
        break;
    }
    Ok(())
}
