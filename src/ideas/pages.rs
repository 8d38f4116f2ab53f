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
    contributions,
    domain::{self, AnswerStatus, IdeaForm, IdeaState},
    moderation::{self, ModerateForm},
    queries::{self, CategoryRow, CommentRow, IdeaRow, LabRow, MilestoneRow},
    rules::Action,
};
use crate::{
    auth::domain::CurrentUser,
    db::now,
    error::{AppError, AppResult},
    ids::{IdeaCampaignId, IdeaCommentId, IdeaId, UserId},
    kernel::days::{day_of, format_date},
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
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
        self.editing
            .as_ref()
            .is_none_or(|i| i.state == IdeaState::Draft)
    }
}

async fn form_page(
    state: &AppState,
    c: Ctx,
    a: Access,
    editing: Option<IdeaRow>,
    form: IdeaForm,
    errors: FieldErrors,
) -> AppResult<IdeaFormPage> {
    let ch = contributions::choices(state, &a).await?;
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
    match contributions::submit_idea(&state, &a, user, &form, image).await? {
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
    let user = c.require_user()?.id;
    let (form, image) = read_form(mp).await?;
    match contributions::edit_idea(&state, &a, &idea, user, &form, image).await? {
        Ok(()) => {
            Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::idea(&id))).into_response())
        }
        Err(errors) => {
            let page = form_page(&state, c, a, Some(idea), form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
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
        self.idea.state == IdeaState::Hidden
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
    match contributions::post_comment(&state, &a, &idea, user, &f.body, parent).await? {
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

/// The author corrects a comment within the edit window.
pub async fn edit_comment(
    State(state): State<AppState>,
    c: Ctx,
    Path(cid): Path<IdeaCommentId>,
    Form(f): Form<CommentForm>,
) -> AppResult<Response> {
    let (a, idea, row) = load_comment(&state, &c, cid).await?;
    let user = c.require_user()?.id;
    if let Err(errors) = contributions::edit_comment(&state, &row, user, &f.body).await? {
        let page = idea_page(&state, c, a, idea, errors, f.body, Some(cid)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved#comment-{cid}",
        urls::idea(&idea.id)
    ))
    .into_response())
}

/// A comment with its idea, for someone who may see the idea.
async fn load_comment(
    state: &AppState,
    c: &Ctx,
    cid: IdeaCommentId,
) -> AppResult<(Access, IdeaRow, CommentRow)> {
    let row = queries::comment(&state.db, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let (a, idea) = load(state, c.user.as_ref(), row.idea_id).await?;
    Ok((a, idea, row))
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
    let (a, idea, _) = load_comment(&state, &c, cid).await?;
    let user = c.require_user()?.id;
    let first = contributions::report_comment(&state, &a, &idea, cid, user, &f.reason).await?;
    let notice = if first {
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
    let (a, idea, _) = load_comment(&state, &c, cid).await?;
    moderation::decide_comment(&state, &a, &idea, cid, f.decision == "hide", &f.reason).await?;
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
    match contributions::rate(&state, &a, &idea, user, &f.stars).await? {
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
    let user = c.require_user()?.id;
    contributions::follow(&state, &a, &idea, user, f.follow == "1").await?;
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

pub async fn contact_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
) -> AppResult<ContactPage> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    contributions::contact_person(&a, &idea)?;
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

/// Writes to the idea's regional contact person through the platform.
pub async fn contact(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaId>,
    Form(f): Form<ContactForm>,
) -> AppResult<Response> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    let sender = c.require_user()?;
    if let Err(errors) = contributions::contact(&state, &a, &idea, sender, &f.message).await? {
        let page = ContactPage {
            c,
            idea,
            message: f.message,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    Ok(Redirect::to(&format!(
        "{}?notice=ideas-notice-contacted",
        urls::idea(&id)
    ))
    .into_response())
}

/// A moderator's action on an idea (see [`moderation::moderate`]).
pub async fn moderate(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, what)): Path<(IdeaId, String)>,
    Form(f): Form<ModerateForm>,
) -> AppResult<Response> {
    let (a, idea) = load(&state, c.user.as_ref(), id).await?;
    let user = c.require_user()?.id;
    moderation::moderate(&state, &a, &idea, user, &what, &f).await?;
    Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::idea(&id))).into_response())
}
