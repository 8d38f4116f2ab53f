//! Public network pages, applications and coordination.

use crate::web::Path;
use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;

use askama::Template;

use super::{
    access::{cached_network, load_network},
    domain::{
        DirectoryFilter, DirectoryQuery, MembershipStatus, OrgForm, OrgProfile,
        parse_directory_query,
    },
    queries::{self, NetworkRow},
    views::*,
};
use crate::{
    auth::permissions::{Action, Resource, can},
    db::{Db, now},
    error::{AppError, AppResult},
    ids::OrganizationId,
    mail::Readers,
    regions::reference,
    state::AppState,
    web::{
        Ctx,
        forms::{FieldErrors, optional_text},
        i18n::Lang,
        urls,
    },
};

pub async fn home(State(state): State<AppState>, c: Ctx) -> AppResult<HomePage> {
    let cards = state
        .public_cache
        .get("home".into(), || async {
            let networks = queries::networks(&state.db).await?;
            let mut cards = Vec::with_capacity(networks.len());
            for n in networks {
                let stats = queries::network_stats(&state.db, n.id).await?;
                let districts = queries::network_districts(&state.db, n.id).await?.len();
                cards.push(NetworkCard {
                    network: n,
                    partners: stats.partners,
                    districts,
                });
            }
            Ok(cards)
        })
        .await?;
    Ok(HomePage { c, cards })
}

