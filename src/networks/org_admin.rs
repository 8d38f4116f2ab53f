//! Administration of one organisation by its admins: profile, locations,
//! contact persons, people and invitations; and redeeming an invitation.
//!
//! Every route loads the organisation, then asks `can` — ids in the path are
//! never trusted, so a forged id of another organisation ends in 403/404.

use crate::web::Path;
use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    access::authorize_org,
    domain::{ContactForm, LocationForm, NewLocation},
    pages::sector_options,
    queries::{self, OrgRow},
    views::*,
};
use crate::{
    auth::{
        domain::{CurrentUser, OrgRole},
        permissions::{Action, Resource, can},
    },
    db::now,
    error::{AppError, AppResult},
    ids::{ContactId, InvitationId, LocationId, OrganizationId},
    state::AppState,
    web::{
        Ctx,
        forms::{FieldErrors, optional_text},
        token_hash, urls,
    },
};

/// Invitations stay open for 30 days: long enough to reach people on shift.
const INVITATION_DAYS: i64 = 30;

async fn authorize(
    state: &AppState,
    c: &Ctx,
    id: OrganizationId,
    action: Action,
) -> AppResult<(CurrentUser, OrgRow)> {
    let (user, org, _) = authorize_org(state, c, id, action).await?;
    Ok((user, org))
}

pub async fn my_orgs(State(state): State<AppState>, c: Ctx) -> AppResult<MyOrgsPage> {
    let user = c.require_user()?;
    let orgs = queries::orgs_of_user(&state.db, user.id).await?;
    let networks = queries::networks(&state.db).await?;
    Ok(MyOrgsPage { c, orgs, networks })
}

pub async fn overview(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<OrgOverviewPage> {
    let user = c.require_user()?;
    let org = queries::org_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let networks = queries::approved_networks_of_org(&state.db, id).await?;
    let is_admin = can(
        Some(user),
        Action::EditOrganization,
        &Resource::Organization {
            id,
            networks: &networks,
        },
    );
    // Members see their organisation's overview; others have no business here.
    if user.org_role(id).is_none() && !is_admin {
        return Err(AppError::Forbidden);
    }
    let memberships = queries::memberships_of_org(&state.db, id).await?;
    Ok(OrgOverviewPage {
        c,
        org,
        memberships,
        is_admin,
    })
}

pub async fn profile_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<ProfilePage> {
    let (_, org) = authorize(&state, &c, id, Action::EditOrganization).await?;
    Ok(ProfilePage {
        c,
        org_id: id,
        org_name: org.name.clone(),
        form: org.to_form(),
        errors: FieldErrors::new(),
        sectors: sector_options(),
    })
}

pub async fn save_profile(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<super::domain::OrgForm>,
) -> AppResult<Response> {
    let (user, org) = authorize(&state, &c, id, Action::EditOrganization).await?;
    match super::profile::update_profile(&state, &user, id, &form).await? {
        Ok(()) => Ok(
            Redirect::to(&format!("{}?notice=notice-saved", urls::org_admin(&id))).into_response(),
        ),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            ProfilePage {
                c,
                org_id: id,
                org_name: org.name,
                form,
                errors,
                sectors: sector_options(),
            },
        )
            .into_response()),
    }
}

pub async fn locations(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<LocationsPage> {
    let (_, org) = authorize(&state, &c, id, Action::EditOrganization).await?;
    let locations = queries::locations(&state.db, id).await?;
    Ok(LocationsPage {
        c,
        org,
        locations,
        form: LocationForm::default(),
        errors: FieldErrors::new(),
    })
}

pub async fn add_location(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<LocationForm>,
) -> AppResult<Response> {
    let (_, org) = authorize(&state, &c, id, Action::EditOrganization).await?;
    match NewLocation::try_from(&form) {
        Ok(loc) => {
            queries::add_location(&state.db, id, &loc).await?;
            Ok(
                Redirect::to(&format!("{}?notice=notice-saved", urls::org_locations(&id)))
                    .into_response(),
            )
        }
        Err(errors) => {
            let locations = queries::locations(&state.db, id).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                LocationsPage {
                    c,
                    org,
                    locations,
                    form,
                    errors,
                },
            )
                .into_response())
        }
    }
}

pub async fn delete_location(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, loc)): Path<(OrganizationId, LocationId)>,
) -> AppResult<Response> {
    authorize(&state, &c, id, Action::EditOrganization).await?;
    if !queries::delete_location(&state.db, id, loc).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-deleted",
        urls::org_locations(&id)
    ))
    .into_response())
}

pub async fn contacts(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<ContactsPage> {
    let (_, org) = authorize(&state, &c, id, Action::EditOrganization).await?;
    let contacts = queries::contacts(&state.db, id, false).await?;
    let form = ContactForm {
        is_public: Some("on".into()),
        ..ContactForm::default()
    };
    Ok(ContactsPage {
        c,
        org,
        contacts,
        form,
        errors: FieldErrors::new(),
    })
}

pub async fn add_contact(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<ContactForm>,
) -> AppResult<Response> {
    let (user, org) = authorize(&state, &c, id, Action::EditOrganization).await?;
    match super::profile::add_contact(&state, &user, id, &form).await? {
        Ok(_) => Ok(
            Redirect::to(&format!("{}?notice=notice-saved", urls::org_contacts(&id)))
                .into_response(),
        ),
        Err(errors) => {
            let contacts = queries::contacts(&state.db, id, false).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                ContactsPage {
                    c,
                    org,
                    contacts,
                    form,
                    errors,
                },
            )
                .into_response())
        }
    }
}

