//! API of the idea module: the map's data, the public list, one idea with
//! its comments, a campaign, and submitting, commenting and rating. The
//! same rules as the pages: both call the use cases in
//! `ideas::contributions`, so a phase that closes the form closes the API too.

use crate::web::Path;
use axum::{
    Json,
    extract::{FromRequestParts, RawQuery, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::{
    ApiJson, ApiUser,
    schema::{BodyFields, Problem},
};
use crate::{
    auth::domain::CurrentUser,
    error::{AppError, AppResult},
    ideas::{
        access::Access,
        contributions,
        domain::IdeaForm,
        map::{self, Filter, MapData, PAGE_SIZE},
        pages,
        queries::{self, CommentRow, IdeaRow},
        rules::Stage,
    },
    ids::{IdeaCampaignId, IdeaCommentId, IdeaId},
    kernel::days::format_date,
    state::AppState,
    web::{feed::rfc3339, forms::FieldErrors, urls},
};

/// The user behind a bearer token when one is sent; a wrong token is still
/// an error rather than a silent visitor.
pub struct OptionalApiUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for OptionalApiUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            let ApiUser(user) = ApiUser::from_request_parts(parts, state).await?;
            Ok(OptionalApiUser(Some(user)))
        } else {
            Ok(OptionalApiUser(None))
        }
    }
}

/// The filters map and list share. The handlers read them with
/// `Filter::parse` from the raw query, so that a bad value becomes a
/// message rather than a rejected request; this struct documents them.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct IdeaFilters {
    /// Only this campaign.
    #[param(minimum = 1)]
    campaign: Option<i64>,
    /// Only this category.
    #[param(minimum = 1)]
    category: Option<i64>,
    /// new (no official answer yet) or an answer status.
    #[param(pattern = "^(new|received|review|accepted|working_group|implemented|not_pursued)?$")]
    status: Option<String>,
    /// Only this district (AGS) of the network.
    #[param(pattern = "^([0-9]{5})?$")]
    district: Option<String>,
    /// Only ideas from this idea lab.
    #[param(minimum = 1)]
    lab: Option<i64>,
    /// Words in the title (the first 100 characters count).
    q: Option<String>,
}

/// An idea as lists show it.
#[derive(Serialize, ToSchema)]
pub struct IdeaSummary {
    pub id: i64,
    pub campaign_id: i64,
    pub campaign: String,
    pub title: String,
    /// draft, published, hidden or merged; others than `published` are seen
    /// by their author and the moderators only.
    pub state: String,
    pub category: Option<String>,
    pub lab_id: Option<i64>,
    /// The author's name; absent for anonymous ideas.
    pub author: Option<String>,
    pub place: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Official key (AGS) of the district the place lies in.
    pub district: Option<String>,
    /// Official answer: received, review, accepted, working_group,
    /// implemented or declined; absent before the first answer.
    pub status: Option<String>,
    pub comments: i64,
    pub ratings: i64,
    /// Mean of the ratings (1–5); absent without ratings.
    pub rating_average: Option<f64>,
    /// RFC 3339; absent for drafts.
    pub published_at: Option<String>,
    pub url: String,
}

/// One idea with its text, answer and comments.
#[derive(Serialize, ToSchema)]
pub struct IdeaDetail {
    #[serde(flatten)]
    pub summary: IdeaSummary,
    /// Markdown as written; pages show it sanitised.
    pub body: String,
    pub answer: String,
    /// The regional contact person's name (write through the page's contact
    /// form; the address is never published).
    pub contact: Option<String>,
    pub image_url: Option<String>,
    pub merged_into: Option<i64>,
    pub comment_list: Vec<Comment>,
}

#[derive(Serialize, ToSchema)]
pub struct Comment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author: Option<String>,
    /// Absent when a moderator hid the comment.
    pub body: Option<String>,
    pub created_at: String,
    pub edited_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct IdeaList {
    /// Ideas that pass the filters.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub ideas: Vec<IdeaSummary>,
}

