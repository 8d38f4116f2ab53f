//! The look-ups and checks every page and API operation of another domain
//! does before it acts on a network or an organisation: find it (or 404)
//! and ask the permission table whether this person may.

use crate::{
    auth::{
        domain::CurrentUser,
        permissions::{Action, Resource, can},
    },
    db::Db,
    error::{AppError, AppResult},
    ids::OrganizationId,
    networks::queries::{self, NetworkRow, OrgRow},
    state::AppState,
    web::Ctx,
};

/// A network by its short name, or "not found".
pub async fn load_network(db: &Db, slug: &str) -> AppResult<NetworkRow> {
    queries::network_by_slug(db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// A network by its short name, from the public cache (see `web::cache`):
/// for the public pages and API that every visitor loads.
pub async fn cached_network(state: &AppState, slug: &str) -> AppResult<NetworkRow> {
    state
        .public_cache
        .get(format!("network:{slug}"), || load_network(&state.db, slug))
        .await
}

/// Loads the organisation and checks `action` for the current user; also
/// returns the networks the organisation belongs to (approved).
pub async fn authorize_org(
    state: &AppState,
    c: &Ctx,
    id: OrganizationId,
    action: Action,
) -> AppResult<(CurrentUser, OrgRow, Vec<crate::ids::NetworkId>)> {
    let user = c.require_user()?.clone();
    let (org, networks) = authorize_user_org(state, &user, id, action).await?;
    Ok((user, org, networks))
}

/// The same check for a user who is not behind a browser session (the API).
pub async fn authorize_user_org(
    state: &AppState,
    user: &CurrentUser,
    id: OrganizationId,
    action: Action,
) -> AppResult<(OrgRow, Vec<crate::ids::NetworkId>)> {
    let org = queries::org_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let networks = queries::approved_networks_of_org(&state.db, id).await?;
    if !can(
        Some(user),
        action,
        &Resource::Organization {
            id,
            networks: &networks,
        },
    ) {
        return Err(AppError::Forbidden);
    }
    Ok((org, networks))
}
