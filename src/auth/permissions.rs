//! Who may do what: the one place where access is decided. Every handler and
//! API route asks [`can`]; the table test below pins every role × action.

use super::domain::{CurrentUser, NetworkRole, OrgRole};
use crate::ids::{NetworkId, OrganizationId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the coordination area of a network (applications, members).
    ViewNetworkAdmin,
    /// Approve or decline an organisation's application.
    DecideMembership,
    /// Change the network's description, districts and people's roles.
    ManageNetwork,
    /// Read the mail outbox (only meaningful without SMTP).
    ReadOutbox,
    /// Create a new network on the installation.
    CreateNetwork,
    /// Edit an organisation's public profile, locations and contact persons.
    EditOrganization,
    /// Invite and remove people of an organisation, see its member list.
    ManageOrgPeople,
    /// Apply with an organisation to join a network.
    ApplyForMembership,
    /// Create API tokens for one's own account.
    CreateApiToken,
    /// Describe the company's vision: roles, requirements, planned changes.
    ManageVision,
    /// See the company's aggregated needs (heat table, dashboard); never
    /// individual answers, which follow the employee's consent instead.
    ViewCompanyNeeds,
    /// Publish, edit, import and withdraw the organisation's training offerings.
    ManageOfferings,
    /// Edit the funding rules of the installation (platform administrators).
    EditFundingRules,
}

impl Action {
    pub const ALL: [Action; 13] = [
        Action::ViewNetworkAdmin,
        Action::DecideMembership,
        Action::ManageNetwork,
        Action::ReadOutbox,
        Action::CreateNetwork,
        Action::EditOrganization,
        Action::ManageOrgPeople,
        Action::ApplyForMembership,
        Action::CreateApiToken,
        Action::ManageVision,
        Action::ViewCompanyNeeds,
        Action::ManageOfferings,
        Action::EditFundingRules,
    ];
}

/// What an action is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource<'a> {
    Platform,
    Network(NetworkId),
    /// An organisation together with the networks it belongs to (approved),
    /// so that coordinators of those networks can look after its profile.
    Organization {
        id: OrganizationId,
        networks: &'a [NetworkId],
    },
}

