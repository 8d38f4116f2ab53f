//! The start page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use fluent_templates::fluent_bundle::FluentValue;

use super::attention::{self, Start, Task};
use crate::{
    error::AppResult,
    state::AppState,
    web::{Ctx, urls},
};

#[derive(Template, WebTemplate)]
#[template(path = "start/start.html")]
pub struct StartPage {
    pub c: Ctx,
    pub start: Start,
}

impl StartPage {
    /// The task as a sentence in the reader's language, and its link.
    fn task(&self, t: &Task) -> (String, String) {
        let c = &self.c;
        match t {
            Task::SelfAssessment { org, open, href } => (
                c.lang.t_args(
                    "start-task-assess",
                    &[
                        ("count", count(*open)),
                        ("org", FluentValue::from(org.as_str())),
                    ],
                ),
                href.clone(),
            ),
            Task::Applications {
                network,
                open,
                href,
            } => (
                c.lang.t_args(
                    "start-task-applications",
                    &[
                        ("count", count(*open)),
                        ("network", FluentValue::from(network.as_str())),
                    ],
                ),
                href.clone(),
            ),
            Task::Notifications { unread, href } => (
                c.lang.t_n("start-task-notifications", *unread),
                href.clone(),
            ),
        }
    }
}

fn count(n: usize) -> FluentValue<'static> {
    FluentValue::from(i64::try_from(n).unwrap_or(i64::MAX))
}

pub async fn show(State(state): State<AppState>, c: Ctx) -> AppResult<StartPage> {
    let user = c.require_user()?.clone();
    let start = attention::for_person(&state, &user).await?;
    Ok(StartPage { c, start })
}
