//! Outgoing mail. Every message is first written to the `mail_outbox` table;
//! with SMTP configured a task delivers it right away and records the result.
//! Without SMTP the outbox is the destination: coordinators read it in the web
//! interface, which keeps the demo and the tests working offline. Each mail
//! records who besides platform administrators may read it there
//! ([`Readers`]), so the outbox never shows a coordinator mail about content
//! they could not see themselves.

use askama::Template;
use askama_web::WebTemplate;
use axum::{Router, extract::State, routing::get};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    transport::smtp::authentication::Credentials,
};
use serde::Serialize;

use crate::{
    auth::{
        domain::{CurrentUser, NetworkRole},
        permissions::{Action, Resource, can},
    },
    config::SmtpSettings,
    db::{Db, Exec, now},
    error::{AppError, AppResult},
    ids::{MailId, NetworkId},
    on_conn, on_db,
    state::AppState,
    web::{Ctx, urls},
};

/// Who may read a mail in the outbox besides platform administrators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readers {
    /// The recipient only: notifications about what someone follows (itself
    /// personal, and possibly about a company-internal campaign) and
    /// account mails.
    Recipient,
    /// Also the coordinators of the network whose shared work it is about.
    Network(NetworkId),
}

pub const PERSONAL_LINKS_PER_HOUR: i64 = 3;

#[derive(Clone)]
pub struct Mailer {
    from: String,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    /// Personal-link mails are counted and queued one at a time on this
    /// node, so a burst of requests cannot all see a count below the limit
    /// (several nodes may each let one more through at the same moment).
    personal: std::sync::Arc<tokio::sync::Mutex<()>>,
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
            personal: Default::default(),
        })
    }

    pub fn delivers(&self) -> bool {
        self.smtp.is_some()
    }

    /// Queues a plain-text mail; delivery (if configured) happens in the
    /// background so that a slow relay never delays a page.
    pub async fn send(
        &self,
        db: &Db,
        to: &str,
        subject: &str,
        body: &str,
        readers: Readers,
    ) -> AppResult<()> {
        let queued = self.enqueue(db, to, subject, body, readers).await?;
        self.deliver(db, [queued]);
        Ok(())
    }

    /// Writes a mail to the outbox on `exec` (the pool or a use case's
    /// transaction) without sending it: the caller hands it to
    /// [`Mailer::deliver`] once the transaction is committed, so that no
    /// mail leaves for a change that was rolled back.
    pub async fn enqueue<'e>(
        &self,
        exec: impl Into<Exec<'e>>,
        to: &str,
        subject: &str,
        body: &str,
        readers: Readers,
    ) -> AppResult<Queued> {
        let id = insert(exec, to, subject, body, false, readers, i64::MAX)
            .await?
            .ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("an unlimited mail was not queued"))
            })?;
        Ok(Queued {
            id,
            to: to.to_owned(),
            subject: subject.to_owned(),
            body: body.to_owned(),
        })
    }

    /// A mail with a link that acts as a key (confirmation, password reset):
    /// in the outbox only platform administrators may read its body. At most
    /// [`PERSONAL_LINKS_PER_HOUR`] go to one address in an hour, so nobody can
    /// flood a mailbox through the public forms; further ones are dropped
    /// (the forms answer the same either way).
    pub async fn send_personal_link(
        &self,
        db: &Db,
        to: &str,
        subject: &str,
        body: &str,
    ) -> AppResult<()> {
        // Counted and queued one at a time on this node, so a burst of
        // requests cannot all see a count below the limit.
        let queued = {
            let _one_at_a_time = self.personal.lock().await;
            insert(
                db,
                to,
                subject,
                body,
                true,
                Readers::Recipient,
                PERSONAL_LINKS_PER_HOUR,
            )
            .await?
        };
        match queued {
            Some(id) => self.deliver(
                db,
                [Queued {
                    id,
                    to: to.to_owned(),
                    subject: subject.to_owned(),
                    body: body.to_owned(),
                }],
            ),
            None => tracing::warn!(
                limit = PERSONAL_LINKS_PER_HOUR,
                "personal-link mails to one address in an hour reached the limit; not queued"
            ),
        }
        Ok(())
    }

    /// Hands committed outbox mails to SMTP, if configured, in the
    /// background; each delivery's result is recorded on its row. Without
    /// SMTP the outbox is the destination and this does nothing.
    pub fn deliver(&self, db: &Db, mails: impl IntoIterator<Item = Queued>) {
        let Some(transport) = self.smtp.clone() else {
            return;
        };
        for mail in mails {
            let message = match self.message(&mail) {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(mail_id = %mail.id, error = %e, "mail cannot be built; left in the outbox");
                    continue;
                }
            };
            let (db, transport, id) = (db.clone(), transport.clone(), mail.id);
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
    }

    fn message(&self, mail: &Queued) -> anyhow::Result<Message> {
        Ok(Message::builder()
            .from(self.from.parse()?)
            .to(mail.to.parse()?)
            .subject(mail.subject.as_str())
            .body(mail.body.clone())?)
    }
}

/// A mail written to the outbox and not yet handed to SMTP.
#[must_use = "hand it to Mailer::deliver after the transaction commits"]
pub struct Queued {
    id: MailId,
    to: String,
    subject: String,
    body: String,
}

/// Writes one mail to the outbox unless `limit` mails of its kind went to
/// the same address in the last hour. One statement, so the count and the
/// insert see the same outbox.
async fn insert<'e>(
    exec: impl Into<Exec<'e>>,
    to: &str,
    subject: &str,
    body: &str,
    sensitive: bool,
    readers: Readers,
    limit: i64,
) -> Result<Option<MailId>, sqlx::Error> {
    let network = match readers {
        Readers::Recipient => None,
        Readers::Network(n) => Some(n),
    };
    let t = now();
    on_conn!(exec, conn => sqlx::query_scalar(
        "INSERT INTO mail_outbox (to_addr, subject, body_text, sensitive, created_at, network_id)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE (SELECT COUNT(*) FROM mail_outbox WHERE to_addr = $1 AND sensitive = $4 AND created_at > $7) < $8
         RETURNING id")
        .bind(to).bind(subject).bind(body).bind(sensitive).bind(t).bind(network).bind(t - 3600).bind(limit)
        .fetch_optional(&mut *conn).await)
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

/// The latest mails `reader` may read: everything for platform
/// administrators; otherwise their own mail and mail about the shared work
/// of networks they coordinate.
pub async fn latest(
    db: &Db,
    reader: &CurrentUser,
    limit: i64,
) -> Result<Vec<OutboxMail>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, OutboxMail>(
        "SELECT id, to_addr, subject, body_text, sensitive, created_at, sent_at, last_error FROM mail_outbox
         WHERE $1 OR lower(to_addr) = lower($2)
            OR network_id IN (SELECT network_id FROM network_roles WHERE user_id = $3 AND role = $4)
         ORDER BY id DESC LIMIT $5")
        .bind(reader.is_admin).bind(&reader.email).bind(reader.id).bind(NetworkRole::Coordinator.as_str()).bind(limit)
        .fetch_all(pool).await)
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
    let reader = c.require_user()?;
    if !can(Some(reader), Action::ReadOutbox, &Resource::Platform) {
        return Err(AppError::Forbidden);
    }
    let mails = latest(&state.db, reader, 200).await?;
    // With a real relay the bodies stay private. Without one, coordinators
    // read bodies, except personal links that would let them act as someone
    // else; those are for platform administrators only.
    let is_admin = reader.is_admin;
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
