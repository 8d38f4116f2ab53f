//! Idea screens: submit (with drafts, image and place), the idea page with
//! threaded comments, rating, following, the official answer and the
//! milestones, the contact form, and the moderators' actions on an idea.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Multipart, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    access::Access,
    campaigns::moderators,
    domain::{self, AnswerStatus, IdeaForm, IdeaState},
    queries::{self, CategoryRow, CommentRow, IdeaRow, LabRow, MilestoneRow},
    rules::Action,
};
use crate::{
    auth::domain::CurrentUser,
    db::now,
    error::{AppError, AppResult},
    ids::{IdeaCampaignId, IdeaCommentId, IdeaId, IdeaLabId, UserId},
    kernel::days::{day_of, format_date, parse_date},
    mail::Readers,
    state::AppState,
    web::{
        Ctx,
        forms::{FieldErrors, optional_text, required_text},
        urls,
    },
};

#[derive(Template, WebTemplate)]
#[template(path = "ideas/idea_form.html")]
pub struct IdeaFormPage {
    pub c: Ctx,
    pub a: Access,
    pub editing: Option<IdeaRow>,
    pub form: IdeaForm,
    pub errors: FieldErrors,
    pub categories: Vec<CategoryRow>,
    pub labs: Vec<LabRow>,
    pub contacts: Vec<(UserId, String)>,
}

impl IdeaFormPage {
    fn action(&self) -> String {
        match &self.editing {
            Some(i) => urls::edit_idea(&i.id),
            None => urls::new_idea(&self.a.campaign.id),
        }
    }
    fn districts_url(&self) -> String {
        crate::web::urls::network_geojson(&self.a.network.slug)
    }
    fn is_draft(&self) -> bool {
        self.editing.as_ref().is_none_or(|i| i.state == "draft")
    }
}

/// The choices an idea form offers in this campaign.
struct Choices {
    categories: Vec<CategoryRow>,
    labs: Vec<LabRow>,
    contacts: Vec<(UserId, String)>,
}

async fn choices(state: &AppState, a: &Access) -> AppResult<Choices> {
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

async fn form_page(
    state: &AppState,
    c: Ctx,
    a: Access,
    editing: Option<IdeaRow>,
    form: IdeaForm,
    errors: FieldErrors,
) -> AppResult<IdeaFormPage> {
    let ch = choices(state, &a).await?;
    Ok(IdeaFormPage {
        c,
        a,
        editing,
        form,
        errors,
        categories: ch.categories,
        labs: ch.labs,
        contacts: ch.contacts,
    })
}

#[derive(Deserialize, Default)]
pub struct NewIdeaQuery {
    #[serde(default)]
    pub lab: Option<i64>,
}

pub async fn new_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
    axum::extract::Query(q): axum::extract::Query<NewIdeaQuery>,
) -> AppResult<IdeaFormPage> {
    let a = Access::load(&state, c.user.as_ref(), id).await?;
    a.check(Action::Submit)?;
    let form = IdeaForm {
        contact: a
            .campaign
            .contact_user_id
            .map(|u| u.to_string())
            .unwrap_or_default(),
        lab: q.lab.map(|l| l.to_string()).unwrap_or_default(),
        ..IdeaForm::default()
    };
    form_page(&state, c, a, None, form, FieldErrors::new()).await
}