pub async fn network_home(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<NetworkPage> {
    let network = cached_network(&state, &slug).await?;
    let (stats, districts) = state
        .public_cache
        .get(format!("network-page:{}", network.id), || async {
            let stats = queries::network_stats(&state.db, network.id).await?;
            let districts = district_rows(&state.db, &network).await?;
            Ok((stats, districts))
        })
        .await?;
    let can_coordinate = can(
        c.user.as_ref(),
        Action::ViewNetworkAdmin,
        &Resource::Network(network.id),
    );
    // The pooling page is for the coordination office and the member
    // organisations' admins and members; nobody else is shown the way in.
    let can_pool = match &c.user {
        Some(user) => {
            can_coordinate
                || !queries::orgs_of_user_in(&state.db, user, network.id)
                    .await?
                    .is_empty()
        }
        None => false,
    };
    Ok(NetworkPage {
        c,
        network,
        stats,
        districts,
        can_coordinate,
        can_pool,
    })
}

/// The network's districts with statistics and partner counts.
async fn district_rows(db: &Db, network: &NetworkRow) -> AppResult<Vec<DistrictRow>> {
    let members = queries::directory(db, network.id, &DirectoryFilter::default()).await?;
    let r = reference();
    Ok(queries::network_districts(db, network.id)
        .await?
        .into_iter()
        .filter_map(|ags| r.district(&ags).cloned())
        .map(|d| DistrictRow {
            partners: members.iter().filter(|m| m.district_ags == d.ags).count(),
            district: d,
        })
        .collect())
}

pub async fn directory(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<DirectoryQuery>,
) -> AppResult<Response> {
    let network = cached_network(&state, &slug).await?;
    let district_keys = state
        .public_cache
        .get(format!("districts:{}", network.id), || async {
            Ok(queries::network_districts(&state.db, network.id).await?)
        })
        .await?;
    let (filter, errors) = parse_directory_query(&q, &district_keys);
    let (count, cards) = state
        .public_cache
        .get(
            format!("directory:{}:{}:{filter:?}", network.id, c.lang.code()),
            || async {
                let partners = queries::directory(&state.db, network.id, &filter).await?;
                let cards = PartnerCards {
                    lang: c.lang,
                    slug: &network.slug,
                    partners: &partners,
                    count: partners.len(),
                }
                .render()
                .map_err(|e| AppError::Internal(e.into()))?;
                Ok((partners.len(), cards))
            },
        )
        .await?;
    let districts = district_keys
        .iter()
        .filter_map(|a| reference().district(a).cloned())
        .collect();
    let status = errors.status();
    Ok((
        status,
        DirectoryPage {
            c,
            network,
            query: q,
            count,
            cards,
            districts,
            errors,
        },
    )
        .into_response())
}

pub async fn partner(
    State(state): State<AppState>,
    c: Ctx,
    Path((slug, id)): Path<(String, OrganizationId)>,
) -> AppResult<PartnerPage> {
    let network = cached_network(&state, &slug).await?;
    let (org, contacts, locations, networks) = state
        .public_cache
        .get(format!("partner:{}:{id}", network.id), || async {
            // Only approved members are public; anything else looks like it does not exist.
            if !queries::is_approved_member(&state.db, network.id, id).await? {
                return Err(AppError::NotFound);
            }
            let org = queries::org_by_id(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let contacts = queries::contacts(&state.db, id, true).await?;
            let locations = queries::locations(&state.db, id).await?;
            let networks = queries::approved_networks_of_org(&state.db, id).await?;
            Ok((org, contacts, locations, networks))
        })
        .await?;
    let can_edit = can(
        c.user.as_ref(),
        Action::EditOrganization,
        &Resource::Organization {
            id,
            networks: &networks,
        },
    );
    Ok(PartnerPage {
        c,
        network,
        org,
        contacts,
        locations,
        can_edit,
    })
}

pub async fn map(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<MapPage> {
    let network = load_network(&state.db, &slug).await?;
    let districts = district_rows(&state.db, &network).await?;
    let partners = queries::directory(&state.db, network.id, &DirectoryFilter::default()).await?;
    let tile_url = state.settings.tile_url.clone().unwrap_or_default();
    let tile_attribution = state.settings.tile_attribution.clone().unwrap_or_default();
    Ok(MapPage {
        c,
        network,
        districts,
        partners,
        tile_url,
        tile_attribution,
    })
}

// ---- Applying to join ----

#[derive(Deserialize, Default, Clone)]
pub struct ApplyForm {
    /// An organisation the user administers, or "new".
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub application_text: String,
    #[serde(flatten)]
    pub profile: OrgForm,
}

async fn apply_page(
    state: &AppState,
    c: Ctx,
    network: NetworkRow,
    form: ApplyForm,
    errors: FieldErrors,
) -> AppResult<ApplyPage> {
    let user = c.require_user()?;
    let mut own_orgs = Vec::new();
    for o in queries::orgs_of_user(&state.db, user.id).await? {
        if o.role == crate::auth::domain::OrgRole::Admin
            && !queries::memberships_of_org(&state.db, o.org_id)
                .await?
                .iter()
                .any(|m| m.slug == network.slug && m.status != MembershipStatus::Declined)
        {
            own_orgs.push(o);
        }
    }
    Ok(ApplyPage {
        c,
        network,
        form,
        errors,
        own_orgs,
        sectors: sector_options(),
    })
}

pub fn sector_options() -> Vec<(String, String)> {
    reference()
        .top_sectors()
        .map(|s| (s.code.clone(), format!("{} – {}", s.code, s.title)))
        .collect()
}

pub async fn apply_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let user = c.require_user()?;
    if !user.email_confirmed {
        return Err(AppError::Forbidden);
    }
    let form = ApplyForm {
        org: "new".into(),
        ..ApplyForm::default()
    };
    Ok(apply_page(&state, c, network, form, FieldErrors::new())
        .await?
        .into_response())
}

pub async fn apply(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<ApplyForm>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let user = c.require_user()?.clone();
    if !user.email_confirmed {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let text = errors.check(
        "application_text",
        optional_text(&form.application_text, 2000),
    );
    let target = if form.org == "new" || form.org.is_empty() {
        match OrgProfile::try_from(&form.profile) {
            Ok(p) => Some(Err(p)),
            Err(e) => {
                for (f, k) in e.iter() {
                    errors.add(f, k);
                }
                None
            }
        }
    } else {
        // An existing organisation: the user must administer it.
        match form.org.parse::<OrganizationId>() {
            Ok(id)
                if can(
                    Some(&user),
                    Action::ApplyForMembership,
                    &Resource::Organization { id, networks: &[] },
                ) =>
            {
                Some(Ok(id))
            }
            _ => {
                errors.add("org", "choice-invalid");
                None
            }
        }
    };
    let (Some(target), Some(text), true) = (target, text, errors.is_empty()) else {
        let page = apply_page(&state, c, network, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let t = now();
    let org = match target {
        Ok(id) => id,
        Err(profile) => queries::create_org(&state.db, &profile, Some(user.id), t).await?,
    };
    if !queries::apply(&state.db, network.id, org, &text, user.id, t).await? {
        let page = apply_page(
            &state,
            c,
            network,
            form,
            FieldErrors::single("org", "already-applied"),
        )
        .await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    notify_coordinators(&state, &network).await?;
    Ok(Redirect::to(&format!("{}?notice=notice-applied", urls::org_admin(&org))).into_response())
}

/// Mails the network's contact address about a new application.
async fn notify_coordinators(state: &AppState, network: &NetworkRow) -> AppResult<()> {
    if network.contact_email.is_empty() {
        return Ok(());
    }
    let lang = Lang::De;
    let link = format!(
        "{}{}",
        state.settings.public_base_url(),
        urls::coordination(&network.slug)
    );
    let body = lang.t_args(
        "mail-new-application-body",
        &[
            ("network", FluentValue::from(network.name.clone())),
            ("link", FluentValue::from(link)),
        ],
    );
    state
        .mailer
        .send(
            &state.db,
            &network.contact_email,
            &lang.t("mail-new-application-subject"),
            &body,
            Readers::Network(network.id),
        )
        .await
}

// ---- Coordination ----

async fn coordination_page(
    state: &AppState,
    c: Ctx,
    network: NetworkRow,
    errors: FieldErrors,
    failed_org: Option<OrganizationId>,
    group_size: Option<(GroupSizeForm, FieldErrors)>,
) -> AppResult<CoordinationPage> {
    let applications = queries::pending_applications(&state.db, network.id).await?;
    let stats = queries::network_stats(&state.db, network.id).await?;
    let can_manage = can(
        c.user.as_ref(),
        Action::ManageNetwork,
        &Resource::Network(network.id),
    );
    let (form, group_size_errors) = group_size.unwrap_or_else(|| {
        (
            GroupSizeForm {
                min_group_size: network.min_group_size.to_string(),
                noise_range: network.noise_range.to_string(),
            },
            FieldErrors::new(),
        )
    });
    Ok(CoordinationPage {
        c,
        network,
        applications,
        stats,
        errors,
        failed_org,
        can_manage,
        group_size: form.min_group_size,
        noise_range: form.noise_range,
        group_size_errors,
    })
}

pub async fn coordination(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<CoordinationPage> {
    let network = load_network(&state.db, &slug).await?;
    c.require_user()?;
    if !can(
        c.user.as_ref(),
        Action::ViewNetworkAdmin,
        &Resource::Network(network.id),
    ) {
        return Err(AppError::Forbidden);
    }
    coordination_page(&state, c, network, FieldErrors::new(), None, None).await
}

#[derive(Deserialize, Default)]
pub struct GroupSizeForm {
    #[serde(default)]
    pub min_group_size: String,
    #[serde(default)]
    pub noise_range: String,
}

/// The coordinator sets the protection of published figures: k (every
/// figure covers at least this many people) and the noise range.
pub async fn set_group_size(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<GroupSizeForm>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    c.require_user()?;
    if !can(
        c.user.as_ref(),
        Action::ManageNetwork,
        &Resource::Network(network.id),
    ) {
        return Err(AppError::Forbidden);
    }
    let k = super::domain::parse_group_size(&form.min_group_size);
    let noise = match form.noise_range.trim() {
        "" => Ok(network.noise_range),
        s => super::domain::parse_noise_range(s),
    };
    match (k, noise) {
        (Ok(k), Ok(noise)) => {
            queries::set_protection(&state.db, network.id, k, noise).await?;
            Ok(Redirect::to(&format!(
                "{}?notice=notice-saved#privacy",
                urls::coordination(&network.slug)
            ))
            .into_response())
        }
        (k, noise) => {
            let mut errors = FieldErrors::new();
            if let Err(key) = k {
                errors.add("min_group_size", key);
            }
            if let Err(key) = noise {
                errors.add("noise_range", key);
            }
            let page = coordination_page(
                &state,
                c,
                network,
                FieldErrors::new(),
                None,
                Some((form, errors)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
pub struct DecisionForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub message: String,
}

pub async fn decide(
    State(state): State<AppState>,
    c: Ctx,
    Path((slug, org)): Path<(String, OrganizationId)>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let user = c.require_user()?.clone();
    if !can(
        Some(&user),
        Action::DecideMembership,
        &Resource::Network(network.id),
    ) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let status = match form.decision.as_str() {
        "approve" => Some(MembershipStatus::Approved),
        "decline" => Some(MembershipStatus::Declined),
        _ => errors.check("decision", Err("choice-invalid")),
    };
    let message = errors.check("message", optional_text(&form.message, 2000));
    // A decline must say why: the organisation deserves a reason.
    if status == Some(MembershipStatus::Declined) && message.as_deref() == Some("") {
        errors.add("message", "decline-needs-message");
    }
    let (Some(status), Some(message), true) = (status, message, errors.is_empty()) else {
        let page = coordination_page(&state, c, network, errors, Some(org), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let Some((email, locale)) =
        queries::decide(&state.db, network.id, org, status, &message, user.id, now()).await?
    else {
        return Err(AppError::NotFound);
    };
    if let Some(email) = email {
        let lang = locale.as_deref().and_then(Lang::parse).unwrap_or_default();
        let org_name = queries::org_by_id(&state.db, org)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let (subject, body_key) = match status {
            MembershipStatus::Approved => ("mail-approved-subject", "mail-approved-body"),
            _ => ("mail-declined-subject", "mail-declined-body"),
        };
        let body = lang.t_args(
            body_key,
            &[
                ("network", FluentValue::from(network.name.clone())),
                ("org", FluentValue::from(org_name)),
                (
                    "message",
                    FluentValue::from(if message.is_empty() {
                        "–".to_owned()
                    } else {
                        message.clone()
                    }),
                ),
                (
                    "link",
                    FluentValue::from(format!(
                        "{}{}",
                        state.settings.public_base_url(),
                        urls::partner(&network.slug, &org)
                    )),
                ),
            ],
        );
        state
            .mailer
            .send(
                &state.db,
                &email,
                &lang.t(subject),
                &body,
                Readers::Network(network.id),
            )
            .await?;
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-decided",
        urls::coordination(&network.slug)
    ))
    .into_response())
}
