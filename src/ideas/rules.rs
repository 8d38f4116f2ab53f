//! What each person may do with a campaign's ideas, by phase. Pure: the
//! handlers ask [`may`] with facts they loaded, and the answer's reason
//! becomes the message the person reads.
//!
//! A campaign runs through up to six phases in order, each with dates:
//! submission → discussion → rating → jury → results → implementation.
//! Before the first phase starts the campaign is announced (visible, nothing
//! to do yet); after the last one ends it is archived (read-only). A campaign
//! may leave phases out (an idea lab series has no rating or jury); days
//! between two phases belong to the earlier one, so there are no gaps.
//!
//! Who sees what:
//! - a network campaign (idea lab series, regional competition) is public;
//! - a company campaign is seen by that company's people only, and by its
//!   moderators; coordinators of the network see it only if they moderate it.
//!
//! Moderators are the network's coordinators for network campaigns and the
//! company's admins and multipliers for company campaigns. They hide, merge,
//! answer and export in every phase and may enter ideas at any time (the
//! results of an idea lab); commenting and rating follow the phases for them
//! as for everybody.

use crate::kernel::days::Day;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Submission,
    Discussion,
    Rating,
    Jury,
    Results,
    Implementation,
}

crate::auth::domain::str_enum!(Phase {
    Submission => "submission",
    Discussion => "discussion",
    Rating => "rating",
    Jury => "jury",
    Results => "results",
    Implementation => "implementation",
});

/// Where a campaign stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Announced,
    In(Phase),
    Archived,
}

/// One phase of a campaign with its first and last day (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseDates {
    pub phase: Phase,
    pub starts: Day,
    pub ends: Day,
}

/// Why a schedule is not accepted; each a message key for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleError {
    /// No phase at all.
    Empty,
    /// A phase ends before it starts.
    EndsBeforeStart(Phase),
    /// Phases out of their order, twice, or overlapping.
    OutOfOrder(Phase),
}

impl ScheduleError {
    pub fn message_key(self) -> &'static str {
        match self {
            ScheduleError::Empty => "ideas-schedule-empty",
            ScheduleError::EndsBeforeStart(_) => "ideas-schedule-ends-before-start",
            ScheduleError::OutOfOrder(_) => "ideas-schedule-order",
        }
    }
}

/// A campaign's phases, checked: in the fixed order, each at most once,
/// not overlapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule(Vec<PhaseDates>);

impl Schedule {
    pub fn new(mut phases: Vec<PhaseDates>) -> Result<Self, ScheduleError> {
        if phases.is_empty() {
            return Err(ScheduleError::Empty);
        }
        phases.sort_by_key(|p| p.starts);
        for p in &phases {
            if p.ends < p.starts {
                return Err(ScheduleError::EndsBeforeStart(p.phase));
            }
        }
        for w in phases.windows(2) {
            let order = |p: Phase| Phase::ALL.iter().position(|x| *x == p);
            if order(w[1].phase) <= order(w[0].phase) || w[1].starts <= w[0].ends {
                return Err(ScheduleError::OutOfOrder(w[1].phase));
            }
        }
        Ok(Schedule(phases))
    }

    pub fn phases(&self) -> &[PhaseDates] {
        &self.0
    }

    /// The stage on `day`. A day between two phases belongs to the earlier.
    pub fn stage(&self, day: Day) -> Stage {
        let (Some(first), Some(last)) = (self.0.first(), self.0.last()) else {
            return Stage::Archived;
        };
        if day < first.starts {
            return Stage::Announced;
        }
        if day > last.ends {
            return Stage::Archived;
        }
        let current = self
            .0
            .iter()
            .rev()
            .find(|p| p.starts <= day)
            .unwrap_or(first);
        Stage::In(current.phase)
    }
}

/// Who asks, in relation to the campaign (and, for some actions, the idea).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Actor {
    pub logged_in: bool,
    /// Works in the company that runs a company campaign.
    pub in_company: bool,
    pub moderator: bool,
    pub jury: bool,
    /// Wrote the idea in question.
    pub author: bool,
}

/// Who may see the campaign at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Public,
    CompanyInternal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    View,
    /// Submit an idea (drafts too).
    Submit,
    /// Change one's own idea.
    EditOwnIdea,
    Comment,
    Rate,
    Follow,
    ReportComment,
    /// Hide, merge, answer officially.
    Moderate,
    JuryScore,
    PublishResults,
    RecordMilestone,
    Export,
    /// Write to the idea's regional contact person.
    Contact,
}