/// Reads the idea form (multipart, because of the image).
async fn read_form(mut mp: Multipart) -> Result<(IdeaForm, Vec<u8>), AppError> {
    let mut form = IdeaForm::default();
    let mut image = Vec::new();
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("upload-failed"))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
        if name == "image" {
            image = bytes.to_vec();
        } else {
            form.set(&name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok((form, image))
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

pub async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
    mp: Multipart,
) -> AppResult<Response> {
    let a = Access::load(&state, c.user.as_ref(), id).await?;
    a.check(Action::Submit)?;
    let user = c.require_user()?.id;
    let (form, image) = read_form(mp).await?;
    match submit(&state, &a, user, &form, image).await? {
        Ok(new_id) => {
            let notice = if form.is_draft() {
                "ideas-notice-draft"
            } else {
                "ideas-notice-published"
            };
            Ok(Redirect::to(&format!("{}?notice={notice}", urls::idea(&new_id))).into_response())
        }
        Err(errors) => {
            let page = form_page(&state, c, a, None, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// Submits an idea (or saves a draft) for `user`: the form and the API
/// both come here, so they check and notify the same way.
pub async fn submit(
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
    let id = queries::create_idea(
        &state.db,
        a.network.id,
        a.campaign.id,
        user,
        &idea,
        image.as_ref(),
        now(),
    )
    .await?;
    if !idea.draft {
        announce_new(state, a, id, &idea.title, user).await?;
    }
    Ok(Ok(id))
}

/// Tells the campaign's moderators about a new idea (their queue).
async fn announce_new(
    state: &AppState,
    a: &Access,
    id: IdeaId,
    title: &str,
    author: UserId,
) -> AppResult<()> {
    let mods = moderators(state, &a.campaign).await?;
    let text = format!("Neue Idee in „{}“: {}", a.campaign.title, title);
    super::notify::tell(state, &mods, Some(author), &text, &urls::idea(&id)).await
}

/// Loads an idea with its campaign, for someone who may see it.
pub async fn load(
    state: &AppState,
    user: Option<&CurrentUser>,
    id: IdeaId,
) -> AppResult<(Access, IdeaRow)> {
    let idea = queries::idea(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let a = Access::load(state, user, idea.campaign_id).await?;
    if !a.sees_idea(&idea) {
        return Err(AppError::NotFound);
    }
    Ok((a, idea))
}

pub async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
) -> AppResult<IdeaFormPage> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    a.check_on(Action::EditOwnIdea, &idea)?;
    let opt = |v: Option<f64>| v.map(|v| format!("{v:.5}")).unwrap_or_default();
    let form = IdeaForm {
        title: idea.title.clone(),
        body: idea.body.clone(),
        category: idea.category_id.map(|c| c.to_string()).unwrap_or_default(),
        lab: idea.lab_id.map(|c| c.to_string()).unwrap_or_default(),
        place: idea.place.clone(),
        postal_code: String::new(),
        lat: opt(idea.lat),
        lon: opt(idea.lon),
        contact: idea
            .contact_user_id
            .map(|c| c.to_string())
            .unwrap_or_default(),
        anonymous: idea.anonymous,
        image_alt: idea.image_alt.clone(),
        intent: String::new(),
    };
    form_page(&state, c, a, Some(idea), form, FieldErrors::new()).await
}

pub async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
    mp: Multipart,
) -> AppResult<Response> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    a.check_on(Action::EditOwnIdea, &idea)?;
    let (mut form, image) = read_form(mp).await?;
    // A published idea stays published; "draft" only means something for drafts.
    if idea.state != "draft" {
        form.intent = "publish".into();
    }
    let ch = choices(&state, &a).await?;
    let keeps_image = idea.has_image && image.is_empty();
    let parsed = parse_all(&form, image, &ch).and_then(|(p, img)| {
        if keeps_image && p.image_alt.is_empty() {
            Err(FieldErrors::single("image_alt", "ideas-image-alt-required"))
        } else {
            Ok((p, img))
        }
    });
    let (new, image) = match parsed {
        Ok(v) => v,
        Err(errors) => {
            let page = form_page(&state, c, a, Some(idea), form, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let publish = idea.state == "draft" && !new.draft;
    queries::update_idea(
        &state.db,
        a.network.id,
        id,
        &new,
        image.as_ref(),
        publish,
        now(),
    )
    .await?;
    if publish {
        let author = c.require_user()?.id;
        announce_new(&state, &a, id, &new.title, author).await?;
    }
    Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::idea(&id))).into_response())
}

pub async fn image(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
) -> AppResult<Response> {
    load(&state, c.user.as_ref(), id).await?;
    let (content_type, bytes) = queries::image(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
            (header::CONTENT_DISPOSITION, "inline".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

pub struct CommentView {
    pub row: CommentRow,
    pub depth: usize,
    pub html: String,
    pub editable: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/idea.html")]
pub struct IdeaPage {
    pub c: Ctx,
    pub a: Access,
    pub idea: IdeaRow,
    pub author: Option<String>,
    pub comments: Vec<CommentView>,
    pub milestones: Vec<MilestoneRow>,
    pub my_rating: Option<i64>,
    pub following: bool,
    pub errors: FieldErrors,
    /// The comment form's text, kept when it failed.
    pub draft_comment: String,
    /// The comment the failed form answered (or edited).
    pub failed_comment: Option<IdeaCommentId>,
    pub merge_targets: Vec<IdeaRow>,
    pub merged_into: Option<IdeaRow>,
}

impl IdeaPage {
    fn body_html(&self) -> String {
        crate::web::markdown::to_safe_html(&self.idea.body)
    }
    fn answer_html(&self) -> String {
        crate::web::markdown::to_safe_html(&self.idea.answer_text)
    }
    fn may(&self, action: &str) -> bool {
        let action = match action {
            "comment" => Action::Comment,
            "rate" => Action::Rate,
            "follow" => Action::Follow,
            "report" => Action::ReportComment,
            "moderate" => Action::Moderate,
            "milestone" => Action::RecordMilestone,
            "contact" => Action::Contact,
            "edit" => Action::EditOwnIdea,
            _ => return false,
        };
        self.a.may_on(action, &self.idea).is_ok()
    }
    /// Why commenting or rating is not possible now, as a message key.
    fn why_not(&self, action: &str) -> Option<&'static str> {
        let action = if action == "rate" {
            Action::Rate
        } else {
            Action::Comment
        };
        self.a
            .may_on(action, &self.idea)
            .err()
            .map(|d| d.message_key())
    }
    fn stars(&self) -> std::ops::RangeInclusive<i64> {
        1..=domain::STARS_MAX
    }
    fn rated(&self, s: &i64) -> bool {
        self.my_rating == Some(*s)
    }
    fn time(&self, t: &i64) -> String {
        crate::web::format_time(*t)
    }
    fn statuses(&self) -> &'static [AnswerStatus] {
        AnswerStatus::ALL
    }
    fn today(&self) -> String {
        format_date(day_of(now()))
    }
    fn err_for(&self, comment: Option<IdeaCommentId>) -> FieldErrors {
        if self.failed_comment == comment {
            self.errors.clone()
        } else {
            FieldErrors::new()
        }
    }
    fn is_hidden(&self) -> bool {
        self.idea.state() == IdeaState::Hidden
    }
}

async fn idea_page(
    state: &AppState,
    c: Ctx,
    a: Access,
    idea: IdeaRow,
    errors: FieldErrors,
    draft_comment: String,
    failed_comment: Option<IdeaCommentId>,
) -> AppResult<IdeaPage> {
    let rows = queries::comments(&state.db, idea.id).await?;
    let me = c.user.as_ref().map(|u| u.id);
    let t = now();
    let order = domain::thread(&rows, |r| r.id.0, |r| r.parent_id.map(|p| p.0));
    let comments = order
        .into_iter()
        .map(|(i, depth)| {
            let row = rows[i].clone();
            CommentView {
                html: crate::web::markdown::to_safe_html(&row.body),
                editable: me.is_some()
                    && row.author_id == me
                    && row.hidden_reason.is_empty()
                    && t - row.created_at <= domain::COMMENT_EDIT_SECS,
                depth,
                row,
            }
        })
        .collect();
    let (my_rating, following) = match me {
        Some(u) => (
            queries::my_rating(&state.db, idea.id, u).await?,
            queries::followers(&state.db, idea.id).await?.contains(&u),
        ),
        None => (None, false),
    };
    let merge_targets = if a.actor.moderator {
        queries::campaign_ideas(&state.db, a.campaign.id, false)
            .await?
            .into_iter()
            .filter(|i| i.id != idea.id)
            .collect()
    } else {
        Vec::new()
    };
    let merged_into = match idea.merged_into {
        Some(t) => queries::idea(&state.db, t).await?,
        None => None,
    };
    Ok(IdeaPage {
        author: a.author_label(&idea),
        milestones: queries::milestones(&state.db, idea.id).await?,
        c,
        a,
        idea,
        comments,
        my_rating,
        following,
        errors,
        draft_comment,
        failed_comment,
        merge_targets,
        merged_into,
    })
}

pub async fn show(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
) -> AppResult<IdeaPage> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    idea_page(&state, c, a, idea, FieldErrors::new(), String::new(), None).await
}

#[derive(Deserialize, Default)]
pub struct CommentForm {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub parent: String,
}

/// Adds a comment or a reply; followers are told.
pub async fn comment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
    Form(f): Form<CommentForm>,
) -> AppResult<Response> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    let user = c.require_user()?.id;
    let parent = match f.parent.trim() {
        "" => None,
        p => Some(
            p.parse::<IdeaCommentId>()
                .map_err(|_| AppError::BadRequest("choice-invalid"))?,
        ),
    };
    match post_comment(&state, &a, &idea, user, &f.body, parent).await? {
        Ok(cid) => Ok(Redirect::to(&format!(
            "{}?notice=ideas-notice-commented#comment-{cid}",
            urls::idea(&id)
        ))
        .into_response()),
        Err(errors) => {
            let page = idea_page(&state, c, a, idea, errors, f.body, parent).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// Checks and stores a comment, then tells the idea's followers.
pub async fn post_comment(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    user: UserId,
    body: &str,
    parent: Option<IdeaCommentId>,
) -> AppResult<Result<IdeaCommentId, FieldErrors>> {
    a.check_on(Action::Comment, idea)?;
    if idea.state() != IdeaState::Published {
        return Err(AppError::Conflict("ideas-not-published"));
    }
    if let Some(pid) = parent {
        let pc = queries::comment(&state.db, pid).await?;
        if pc.is_none_or(|pc| pc.idea_id != idea.id) {
            // Well formed but not an answer to this idea: a field error, as
            // the API documents (422), not a malformed request.
            return Err(AppError::Validation(
                crate::web::forms::FieldErrors::single("parent_id", "choice-invalid"),
            ));
        }
    }
    let body = match domain::parse_comment(body) {
        Ok(b) => b,
        Err(errors) => return Ok(Err(errors)),
    };
    let cid = queries::add_comment(&state.db, idea.id, parent, user, &body, now()).await?;
    let followers = queries::followers(&state.db, idea.id).await?;
    let title = format!("Neuer Kommentar zu „{}“", idea.title);
    super::notify::tell(
        state,
        &followers,
        Some(user),
        &title,
        &format!("{}#comment-{cid}", urls::idea(&idea.id)),
    )
    .await?;
    Ok(Ok(cid))
}

/// The author corrects a comment within the edit window.
pub async fn edit_comment(
    State(state): State<AppState>,
    c: Ctx,
    Path(cid): Path<IdeaCommentId>,
    Form(f): Form<CommentForm>,
) -> AppResult<Response> {
    let row = queries::comment(&state.db, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let (a, idea) = load(&state, c.user.as_ref(), row.idea_id).await?;
    let user = c.require_user()?.id;
    if row.author_id != Some(user) || !row.hidden_reason.is_empty() {
        return Err(AppError::Forbidden);
    }
    if now() - row.created_at > domain::COMMENT_EDIT_SECS {
        return Err(AppError::Conflict("ideas-comment-edit-over"));
    }
    let body = match domain::parse_comment(&f.body) {
        Ok(b) => b,
        Err(errors) => {
            let page = idea_page(&state, c, a, idea, errors, f.body, Some(cid)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    queries::edit_comment(&state.db, cid, &body, now()).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved#comment-{cid}",
        urls::idea(&idea.id)
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct ReasonForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub decision: String,
}

/// Anyone logged in reports a comment; moderators are told.
pub async fn report_comment(
    State(state): State<AppState>,
    c: Ctx,
    Path(cid): Path<IdeaCommentId>,
    Form(f): Form<ReasonForm>,
) -> AppResult<Response> {
    let row = queries::comment(&state.db, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let (a, idea) = load(&state, c.user.as_ref(), row.idea_id).await?;
    a.check_on(Action::ReportComment, &idea)?;
    let user = c.require_user()?.id;
    let reason = required_text(&f.reason, domain::REASON_MAX)
        .map_err(|k| AppError::Validation(FieldErrors::single("reason", k)))?;
    let notice = if queries::report_comment(&state.db, cid, user, &reason, now()).await? {
        let mods = moderators(&state, &a.campaign).await?;
        let title = format!("Kommentar gemeldet zu „{}“", idea.title);
        super::notify::tell(
            &state,
            &mods,
            Some(user),
            &title,
            &urls::moderation(&a.campaign.id),
        )
        .await?;
        "ideas-notice-reported"
    } else {
        "ideas-notice-reported-before"
    };
    Ok(Redirect::to(&format!(
        "{}?notice={notice}#comment-{cid}",
        urls::idea(&idea.id)
    ))
    .into_response())
}

/// A moderator hides a reported comment with a reason, or keeps it.
pub async fn decide_comment(
    State(state): State<AppState>,
    c: Ctx,
    Path(cid): Path<IdeaCommentId>,
    Form(f): Form<ReasonForm>,
) -> AppResult<Response> {
    let row = queries::comment(&state.db, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let (a, idea) = load(&state, c.user.as_ref(), row.idea_id).await?;
    a.check_on(Action::Moderate, &idea)?;
    let reason = if f.decision == "hide" {
        Some(
            required_text(&f.reason, domain::REASON_MAX)
                .map_err(|k| AppError::Validation(FieldErrors::single("reason", k)))?,
        )
    } else {
        None
    };
    queries::decide_comment(&state.db, cid, idea.id, reason.as_deref(), now()).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved",
        urls::moderation(&a.campaign.id)
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct RateForm {
    #[serde(default)]
    pub stars: String,
}

/// One rating per person and idea; a second one replaces the first.
pub async fn rate(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
    Form(f): Form<RateForm>,
) -> AppResult<Response> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    let user = c.require_user()?.id;
    match save_rating(&state, &a, &idea, user, &f.stars).await? {
        Ok(old) => {
            let notice = if old.is_some() {
                "ideas-notice-rating-changed"
            } else {
                "ideas-notice-rated"
            };
            Ok(
                Redirect::to(&format!("{}?notice={notice}#rating", urls::idea(&id)))
                    .into_response(),
            )
        }
        Err(errors) => {
            let page = idea_page(&state, c, a, idea, errors, String::new(), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// Checks and stores a rating; returns the one it replaced.
pub async fn save_rating(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    user: UserId,
    stars: &str,
) -> AppResult<Result<Option<i64>, FieldErrors>> {
    a.check_on(Action::Rate, idea)?;
    if idea.state() != IdeaState::Published {
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

#[derive(Deserialize, Default)]
pub struct FollowForm {
    #[serde(default)]
    pub follow: String,
}

pub async fn follow(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
    Form(f): Form<FollowForm>,
) -> AppResult<Response> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    a.check_on(Action::Follow, &idea)?;
    let user = c.require_user()?.id;
    queries::set_follow(&state.db, id, user, f.follow == "1").await?;
    Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::idea(&id))).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/contact.html")]
pub struct ContactPage {
    pub c: Ctx,
    pub idea: IdeaRow,
    pub message: String,
    pub errors: FieldErrors,
}

async fn contact_target(
    state: &AppState,
    c: &Ctx,
    id: IdeaId,
) -> AppResult<(Access, IdeaRow, UserId)> {
    let (a, idea) = load(state, c.user.as_ref(), id).await?;
    a.check_on(Action::Contact, &idea)?;
    let to = idea
        .contact_user_id
        .or(a.campaign.contact_user_id)
        .ok_or(AppError::NotFound)?;
    Ok((a, idea, to))
}

pub async fn contact_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
) -> AppResult<ContactPage> {
    let (_, idea, _) = contact_target(&state, &c, id).await?;
    Ok(ContactPage {
        c,
        idea,
        message: String::new(),
        errors: FieldErrors::new(),
    })
}

#[derive(Deserialize, Default)]
pub struct ContactForm {
    #[serde(default)]
    pub message: String,
}

/// Writes to the idea's regional contact person. Their address is never
/// on any page: the platform forwards the message, with the sender's
/// address so that the contact can answer.
pub async fn contact(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
    Form(f): Form<ContactForm>,
) -> AppResult<Response> {
    let (_, idea, to) = contact_target(&state, &c, id).await?;
    let message = match required_text(&f.message, domain::COMMENT_MAX) {
        Ok(m) => m,
        Err(k) => {
            let page = ContactPage {
                c,
                idea,
                message: f.message,
                errors: FieldErrors::single("message", k),
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let sender = c.require_user()?;
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
    Ok(Redirect::to(&format!(
        "{}?notice=ideas-notice-contacted",
        urls::idea(&id)
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct ModerateForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub into: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub date: String,
}

/// A moderator's action on an idea: hide, show, merge, answer, milestone,
/// mark as seen. Followers are told about answers, milestones and merges.
pub async fn moderate(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, what)): Path<(IdeaId, String)>,
    Form(f): Form<ModerateForm>,
) -> AppResult<Response> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    let user = c.require_user()?.id;
    let net = a.network.id;
    let t = now();
    let invalid = |field: &'static str, key: &'static str| {
        AppError::Validation(FieldErrors::single(field, key))
    };
    let mut tell: Option<String> = None;
    match what.as_str() {
        "ausblenden" => {
            a.check_on(Action::Moderate, &idea)?;
            let reason =
                required_text(&f.reason, domain::REASON_MAX).map_err(|k| invalid("reason", k))?;
            queries::set_hidden(&state.db, net, id, Some(&reason), t).await?;
            if let Some(author) = idea.author_id {
                let title = format!("Ihre Idee „{}“ wurde ausgeblendet", idea.title);
                super::notify::tell(&state, &[author], Some(user), &title, &urls::idea(&id))
                    .await?;
            }
        }
        "einblenden" => {
            a.check_on(Action::Moderate, &idea)?;
            queries::set_hidden(&state.db, net, id, None, t).await?;
        }
        "gesichtet" => {
            a.check_on(Action::Moderate, &idea)?;
            queries::mark_reviewed(&state.db, id).await?;
        }
        "zusammenfuehren" => {
            a.check_on(Action::Moderate, &idea)?;
            let into = f
                .into
                .trim()
                .parse::<IdeaId>()
                .map_err(|_| invalid("into", "choice-invalid"))?;
            let target = queries::idea(&state.db, into).await?;
            let target = target
                .filter(|t| {
                    t.campaign_id == idea.campaign_id && t.id != id && t.state == "published"
                })
                .ok_or_else(|| invalid("into", "choice-invalid"))?;
            queries::merge(&state.db, net, id, into, t).await?;
            tell = Some(format!(
                "„{}“ wurde mit „{}“ zusammengeführt",
                idea.title, target.title
            ));
        }
        "antwort" => {
            a.check_on(Action::Moderate, &idea)?;
            let status = AnswerStatus::parse(f.status.trim())
                .ok_or_else(|| invalid("status", "choice-invalid"))?;
            let text = optional_text(&f.text, domain::BODY_MAX).map_err(|k| invalid("text", k))?;
            queries::answer(&state.db, net, id, status, &text, user, t).await?;
            tell = Some(format!("Offizielle Antwort zu „{}“", idea.title));
        }
        "meilenstein" => {
            a.check_on(Action::RecordMilestone, &idea)?;
            let title =
                required_text(&f.title, domain::TITLE_MAX).map_err(|k| invalid("title", k))?;
            let progress = f
                .progress
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|p| (0..=100).contains(p))
                .ok_or_else(|| invalid("progress", "ideas-progress-invalid"))?;
            let day = parse_date(&f.date).map_err(|k| invalid("date", k))?;
            queries::add_milestone(&state.db, id, &title, progress, day, user, t).await?;
            tell = Some(format!(
                "Umsetzung von „{}“: {} ({progress} %)",
                idea.title, title
            ));
        }
        _ => return Err(AppError::NotFound),
    }
    if let Some(title) = tell {
        let followers = queries::followers(&state.db, id).await?;
        super::notify::tell(&state, &followers, Some(user), &title, &urls::idea(&id)).await?;
    }
    Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::idea(&id))).into_response())
}
