//! Templates of the network and organisation pages.

use askama::Template;
use askama_web::WebTemplate;

use super::{
    domain::{
        ContactForm, DirectoryQuery, LocationForm, MembershipStatus, OrgForm, OrgKind, SizeClass,
    },
    pages::ApplyForm,
    queries::{
        ApplicationRow, ContactRow, InvitationRow, LocationRow, NetworkRow, NetworkStats,
        OrgListRow, OrgMembershipRow, OrgRow, PersonRow, UserOrgRow,
    },
};
use crate::{
    ids::OrganizationId,
    regions::District,
    web::{Ctx, format_time, forms::FieldErrors, i18n::Lang, urls},
};

#[derive(Clone)]
pub struct NetworkCard {
    pub network: NetworkRow,
    pub partners: i64,
    pub districts: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "networks/home.html")]
pub struct HomePage {
    pub c: Ctx,
    pub cards: Vec<NetworkCard>,
}

#[derive(Clone)]
pub struct DistrictRow {
    pub district: District,
    pub partners: usize,
}

impl DistrictRow {
    pub fn population(&self) -> String {
        group_digits(self.district.population)
    }
    pub fn urban_rural_key(&self) -> &'static str {
        self.district
            .urban_rural
            .map(|u| u.message_key())
            .unwrap_or("urban-rural-unknown")
    }
}

/// 165395 → "165.395" (German) — digits grouped with a narrow no-break space
/// would be more correct, but screen readers read a dot reliably.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "networks/network.html")]
pub struct NetworkPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub stats: NetworkStats,
    pub districts: Vec<DistrictRow>,
    pub can_coordinate: bool,
    pub can_pool: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "networks/directory.html")]
pub struct DirectoryPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub query: DirectoryQuery,
    /// How many partners the filter found.
    pub count: usize,
    /// Their cards, rendered by [`PartnerCards`].
    pub cards: String,
    pub districts: Vec<District>,
    pub errors: FieldErrors,
}

impl DirectoryPage {
    fn kinds(&self) -> &'static [OrgKind] {
        OrgKind::ALL
    }
    fn sectors(&self) -> Vec<(String, String)> {
        super::pages::sector_options()
    }
    fn has_filter(&self) -> bool {
        !(self.query.kind.is_empty()
            && self.query.district.is_empty()
            && self.query.sector.is_empty()
            && self.query.q.is_empty())
    }
}

/// The list of partners on the directory page.
#[derive(Template)]
#[template(path = "networks/_partner_cards.html")]
pub struct PartnerCards<'a> {
    pub lang: Lang,
    pub slug: &'a str,
    pub partners: &'a [OrgListRow],
    pub count: usize,
}

impl PartnerCards<'_> {
    fn heading(&self) -> String {
        self.lang.t_n(
            "partners-found",
            i64::try_from(self.count).unwrap_or(i64::MAX),
        )
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "networks/partner.html")]
pub struct PartnerPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub org: OrgRow,
    pub contacts: Vec<ContactRow>,
    pub locations: Vec<LocationRow>,
    pub can_edit: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "networks/map.html")]
pub struct MapPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub districts: Vec<DistrictRow>,
    pub partners: Vec<OrgListRow>,
    pub tile_url: String,
    pub tile_attribution: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "networks/apply.html")]
pub struct ApplyPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub form: ApplyForm,
    pub errors: FieldErrors,
    pub own_orgs: Vec<UserOrgRow>,
    pub sectors: Vec<(String, String)>,
}

impl ApplyPage {
    fn profile(&self) -> &OrgForm {
        &self.form.profile
    }
    fn kind_options(&self) -> &'static [OrgKind] {
        OrgKind::ALL
    }
    fn sizes(&self) -> &'static [SizeClass] {
        SizeClass::ALL
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "networks/coordination.html")]
pub struct CoordinationPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub applications: Vec<ApplicationRow>,
    pub stats: NetworkStats,
    /// Errors of the decision form that failed, shown at that application.
    pub errors: FieldErrors,
    pub failed_org: Option<OrganizationId>,
    pub can_manage: bool,
    /// The minimum group size as entered, with its error when refused.
    pub group_size: String,
    pub noise_range: String,
    pub group_size_errors: FieldErrors,
}

impl CoordinationPage {
    fn when(&self, t: &i64) -> String {
        format_time(*t)
    }
    fn errors_for(&self, org: &OrganizationId) -> FieldErrors {
        if self.failed_org == Some(*org) {
            self.errors.clone()
        } else {
            FieldErrors::new()
        }
    }
}

// ---- Organisation administration ----

#[derive(Template, WebTemplate)]
#[template(path = "orgs/mine.html")]
pub struct MyOrgsPage {
    pub c: Ctx,
    pub orgs: Vec<UserOrgRow>,
    pub networks: Vec<NetworkRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/overview.html")]
pub struct OrgOverviewPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub memberships: Vec<OrgMembershipRow>,
    pub is_admin: bool,
}

impl OrgOverviewPage {
    fn status_key(&self, status: &MembershipStatus) -> &'static str {
        match status {
            MembershipStatus::Approved => "membership-approved",
            MembershipStatus::Declined => "membership-declined",
            MembershipStatus::Pending => "membership-pending",
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/profile.html")]
pub struct ProfilePage {
    pub c: Ctx,
    pub org_id: OrganizationId,
    pub org_name: String,
    pub form: OrgForm,
    pub errors: FieldErrors,
    pub sectors: Vec<(String, String)>,
}

impl ProfilePage {
    fn profile(&self) -> &OrgForm {
        &self.form
    }
    fn kind_options(&self) -> &'static [OrgKind] {
        OrgKind::ALL
    }
    fn sizes(&self) -> &'static [SizeClass] {
        SizeClass::ALL
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/locations.html")]
pub struct LocationsPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub locations: Vec<LocationRow>,
    pub form: LocationForm,
    pub errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/contacts.html")]
pub struct ContactsPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub contacts: Vec<ContactRow>,
    pub form: ContactForm,
    pub errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/people.html")]
pub struct PeoplePage {
    pub c: Ctx,
    pub org: OrgRow,
    pub people: Vec<PersonRow>,
    pub invitations: Vec<InvitationRow>,
    /// Shown once right after creating an invitation: (code, full link).
    pub new_invitation: Option<(String, String)>,
    pub errors: FieldErrors,
}

impl PeoplePage {
    fn when(&self, t: &i64) -> String {
        format_time(*t)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/code.html")]
pub struct CodePage {
    pub c: Ctx,
    pub code: String,
    pub errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/invitation.html")]
pub struct InvitationPage {
    pub c: Ctx,
    pub code: String,
    pub org_name: String,
    pub role_key: &'static str,
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_are_grouped() {
        assert_eq!(super::group_digits(165395), "165.395");
        assert_eq!(super::group_digits(999), "999");
        assert_eq!(super::group_digits(1000), "1.000");
    }
}
