//! Networks and their partners: the public home page, partner directory,
//! partner pages and maps; applications to join and the coordinator's
//! decisions; organisation administration (profile, locations, contact
//! persons, people and invitations).

pub mod access;
pub mod api;
pub mod domain;
mod org_admin;
mod pages;
pub mod profile;
pub mod queries;
mod views;

pub use access::{authorize_org, authorize_user_org, cached_network, load_network};

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/n/{slug}", get(pages::network_home))
        .route("/n/{slug}/partner", get(pages::directory))
        .route("/n/{slug}/partner/{id}", get(pages::partner))
        .route("/n/{slug}/karte", get(pages::map))
        .route(
            "/n/{slug}/beitreten",
            get(pages::apply_form).post(pages::apply),
        )
        .route("/n/{slug}/koordination", get(pages::coordination))
        .route(
            "/n/{slug}/koordination/mindestgruppe",
            post(pages::set_group_size),
        )
        .route("/n/{slug}/koordination/antraege/{org}", post(pages::decide))
        .route("/organisationen", get(org_admin::my_orgs))
        .route("/organisationen/{id}", get(org_admin::overview))
        .route(
            "/organisationen/{id}/profil",
            get(org_admin::profile_form).post(org_admin::save_profile),
        )
        .route(
            "/organisationen/{id}/standorte",
            get(org_admin::locations).post(org_admin::add_location),
        )
        .route(
            "/organisationen/{id}/standorte/{loc}/loeschen",
            post(org_admin::delete_location),
        )
        .route(
            "/organisationen/{id}/ansprechpersonen",
            get(org_admin::contacts).post(org_admin::add_contact),
        )
        .route(
            "/organisationen/{id}/ansprechpersonen/{contact}/loeschen",
            post(org_admin::delete_contact),
        )
        .route(
            "/organisationen/{id}/personen",
            get(org_admin::people).post(org_admin::invite),
        )
        .route(
            "/organisationen/{id}/einladungen/{inv}/widerrufen",
            post(org_admin::revoke_invitation),
        )
        .route(
            "/einladung",
            get(org_admin::code_form).post(org_admin::code_submit),
        )
        .route(
            "/einladung/{code}",
            get(org_admin::invitation).post(org_admin::accept_invitation),
        )
}
