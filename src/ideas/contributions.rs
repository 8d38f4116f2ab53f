//! What participants do with ideas: submit one (or keep a draft), edit it,
//! comment, rate, follow, report a comment, write to the contact person.
//! Pages and API both call these use cases; each checks the person's role
//! and the campaign's phase once, writes in one transaction, and queues the
//! notices it causes in that same transaction (see [`crate::state::Work`]).

use super::{
    access::Access,
    domain::{self, IdeaForm, IdeaState},
    moderation::moderators,
    notify,
    queries::{self, CategoryRow, CommentRow, IdeaRow, LabRow},
    rules::Action,
};
use crate::{
    auth::domain::CurrentUser,
    db::now,
    error::{AppError, AppResult},
    ids::{IdeaCommentId, IdeaId, IdeaLabId, UserId},
    mail::Readers,
    state::{AppState, Work},
    web::{
        forms::{FieldErrors, required_text},
        urls,
    },
};

/// The choices an idea form offers in this campaign; submitting checks
/// against the same lists.
pub struct Choices {
    pub categories: Vec<CategoryRow>,
    pub labs: Vec<LabRow>,
    pub contacts: Vec<(UserId, String)>,
}

pub async fn choices(state: &AppState, a: &Access) -> AppResult<Choices> {
    let labs = if a.actor.moderator {
        queries::labs(&state.db, a.network.id)
            .await?
            .into_iter()
            .filter(|l| l.campaign_id.is_none_or(|c| c == a.campaign.id))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Choices {
        categories: queries::categories(&state.db, a.campaign.id).await?,
        labs,
        contacts: queries::contact_people(&state.db, a.network.id, a.campaign.org_id).await?,
    })
}

/// Parses form and image together, so that every problem shows at once.
fn parse_all(
    form: &IdeaForm,
    image: Vec<u8>,
    ch: &Choices,
) -> Result<(domain::NewIdea, Option<domain::Image>), FieldErrors> {
    let cats: Vec<_> = ch.categories.iter().map(|c| c.id).collect();
    let labs: Vec<IdeaLabId> = ch.labs.iter().map(|l| l.id).collect();
    let contacts: Vec<UserId> = ch.contacts.iter().map(|c| c.0).collect();
    let image = domain::parse_image(image);
    let has_image = matches!(image, Ok(Some(_)));
    let parsed = domain::parse_idea(form, &cats, &labs, &contacts, has_image);
    match (parsed, image) {
        (Ok(p), Ok(img)) => Ok((p, img)),
        (Err(mut e), Err(k)) => {
            e.add("image", k);
            Err(e)
        }
        (Err(e), _) => Err(e),
        (Ok(_), Err(k)) => Err(FieldErrors::single("image", k)),
    }
}

/// Submits an idea (or saves a draft) for `user`; a published one goes to
/// the moderators' queue with a notice.
#[tracing::instrument(skip_all, fields(campaign = %a.campaign.id, user = %user))]
pub async fn submit_idea(
    state: &AppState,
    a: &Access,
    user: UserId,
    form: &IdeaForm,
    image: Vec<u8>,
) -> AppResult<Result<IdeaId, FieldErrors>> {
    a.check(Action::Submit)?;
    let ch = choices(state, a).await?;
    let (idea, image) = match parse_all(form, image, &ch) {
        Ok(v) => v,
        Err(errors) => return Ok(Err(errors)),
    };
    let mods = moderators(state, &a.campaign).await?;
    let mut work = state.begin().await?;
    let id = queries::create_idea(
        &mut work.tx,
        a.network.id,
        a.campaign.id,
        user,
        &idea,
        image.as_ref(),
        now(),
    )
    .await?;
    if !idea.draft {
        announce_new(&mut work, a, &mods, id, &idea.title, user).await?;
    }
    work.commit().await?;
    Ok(Ok(id))
}

/// The author changes their idea. A published idea stays published; a
/// draft is published when the form says so. Without a new image the old
/// one stays, and still needs its description.
#[tracing::instrument(skip_all, fields(idea = %idea.id, user = %user))]
pub async fn edit_idea(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    user: UserId,
    form: &IdeaForm,
    image: Vec<u8>,
) -> AppResult<Result<(), FieldErrors>> {
    a.check_on(Action::EditOwnIdea, idea)?;
    let was_draft = idea.state == IdeaState::Draft;
    let mut form = form.clone();
    if !was_draft {
        form.intent = "publish".into();
    }
    let ch = choices(state, a).await?;
    let keeps_image = idea.has_image && image.is_empty();
    let (new, image) = match parse_all(&form, image, &ch) {
        Ok((p, _)) if keeps_image && p.image_alt.is_empty() => {
            return Ok(Err(FieldErrors::single(
                "image_alt",
                "ideas-image-alt-required",
            )));
        }
        Ok(v) => v,
        Err(errors) => return Ok(Err(errors)),
    };
    let publish = was_draft && !new.draft;
    let mods = moderators(state, &a.campaign).await?;
    let mut work = state.begin().await?;
    queries::update_idea(
        &mut work.tx,
        a.network.id,
        idea.id,
        &new,
        image.as_ref(),
        publish,
        now(),
    )
    .await?;
    if publish {
        announce_new(&mut work, a, &mods, idea.id, &new.title, user).await?;
    }
    work.commit().await?;
    Ok(Ok(()))
}

/// Tells the campaign's moderators about a new idea (their queue).
async fn announce_new(
    work: &mut Work<'_>,
    a: &Access,
    moderators: &[UserId],
    id: IdeaId,
    title: &str,
    author: UserId,
) -> AppResult<()> {
    let text = format!("Neue Idee in „{}“: {}", a.campaign.title, title);
    notify::tell(work, moderators, Some(author), &text, &urls::idea(&id)).await
}

