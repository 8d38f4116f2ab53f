//! What moderators do: act on an idea (hide, show, merge, answer, record a
//! milestone, mark as seen), decide on a reported comment, publish a
//! campaign's results. Each action is checked once here, written in one
//! transaction with the notices it causes.

use serde::Deserialize;

use super::{
    access::Access,
    domain::{self, AnswerStatus, IdeaState},
    notify,
    queries::{self, CampaignRow, IdeaRow},
    rules::Action,
};
use crate::{
    db::now,
    error::{AppError, AppResult},
    ids::{IdeaCommentId, IdeaId, UserId},
    kernel::days::{Day, parse_date},
    state::AppState,
    web::{
        forms::{FieldErrors, optional_text, required_text},
        urls,
    },
};

/// A moderator's action on one idea, parsed from the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Moderation {
    /// Hidden with a reason its author is told.
    Hide {
        reason: String,
    },
    Show,
    /// Marked as seen: off the queue of new ideas.
    Reviewed,
    /// Folded as a duplicate into another published idea of the campaign.
    Merge {
        into: IdeaId,
    },
    Answer {
        status: AnswerStatus,
        text: String,
    },
    Milestone {
        title: String,
        progress: i64,
        day: Day,
    },
}

/// The moderation form, all text; which fields count depends on the action.
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

/// The actions by their path segment (`/ideen/{id}/moderation/{action}`),
/// with the permission each needs.
const ACTIONS: [(&str, Action); 6] = [
    ("ausblenden", Action::Moderate),
    ("einblenden", Action::Moderate),
    ("gesichtet", Action::Moderate),
    ("zusammenfuehren", Action::Moderate),
    ("antwort", Action::Moderate),
    ("meilenstein", Action::RecordMilestone),
];

impl Moderation {
    /// Parses the action named `what` from `f`; `None` for an unknown action.
    pub fn parse(what: &str, f: &ModerateForm) -> Option<Result<Self, FieldErrors>> {
        let invalid = |field: &'static str, key: &'static str| FieldErrors::single(field, key);
        let parsed = match what {
            "ausblenden" => required_text(&f.reason, domain::REASON_MAX)
                .map(|reason| Moderation::Hide { reason })
                .map_err(|k| invalid("reason", k)),
            "einblenden" => Ok(Moderation::Show),
            "gesichtet" => Ok(Moderation::Reviewed),
            "zusammenfuehren" => f
                .into
                .trim()
                .parse::<IdeaId>()
                .map(|into| Moderation::Merge { into })
                .map_err(|_| invalid("into", "choice-invalid")),
            "antwort" => {
                let status = AnswerStatus::parse(f.status.trim());
                let text = optional_text(&f.text, domain::BODY_MAX);
                match (status, text) {
                    (Some(status), Ok(text)) => Ok(Moderation::Answer { status, text }),
                    (None, _) => Err(invalid("status", "choice-invalid")),
                    (_, Err(k)) => Err(invalid("text", k)),
                }
            }
            "meilenstein" => {
                let mut errors = FieldErrors::new();
                let title = errors.check("title", required_text(&f.title, domain::TITLE_MAX));
                let progress = f
                    .progress
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|p| (0..=100).contains(p))
                    .ok_or("ideas-progress-invalid");
                let progress = errors.check("progress", progress);
                let day = errors.check("date", parse_date(&f.date));
                match (title, progress, day) {
                    (Some(title), Some(progress), Some(day)) => Ok(Moderation::Milestone {
                        title,
                        progress,
                        day,
                    }),
                    _ => Err(errors),
                }
            }
            _ => return None,
        };
        Some(parsed)
    }
}

/// Whether `what` names a moderation action, and the permission it needs.
pub fn permission_for(what: &str) -> Option<Action> {
    ACTIONS.iter().find(|(w, _)| *w == what).map(|(_, a)| *a)
}

