//! The employee's side: their profile and what they could learn next, the
//! self-assessment one competence per step, consent, the log of who read
//! their data, export and deletion.

use crate::web::Path;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Json,
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;

use super::{
    assessments::{self, SelfRound, answered_in_round},
    domain::Level,
    gaps::{self, Gap},
    privacy,
    profiles::{competences_for, person_gaps},
    queries::people::{self, AuditRow, EmployeeRow},
    queries::{CompetenceRow, LevelDescriptorRow},
    vision::{self, AssessmentForm},
};
use crate::{
    db::{Db, now},
    error::{AppError, AppResult},
    ids::{CompetenceId, OrganizationId, UserId},
    kernel::days::format_date,
    networks::queries::{self as nq, UserOrgRow},
    state::AppState,
    web::{Ctx, format_time, forms::FieldErrors, urls},
};

/// One organisation of the person with their picture there.
pub struct MyOrg {
    pub org: UserOrgRow,
    pub employee: EmployeeRow,
    /// Names of the company's HR admins, whom the consent names.
    pub hr_admins: Vec<String>,
    pub gaps: Vec<Gap>,
    pub answered: usize,
    pub total: usize,
}

impl MyOrg {
    /// Their manager was changed after they consented: the new one sees
    /// nothing until they agree again.
    pub fn manager_not_covered(&self) -> bool {
        privacy::manager_not_covered(&self.employee.subject())
    }
    /// The manager as the consent form names them (empty: none).
    pub fn shown_manager(&self) -> String {
        self.employee
            .manager_id
            .map(|m| m.to_string())
            .unwrap_or_default()
    }
    pub fn next_steps(&self) -> Vec<&Gap> {
        self.gaps.iter().filter(|g| g.is_open()).take(5).collect()
    }
    pub fn to_assess(&self) -> usize {
        self.gaps.iter().filter(|g| g.needs_assessment()).count()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "competences/me.html")]
pub struct MyPage {
    pub c: Ctx,
    pub orgs: Vec<MyOrg>,
    pub competences: Vec<CompetenceRow>,
    pub audit: Vec<AuditRow>,
}

impl MyPage {
    fn competence_name(&self, id: &CompetenceId) -> String {
        self.competences
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.name(self.c.lang).to_owned())
            .unwrap_or_default()
    }
    fn level_text(&self, l: &Option<Level>) -> String {
        l.map(|l| l.to_string()).unwrap_or_else(|| "–".into())
    }
    fn when(&self, t: &i64) -> String {
        format_time(*t)
    }
    fn audit_key(&self, action: &str) -> &'static str {
        match action {
            "manager-assessment" => "audit-manager-assessment",
            _ => "audit-read-individual",
        }
    }
    /// The HR admins by name, or a plain "nobody yet".
    fn hr_admin_names(&self, o: &MyOrg) -> String {
        if o.hr_admins.is_empty() {
            self.c.t("me-consent-no-admins")
        } else {
            o.hr_admins.join(", ")
        }
    }
    /// Who the consent reaches, by role and by name, with the org's name.
    fn consent_audience(&self, o: &MyOrg) -> String {
        let admins = FluentValue::from(self.hr_admin_names(o));
        let org = FluentValue::from(o.org.name.clone());
        match &o.employee.manager_name {
            Some(manager) => self.c.lang.t_args(
                "me-consent-audience-manager",
                &[
                    ("org", org),
                    ("admins", admins),
                    ("manager", FluentValue::from(manager.clone())),
                ],
            ),
            None => self
                .c
                .lang
                .t_args("me-consent-audience", &[("org", org), ("admins", admins)]),
        }
    }
    fn manager_renew_text(&self, o: &MyOrg) -> String {
        self.c.t_s(
            "me-consent-renew",
            "manager",
            o.employee.manager_name.as_deref().unwrap_or_default(),
        )
    }
    fn due_text(&self, g: &Gap) -> String {
        match g.due {
            gaps::Due::Now => self.c.t("needs-due-now"),
            gaps::Due::On(d) => format_date(d),
        }
    }
}

