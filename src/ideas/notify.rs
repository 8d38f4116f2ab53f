//! Notifications: every event lands in the platform (the bell page) and,
//! depending on the person's choice, by mail at once, in a daily digest, or
//! not by mail.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::queries::{self, NotificationRow};
use crate::{
    error::{AppError, AppResult},
    ids::UserId,
    mail::Readers,
    state::{AppState, Work},
    web::{Ctx, urls},
};

/// How a person wants to hear of notices by mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MailPref {
    /// One mail per notice.
    #[default]
    Instant,
    /// One mail a day with every notice since the last.
    Digest,
    /// Only the bell in the platform.
    Never,
}

crate::auth::domain::str_enum!(MailPref { Instant => "instant", Digest => "digest", Never => "none" });

impl MailPref {
    pub fn message_key(self) -> &'static str {
        match self {
            MailPref::Instant => "notify-pref-instant",
            MailPref::Digest => "notify-pref-digest",
            MailPref::Never => "notify-pref-none",
        }
    }
}

/// Tells `users` (except `except`, who caused the event) about it, in the
/// unit of work that caused it: no notice of a change that did not happen.
pub async fn tell(
    work: &mut Work<'_>,
    users: &[UserId],
    except: Option<UserId>,
    title: &str,
    link: &str,
) -> AppResult<()> {
    let mut users: Vec<UserId> = users
        .iter()
        .copied()
        .filter(|u| Some(*u) != except)
        .collect();
    users.sort();
    users.dedup();
    let now = crate::db::now();
    for to in queries::notify(&mut work.tx, &users, title, link, now).await? {
        let base = &work.settings().base_url;
        let body = format!(
            "{title}\n\n{base}{link}\n\n-- \nSie erhalten diese Nachricht, weil Sie einer Idee folgen oder sie moderieren. Einstellungen: {base}{}\n",
            urls::notifications()
        );
        work.mail(&to, title, &body, Readers::Recipient).await?;
    }
    Ok(())
}

/// Sends the digests that are due; returns how many went out.
pub async fn send_digests(state: &AppState, now: i64) -> AppResult<usize> {
    let due = queries::digest_due(&state.db, now).await?;
    for (user, email, rows) in &due {
        let mut body =
            String::from("Neues auf der Lernregion seit Ihrer letzten Zusammenfassung:\n\n");
        for r in rows {
            body.push_str(&format!(
                "- {}\n  {}{}\n",
                r.title, state.settings.base_url, r.link
            ));
        }
        body.push_str(&format!(
            "\n-- \nEinstellungen: {}{}\n",
            state.settings.base_url,
            urls::notifications()
        ));
        let subject = format!("Lernregion: {} Neuigkeiten", rows.len());
        state
            .mailer
            .send(&state.db, email, &subject, &body, Readers::Recipient)
            .await?;
        let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
        queries::digest_sent(&state.db, *user, &ids, now).await?;
    }
    Ok(due.len())
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/notifications.html")]
pub struct NotificationsPage {
    pub c: Ctx,
    pub rows: Vec<NotificationRow>,
    pub pref: MailPref,
}

impl NotificationsPage {
    fn prefs(&self) -> &'static [MailPref] {
        MailPref::ALL
    }
    fn time(&self, t: &i64) -> String {
        crate::web::format_time(*t)
    }
}

pub async fn page(State(state): State<AppState>, c: Ctx) -> AppResult<NotificationsPage> {
    let user = c.require_user()?.id;
    let rows = queries::notifications(&state.db, user).await?;
    let pref = queries::mail_pref(&state.db, user).await?;
    Ok(NotificationsPage { c, rows, pref })
}

#[derive(Deserialize, Default)]
pub struct PrefForm {
    #[serde(default)]
    pub mail: String,
    #[serde(default)]
    pub read: String,
}

/// Saves the mail preference, or marks everything read.
pub async fn save(
    State(state): State<AppState>,
    c: Ctx,
    Form(f): Form<PrefForm>,
) -> AppResult<Response> {
    let user = c.require_user()?.id;
    if !f.read.is_empty() {
        queries::mark_read(&state.db, user, crate::db::now()).await?;
    } else {
        let pref = MailPref::parse(&f.mail).ok_or(AppError::BadRequest("choice-invalid"))?;
        queries::set_mail_pref(&state.db, user, pref).await?;
    }
    Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::notifications())).into_response())
}