#[derive(Serialize, ToSchema)]
pub struct Campaign {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// labs (idea lab series) or competition.
    pub kind: String,
    /// The company running a company-internal competition; absent for a
    /// campaign of the whole network.
    pub organization: Option<String>,
    /// announced, archived or the current phase.
    pub stage: String,
    pub phases: Vec<PhaseJson>,
    pub categories: Vec<CategoryJson>,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct PhaseJson {
    /// submission, discussion, rating, jury, results or implementation.
    pub phase: String,
    /// YYYY-MM-DD, first day.
    pub starts: String,
    /// YYYY-MM-DD, last day.
    pub ends: String,
}

#[derive(Serialize, ToSchema)]
pub struct CategoryJson {
    pub id: i64,
    pub name: String,
}

/// A new idea. The image can be added on the idea's page.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIdeaBody {
    #[schema(min_length = 1, max_length = 150, pattern = "\\S")]
    pub title: String,
    /// Markdown, up to 10,000 characters.
    #[schema(min_length = 1, max_length = 10000, pattern = "\\S")]
    pub body: String,
    /// Required when the campaign has categories.
    pub category_id: Option<i64>,
    pub lab_id: Option<i64>,
    /// Name of the place, e.g. a street or a village.
    pub place: Option<String>,
    /// A postal code places the idea at the code's centre when no
    /// coordinates are given.
    #[schema(pattern = "^[0-9]{5}$")]
    pub postal_code: Option<String>,
    #[schema(minimum = -90, maximum = 90)]
    pub lat: Option<f64>,
    #[schema(minimum = -180, maximum = 180)]
    pub lon: Option<f64>,
    /// A regional contact person offered by the campaign.
    pub contact_id: Option<i64>,
    /// Hide the author's name from the public.
    #[serde(default)]
    pub anonymous: bool,
    /// Keep as a draft, seen by the author only.
    #[serde(default)]
    pub draft: bool,
}

impl BodyFields for NewIdeaBody {
    const FIELDS: &'static [&'static str] = &[
        "title",
        "body",
        "category_id",
        "lab_id",
        "place",
        "postal_code",
        "lat",
        "lon",
        "contact_id",
        "anonymous",
        "draft",
    ];
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    /// Up to 3,000 characters; plain text.
    #[schema(min_length = 1, max_length = 3000, pattern = "\\S")]
    pub body: String,
    /// Answer to this comment of the same idea.
    pub parent_id: Option<i64>,
}

impl BodyFields for CommentBody {
    const FIELDS: &'static [&'static str] = &["body", "parent_id"];
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingBody {
    /// 1 to 5 stars.
    #[schema(minimum = 1, maximum = 5)]
    pub stars: i64,
}

impl BodyFields for RatingBody {
    const FIELDS: &'static [&'static str] = &["stars"];
}

#[derive(Serialize, ToSchema)]
pub struct Rating {
    pub stars: i64,
    /// The rating this one replaced, if the person had rated before.
    pub previous: Option<i64>,
    pub ratings: i64,
    pub rating_average: Option<f64>,
}

fn summary(a: &Access, i: &IdeaRow) -> IdeaSummary {
    IdeaSummary {
        id: i.id.0,
        campaign_id: i.campaign_id.0,
        campaign: i.campaign_title.clone(),
        title: i.title.clone(),
        state: i.state.as_str().to_owned(),
        category: i.category_name.clone(),
        lab_id: i.lab_id.map(|l| l.0),
        author: a.author_label(i),
        place: i.place.clone(),
        lat: i.lat,
        lon: i.lon,
        district: i.district_ags.clone(),
        status: i.answer_status.map(|s| s.as_str().to_owned()),
        comments: i.comment_count,
        ratings: i.rating_count,
        rating_average: one_decimal(i.rating_mean()),
        published_at: i.published_at.map(rfc3339),
        url: urls::idea(&i.id),
    }
}

