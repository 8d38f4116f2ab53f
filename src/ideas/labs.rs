//! Idea labs (Ideenwerkstätten): half-day workshops in a district whose
//! ideas a coordinator enters afterwards, linked to the lab. Stored like an
//! event (start, end, place, capacity) so registration can come later.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    domain::{self, LabForm},
    map::visible_campaigns,
    queries::{self, CampaignRow, IdeaRow, LabRow},
};
use crate::{
    auth::domain::NetworkRole,
    db::now,
    error::{AppError, AppResult},
    ids::{IdeaCampaignId, IdeaLabId},
    networks::{
        load_network,
        queries::{self as nq, NetworkRow},
    },
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

#[derive(Template, WebTemplate)]
#[template(path = "ideas/labs.html")]
pub struct LabsPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub labs: Vec<LabRow>,
    pub coordinator: bool,
    pub form: LabForm,
    pub errors: FieldErrors,
    pub districts: Vec<(String, String)>,
    pub campaigns: Vec<CampaignRow>,
}

fn is_coordinator(c: &Ctx, network: &NetworkRow) -> bool {
    c.user
        .as_ref()
        .is_some_and(|u| u.is_admin || u.has_network_role(network.id, NetworkRole::Coordinator))
}

async fn labs_page(
    state: &AppState,
    c: Ctx,
    network: NetworkRow,
    form: LabForm,
    errors: FieldErrors,
) -> AppResult<LabsPage> {
    let districts = nq::network_districts(&state.db, network.id)
        .await?
        .into_iter()
        .map(|a| {
            let n = crate::regions::district_name(&a);
            (a, n)
        })
        .collect();
    let campaigns = visible_campaigns(state, &c, network.id)
        .await?
        .into_iter()
        .filter(|k| k.org_id.is_none())
        .collect();
    Ok(LabsPage {
        coordinator: is_coordinator(&c, &network),
        labs: queries::labs(&state.db, network.id).await?,
        c,
        network,
        form,
        errors,
        districts,
        campaigns,
    })
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<LabsPage> {
    let network = load_network(&state.db, &slug).await?;
    let form = LabForm {
        from: "09:00".into(),
        to: "13:00".into(),
        ..LabForm::default()
    };
    labs_page(&state, c, network, form, FieldErrors::new()).await
}

pub async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<LabForm>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let user = c.require_user()?.id;
    if !is_coordinator(&c, &network) {
        return Err(AppError::Forbidden);
    }
    let districts = nq::network_districts(&state.db, network.id).await?;
    let campaigns: Vec<IdeaCampaignId> = queries::campaigns(&state.db, network.id)
        .await?
        .iter()
        .filter(|k| k.org_id.is_none())
        .map(|k| k.id)
        .collect();
    match domain::parse_lab(&form, &districts, &campaigns) {
        Ok(lab) => {
            let id = queries::create_lab(&state.db, network.id, &lab, user, now()).await?;
            Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::lab(&id))).into_response())
        }
        Err(errors) => {
            let page = labs_page(&state, c, network, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/lab.html")]
pub struct LabPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub lab: LabRow,
    pub ideas: Vec<IdeaRow>,
    pub campaign: Option<CampaignRow>,
    pub coordinator: bool,
}

impl LabPage {
    fn description_html(&self) -> String {
        crate::web::markdown::to_safe_html(&self.lab.description)
    }
    fn map_link(&self) -> String {
        format!(
            "{}?lab={}#ideas-list",
            urls::ideas_map(&self.network.slug),
            self.lab.id
        )
    }
}

pub async fn show(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaLabId>,
) -> AppResult<LabPage> {
    let lab = queries::lab(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let network = nq::network_by_id(&state.db, lab.network_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let campaign = match lab.campaign_id {
        Some(k) => queries::campaign(&state.db, k)
            .await?
            .filter(|k| k.org_id.is_none()),
        None => None,
    };
    let ix = state.idea_maps.get(&state.db, network.id).await?;
    let ids: Vec<_> = ix
        .rows
        .iter()
        .filter(|r| r.lab_id == Some(id))
        .map(|r| r.id)
        .collect();
    Ok(LabPage {
        ideas: queries::ideas_by_ids(&state.db, &ids).await?,
        coordinator: is_coordinator(&c, &network),
        c,
        network,
        lab,
        campaign,
    })
}