pub async fn my_page(State(state): State<AppState>, c: Ctx) -> AppResult<MyPage> {
    let user = c.require_user()?.id;
    let (orgs, competences) = my_orgs(&state.db, user).await?;
    let audit = people::audit_of(&state.db, user).await?;
    Ok(MyPage {
        c,
        orgs,
        competences,
        audit,
    })
}

/// Where a person stands in each organisation they work for: their gaps
/// and how far their round of self-assessment has come (their own page and
/// their start page read it), with the competences those gaps name.
pub async fn my_orgs(db: &Db, user: UserId) -> AppResult<(Vec<MyOrg>, Vec<CompetenceRow>)> {
    let mut orgs = Vec::new();
    let mut competences: Vec<CompetenceRow> = Vec::new();
    for org in nq::orgs_of_user(db, user).await? {
        let Some(employee) = people::employee(db, org.org_id, user).await? else {
            continue;
        };
        let networks = nq::approved_networks_of_org(db, org.org_id).await?;
        let (_, comps) = competences_for(db, &networks).await?;
        competences.extend(comps);
        let requirements = people::requirements(db, org.org_id).await?;
        let history = people::assessments_of(db, org.org_id, user).await?;
        let gaps = person_gaps(&employee, &requirements, &history);
        let done = answered_in_round(&history, employee.round_started_at);
        let answered = gaps.iter().filter(|g| done.contains(&g.competence)).count();
        let total = gaps.len();
        let hr_admins = people::hr_admin_names(db, org.org_id).await?;
        orgs.push(MyOrg {
            org,
            employee,
            hr_admins,
            gaps,
            answered,
            total,
        });
    }
    Ok((orgs, competences))
}

// ---- The self-assessment ----

#[derive(Template, WebTemplate)]
#[template(path = "competences/step.html")]
pub struct StepPage {
    pub c: Ctx,
    pub org_id: OrganizationId,
    pub org_name: String,
    pub competence: Option<CompetenceRow>,
    pub levels: Vec<LevelDescriptorRow>,
    pub step: usize,
    pub total: usize,
    pub answered: usize,
    pub current: Option<Level>,
    pub errors: FieldErrors,
}

