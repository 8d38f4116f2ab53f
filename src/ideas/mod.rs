//! Module 4: idea competitions, idea labs and the public idea map.
//!
//! `rules` (who may do what in which phase), `domain` (parsing) and
//! `clusters` (map markers) are pure; `queries` holds the SQL; `access` ties
//! a request's person to the rules; the rest are screens.

pub mod access;
pub mod api;
pub mod campaigns;
pub mod clusters;
pub mod contributions;
pub mod demo;
pub mod domain;
pub mod export;
pub mod labs;
pub mod map;
pub mod moderation;
pub mod notify;
pub mod pages;
pub mod queries;
pub mod rules;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/n/{slug}/ideen", get(map::page))
        .route("/n/{slug}/ideen.atom", get(export::feed))
        .route(
            "/n/{slug}/ideen/kampagnen/neu",
            get(campaigns::new_form).post(campaigns::create),
        )
        .route(
            "/n/{slug}/ideenwerkstaetten",
            get(labs::page).post(labs::create),
        )
        .route("/ideen/werkstaetten/{id}", get(labs::show))
        .route("/ideen/kampagnen/{id}", get(campaigns::show))
        .route(
            "/ideen/kampagnen/{id}/bearbeiten",
            get(campaigns::edit_form).post(campaigns::update),
        )
        .route(
            "/ideen/kampagnen/{id}/einreichen",
            get(pages::new_form).post(pages::create),
        )
        .route(
            "/ideen/kampagnen/{id}/moderation",
            get(campaigns::moderation),
        )
        .route(
            "/ideen/kampagnen/{id}/jury",
            get(campaigns::jury).post(campaigns::score),
        )
        .route(
            "/ideen/kampagnen/{id}/ergebnisse",
            post(campaigns::publish_results),
        )
        .route("/ideen/kampagnen/{id}/export.csv", get(export::csv))
        .route("/ideen/kampagnen/{id}/export.xlsx", get(export::xlsx))
        .route("/ideen/{id}", get(pages::show))
        .route(
            "/ideen/{id}/bearbeiten",
            get(pages::edit_form).post(pages::update),
        )
        .route("/ideen/{id}/bild", get(pages::image))
        .route("/ideen/{id}/kommentare", post(pages::comment))
        .route("/ideen/{id}/bewertung", post(pages::rate))
        .route("/ideen/{id}/folgen", post(pages::follow))
        .route(
            "/ideen/{id}/kontakt",
            get(pages::contact_form).post(pages::contact),
        )
        .route("/ideen/{id}/moderation/{what}", post(pages::moderate))
        .route(
            "/ideen/kommentare/{id}/bearbeiten",
            post(pages::edit_comment),
        )
        .route("/ideen/kommentare/{id}/melden", post(pages::report_comment))
        .route(
            "/ideen/kommentare/{id}/entscheiden",
            post(pages::decide_comment),
        )
        .route("/benachrichtigungen", get(notify::page).post(notify::save))
}