fn one_decimal(v: Option<f64>) -> Option<f64> {
    v.map(|v| (v * 10.0).round() / 10.0)
}

fn comment(c: CommentRow, a: &Access) -> Comment {
    let hidden = !c.hidden_reason.is_empty();
    Comment {
        id: c.id.0,
        parent_id: c.parent_id.map(|p| p.0),
        author: c.author_name.filter(|_| !hidden || a.actor.moderator),
        body: (!hidden).then_some(c.body),
        created_at: rfc3339(c.created_at),
        edited_at: c.edited_at.map(rfc3339),
    }
}

async fn detail(state: &AppState, a: &Access, idea: IdeaRow) -> AppResult<IdeaDetail> {
    let comments = queries::comments(&state.db, idea.id).await?;
    Ok(IdeaDetail {
        summary: summary(a, &idea),
        body: idea.body.clone(),
        answer: idea.answer_text.clone(),
        contact: idea.contact_name.clone(),
        image_url: idea.has_image.then(|| urls::idea_image(&idea.id)),
        merged_into: idea.merged_into.map(|m| m.0),
        comment_list: comments.into_iter().map(|c| comment(c, a)).collect(),
    })
}

fn filter_or_422(pairs: &[(String, String)]) -> AppResult<Filter> {
    let (filter, errors) = Filter::parse(pairs);
    if errors.is_empty() {
        Ok(filter)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Idea map data
///
/// The public ideas of a network as markers for a map view: single ideas
/// and clusters of nearby ones, for the view's bounds and zoom (without
/// bounds: the whole region). The same filters as the list.
#[utoipa::path(get, path = "/api/v1/networks/{slug}/ideas/map", tag = "ideas",
    params(("slug" = String, Path, description = "Short name of the network"),
           ("south" = Option<f64>, Query, description = "Southern edge of the view; -90 when absent. Not north of `north`.", minimum = -90, maximum = 90),
           ("west" = Option<f64>, Query, description = "Western edge of the view; -180 when absent. Not east of `east`.", minimum = -180, maximum = 180),
           ("north" = Option<f64>, Query, description = "Northern edge of the view; 90 when absent", minimum = -90, maximum = 90),
           ("east" = Option<f64>, Query, description = "Eastern edge of the view; 180 when absent", minimum = -180, maximum = 180),
           ("zoom" = Option<u8>, Query, description = "Map zoom 0–18; 8 when absent", minimum = 0, maximum = 18), IdeaFilters),
    responses((status = 200, description = "Markers for the view", body = MapData),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "A filter or the view is not valid", content_type = "application/problem+json", body = Problem)))]
pub async fn map_data(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let network = crate::networks::cached_network(&state, &slug).await?;
    let pairs = map::pairs(query);
    let filter = filter_or_422(&pairs)?;
    let (bounds, zoom) = map::parse_view(&pairs)
        .map_err(|key| AppError::Validation(FieldErrors::single("view", key)))?;
    let ix = state.idea_maps.for_visitors(&state, network.id).await?;
    let json = ix.markers_json(&filter, bounds, zoom);
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            // Ideas appear within a minute for everyone; a browser panning
            // back and forth asks again only after that.
            (header::CACHE_CONTROL, "public, max-age=30"),
        ],
        json.as_str().to_owned(),
    )
        .into_response())
}

