//! A provider's upload of offerings: checked whole, saved whole.
//!
//! Every row is checked before anything is written. One bad row and nothing
//! is saved; every problem is listed with its line, so the corrected file can
//! simply be uploaded again (rows without a course number would otherwise be
//! saved twice). A good file is saved in one transaction by a background job:
//! the request waits a moment for it and then sends the person to the job's
//! page, which shows the progress until the job is done. Before this, an
//! upload of 5,000 rows ran into the 30 s request timeout while thousands of
//! its rows were saved and the page said nothing.

use crate::web::Path;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    domain::{CompetenceLookup, ImportStatus, NewOffering, OfferingInput},
    import::{self, ImportError},
    publishing::{competence_lookup, provider_scope},
    queries::{self, ImportJobRow, Progress},
};
use crate::{
    db::{Db, now},
    error::{AppError, AppResult},
    ids::{ImportJobId, OrganizationId},
    kernel::days::today,
    networks::queries::OrgRow,
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

/// How long the upload request waits for its job before showing the
/// progress page; most uploads of a few hundred rows are done by then.
const WAIT_FOR_JOB: Duration = Duration::from_secs(2);

/// The jobs this server process is saving right now, with their progress.
#[derive(Default)]
pub struct RunningImports(Mutex<HashMap<ImportJobId, Arc<Progress>>>);

impl RunningImports {
    fn start(&self, job: ImportJobId) -> Arc<Progress> {
        let progress = Arc::new(Progress::default());
        if let Ok(mut jobs) = self.0.lock() {
            jobs.insert(job, progress.clone());
        }
        progress
    }

    fn finish(&self, job: ImportJobId) {
        if let Ok(mut jobs) = self.0.lock() {
            jobs.remove(&job);
        }
    }

    /// Rows saved so far, if this process runs the job (on PostgreSQL with
    /// several server processes, another one may).
    fn progress(&self, job: ImportJobId) -> Option<usize> {
        self.0.lock().ok()?.get(&job).map(|p| p.get())
    }
}

/// The rows of an upload as offerings, or every problem found in them.
pub fn check(
    rows: Vec<import::Row>,
    lookup: &CompetenceLookup,
    today: i64,
) -> Result<Vec<NewOffering>, Vec<ImportError>> {
    let mut offerings = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    let mut seen_ids = std::collections::HashSet::new();
    for row in rows {
        match row.input.parse(lookup, today) {
            Err(field_errors) => {
                errors.extend(field_errors.iter().map(|(field, key)| ImportError {
                    line: row.line,
                    field: field.to_owned(),
                    message_key: key,
                    value: field_value(&row.input, field),
                }));
            }
            Ok(o) if !o.external_id.is_empty() && !seen_ids.insert(o.external_id.clone()) => {
                errors.push(ImportError {
                    line: row.line,
                    field: "external_id".into(),
                    message_key: "import-duplicate-id",
                    value: o.external_id,
                });
            }
            Ok(o) => offerings.push(o),
        }
    }
    if errors.is_empty() {
        Ok(offerings)
    } else {
        Err(errors)
    }
}

/// How many offerings a save created and updated.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
}

/// Saves checked offerings of `provider` in one transaction (the demo
/// loader and the upload job).
pub async fn save(
    db: &Db,
    provider: OrganizationId,
    offerings: &[NewOffering],
    progress: &Progress,
    job: Option<ImportJobId>,
) -> Result<Counts, sqlx::Error> {
    let items: Vec<_> = offerings.iter().map(|o| (None, o)).collect();
    let saved = queries::save_all(db, provider, &items, now(), progress, job).await?;
    let created = saved.iter().filter(|(_, new)| *new).count();
    Ok(Counts {
        created,
        updated: saved.len() - created,
    })
}

fn field_value(i: &OfferingInput, field: &str) -> String {
    if field == "competences" {
        return i.competences_text();
    }
    i.field(field)
        .unwrap_or_default()
        .chars()
        .take(80)
        .collect()
}

// ---- Pages ----

#[derive(Template, WebTemplate)]
#[template(path = "catalog/import.html")]
pub struct ImportPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub errors: FieldErrors,
    pub row_errors: Vec<ImportError>,
}

impl ImportPage {
    fn field_label(&self, field: &str) -> String {
        if field.is_empty() {
            String::new()
        } else {
            self.c.t(&format!("label-offering-{field}"))
        }
    }
}

