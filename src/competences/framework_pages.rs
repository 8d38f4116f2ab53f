//! The network's competence framework: public view, CSV export, and for the
//! coordinator adopting the shipped framework, importing CSV (our format
//! or ESCO) and editing single competences.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    framework::{self, RowError, TECHNOLOGIES},
    queries::{self, AreaRow, CompetenceRow, ImportSummary, LevelDescriptorRow},
};
use crate::{
    auth::permissions::{Action, Resource, can},
    error::{AppError, AppResult},
    ids::CompetenceId,
    networks::{load_network, queries::NetworkRow},
    state::AppState,
    web::{
        Ctx,
        forms::{FieldErrors, optional_text, required_text},
        urls,
    },
};

#[derive(Template, WebTemplate)]
#[template(path = "competences/framework.html")]
pub struct FrameworkPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub areas: Vec<AreaRow>,
    pub competences: Vec<CompetenceRow>,
    pub levels: Vec<LevelDescriptorRow>,
    pub can_manage: bool,
}

impl FrameworkPage {
    fn in_area(&self, area: &AreaRow) -> Vec<&CompetenceRow> {
        self.competences
            .iter()
            .filter(|c| c.area_id == area.id)
            .collect()
    }
    fn level_label<'a>(&self, l: &'a LevelDescriptorRow) -> &'a str {
        if self.c.lang == crate::web::i18n::Lang::En {
            &l.label_en
        } else {
            &l.label_de
        }
    }
    fn level_descriptor<'a>(&self, l: &'a LevelDescriptorRow) -> &'a str {
        if self.c.lang == crate::web::i18n::Lang::En {
            &l.descriptor_en
        } else {
            &l.descriptor_de
        }
    }
}

async fn manager(state: &AppState, c: &Ctx, slug: &str) -> AppResult<NetworkRow> {
    let network = load_network(&state.db, slug).await?;
    c.require_user()?;
    if !can(
        c.user.as_ref(),
        Action::ManageNetwork,
        &Resource::Network(network.id),
    ) {
        return Err(AppError::Forbidden);
    }
    Ok(network)
}

pub async fn show(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<FrameworkPage> {
    let network = load_network(&state.db, &slug).await?;
    let areas = queries::areas(&state.db, network.id).await?;
    let competences = queries::competences(&state.db, network.id).await?;
    let levels = queries::levels(&state.db, network.id).await?;
    let can_manage = can(
        c.user.as_ref(),
        Action::ManageNetwork,
        &Resource::Network(network.id),
    );
    Ok(FrameworkPage {
        c,
        network,
        areas,
        competences,
        levels,
        can_manage,
    })
}

pub async fn export(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let rows = queries::export_rows(&state.db, network.id).await?;
    let body = framework::write_competences(&rows);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"kompetenzrahmen-{}.csv\"",
                    network.slug
                ),
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn adopt(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let network = manager(&state, &c, &slug).await?;
    let parsed = framework::parse_competences(framework::SHIPPED_COMPETENCES)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("shipped framework: {e:?}")))?;
    let levels = framework::parse_levels(framework::SHIPPED_LEVELS)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("shipped levels: {e:?}")))?;
    queries::import_framework(&state.db, network.id, &parsed.rows, &levels).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-framework-adopted",
        urls::framework(&network.slug)
    ))
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "competences/import.html")]
pub struct ImportPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub format: String,
    pub errors: FieldErrors,
    pub row_errors: Vec<RowError>,
    pub summary: Option<ImportSummary>,
}

pub async fn import_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<ImportPage> {
    let network = manager(&state, &c, &slug).await?;
    Ok(ImportPage {
        c,
        network,
        format: "lernregion".into(),
        errors: FieldErrors::new(),
        row_errors: Vec::new(),
        summary: None,
    })
}

