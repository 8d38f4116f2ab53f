//! What a provider does with their offerings: publish one or change it,
//! withdraw it and publish it again. The form and the bulk import
//! ([`super::import_job`]) both start here: who may act for the provider,
//! which competences the offering may name, and that an offering being
//! changed is the provider's own are decided once, in this file.

use super::{
    domain::{CompetenceLookup, OfferingInput, OfferingStatus},
    queries::{self, OfferingRow},
};
use crate::{
    auth::{domain::CurrentUser, permissions::Action},
    competences::{profiles::competences_for, queries::CompetenceRow},
    db::now,
    error::{AppError, AppResult, on_constraint},
    ids::{NetworkId, OfferingId, OrganizationId},
    kernel::days::today,
    networks::{access::authorize_user_org, queries::OrgRow},
    state::AppState,
    web::forms::FieldErrors,
};

/// The provider `id`, if `user` manages its offerings, with the networks
/// it belongs to. Organisations that do not publish offerings (companies,
/// chambers) have no catalog side: not found, as for a stranger.
pub async fn provider_scope(
    state: &AppState,
    user: &CurrentUser,
    id: OrganizationId,
) -> AppResult<(OrgRow, Vec<NetworkId>)> {
    let (org, networks) = authorize_user_org(state, user, id, Action::ManageOfferings).await?;
    if !org.kind.publishes_offerings() {
        return Err(AppError::NotFound);
    }
    Ok((org, networks))
}

/// The competences an offering of a provider in `networks` may name: those
/// of the networks' frameworks, by id or code.
pub async fn competence_lookup(
    state: &AppState,
    networks: &[NetworkId],
) -> AppResult<(CompetenceLookup, Vec<CompetenceRow>)> {
    let (_, competences) = competences_for(&state.db, networks).await?;
    let lookup = CompetenceLookup::new(competences.iter().map(|c| (c.id, c.code.clone())));
    Ok((lookup, competences))
}

/// One of the provider's own offerings; another provider's is not found.
pub async fn own_offering(
    state: &AppState,
    provider: OrganizationId,
    id: OfferingId,
) -> AppResult<OfferingRow> {
    queries::offering(&state.db, id)
        .await?
        .filter(|o| o.provider_id == provider)
        .ok_or(AppError::NotFound)
}

/// Publishes a new offering of `provider` or, with `editing`, saves changes
/// to one of its own (which publishes it again if it was withdrawn). The
/// search index learns of it through its outbox, written in the same
/// transaction. Field errors come back with every problem at once; an
/// external id the provider already uses is one of them.
#[tracing::instrument(skip_all, fields(provider = %provider, user = %user.id))]
pub async fn publish(
    state: &AppState,
    user: &CurrentUser,
    provider: OrganizationId,
    editing: Option<OfferingId>,
    input: &OfferingInput,
) -> AppResult<Result<OfferingId, FieldErrors>> {
    let (_, networks) = provider_scope(state, user, provider).await?;
    if let Some(id) = editing {
        own_offering(state, provider, id).await?;
    }
    let (lookup, _) = competence_lookup(state, &networks).await?;
    let offering = match input.parse(&lookup, today()) {
        Ok(o) => o,
        Err(errors) => return Ok(Err(errors)),
    };
    let saved = queries::save(&state.db, provider, editing, &offering, now())
        .await
        .map_err(|e| {
            on_constraint(
                e,
                "offerings_external_key",
                "external_id",
                "offering-external-id-taken",
            )
        });
    match saved {
        Ok((id, _)) => {
            state.search_changed();
            Ok(Ok(id))
        }
        Err(AppError::Validation(errors)) => Ok(Err(errors)),
        Err(e) => Err(e),
    }
}

/// Withdraws a published offering, or publishes a withdrawn one again;
/// returns its new status.
#[tracing::instrument(skip_all, fields(provider = %provider, offering = %id))]
pub async fn toggle_withdrawn(
    state: &AppState,
    user: &CurrentUser,
    provider: OrganizationId,
    id: OfferingId,
) -> AppResult<OfferingStatus> {
    provider_scope(state, user, provider).await?;
    let o = own_offering(state, provider, id).await?;
    let status = match o.status {
        OfferingStatus::Published => OfferingStatus::Withdrawn,
        OfferingStatus::Withdrawn => OfferingStatus::Published,
    };
    queries::set_status(&state.db, provider, id, status, now()).await?;
    state.search_changed();
    Ok(status)
}