impl Action {
    pub const ALL: [Action; 13] = [
        Action::View,
        Action::Submit,
        Action::EditOwnIdea,
        Action::Comment,
        Action::Rate,
        Action::Follow,
        Action::ReportComment,
        Action::Moderate,
        Action::JuryScore,
        Action::PublishResults,
        Action::RecordMilestone,
        Action::Export,
        Action::Contact,
    ];
}

/// Why not: each maps to a message the person reads and to an HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Not found for this person (company-internal): the campaign's
    /// existence is not revealed.
    Hidden,
    NeedsLogin,
    /// The action belongs to another phase; shows when it is possible.
    NotInThisPhase,
    ModeratorsOnly,
    JuryOnly,
    AuthorOnly,
}

impl Denied {
    pub fn message_key(self) -> &'static str {
        match self {
            Denied::Hidden => "error-not-found",
            Denied::NeedsLogin => "ideas-denied-login",
            Denied::NotInThisPhase => "ideas-denied-phase",
            Denied::ModeratorsOnly => "ideas-denied-moderators",
            Denied::JuryOnly => "ideas-denied-jury",
            Denied::AuthorOnly => "ideas-denied-author",
        }
    }
}

/// The phases in which people (not moderators) may do `action`; None when
/// the phase does not matter.
pub fn phases_for(action: Action) -> Option<&'static [Phase]> {
    use Phase::*;
    match action {
        Action::Submit | Action::EditOwnIdea => Some(&[Submission]),
        Action::Comment => Some(&[Submission, Discussion]),
        Action::Rate => Some(&[Rating]),
        Action::JuryScore => Some(&[Jury]),
        Action::PublishResults => Some(&[Results, Implementation]),
        Action::RecordMilestone => Some(&[Results, Implementation]),
        _ => None,
    }
}

/// May `actor` do `action` in a campaign of `visibility` at `stage`?
pub fn may(
    actor: Actor,
    action: Action,
    visibility: Visibility,
    stage: Stage,
) -> Result<(), Denied> {
    let sees = match visibility {
        Visibility::Public => true,
        Visibility::CompanyInternal => actor.logged_in && (actor.in_company || actor.moderator),
    };
    if !sees {
        return Err(if actor.logged_in || visibility == Visibility::Public {
            Denied::Hidden
        } else {
            // A visitor of a company campaign link may be one of its people:
            // ask them to log in rather than say "not found".
            Denied::NeedsLogin
        });
    }
    if action == Action::View {
        return Ok(());
    }
    if !actor.logged_in {
        return Err(Denied::NeedsLogin);
    }
    let in_phase = |phases: Option<&[Phase]>| match (phases, stage) {
        (None, _) => true,
        (Some(list), Stage::In(p)) => list.contains(&p),
        (Some(_), _) => false,
    };
    match action {
        Action::View => Ok(()),
        Action::Follow | Action::ReportComment | Action::Contact => Ok(()),
        Action::Moderate | Action::Export => {
            if actor.moderator {
                Ok(())
            } else {
                Err(Denied::ModeratorsOnly)
            }
        }
        Action::PublishResults | Action::RecordMilestone => {
            if !actor.moderator {
                Err(Denied::ModeratorsOnly)
            } else if in_phase(phases_for(action)) {
                Ok(())
            } else {
                Err(Denied::NotInThisPhase)
            }
        }
        Action::JuryScore => {
            if !actor.jury {
                Err(Denied::JuryOnly)
            } else if in_phase(phases_for(action)) {
                Ok(())
            } else {
                Err(Denied::NotInThisPhase)
            }
        }
        Action::EditOwnIdea if !actor.author && !actor.moderator => Err(Denied::AuthorOnly),
        // Moderators enter the results of idea labs and fix ideas at any time.
        Action::Submit | Action::EditOwnIdea if actor.moderator => Ok(()),
        Action::Submit | Action::EditOwnIdea | Action::Comment | Action::Rate => {
            if in_phase(phases_for(action)) {
                Ok(())
            } else {
                Err(Denied::NotInThisPhase)
            }
        }
    }
}

#[cfg(test)]
mod tests;
