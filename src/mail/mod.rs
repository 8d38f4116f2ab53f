//! Outgoing mail. Every message is first written to the `mail_outbox` table;
//! with SMTP configured a task delivers it right away and records the result.
//! Without SMTP the outbox is the destination: coordinators read it in the web
//! interface, which keeps the demo and the tests working offline.

use askama::Template;
use askama_web::WebTemplate;
use axum::{Router, extract::State, routing::get};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    transport::smtp::authentication::Credentials,
};
use serde::Serialize;

use crate::{
    auth::permissions::{Action, Resource, can},
    config::SmtpSettings,
    db::{Db, now},
    error::{AppError, AppResult},
    ids::MailId,
    on_db,
    state::AppState,
    web::{Ctx, urls},
};

#[derive(Clone)]
pub struct Mailer {
    from: String,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl Mailer {
    pub fn new(from: &str, smtp: Option<&SmtpSettings>) -> anyhow::Result<Self> {
        let smtp = match smtp.filter(|s| !s.host.is_empty()) {
            None => None,
            Some(s) => {
                let mut builder = match s.security.as_str() {
                    "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
                    "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)?,
                    _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)?,
                };
                if s.port != 0 {
                    builder = builder.port(s.port);
                }
                if !s.username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        s.username.clone(),
                        s.password.expose().to_owned(),
                    ));
                }
                Some(builder.build())
            }
        };
        Ok(Self {
            from: from.to_owned(),
            smtp,
        })
    }

    pub fn delivers(&self) -> bool {
        self.smtp.is_some()
    }

    /// Queues a plain-text mail; delivery (if configured) happens in the
    /// background so that a slow relay never delays a page.
    pub async fn send(&self, db: &Db, to: &str, subject: &str, body: &str) -> AppResult<()> {
        self.queue(db, to, subject, body, false).await
    }

    /// A mail with a link that acts as a key (confirmation, password reset):
    /// in the outbox only platform administrators may read its body.
    pub async fn send_personal_link(
        &self,
        db: &Db,
        to: &str,
        subject: &str,
        body: &str,
    ) -> AppResult<()> {
        self.queue(db, to, subject, body, true).await
    }

    async fn queue(
        &self,
        db: &Db,
        to: &str,
        subject: &str,
        body: &str,
        sensitive: bool,
    ) -> AppResult<()> {
        let id: MailId = on_db!(db, pool => sqlx::query_scalar(
            "INSERT INTO mail_outbox (to_addr, subject, body_text, sensitive, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(to).bind(subject).bind(body).bind(sensitive).bind(now())
            .fetch_one(pool).await)?;
        if let Some(transport) = self.smtp.clone() {
            let message = Message::builder()
                .from(self.from.parse().map_err(anyhow::Error::from)?)
                .to(to.parse().map_err(anyhow::Error::from)?)
                .subject(subject)
                .body(body.to_owned())
                .map_err(anyhow::Error::from)?;
            let db = db.clone();
            tokio::spawn(async move {
                let (sent_at, error) = match transport.send(message).await {
                    Ok(_) => (Some(now()), None),
                    Err(e) => {
                        tracing::warn!(mail_id = %id, error = %e, "mail delivery failed");
                        (None, Some(e.to_string()))
                    }
                };
                let result = on_db!(&db, pool => sqlx::query("UPDATE mail_outbox SET sent_at = $1, last_error = $2 WHERE id = $3")
                    .bind(sent_at).bind(error).bind(id).execute(pool).await.map(|r| r.rows_affected()));
                if let Err(e) = result {
                    tracing::error!(error = ?e, "could not record mail delivery");
                }
            });
        }
        Ok(())
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OutboxMail {
    pub id: MailId,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub sensitive: bool,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

pub async fn latest(db: &Db, limit: i64) -> Result<Vec<OutboxMail>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, OutboxMail>(
        "SELECT id, to_addr, subject, body_text, sensitive, created_at, sent_at, last_error FROM mail_outbox ORDER BY id DESC LIMIT $1")
        .bind(limit).fetch_all(pool).await)
}

#[derive(Template, WebTemplate)]
#[template(path = "mail/outbox.html")]
struct OutboxPage {
    c: Ctx,
    mails: Vec<OutboxMail>,
    show_bodies: bool,
    show_sensitive: bool,
}

impl OutboxPage {
    fn when(&self, t: &i64) -> String {
        crate::web::format_time(*t)
    }
}

async fn outbox(State(state): State<AppState>, c: Ctx) -> AppResult<OutboxPage> {
    if !can(c.user.as_ref(), Action::ReadOutbox, &Resource::Platform) {
        return Err(if c.user.is_some() {
            AppError::Forbidden
        } else {
            AppError::Unauthorized
        });
    }
    let mails = latest(&state.db, 200).await?;
    // With a real relay the bodies stay private. Without one, coordinators
    // read bodies, except personal links that would let them act as someone
    // else; those are for platform administrators only.
    let is_admin = c.user.as_ref().is_some_and(|u| u.is_admin);
    Ok(OutboxPage {
        c,
        mails,
        show_bodies: !state.mailer.delivers(),
        show_sensitive: is_admin,
    })
}

pub fn router() -> Router<AppState> {
    Router::new().route(&urls::outbox(), get(outbox))
}
