//! Who may see or add individual assessments: the employee always; their
//! company's admins and members only with the employee's consent. Platform
//! administrators and coordinators get no exception: they see aggregates.

use crate::auth::domain::OrgRole;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Consent {
    /// The employer may see the individual answers.
    pub share_with_employer: bool,
    /// A manager may add their own assessment.
    pub manager_may_assess: bool,
}

/// `viewer_role` is the viewer's role in the employee's company.
pub fn may_read_individual(
    viewer_is_subject: bool,
    viewer_role: Option<OrgRole>,
    consent: Consent,
) -> bool {
    viewer_is_subject
        || (consent.share_with_employer
            && matches!(viewer_role, Some(OrgRole::Admin | OrgRole::Member)))
}

pub fn may_assess(viewer_is_subject: bool, viewer_role: Option<OrgRole>, consent: Consent) -> bool {
    viewer_is_subject
        || (consent.manager_may_assess
            && matches!(viewer_role, Some(OrgRole::Admin | OrgRole::Member)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_decides_for_everyone_but_the_person() {
        let none = Consent::default();
        let share = Consent {
            share_with_employer: true,
            manager_may_assess: false,
        };
        let assess = Consent {
            share_with_employer: false,
            manager_may_assess: true,
        };
        for role in [
            None,
            Some(OrgRole::Employee),
            Some(OrgRole::Member),
            Some(OrgRole::Admin),
        ] {
            assert!(may_read_individual(true, role, none));
            assert!(may_assess(true, role, none));
            assert!(!may_read_individual(false, role, none), "{role:?}");
            assert!(!may_assess(false, role, none), "{role:?}");
            let manager = matches!(role, Some(OrgRole::Admin | OrgRole::Member));
            assert_eq!(may_read_individual(false, role, share), manager, "{role:?}");
            assert!(!may_assess(false, role, share));
            assert_eq!(may_assess(false, role, assess), manager, "{role:?}");
            assert!(!may_read_individual(false, role, assess));
        }
    }
}