pub async fn import(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let network = manager(&state, &c, &slug).await?;
    let page = |c, format: String, errors, row_errors, summary| ImportPage {
        c,
        network: network.clone(),
        format,
        errors,
        row_errors,
        summary,
    };
    let (format, text) = match crate::web::forms::read_upload(multipart, "lernregion").await {
        Ok(v) => v,
        Err(key) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    c,
                    "lernregion".into(),
                    FieldErrors::single("file", key),
                    Vec::new(),
                    None,
                ),
            )
                .into_response());
        }
    };
    let parsed = match format.as_str() {
        "esco-de" | "esco-en" => framework::parse_esco(
            &text,
            "esco",
            "ESCO-Kompetenzen",
            "ESCO skills",
            &format[5..],
        ),
        "lernregion" => framework::parse_competences(&text),
        _ => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    c,
                    format,
                    FieldErrors::single("format", "choice-invalid"),
                    Vec::new(),
                    None,
                ),
            )
                .into_response());
        }
    };
    let parsed = match parsed {
        Ok(p) => p,
        Err(e) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    c,
                    format,
                    FieldErrors::single("file", "upload-unusable"),
                    vec![e],
                    None,
                ),
            )
                .into_response());
        }
    };
    // A file with a bad row saves nothing: a half-imported framework is
    // harder to repair than a file.
    if !parsed.errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(c, format, FieldErrors::new(), parsed.errors, None),
        )
            .into_response());
    }
    let summary = queries::import_framework(&state.db, network.id, &parsed.rows, &[]).await?;
    Ok(page(c, format, FieldErrors::new(), Vec::new(), Some(summary)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "competences/edit.html")]
pub struct EditPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub competence: Option<CompetenceRow>,
    pub areas: Vec<AreaRow>,
    pub form: CompetenceForm,
    pub errors: FieldErrors,
}

