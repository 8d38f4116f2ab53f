//! Who may see or add individual assessments. The employee always; besides
//! them only the people their consent names: the company's HR admins (org
//! role Admin) and their own manager. The manager counts only if the consent
//! named that very person when it was given and they are still the
//! employee's manager and an admin or member of the company: a new manager
//! is not covered until the employee consents again. Plain members (the
//! works council, for instance), colleagues, platform administrators and
//! coordinators get no exception: they see aggregates.

use crate::{auth::domain::OrgRole, ids::UserId};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Consent {
    /// The HR admins and the named manager may see the individual answers.
    pub share_with_employer: bool,
    /// The HR admins and the named manager may add their own assessment.
    pub manager_may_assess: bool,
    /// The manager the employee was shown when they gave this consent; None
    /// when no manager was set then, so the consent reaches no manager.
    pub named_manager: Option<UserId>,
}

/// Whoever asks to see someone's data: their account and their role in the
/// employee's company (None when they do not belong to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub id: UserId,
    pub role: Option<OrgRole>,
}

/// The employee whose data is asked for, with what decides who may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub id: UserId,
    /// Their manager as a company admin set it today.
    pub manager: Option<UserId>,
    pub consent: Consent,
}

/// How a viewer stands to an employee, as far as consent goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The employee themself.
    Themself,
    /// An HR admin of the employee's company, named by role in the consent.
    HrAdmin,
    /// The employee's current manager, named in the consent.
    NamedManager,
    /// Anyone else, whatever the consent says.
    Nobody,
}

pub fn audience(viewer: Viewer, subject: &Subject) -> Audience {
    if viewer.id == subject.id {
        return Audience::Themself;
    }
    match viewer.role {
        Some(OrgRole::Admin) => Audience::HrAdmin,
        // Still their manager, and the one the consent was given for.
        Some(OrgRole::Member)
            if subject.manager == Some(viewer.id)
                && subject.consent.named_manager == Some(viewer.id) =>
        {
            Audience::NamedManager
        }
        _ => Audience::Nobody,
    }
}

pub fn may_read_individual(viewer: Viewer, subject: &Subject) -> bool {
    match audience(viewer, subject) {
        Audience::Themself => true,
        Audience::HrAdmin | Audience::NamedManager => subject.consent.share_with_employer,
        Audience::Nobody => false,
    }
}

pub fn may_assess(viewer: Viewer, subject: &Subject) -> bool {
    match audience(viewer, subject) {
        Audience::Themself => true,
        Audience::HrAdmin | Audience::NamedManager => subject.consent.manager_may_assess,
        Audience::Nobody => false,
    }
}

/// The employee has consented to something, but their current manager is
/// not the one that consent named, so the manager gets nothing until the
/// employee agrees again; their page says so.
pub fn manager_not_covered(subject: &Subject) -> bool {
    let consented = subject.consent.share_with_employer || subject.consent.manager_may_assess;
    consented && subject.manager.is_some() && subject.manager != subject.consent.named_manager
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPLOYEE: UserId = UserId(1);
    const VIEWER: UserId = UserId(2);
    const SOMEONE_ELSE: UserId = UserId(3);

    /// How the viewer is related to the employee's manager and consent.
    #[derive(Debug, Clone, Copy)]
    enum Manager {
        /// Someone else is the manager, and named.
        NotTheirs,
        /// The viewer is the manager and the consent named them.
        CurrentAndNamed,
        /// The viewer became manager after a consent that named someone else.
        CurrentNamedOther,
        /// The viewer became manager after a consent given when nobody was.
        CurrentNamedNobody,
        /// The consent named the viewer, but the manager is someone else now.
        NamedNoLonger,
    }

    fn subject(manager: Manager, share: bool, assess: bool) -> Subject {
        let (current, named) = match manager {
            Manager::NotTheirs => (Some(SOMEONE_ELSE), Some(SOMEONE_ELSE)),
            Manager::CurrentAndNamed => (Some(VIEWER), Some(VIEWER)),
            Manager::CurrentNamedOther => (Some(VIEWER), Some(SOMEONE_ELSE)),
            Manager::CurrentNamedNobody => (Some(VIEWER), None),
            Manager::NamedNoLonger => (Some(SOMEONE_ELSE), Some(VIEWER)),
        };
        Subject {
            id: EMPLOYEE,
            manager: current,
            consent: Consent {
                share_with_employer: share,
                manager_may_assess: assess,
                named_manager: named,
            },
        }
    }

    /// Role × manager relation → whether the consent reaches the viewer at
    /// all. What they may then do follows the two ticks exactly.
    #[test]
    fn role_consent_and_manager_table() {
        use Manager::*;
        let table: [(Option<OrgRole>, Manager, bool); 20] = [
            (None, NotTheirs, false),
            (None, CurrentAndNamed, false),
            (None, CurrentNamedOther, false),
            (None, CurrentNamedNobody, false),
            (None, NamedNoLonger, false),
            // A manager whose role was lowered to employee loses access.
            (Some(OrgRole::Employee), NotTheirs, false),
            (Some(OrgRole::Employee), CurrentAndNamed, false),
            (Some(OrgRole::Employee), CurrentNamedOther, false),
            (Some(OrgRole::Employee), CurrentNamedNobody, false),
            (Some(OrgRole::Employee), NamedNoLonger, false),
            // Plain members: only as the manager the consent named.
            (Some(OrgRole::Member), NotTheirs, false),
            (Some(OrgRole::Member), CurrentAndNamed, true),
            (Some(OrgRole::Member), CurrentNamedOther, false),
            (Some(OrgRole::Member), CurrentNamedNobody, false),
            (Some(OrgRole::Member), NamedNoLonger, false),
            // HR admins are named by role, whoever the manager is.
            (Some(OrgRole::Admin), NotTheirs, true),
            (Some(OrgRole::Admin), CurrentAndNamed, true),
            (Some(OrgRole::Admin), CurrentNamedOther, true),
            (Some(OrgRole::Admin), CurrentNamedNobody, true),
            (Some(OrgRole::Admin), NamedNoLonger, true),
        ];
        for (role, manager, reached) in table {
            let viewer = Viewer { id: VIEWER, role };
            for (share, assess) in [(false, false), (true, false), (false, true), (true, true)] {
                let s = subject(manager, share, assess);
                let case = format!("{role:?} {manager:?} share={share} assess={assess}");
                assert_eq!(may_read_individual(viewer, &s), reached && share, "{case}");
                assert_eq!(may_assess(viewer, &s), reached && assess, "{case}");
                // The employee always sees and assesses themself, whatever
                // their role and consent.
                let me = Viewer { id: EMPLOYEE, role };
                assert!(may_read_individual(me, &s) && may_assess(me, &s), "{case}");
                assert_eq!(audience(me, &s), Audience::Themself);
            }
        }
    }

    #[test]
    fn a_new_manager_is_not_covered_until_consent_is_renewed() {
        let mut s = subject(Manager::CurrentNamedNobody, true, false);
        assert!(manager_not_covered(&s));
        s.consent.named_manager = Some(VIEWER);
        assert!(!manager_not_covered(&s));
        // Nothing consented: nothing to renew.
        assert!(!manager_not_covered(&subject(
            Manager::CurrentNamedOther,
            false,
            false
        )));
        assert!(manager_not_covered(&subject(
            Manager::CurrentNamedOther,
            false,
            true
        )));
        // No manager: nobody waits.
        s.manager = None;
        assert!(!manager_not_covered(&s));
    }
}
