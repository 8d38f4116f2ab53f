//! Who the person is in relation to a campaign, loaded once per request and
//! handed to the pure rules. Every handler and API endpoint of the module
//! asks through here, so the web pages and the API cannot disagree.

use super::{
    queries::{self, CampaignRow, IdeaRow},
    rules::{self, Action, Actor, Denied, Stage, Visibility},
};
use crate::{
    auth::domain::{CurrentUser, NetworkRole, OrgRole},
    db::now,
    error::{AppError, AppResult},
    ids::IdeaCampaignId,
    kernel::days::day_of,
    networks::queries::{self as nq, NetworkRow},
    state::AppState,
};

pub struct Access {
    pub campaign: CampaignRow,
    pub network: NetworkRow,
    pub schedule: Option<rules::Schedule>,
    pub stage: Stage,
    pub visibility: Visibility,
    /// The person without the idea-specific `author` fact.
    pub actor: Actor,
    pub user: Option<CurrentUser>,
}

/// The error a denial becomes: a hidden campaign is "not found", a phase
/// conflict names the phase rule, the rest are forbidden.
pub fn denied(d: Denied) -> AppError {
    match d {
        Denied::Hidden => AppError::NotFound,
        Denied::NeedsLogin => AppError::Unauthorized,
        Denied::NotInThisPhase => AppError::Conflict("ideas-denied-phase"),
        Denied::ModeratorsOnly | Denied::JuryOnly | Denied::AuthorOnly => AppError::Forbidden,
    }
}

/// Moderators: the network's coordinators (and platform administrators) for
/// network campaigns, the company's admins and members for its campaigns.
pub fn is_moderator(user: &CurrentUser, campaign: &CampaignRow) -> bool {
    match campaign.org_id {
        Some(org) => matches!(user.org_role(org), Some(OrgRole::Admin | OrgRole::Member)),
        None => {
            user.is_admin || user.has_network_role(campaign.network_id, NetworkRole::Coordinator)
        }
    }
}

impl Access {
    /// Loads the campaign for this person; not found when it does not exist
    /// or when the person may not know that it does.
    pub async fn load(
        state: &AppState,
        user: Option<&CurrentUser>,
        id: IdeaCampaignId,
    ) -> AppResult<Access> {
        let campaign = queries::campaign(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        Self::for_campaign(state, user, campaign).await
    }

    pub async fn for_campaign(
        state: &AppState,
        user: Option<&CurrentUser>,
        campaign: CampaignRow,
    ) -> AppResult<Access> {
        let network = nq::network_by_id(&state.db, campaign.network_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let schedule = queries::schedule(&state.db, campaign.id).await?;
        let stage = schedule
            .as_ref()
            .map(|s| s.stage(day_of(now())))
            .unwrap_or(Stage::Archived);
        let visibility = if campaign.org_id.is_some() {
            Visibility::CompanyInternal
        } else {
            Visibility::Public
        };
        let actor = match user {
            None => Actor::default(),
            Some(u) => Actor {
                logged_in: true,
                in_company: campaign.org_id.is_some_and(|o| u.org_role(o).is_some()),
                moderator: is_moderator(u, &campaign),
                jury: queries::jury(&state.db, campaign.id)
                    .await?
                    .iter()
                    .any(|(id, _)| *id == u.id),
                author: false,
            },
        };
        let access = Access {
            campaign,
            network,
            schedule,
            stage,
            visibility,
            actor,
            user: user.cloned(),
        };
        access.check(Action::View)?;
        Ok(access)
    }

    pub fn may(&self, action: Action) -> Result<(), Denied> {
        rules::may(self.actor, action, self.visibility, self.stage)
    }

    pub fn can(&self, action: Action) -> bool {
        self.may(action).is_ok()
    }

    pub fn check(&self, action: Action) -> AppResult<()> {
        self.may(action).map_err(denied)
    }

    fn actor_for(&self, idea: &IdeaRow) -> Actor {
        Actor {
            author: self
                .user
                .as_ref()
                .is_some_and(|u| idea.author_id == Some(u.id)),
            ..self.actor
        }
    }

    pub fn may_on(&self, action: Action, idea: &IdeaRow) -> Result<(), Denied> {
        rules::may(self.actor_for(idea), action, self.visibility, self.stage)
    }

    pub fn check_on(&self, action: Action, idea: &IdeaRow) -> AppResult<()> {
        self.may_on(action, idea).map_err(denied)
    }

    pub fn is_author(&self, idea: &IdeaRow) -> bool {
        self.actor_for(idea).author
    }

    /// Drafts are seen by their author only; hidden and merged ideas by
    /// moderators and the author (who reads the reason).
    pub fn sees_idea(&self, idea: &IdeaRow) -> bool {
        match idea.state {
            super::domain::IdeaState::Published => true,
            super::domain::IdeaState::Draft => self.is_author(idea),
            _ => self.is_author(idea) || self.actor.moderator,
        }
    }

    /// The name shown as author: hidden when the idea is anonymous, except
    /// to moderators when the campaign's rules let them know.
    pub fn author_label(&self, idea: &IdeaRow) -> Option<String> {
        if !idea.anonymous
            || self.is_author(idea)
            || (self.actor.moderator && self.campaign.moderators_see_authors)
        {
            idea.author_name.clone()
        } else {
            None
        }
    }

    /// Message key of the current stage.
    pub fn stage_key(&self) -> &'static str {
        stage_key(self.stage)
    }
}

pub fn stage_key(stage: Stage) -> &'static str {
    use rules::Phase::*;
    match stage {
        Stage::Announced => "ideas-stage-announced",
        Stage::Archived => "ideas-stage-archived",
        Stage::In(Submission) => "ideas-phase-submission",
        Stage::In(Discussion) => "ideas-phase-discussion",
        Stage::In(Rating) => "ideas-phase-rating",
        Stage::In(Jury) => "ideas-phase-jury",
        Stage::In(Results) => "ideas-phase-results",
        Stage::In(Implementation) => "ideas-phase-implementation",
    }
}

impl Access {
    /// May the person score as a juror today?
    pub fn can_jury(&self) -> bool {
        self.can(Action::JuryScore)
    }
}
