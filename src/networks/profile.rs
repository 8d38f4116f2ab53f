//! What an organisation's admin changes about it: its profile and its
//! contact persons. The admin pages and the API both call these, so who may
//! edit and what a valid profile is are decided once.

use super::{
    access::authorize_user_org,
    domain::{ContactForm, NewContact, OrgForm, OrgProfile},
    queries::{self, OrgRow},
};
use crate::{
    auth::{domain::CurrentUser, permissions::Action},
    db::now,
    error::AppResult,
    ids::{ContactId, OrganizationId},
    state::AppState,
    web::forms::FieldErrors,
};

/// The organisation, if `user` may edit it; otherwise forbidden (or not
/// found for an organisation that does not exist).
pub async fn editable(
    state: &AppState,
    user: &CurrentUser,
    id: OrganizationId,
) -> AppResult<OrgRow> {
    let (org, _) = authorize_user_org(state, user, id, Action::EditOrganization).await?;
    Ok(org)
}

/// Replaces the organisation's profile with `form`, geocoded; field errors
/// come back all at once and change nothing.
#[tracing::instrument(skip_all, fields(org = %id, user = %user.id))]
pub async fn update_profile(
    state: &AppState,
    user: &CurrentUser,
    id: OrganizationId,
    form: &OrgForm,
) -> AppResult<Result<(), FieldErrors>> {
    editable(state, user, id).await?;
    let profile = match OrgProfile::try_from(form) {
        Ok(p) => p,
        Err(errors) => return Ok(Err(errors)),
    };
    queries::update_org(&state.db, id, &profile, now()).await?;
    Ok(Ok(()))
}

/// Adds a contact person; returns it as stored.
#[tracing::instrument(skip_all, fields(org = %id, user = %user.id))]
pub async fn add_contact(
    state: &AppState,
    user: &CurrentUser,
    id: OrganizationId,
    form: &ContactForm,
) -> AppResult<Result<(ContactId, NewContact), FieldErrors>> {
    editable(state, user, id).await?;
    let contact = match NewContact::try_from(form) {
        Ok(c) => c,
        Err(errors) => return Ok(Err(errors)),
    };
    let cid = queries::add_contact(&state.db, id, &contact).await?;
    Ok(Ok((cid, contact)))
}