/// Decides whether `user` (None = anonymous visitor) may do `action` on `resource`.
pub fn can(user: Option<&CurrentUser>, action: Action, resource: &Resource<'_>) -> bool {
    let Some(user) = user else { return false };
    if user.is_admin {
        return true;
    }
    let coordinates = |n: NetworkId| user.has_network_role(n, NetworkRole::Coordinator);
    match (action, resource) {
        (
            Action::ViewNetworkAdmin | Action::DecideMembership | Action::ManageNetwork,
            Resource::Network(n),
        ) => coordinates(*n),
        (Action::ReadOutbox, _) => user.is_coordinator_anywhere(),
        (Action::CreateNetwork | Action::EditFundingRules, _) => false,
        (Action::EditOrganization, Resource::Organization { id, networks }) => {
            user.org_role(*id) == Some(OrgRole::Admin) || networks.iter().any(|n| coordinates(*n))
        }
        (
            Action::ManageOrgPeople | Action::ApplyForMembership,
            Resource::Organization { id, .. },
        ) => user.org_role(*id) == Some(OrgRole::Admin),
        (Action::CreateApiToken, _) => user.email_confirmed,
        (Action::ManageVision | Action::ManageOfferings, Resource::Organization { id, .. }) => {
            user.org_role(*id) == Some(OrgRole::Admin)
        }
        (Action::ViewCompanyNeeds, Resource::Organization { id, .. }) => {
            matches!(user.org_role(*id), Some(OrgRole::Admin | OrgRole::Member))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    const NET: NetworkId = NetworkId(1);
    const OTHER_NET: NetworkId = NetworkId(2);
    const ORG: OrganizationId = OrganizationId(10);

    fn user(
        network_roles: Vec<(NetworkId, NetworkRole)>,
        org_roles: Vec<(OrganizationId, OrgRole)>,
    ) -> CurrentUser {
        CurrentUser {
            id: UserId(1),
            email: "x@example.de".into(),
            display_name: "X".into(),
            is_admin: false,
            email_confirmed: true,
            network_roles,
            org_roles,
        }
    }

    /// The full matrix: rows are roles, columns follow `Action::ALL`, and
    /// each action is asked about the resource it is used with.
    #[test]
    fn every_role_and_action() {
        use Action::*;
        let admin = CurrentUser {
            is_admin: true,
            ..user(vec![], vec![])
        };
        let roles: Vec<(&str, Option<CurrentUser>, [bool; 13])> = vec![
            //                                    ViewAdm Decide  Manage  Outbox  CreateN EditOrg People  Apply   Token   Vision  Needs
            (
                "anonymous",
                None,
                [
                    false, false, false, false, false, false, false, false, false, false, false,
                    false, false,
                ],
            ),
            (
                "user",
                Some(user(vec![], vec![])),
                [
                    false, false, false, false, false, false, false, false, true, false, false,
                    false, false,
                ],
            ),
            (
                "unconfirmed",
                Some(CurrentUser {
                    email_confirmed: false,
                    ..user(vec![], vec![])
                }),
                [
                    false, false, false, false, false, false, false, false, false, false, false,
                    false, false,
                ],
            ),
            (
                "org employee",
                Some(user(vec![], vec![(ORG, OrgRole::Employee)])),
                [
                    false, false, false, false, false, false, false, false, true, false, false,
                    false, false,
                ],
            ),
            (
                "org member",
                Some(user(vec![], vec![(ORG, OrgRole::Member)])),
                [
                    false, false, false, false, false, false, false, false, true, false, true,
                    false, false,
                ],
            ),
            (
                "org admin",
                Some(user(vec![], vec![(ORG, OrgRole::Admin)])),
                [
                    false, false, false, false, false, true, true, true, true, true, true, true,
                    false,
                ],
            ),
            (
                "coordinator",
                Some(user(vec![(NET, NetworkRole::Coordinator)], vec![])),
                [
                    true, true, true, true, false, true, false, false, true, false, false, false,
                    false,
                ],
            ),
            (
                "coordinator elsewhere",
                Some(user(vec![(OTHER_NET, NetworkRole::Coordinator)], vec![])),
                [
                    false, false, false, true, false, false, false, false, true, false, false,
                    false, false,
                ],
            ),
            (
                "ambassador",
                Some(user(vec![(NET, NetworkRole::Ambassador)], vec![])),
                [
                    false, false, false, false, false, false, false, false, true, false, false,
                    false, false,
                ],
            ),
            (
                "multiplier",
                Some(user(vec![(NET, NetworkRole::Multiplier)], vec![])),
                [
                    false, false, false, false, false, false, false, false, true, false, false,
                    false, false,
                ],
            ),
            (
                "coach",
                Some(user(vec![(NET, NetworkRole::Coach)], vec![])),
                [
                    false, false, false, false, false, false, false, false, true, false, false,
                    false, false,
                ],
            ),
            ("platform admin", Some(admin), [true; 13]),
        ];
        let networks = [NET];
        for (name, who, expected) in roles {
            for (action, want) in Action::ALL.iter().zip(expected) {
                let resource = match action {
                    ViewNetworkAdmin | DecideMembership | ManageNetwork => Resource::Network(NET),
                    ReadOutbox | CreateNetwork | CreateApiToken | EditFundingRules => {
                        Resource::Platform
                    }
                    EditOrganization | ManageOrgPeople | ApplyForMembership | ManageVision
                    | ViewCompanyNeeds | ManageOfferings => Resource::Organization {
                        id: ORG,
                        networks: &networks,
                    },
                };
                assert_eq!(
                    can(who.as_ref(), *action, &resource),
                    want,
                    "{name} × {action:?}"
                );
            }
        }
    }

    #[test]
    fn org_admin_cannot_touch_another_org() {
        let u = user(vec![], vec![(ORG, OrgRole::Admin)]);
        let other = Resource::Organization {
            id: OrganizationId(11),
            networks: &[],
        };
        assert!(!can(Some(&u), Action::EditOrganization, &other));
        assert!(!can(Some(&u), Action::ManageOrgPeople, &other));
    }
}