/// List a network's ideas
///
/// The public ideas of a network, newest first, 50 to a page; the same
/// filters as the map.
#[utoipa::path(get, path = "/api/v1/networks/{slug}/ideas", tag = "ideas",
    params(("slug" = String, Path, description = "Short name of the network"), IdeaFilters,
           ("page" = Option<usize>, Query, description = "Page, from 1 to 10000", minimum = 1, maximum = 10000)),
    responses((status = 200, description = "One page of ideas", body = IdeaList),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "A filter is not valid", content_type = "application/problem+json", body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Json<IdeaList>> {
    let network = crate::networks::cached_network(&state, &slug).await?;
    let pairs = map::pairs(query);
    let filter = filter_or_422(&pairs)?;
    let page = map::page_number(&pairs)
        .map_err(|key| AppError::Validation(FieldErrors::single("page", key)))?;
    let ix = state.idea_maps.for_visitors(&state, network.id).await?;
    let (total, rows) = map::list_page(&state.db, &ix, &filter, page).await?;
    let mut ideas = Vec::with_capacity(rows.len());
    let mut access: Option<Access> = None;
    for row in rows {
        // Rows of a page mostly share a campaign; load its rules once.
        if access
            .as_ref()
            .is_none_or(|a| a.campaign.id != row.campaign_id)
        {
            access = Some(Access::load(&state, None, row.campaign_id).await?);
        }
        if let Some(a) = &access {
            ideas.push(summary(a, &row));
        }
    }
    Ok(Json(IdeaList {
        total,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
        ideas,
    }))
}

/// Get an idea
///
/// Public ideas need no token. Ideas of a company-internal competition are
/// found only with a token of one of that company's people; for everyone
/// else they do not exist.
#[utoipa::path(get, path = "/api/v1/ideas/{idea}", tag = "ideas",
    params(("idea" = i64, Path, description = "Idea id")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The idea with its comments", body = IdeaDetail),
              (status = 401, description = "The token sent is not valid, or the idea is company-internal and no token was sent", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such idea, or not visible to this person", content_type = "application/problem+json", body = Problem)))]
pub async fn get_idea(
    State(state): State<AppState>,
    OptionalApiUser(user): OptionalApiUser,
    Path(id): Path<IdeaId>,
) -> AppResult<Json<IdeaDetail>> {
    let (a, idea) = pages::load(&state, user.as_ref(), id).await?;
    Ok(Json(detail(&state, &a, idea).await?))
}

/// Get a campaign
///
/// A campaign with its phases and categories. Company-internal campaigns
/// need a token of one of that company's people.
#[utoipa::path(get, path = "/api/v1/campaigns/{campaign}", tag = "ideas",
    params(("campaign" = i64, Path, description = "Campaign id")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The campaign", body = Campaign),
              (status = 401, description = "The token sent is not valid, or the campaign is company-internal and no token was sent", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such campaign, or not visible to this person", content_type = "application/problem+json", body = Problem)))]
pub async fn get_campaign(
    State(state): State<AppState>,
    OptionalApiUser(user): OptionalApiUser,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<Json<Campaign>> {
    let a = Access::load(&state, user.as_ref(), id).await?;
    let categories = queries::categories(&state.db, id).await?;
    let phases = a
        .schedule
        .as_ref()
        .map(|s| s.phases().to_vec())
        .unwrap_or_default();
    let stage = match a.stage {
        Stage::Announced => "announced",
        Stage::Archived => "archived",
        Stage::In(phase) => phase.as_str(),
    }
    .to_owned();
    Ok(Json(Campaign {
        id: a.campaign.id.0,
        title: a.campaign.title.clone(),
        description: a.campaign.description.clone(),
        kind: a.campaign.kind.as_str().to_owned(),
        organization: a.campaign.org_name.clone(),
        stage,
        phases: phases
            .into_iter()
            .map(|p| PhaseJson {
                phase: p.phase.as_str().to_owned(),
                starts: format_date(p.starts),
                ends: format_date(p.ends),
            })
            .collect(),
        categories: categories
            .into_iter()
            .map(|c| CategoryJson {
                id: c.id.0,
                name: c.name,
            })
            .collect(),
        url: urls::campaign(&a.campaign.id),
    }))
}

fn text(v: Option<impl ToString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Submit an idea
///
/// In the submission phase anyone who may see the campaign submits;
/// moderators enter ideas at any time (the results of an idea lab).
#[utoipa::path(post, path = "/api/v1/campaigns/{campaign}/ideas", tag = "ideas",
    params(("campaign" = i64, Path, description = "Campaign id")),
    request_body = NewIdeaBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Submitted (or kept as a draft)", body = IdeaDetail),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such campaign, or not visible to this person", content_type = "application/problem+json", body = Problem),
              (status = 409, description = "The campaign is not in its submission phase", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Invalid field values", content_type = "application/problem+json", body = Problem)))]
pub async fn submit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<IdeaCampaignId>,
    ApiJson(body): ApiJson<NewIdeaBody>,
) -> AppResult<Response> {
    let a = Access::load(&state, Some(&user), id).await?;
    let form = IdeaForm {
        title: body.title,
        body: body.body,
        category: text(body.category_id),
        lab: text(body.lab_id),
        place: body.place.unwrap_or_default(),
        postal_code: body.postal_code.unwrap_or_default(),
        lat: text(body.lat),
        lon: text(body.lon),
        contact: text(body.contact_id),
        anonymous: body.anonymous,
        image_alt: String::new(),
        intent: if body.draft { "draft" } else { "publish" }.to_owned(),
    };
    let idea = contributions::submit_idea(&state, &a, user.id, &form, Vec::new())
        .await?
        .map_err(AppError::Validation)?;
    // The author sees their idea, draft or not: no second access check.
    let row = queries::idea(&state.db, idea)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(detail(&state, &a, row).await?)).into_response())
}

/// Comment on an idea
///
/// In the submission and discussion phases; a reply names its parent.
/// Followers of the idea are notified.
#[utoipa::path(post, path = "/api/v1/ideas/{idea}/comments", tag = "ideas",
    params(("idea" = i64, Path, description = "Idea id")),
    request_body = CommentBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Posted", body = Comment),
              (status = 400, description = "Body is not valid JSON", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such idea, or not visible to this person", content_type = "application/problem+json", body = Problem),
              (status = 409, description = "Comments are closed in the campaign's current phase", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Empty or over-long text, or the parent is not a comment of this idea", content_type = "application/problem+json", body = Problem)))]
pub async fn post_comment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<IdeaId>,
    ApiJson(body): ApiJson<CommentBody>,
) -> AppResult<Response> {
    let (a, idea) = pages::load(&state, Some(&user), id).await?;
    let parent = body.parent_id.map(IdeaCommentId);
    let cid = contributions::post_comment(&state, &a, &idea, user.id, &body.body, parent)
        .await?
        .map_err(AppError::Validation)?;
    let row = queries::comment(&state.db, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(comment(row, &a))).into_response())
}

/// Rate an idea
///
/// One rating per person and idea, changeable during the rating phase.
#[utoipa::path(put, path = "/api/v1/ideas/{idea}/rating", tag = "ideas",
    params(("idea" = i64, Path, description = "Idea id")),
    request_body = RatingBody,
    security(("bearer" = [])),
    responses((status = 200, description = "Rated; the idea's new figures", body = Rating),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such idea, or not visible to this person", content_type = "application/problem+json", body = Problem),
              (status = 409, description = "The campaign is not in its rating phase", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Stars outside 1–5", content_type = "application/problem+json", body = Problem)))]
pub async fn rate(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<IdeaId>,
    ApiJson(body): ApiJson<RatingBody>,
) -> AppResult<Json<Rating>> {
    let (a, idea) = pages::load(&state, Some(&user), id).await?;
    let previous = contributions::rate(&state, &a, &idea, user.id, &body.stars.to_string())
        .await?
        .map_err(AppError::Validation)?;
    let idea = queries::idea(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(Rating {
        stars: body.stars,
        previous,
        ratings: idea.rating_count,
        rating_average: one_decimal(idea.rating_mean()),
    }))
}