pub async fn import_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<ImportPage> {
    let (org, _) = provider_scope(&state, c.require_user()?, id).await?;
    Ok(ImportPage {
        c,
        org,
        errors: FieldErrors::new(),
        row_errors: Vec::new(),
    })
}

pub async fn import(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    multipart: Multipart,
) -> AppResult<Response> {
    let (org, networks) = provider_scope(&state, c.require_user()?, id).await?;
    let refuse = |c: Ctx, file_key: Option<&'static str>, row_errors: Vec<ImportError>| {
        let page = ImportPage {
            c,
            org: org.clone(),
            errors: file_key.map_or_else(FieldErrors::new, |k| FieldErrors::single("file", k)),
            row_errors,
        };
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let text = match crate::web::forms::read_upload(multipart, "auto").await {
        Ok((_, text)) => text,
        Err(key) => return refuse(c, Some(key), Vec::new()),
    };
    let rows = match import::parse(&text) {
        Ok(rows) => rows,
        Err(e) => return refuse(c, Some("upload-unusable"), vec![e]),
    };
    let (lookup, _) = competence_lookup(&state, &networks).await?;
    let offerings = match check(rows, &lookup, today()) {
        Ok(offerings) => offerings,
        Err(errors) => return refuse(c, None, errors),
    };
    let user = c.user.as_ref().map(|u| u.id);
    let job = queries::create_import_job(&state.db, id, user, offerings.len(), now()).await?;
    let progress = state.imports.start(job);
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    let task_state = state.clone();
    tokio::spawn(async move {
        let state = task_state;
        match save(&state.db, id, &offerings, &progress, Some(job)).await {
            Ok(counts) => {
                tracing::info!(job = %job, created = counts.created, updated = counts.updated, "offerings imported")
            }
            Err(e) => {
                tracing::error!(job = %job, error = %e, "offering import failed, nothing saved");
                if let Err(e) = queries::fail_import_job(&state.db, job, now()).await {
                    tracing::error!(job = %job, error = %e, "import job could not be marked failed");
                }
            }
        }
        state.imports.finish(job);
        state.search_changed();
        let _ = done_tx.send(());
    });
    let _ = tokio::time::timeout(WAIT_FOR_JOB, done_rx).await;
    Ok(Redirect::to(&urls::import_job(&id, &job)).into_response())
}

/// A job's state as the page shows it.
pub enum JobState {
    /// Saving; `saved` rows so far if this process runs it.
    Running {
        saved: Option<usize>,
    },
    Done,
    Failed,
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/import_job.html")]
pub struct JobPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub job: ImportJobRow,
    pub state: JobState,
}

pub async fn job_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, job)): Path<(OrganizationId, ImportJobId)>,
) -> AppResult<JobPage> {
    let (org, _) = provider_scope(&state, c.require_user()?, id).await?;
    let job = queries::import_job(&state.db, id, job)
        .await?
        .ok_or(AppError::NotFound)?;
    let job_state = match job.status {
        ImportStatus::Done => JobState::Done,
        ImportStatus::Failed => JobState::Failed,
        ImportStatus::Running => JobState::Running {
            saved: state.imports.progress(job.id),
        },
    };
    Ok(JobPage {
        c,
        org,
        job,
        state: job_state,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CompetenceId;

    #[test]
    fn one_bad_row_means_nothing_to_save_and_every_problem_named() {
        let lookup = CompetenceLookup::new([(CompetenceId(1), "welding".to_owned())]);
        let csv = "external_id;title;competences;format;hours_total;postal_code;city\n\
            A;Schweißen;welding:2;online_live;40;;\n\
            B;Kaputt;nope:9;raumschiff;-1;;\n\
            A;Doppelt;welding:2;online_live;40;;\n";
        let Ok(rows) = import::parse(csv) else {
            panic!("the file parses")
        };
        let Err(errors) = check(rows, &lookup, 0) else {
            panic!("the file is refused")
        };
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert!(lines.contains(&3) && lines.contains(&4), "{errors:?}");
        assert!(!lines.contains(&2), "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.message_key == "import-duplicate-id" && e.value == "A")
        );
        let good = import::parse(
            "title;competences;format;hours_total\nSchweißen;welding:2;online_live;40\n",
        )
        .map(|rows| check(rows, &lookup, 0).map(|o| o.len()).ok());
        assert_eq!(good.ok().flatten(), Some(1));
    }
}