pub async fn delete_contact(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, contact)): Path<(OrganizationId, ContactId)>,
) -> AppResult<Response> {
    authorize(&state, &c, id, Action::EditOrganization).await?;
    if !queries::delete_contact(&state.db, id, contact).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-deleted",
        urls::org_contacts(&id)
    ))
    .into_response())
}

async fn people_page(
    state: &AppState,
    c: Ctx,
    org: OrgRow,
    new_invitation: Option<(String, String)>,
    errors: FieldErrors,
) -> AppResult<PeoplePage> {
    let people = queries::people(&state.db, org.id).await?;
    let invitations = queries::open_invitations(&state.db, org.id, now()).await?;
    Ok(PeoplePage {
        c,
        org,
        people,
        invitations,
        new_invitation,
        errors,
    })
}

pub async fn people(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<PeoplePage> {
    let (_, org) = authorize(&state, &c, id, Action::ManageOrgPeople).await?;
    people_page(&state, c, org, None, FieldErrors::new()).await
}

#[derive(Deserialize, Default)]
pub struct InviteForm {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub note: String,
}

/// A short code people can type from a notice board or a phone call:
/// 8 characters without look-alikes (0/O, 1/I/L), shown as XXXX-XXXX.
pub fn new_invitation_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    use rand::Rng;
    let mut rng = rand::rng();
    let raw: String = (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &raw[..4], &raw[4..])
}

/// Normalises what someone typed: case, spaces and dashes do not matter.
pub fn normalize_code(input: &str) -> Option<String> {
    let raw: String = input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (raw.len() == 8).then(|| format!("{}-{}", &raw[..4], &raw[4..]))
}

pub async fn invite(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    let (user, org) = authorize(&state, &c, id, Action::ManageOrgPeople).await?;
    let mut errors = FieldErrors::new();
    let role = errors.check("role", OrgRole::parse(&form.role).ok_or("choice-invalid"));
    let note = errors.check("note", optional_text(&form.note, 200));
    let (Some(role), Some(note), true) = (role, note, errors.is_empty()) else {
        let page = people_page(&state, c, org, None, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let code = new_invitation_code();
    let t = now();
    queries::create_invitation(
        &state.db,
        id,
        &token_hash(&code),
        role,
        &note,
        user.id,
        t,
        t + INVITATION_DAYS * 86400,
    )
    .await?;
    let link = format!(
        "{}{}",
        state.settings.public_base_url(),
        urls::invitation(&code)
    );
    Ok(
        people_page(&state, c, org, Some((code, link)), FieldErrors::new())
            .await?
            .into_response(),
    )
}

pub async fn revoke_invitation(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, inv)): Path<(OrganizationId, InvitationId)>,
) -> AppResult<Response> {
    authorize(&state, &c, id, Action::ManageOrgPeople).await?;
    if !queries::revoke_invitation(&state.db, id, inv, now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("{}?notice=notice-deleted", urls::org_people(&id))).into_response())
}

// ---- Redeeming an invitation ----

pub async fn code_form(c: Ctx) -> CodePage {
    CodePage {
        c,
        code: String::new(),
        errors: FieldErrors::new(),
    }
}

#[derive(Deserialize, Default)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
}

pub async fn code_submit(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let valid = match normalize_code(&form.code) {
        Some(code) => queries::invitation_by_code(&state.db, &token_hash(&code), now())
            .await?
            .map(|_| code),
        None => None,
    };
    match valid {
        Some(code) => Ok(Redirect::to(&urls::invitation(&code)).into_response()),
        None => {
            let key = if form.code.trim().is_empty() {
                "field-required"
            } else {
                "invitation-invalid"
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                CodePage {
                    c,
                    code: form.code,
                    errors: FieldErrors::single("code", key),
                },
            )
                .into_response())
        }
    }
}

pub async fn invitation(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let code = normalize_code(&code).ok_or(AppError::NotFound)?;
    let Some((_, role, org_name)) =
        queries::invitation_by_code(&state.db, &token_hash(&code), now()).await?
    else {
        return Ok((
            StatusCode::NOT_FOUND,
            CodePage {
                c,
                code,
                errors: FieldErrors::single("code", "invitation-invalid"),
            },
        )
            .into_response());
    };
    let role_key = queries::PersonRow {
        user_id: crate::ids::UserId(0),
        display_name: String::new(),
        email: String::new(),
        role,
    }
    .role_key();
    Ok(InvitationPage {
        c,
        code,
        org_name,
        role_key,
    }
    .into_response())
}

pub async fn accept_invitation(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let user = c.require_user()?;
    let code = normalize_code(&code).ok_or(AppError::NotFound)?;
    match queries::redeem_invitation(&state.db, &token_hash(&code), user.id, now()).await? {
        Some(org) => Ok(
            Redirect::to(&format!("{}?notice=notice-joined", urls::org_admin(&org)))
                .into_response(),
        ),
        None => Ok((
            StatusCode::GONE,
            CodePage {
                c,
                code,
                errors: FieldErrors::single("code", "invitation-invalid"),
            },
        )
            .into_response()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typeable_and_normalised() {
        let code = new_invitation_code();
        assert_eq!(code.len(), 9);
        assert_eq!(
            normalize_code(&code.to_lowercase().replace('-', " ")),
            Some(code.clone())
        );
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(normalize_code("abc"), None);
    }
}
