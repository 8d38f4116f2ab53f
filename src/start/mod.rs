//! The start page for a logged-in person: what needs their attention in
//! each of their roles, and the ways into their networks. Login lands here
//! when it was not sent from another page.

mod attention;
mod pages;

pub use attention::{NetworkLinks, Start, Task, for_person};

use axum::{Router, routing::get};

use crate::{state::AppState, web::urls};

pub fn router() -> Router<AppState> {
    Router::new().route(&urls::start(), get(pages::show))
}