impl StepPage {
    fn option_text(&self, l: &LevelDescriptorRow) -> String {
        let (plain, label) = match self.c.lang {
            crate::web::i18n::Lang::En => (&l.plain_en, &l.label_en),
            crate::web::i18n::Lang::De => (&l.plain_de, &l.label_de),
        };
        if plain.is_empty() {
            label.clone()
        } else {
            plain.clone()
        }
    }
    fn checked(&self, l: &LevelDescriptorRow) -> bool {
        self.current
            .is_some_and(|c| i64::from(c.value()) == l.level)
    }
    fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(100)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct StepQuery {
    /// Skip: show the first open competence after this one.
    #[serde(default)]
    pub nach: Option<i64>,
}

fn step_page(
    c: Ctx,
    org: OrganizationId,
    s: SelfRound,
    after: Option<i64>,
    errors: FieldErrors,
) -> StepPage {
    let index = after
        .and_then(|a| s.pending.iter().position(|p| p.0 == a))
        .map(|i| i + 1)
        .unwrap_or(0);
    let next = s.pending.get(index).or_else(|| s.pending.first()).copied();
    let competence = next.and_then(|id| s.competences.iter().find(|c| c.id == id).cloned());
    let current = next
        .and_then(|id| s.history.iter().find(|a| a.competence_id == id))
        .and_then(|a| a.to_assessment())
        .map(|a| a.level);
    StepPage {
        c,
        org_id: org,
        org_name: s.org_name,
        competence,
        levels: s.levels,
        step: s.answered + 1,
        total: s.total,
        answered: s.answered,
        current,
        errors,
    }
}

pub async fn step(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<OrganizationId>,
    Query(q): Query<StepQuery>,
) -> AppResult<StepPage> {
    let s = assessments::self_round(&state.db, c.require_user()?.id, org).await?;
    Ok(step_page(c, org, s, q.nach, FieldErrors::new()))
}

pub async fn answer(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<OrganizationId>,
    Form(form): Form<AssessmentForm>,
) -> AppResult<Response> {
    let user = c.require_user()?.id;
    match assessments::assess_myself(&state.db, user, org, &form).await {
        Ok(r) if r.round_complete => Ok(Redirect::to(&format!(
            "{}?notice=notice-assessment-done",
            urls::my_competences()
        ))
        .into_response()),
        Ok(_) => Ok(Redirect::to(&urls::self_assessment(&org)).into_response()),
        // Already answered in this round (a second tab, the back button) or
        // not part of the profile: on to the next open step.
        Err(AppError::Validation(errors)) if errors.get("competence").is_some() => {
            Ok(Redirect::to(&urls::self_assessment(&org)).into_response())
        }
        Err(AppError::Validation(_)) => {
            let s = assessments::self_round(&state.db, user, org).await?;
            let after = form
                .competence
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|v| s.pending.iter().position(|p| p.0 == v))
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| s.pending.get(i))
                .map(|p| p.0);
            let page = step_page(
                c,
                org,
                s,
                after,
                FieldErrors::single("level", "step-choose-level"),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn restart(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<OrganizationId>,
) -> AppResult<Response> {
    assessments::restart_round(&state.db, c.require_user()?.id, org).await?;
    Ok(Redirect::to(&urls::self_assessment(&org)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    pub share_with_employer: Option<String>,
    #[serde(default)]
    pub manager_may_assess: Option<String>,
    /// The manager the form named (a hidden field; empty or absent: none).
    #[serde(default)]
    pub named_manager: String,
}

pub async fn consent(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<OrganizationId>,
    Form(form): Form<ConsentForm>,
) -> AppResult<Response> {
    let user = c.require_user()?.id;
    let shown_manager = match form.named_manager.trim() {
        "" => None,
        v => Some(v.parse::<UserId>().map_err(|_| {
            AppError::Validation(FieldErrors::single("named_manager", "choice-invalid"))
        })?),
    };
    vision::give_consent(
        &state.db,
        org,
        user,
        form.share_with_employer.is_some(),
        form.manager_may_assess.is_some(),
        shown_manager,
    )
    .await?;
    Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::my_competences())).into_response())
}

/// Everything stored about the person's competences, as JSON.
pub async fn export(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    let user = c.require_user()?.clone();
    let db = &state.db;
    let assessments = people::all_assessments_of_user(db, user.id).await?;
    let audit = people::audit_of(db, user.id).await?;
    let mut profiles = Vec::new();
    for org in nq::orgs_of_user(db, user.id).await? {
        if let Some(e) = people::employee(db, org.org_id, user.id).await? {
            profiles.push(serde_json::json!({"organization": org.name, "role_id": e.role_id, "manager": e.manager_name, "consent": e.consent()}));
        }
    }
    let body = serde_json::json!({
        "account": {"name": user.display_name, "email": user.email},
        "profiles": profiles,
        "assessments": assessments,
        "read_by_others": audit,
        "exported_at": format_time(now()),
    });
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"meine-kompetenzdaten.json\"",
        )],
        Json(body),
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    pub confirm: Option<String>,
}

pub async fn delete(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<DeleteForm>,
) -> AppResult<Response> {
    let user = c.require_user()?.id;
    if form.confirm.is_none() {
        return Err(AppError::Validation(FieldErrors::single(
            "confirm",
            "delete-confirm-needed",
        )));
    }
    people::delete_assessments_of(&state.db, user).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-data-deleted",
        urls::my_competences()
    ))
    .into_response())
}