/// Checks and stores a comment or a reply, then tells the idea's followers.
#[tracing::instrument(skip_all, fields(idea = %idea.id, user = %user))]
pub async fn post_comment(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    user: UserId,
    body: &str,
    parent: Option<IdeaCommentId>,
) -> AppResult<Result<IdeaCommentId, FieldErrors>> {
    a.check_on(Action::Comment, idea)?;
    if idea.state != IdeaState::Published {
        return Err(AppError::Conflict("ideas-not-published"));
    }
    if let Some(pid) = parent {
        let pc = queries::comment(&state.db, pid).await?;
        if pc.is_none_or(|pc| pc.idea_id != idea.id) {
            // Well formed but not an answer to this idea: a field error, as
            // the API documents (422), not a malformed request.
            return Err(AppError::Validation(FieldErrors::single(
                "parent_id",
                "choice-invalid",
            )));
        }
    }
    let body = match domain::parse_comment(body) {
        Ok(b) => b,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut work = state.begin().await?;
    let cid = queries::add_comment(&mut work.tx, idea.id, parent, user, &body, now()).await?;
    let followers = queries::followers(&mut work.tx, idea.id).await?;
    let title = format!("Neuer Kommentar zu „{}“", idea.title);
    let link = format!("{}#comment-{cid}", urls::idea(&idea.id));
    notify::tell(&mut work, &followers, Some(user), &title, &link).await?;
    work.commit().await?;
    Ok(Ok(cid))
}

/// The author corrects a comment within the edit window; a hidden comment
/// stays as the moderators left it.
pub async fn edit_comment(
    state: &AppState,
    comment: &CommentRow,
    user: UserId,
    body: &str,
) -> AppResult<Result<(), FieldErrors>> {
    if comment.author_id != Some(user) || !comment.hidden_reason.is_empty() {
        return Err(AppError::Forbidden);
    }
    if now() - comment.created_at > domain::COMMENT_EDIT_SECS {
        return Err(AppError::Conflict("ideas-comment-edit-over"));
    }
    let body = match domain::parse_comment(body) {
        Ok(b) => b,
        Err(errors) => return Ok(Err(errors)),
    };
    queries::edit_comment(&state.db, comment.id, &body, now()).await?;
    Ok(Ok(()))
}

/// Anyone who may see the idea reports a comment with a reason; the
/// moderators are told the first time. False when this person reported the
/// comment before.
pub async fn report_comment(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    comment: IdeaCommentId,
    user: UserId,
    reason: &str,
) -> AppResult<bool> {
    a.check_on(Action::ReportComment, idea)?;
    let reason = required_text(reason, domain::REASON_MAX)
        .map_err(|k| AppError::Validation(FieldErrors::single("reason", k)))?;
    let mods = moderators(state, &a.campaign).await?;
    let mut work = state.begin().await?;
    let first = queries::report_comment(&mut work.tx, comment, user, &reason, now()).await?;
    if first {
        let title = format!("Kommentar gemeldet zu „{}“", idea.title);
        let link = urls::moderation(&a.campaign.id);
        notify::tell(&mut work, &mods, Some(user), &title, &link).await?;
    }
    work.commit().await?;
    Ok(first)
}

/// Checks and stores a rating; returns the one it replaced.
#[tracing::instrument(skip_all, fields(idea = %idea.id, user = %user))]
pub async fn rate(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    user: UserId,
    stars: &str,
) -> AppResult<Result<Option<i64>, FieldErrors>> {
    a.check_on(Action::Rate, idea)?;
    if idea.state != IdeaState::Published {
        return Err(AppError::Conflict("ideas-not-published"));
    }
    let stars = match domain::parse_stars(stars) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    Ok(Ok(
        queries::rate(&state.db, idea.id, user, stars, now()).await?
    ))
}

pub async fn follow(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    user: UserId,
    follow: bool,
) -> AppResult<()> {
    a.check_on(Action::Follow, idea)?;
    queries::set_follow(&state.db, idea.id, user, follow).await?;
    Ok(())
}

/// Whom a message about `idea` goes to: its own contact person, else the
/// campaign's. Their address is never on any page.
pub fn contact_person(a: &Access, idea: &IdeaRow) -> AppResult<UserId> {
    a.check_on(Action::Contact, idea)?;
    idea.contact_user_id
        .or(a.campaign.contact_user_id)
        .ok_or(AppError::NotFound)
}

/// Writes to the idea's regional contact person: the platform forwards
/// the message with the sender's address, so that the contact can answer.
pub async fn contact(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    sender: &CurrentUser,
    message: &str,
) -> AppResult<Result<(), FieldErrors>> {
    let to = contact_person(a, idea)?;
    let message = match required_text(message, domain::COMMENT_MAX) {
        Ok(m) => m,
        Err(k) => return Ok(Err(FieldErrors::single("message", k))),
    };
    let (email, _) = queries::user_email(&state.db, to)
        .await?
        .ok_or(AppError::NotFound)?;
    let subject = format!("Anfrage zur Idee „{}“", idea.title);
    let body = format!(
        "{} ({}) schreibt Ihnen als regionaler Ansprechperson zur Idee „{}“:\n\n{}\n\n{}{}\n\nSie können direkt an {} antworten.\n",
        sender.display_name,
        sender.email,
        idea.title,
        message,
        state.settings.base_url,
        urls::idea(&idea.id),
        sender.email
    );
    state
        .mailer
        .send(&state.db, &email, &subject, &body, Readers::Recipient)
        .await?;
    Ok(Ok(()))
}