/// A moderator's action on an idea. Followers are told about answers,
/// milestones and merges; the author about hiding.
#[tracing::instrument(skip_all, fields(idea = %idea.id, user = %user))]
pub async fn moderate(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    user: UserId,
    what: &str,
    form: &ModerateForm,
) -> AppResult<()> {
    let action = permission_for(what).ok_or(AppError::NotFound)?;
    a.check_on(action, idea)?;
    let m = Moderation::parse(what, form)
        .ok_or(AppError::NotFound)?
        .map_err(AppError::Validation)?;
    let (net, id, t) = (a.network.id, idea.id, now());
    // A merge names a published idea of the same campaign; its title goes
    // into the followers' notice.
    let merge_target = match m {
        Moderation::Merge { into } => Some(
            queries::idea(&state.db, into)
                .await?
                .filter(|t| {
                    t.campaign_id == idea.campaign_id
                        && t.id != id
                        && t.state == IdeaState::Published
                })
                .ok_or_else(|| AppError::Validation(FieldErrors::single("into", "choice-invalid")))?
                .title,
        ),
        _ => None,
    };
    let mut work = state.begin().await?;
    let tell_followers = match &m {
        Moderation::Hide { reason } => {
            queries::set_hidden(&mut work.tx, net, id, Some(reason), t).await?;
            if let Some(author) = idea.author_id {
                let title = format!("Ihre Idee „{}“ wurde ausgeblendet", idea.title);
                notify::tell(&mut work, &[author], Some(user), &title, &urls::idea(&id)).await?;
            }
            None
        }
        Moderation::Show => {
            queries::set_hidden(&mut work.tx, net, id, None, t).await?;
            None
        }
        Moderation::Reviewed => {
            queries::mark_reviewed(&mut work.tx, id).await?;
            None
        }
        Moderation::Merge { into } => {
            queries::merge(&mut work.tx, net, id, *into, t).await?;
            Some(format!(
                "„{}“ wurde mit „{}“ zusammengeführt",
                idea.title,
                merge_target.as_deref().unwrap_or_default()
            ))
        }
        Moderation::Answer { status, text } => {
            queries::answer(&mut work.tx, net, id, *status, text, user, t).await?;
            Some(format!("Offizielle Antwort zu „{}“", idea.title))
        }
        Moderation::Milestone {
            title,
            progress,
            day,
        } => {
            queries::add_milestone(&mut work.tx, id, title, *progress, *day, user, t).await?;
            Some(format!(
                "Umsetzung von „{}“: {} ({progress} %)",
                idea.title, title
            ))
        }
    };
    if let Some(title) = tell_followers {
        let followers = queries::followers(&mut work.tx, id).await?;
        notify::tell(&mut work, &followers, Some(user), &title, &urls::idea(&id)).await?;
    }
    work.commit().await
}

/// Hides a reported comment with a reason (`Some`), or keeps it; its
/// reports are closed either way.
pub async fn decide_comment(
    state: &AppState,
    a: &Access,
    idea: &IdeaRow,
    comment: IdeaCommentId,
    hide: bool,
    reason: &str,
) -> AppResult<()> {
    a.check_on(Action::Moderate, idea)?;
    let reason = if hide {
        Some(
            required_text(reason, domain::REASON_MAX)
                .map_err(|k| AppError::Validation(FieldErrors::single("reason", k)))?,
        )
    } else {
        None
    };
    queries::decide_comment(&state.db, comment, idea.id, reason.as_deref(), now()).await?;
    Ok(())
}

/// Publishes the results: the ranking becomes public, and everyone who
/// follows an idea of the campaign is told.
pub async fn publish_results(state: &AppState, a: &Access, user: Option<UserId>) -> AppResult<()> {
    a.check(Action::PublishResults)?;
    let id = a.campaign.id;
    let mut people = Vec::new();
    for idea in queries::campaign_ideas(&state.db, id, false).await? {
        people.extend(queries::followers(&state.db, idea.id).await?);
    }
    let mut work = state.begin().await?;
    queries::set_results_published(&mut work.tx, id, now()).await?;
    let title = format!("Ergebnisse veröffentlicht: {}", a.campaign.title);
    notify::tell(&mut work, &people, user, &title, &urls::campaign(&id)).await?;
    work.commit().await
}

/// Moderators of a campaign, to be told about new ideas and reports.
pub async fn moderators(state: &AppState, campaign: &CampaignRow) -> AppResult<Vec<UserId>> {
    Ok(match campaign.org_id {
        Some(org) => queries::company_moderators(&state.db, org).await?,
        None => queries::coordinators(&state.db, campaign.network_id).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form as the browser posts it.
    fn form(pairs: &[(&str, &str)]) -> ModerateForm {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        serde_urlencoded::from_str(&body).unwrap()
    }

    #[test]
    fn every_action_has_a_permission_and_a_parser() {
        for (what, _) in ACTIONS {
            assert!(Moderation::parse(what, &ModerateForm::default()).is_some());
        }
        assert_eq!(permission_for("loeschen"), None);
        assert!(Moderation::parse("loeschen", &ModerateForm::default()).is_none());
    }

    #[test]
    fn a_milestone_reports_every_wrong_field_at_once() {
        let e = Moderation::parse(
            "meilenstein",
            &form(&[("progress", "101"), ("date", "31.02.2026")]),
        )
        .and_then(Result::err)
        .map(|e| e.iter().map(|(field, _)| field).collect::<Vec<_>>());
        assert_eq!(e, Some(vec!["date", "progress", "title"]));
    }

    #[test]
    fn parses_answer_merge_and_milestone() {
        assert_eq!(
            Moderation::parse(
                "antwort",
                &form(&[("status", "accepted"), ("text", " Gut ")])
            ),
            Some(Ok(Moderation::Answer {
                status: AnswerStatus::Accepted,
                text: "Gut".into()
            }))
        );
        assert_eq!(
            Moderation::parse("zusammenfuehren", &form(&[("into", "x")])),
            Some(Err(FieldErrors::single("into", "choice-invalid")))
        );
        assert!(matches!(
            Moderation::parse(
                "meilenstein",
                &form(&[
                    ("title", "Start"),
                    ("progress", "40"),
                    ("date", "2026-12-01")
                ])
            ),
            Some(Ok(Moderation::Milestone { progress: 40, .. }))
        ));
        assert_eq!(
            Moderation::parse("ausblenden", &form(&[("reason", "  ")])),
            Some(Err(FieldErrors::single("reason", "field-required")))
        );
    }
}