impl EditPage {
    fn technologies(&self) -> &'static [&'static str] {
        &TECHNOLOGIES
    }
    fn has_technology(&self, t: &str) -> bool {
        self.form.technologies.split(';').any(|x| x == t)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CompetenceForm {
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name_de: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub description_de: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub plain_de: String,
    #[serde(default)]
    pub plain_en: String,
    #[serde(default)]
    pub dqr_hint: String,
    /// Joined with `;` from the checkboxes (several `technology` fields).
    #[serde(skip)]
    pub technologies: String,
    #[serde(default)]
    pub retired: Option<String>,
}

impl CompetenceForm {
    fn from_row(c: &CompetenceRow) -> Self {
        CompetenceForm {
            area: c.area_id.to_string(),
            code: c.code.clone(),
            name_de: c.name_de.clone(),
            name_en: c.name_en.clone(),
            description_de: c.description_de.clone(),
            description_en: c.description_en.clone(),
            plain_de: c.plain_de.clone(),
            plain_en: c.plain_en.clone(),
            dqr_hint: c.dqr_hint.clone(),
            technologies: c.technologies.clone(),
            retired: c.retired.then(|| "on".into()),
        }
    }

    /// The form as one CSV row, so that the same checks apply as on import.
    fn to_csv(&self, area: &AreaRow) -> String {
        let row = framework::CompetenceRow {
            area_code: area.code.clone(),
            area_de: area.name_de.clone(),
            area_en: area.name_en.clone(),
            code: self.code.trim().to_owned(),
            name_de: self.name_de.clone(),
            name_en: self.name_en.clone(),
            description_de: self.description_de.clone(),
            description_en: self.description_en.clone(),
            plain_de: self.plain_de.clone(),
            plain_en: self.plain_en.clone(),
            dqr_hint: self.dqr_hint.clone(),
            technologies: framework::technology_list(&self.technologies),
            esco_uri: String::new(),
        };
        framework::write_competences(&[row])
    }
}

/// Parses the urlencoded body by hand: `technology` repeats.
fn parse_form(body: &str) -> CompetenceForm {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
    let mut form: CompetenceForm = serde_urlencoded::from_str(
        &serde_urlencoded::to_string(
            pairs
                .iter()
                .filter(|(k, _)| k != "technology")
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default(),
    )
    .unwrap_or_default();
    form.technologies = pairs
        .iter()
        .filter(|(k, _)| k == "technology")
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(";");
    form
}

pub async fn new_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<EditPage> {
    let network = manager(&state, &c, &slug).await?;
    let areas = queries::areas(&state.db, network.id).await?;
    Ok(EditPage {
        c,
        network,
        competence: None,
        areas,
        form: CompetenceForm::default(),
        errors: FieldErrors::new(),
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path((slug, id)): Path<(String, CompetenceId)>,
) -> AppResult<EditPage> {
    let network = manager(&state, &c, &slug).await?;
    let competence = queries::competence(&state.db, network.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let areas = queries::areas(&state.db, network.id).await?;
    let form = CompetenceForm::from_row(&competence);
    Ok(EditPage {
        c,
        network,
        competence: Some(competence),
        areas,
        form,
        errors: FieldErrors::new(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    body: String,
) -> AppResult<Response> {
    save(state, c, slug, None, body).await
}

pub async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path((slug, id)): Path<(String, CompetenceId)>,
    body: String,
) -> AppResult<Response> {
    save(state, c, slug, Some(id), body).await
}

async fn save(
    state: AppState,
    c: Ctx,
    slug: String,
    id: Option<CompetenceId>,
    body: String,
) -> AppResult<Response> {
    let network = manager(&state, &c, &slug).await?;
    let areas = queries::areas(&state.db, network.id).await?;
    let competence = match id {
        Some(id) => Some(
            queries::competence(&state.db, network.id, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let mut form = parse_form(&body);
    if let Some(existing) = &competence {
        // The code identifies the competence in exports and imports.
        form.code = existing.code.clone();
    }
    let mut errors = FieldErrors::new();
    let area = form
        .area
        .parse::<i64>()
        .ok()
        .and_then(|a| areas.iter().find(|x| x.id.0 == a));
    if area.is_none() {
        errors.add("area", "choice-invalid");
    }
    errors.check("name_de", required_text(&form.name_de, 120));
    errors.check("name_en", required_text(&form.name_en, 120));
    for (field, value) in [
        ("description_de", &form.description_de),
        ("description_en", &form.description_en),
        ("plain_de", &form.plain_de),
        ("plain_en", &form.plain_en),
    ] {
        errors.check(field, optional_text(value, 1000));
    }
    if competence.is_none() && !framework::valid_code(form.code.trim()) {
        errors.add("code", "csv-code-invalid");
    }
    let parsed = area
        .filter(|_| errors.is_empty())
        .map(|a| framework::parse_competences(&form.to_csv(a)));
    let row = match parsed {
        Some(Ok(p)) if p.errors.is_empty() && p.rows.len() == 1 => p.rows.into_iter().next(),
        Some(Ok(p)) => {
            for e in p.errors {
                let field = match e.message_key {
                    "csv-dqr-invalid" => "dqr_hint",
                    "csv-technology-unknown" => "technology",
                    "csv-code-invalid" | "csv-code-duplicate" => "code",
                    _ => "name_de",
                };
                errors.add(field, e.message_key);
            }
            None
        }
        _ => None,
    };
    let (Some(row), true) = (row, errors.is_empty()) else {
        let page = EditPage {
            c,
            network,
            competence,
            areas,
            form,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if competence.is_none()
        && queries::competence_by_code(&state.db, network.id, &row.code)
            .await?
            .is_some()
    {
        let page = EditPage {
            c,
            network,
            competence,
            areas,
            form,
            errors: FieldErrors::single("code", "csv-code-duplicate"),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    queries::import_framework(&state.db, network.id, std::slice::from_ref(&row), &[]).await?;
    queries::set_retired(&state.db, network.id, &row.code, form.retired.is_some()).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved",
        urls::framework(&network.slug)
    ))
    .into_response())
}
