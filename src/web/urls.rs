//! Every URL of the web interface, built in one place. Templates and
//! handlers call these instead of typing paths.

use crate::ids::{ContactId, InvitationId, LocationId, OrganizationId};

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

pub fn home() -> String {
    "/".into()
}

/// A logged-in person's own start page.
pub fn start() -> String {
    "/start".into()
}
pub fn language(code: &str, next: &str) -> String {
    format!("/sprache?lang={code}&next={}", enc(next))
}
pub fn data_sources() -> String {
    "/datenquellen".into()
}

// Accounts
pub fn register() -> String {
    "/konto/registrieren".into()
}
pub fn login() -> String {
    "/konto/anmelden".into()
}
pub fn login_next(next: &str) -> String {
    format!("/konto/anmelden?next={}", enc(next))
}
pub fn logout() -> String {
    "/konto/abmelden".into()
}
pub fn confirm_email(token: &str) -> String {
    format!("/konto/bestaetigen/{token}")
}
pub fn resend_confirmation() -> String {
    "/konto/bestaetigung-senden".into()
}
pub fn forgot_password() -> String {
    "/konto/passwort-vergessen".into()
}
pub fn reset_password(token: &str) -> String {
    format!("/konto/passwort-neu/{token}")
}
pub fn account() -> String {
    "/konto".into()
}
pub fn security() -> String {
    "/konto/sicherheit".into()
}
pub fn api_tokens() -> String {
    "/konto/api-tokens".into()
}
pub fn outbox() -> String {
    "/postausgang".into()
}

// Networks and partners
pub fn network(slug: &str) -> String {
    format!("/n/{slug}")
}
pub fn partners(slug: &str) -> String {
    format!("/n/{slug}/partner")
}
pub fn partner(slug: &str, id: &OrganizationId) -> String {
    format!("/n/{slug}/partner/{id}")
}
pub fn network_map(slug: &str) -> String {
    format!("/n/{slug}/karte")
}
pub fn apply(slug: &str) -> String {
    format!("/n/{slug}/beitreten")
}
pub fn coordination(slug: &str) -> String {
    format!("/n/{slug}/koordination")
}
pub fn group_size(slug: &str) -> String {
    format!("/n/{slug}/koordination/mindestgruppe")
}
pub fn decide(slug: &str, org: &OrganizationId) -> String {
    format!("/n/{slug}/koordination/antraege/{org}")
}
pub fn network_geojson(slug: &str) -> String {
    format!("/api/v1/networks/{slug}/districts.geojson")
}
pub fn partners_geojson(slug: &str) -> String {
    format!("/api/v1/networks/{slug}/organizations.geojson")
}

// Organisation administration
pub fn my_orgs() -> String {
    "/organisationen".into()
}
pub fn org_admin(id: &OrganizationId) -> String {
    format!("/organisationen/{id}")
}
pub fn org_profile(id: &OrganizationId) -> String {
    format!("/organisationen/{id}/profil")
}
pub fn org_locations(id: &OrganizationId) -> String {
    format!("/organisationen/{id}/standorte")
}
pub fn org_location_delete(id: &OrganizationId, loc: &LocationId) -> String {
    format!("/organisationen/{id}/standorte/{loc}/loeschen")
}
pub fn org_contacts(id: &OrganizationId) -> String {
    format!("/organisationen/{id}/ansprechpersonen")
}
pub fn org_contact_delete(id: &OrganizationId, c: &ContactId) -> String {
    format!("/organisationen/{id}/ansprechpersonen/{c}/loeschen")
}
pub fn org_people(id: &OrganizationId) -> String {
    format!("/organisationen/{id}/personen")
}
pub fn org_invitation_revoke(id: &OrganizationId, inv: &InvitationId) -> String {
    format!("/organisationen/{id}/einladungen/{inv}/widerrufen")
}
pub fn join_with_code() -> String {
    "/einladung".into()
}
pub fn invitation(code: &str) -> String {
    format!("/einladung/{code}")
}

pub fn framework(slug: &str) -> String {
    format!("/n/{slug}/kompetenzen")
}
pub fn framework_export(slug: &str) -> String {
    format!("/n/{slug}/kompetenzen/export.csv")
}
pub fn framework_import(slug: &str) -> String {
    format!("/n/{slug}/kompetenzen/import")
}
pub fn framework_adopt(slug: &str) -> String {
    format!("/n/{slug}/kompetenzen/uebernehmen")
}
pub fn framework_new(slug: &str) -> String {
    format!("/n/{slug}/kompetenzen/neu")
}
pub fn framework_edit(slug: &str, id: &crate::ids::CompetenceId) -> String {
    format!("/n/{slug}/kompetenzen/{id}")
}

pub fn company_needs(org: &OrganizationId) -> String {
    format!("/organisationen/{org}/kompetenzbedarf")
}
pub fn company_roles(org: &OrganizationId) -> String {
    format!("/organisationen/{org}/rollen")
}
pub fn company_changes(org: &OrganizationId) -> String {
    format!("/organisationen/{org}/veraenderungen")
}
pub fn job_role(org: &OrganizationId, role: &crate::ids::JobRoleId) -> String {
    format!("/organisationen/{org}/rollen/{role}")
}
pub fn requirement_delete(org: &OrganizationId, role: &crate::ids::JobRoleId, req: &i64) -> String {
    format!("/organisationen/{org}/rollen/{role}/anforderungen/{req}/loeschen")
}
pub fn company_employee(org: &OrganizationId, user: &crate::ids::UserId) -> String {
    format!("/organisationen/{org}/beschaeftigte/{user}")
}
pub fn company_employee_role(org: &OrganizationId, user: &crate::ids::UserId) -> String {
    format!("/organisationen/{org}/beschaeftigte/{user}/rolle")
}
pub fn company_employee_assess(org: &OrganizationId, user: &crate::ids::UserId) -> String {
    format!("/organisationen/{org}/beschaeftigte/{user}/einschaetzung")
}
pub fn my_competences() -> String {
    "/meine-kompetenzen".into()
}
pub fn self_assessment(org: &OrganizationId) -> String {
    format!("/meine-kompetenzen/{org}/einschaetzung")
}
pub fn self_assessment_restart(org: &OrganizationId) -> String {
    format!("/meine-kompetenzen/{org}/neu-beginnen")
}
pub fn my_consent(org: &OrganizationId) -> String {
    format!("/meine-kompetenzen/{org}/einwilligung")
}
pub fn my_data_export() -> String {
    "/meine-kompetenzen/export.json".into()
}
pub fn my_data_delete() -> String {
    "/meine-kompetenzen/loeschen".into()
}
/// How the network protects figures about people, in plain language.
pub fn figure_protection(slug: &str) -> String {
    format!("/n/{slug}/zahlen-schutz")
}

pub fn regional_demand(slug: &str) -> String {
    format!("/n/{slug}/bedarf")
}

// Catalog
pub fn provider_offerings(org: &OrganizationId) -> String {
    format!("/organisationen/{org}/angebote")
}
pub fn new_offering(org: &OrganizationId) -> String {
    format!("/organisationen/{org}/angebote/neu")
}
pub fn edit_offering(org: &OrganizationId, offering: &crate::ids::OfferingId) -> String {
    format!("/organisationen/{org}/angebote/{offering}/bearbeiten")
}
pub fn withdraw_offering(org: &OrganizationId, offering: &crate::ids::OfferingId) -> String {
    format!("/organisationen/{org}/angebote/{offering}/zurueckziehen")
}
pub fn import_offerings(org: &OrganizationId) -> String {
    format!("/organisationen/{org}/angebote/import")
}
pub fn import_job(org: &OrganizationId, job: &crate::ids::ImportJobId) -> String {
    format!("/organisationen/{org}/angebote/import/{job}")
}
pub fn offerings_template() -> String {
    "/angebote/vorlage.csv".into()
}
pub fn offering(offering: &crate::ids::OfferingId) -> String {
    format!("/angebote/{offering}")
}
pub fn catalog(slug: &str) -> String {
    format!("/n/{slug}/kurse")
}
pub fn catalog_feed(slug: &str) -> String {
    format!("/n/{slug}/kurse.atom")
}
pub fn funding_advisor(offering: &crate::ids::OfferingId) -> String {
    format!("/angebote/{offering}/foerderung")
}
pub fn funding_rules() -> String {
    "/verwaltung/foerderregeln".into()
}
pub fn gap_report(slug: &str) -> String {
    format!("/n/{slug}/bedarfsluecken")
}
pub fn gap_report_csv(slug: &str) -> String {
    format!("/n/{slug}/bedarfsluecken.csv")
}
pub fn company_recommendations(org: &OrganizationId) -> String {
    format!("/organisationen/{org}/kompetenzbedarf/angebote")
}
pub fn recommendations(org: &OrganizationId) -> String {
    format!("/meine-kompetenzen/{org}/angebote")
}
pub fn pooling(slug: &str) -> String {
    format!("/n/{slug}/buendelung")
}
pub fn pooling_publish(slug: &str) -> String {
    format!("/n/{slug}/buendelung/veroeffentlichen")
}
pub fn pooling_answer(slug: &str, cohort: &i64) -> String {
    format!("/n/{slug}/buendelung/{cohort}/antworten")
}
pub fn pooling_opt_in(slug: &str, answer: &i64) -> String {
    format!("/n/{slug}/buendelung/antworten/{answer}/anmelden")
}

// Ideas
use crate::ids::{IdeaCampaignId, IdeaCommentId, IdeaId, IdeaLabId};
pub fn ideas_map(slug: &str) -> String {
    format!("/n/{slug}/ideen")
}
pub fn ideas_feed(slug: &str) -> String {
    format!("/n/{slug}/ideen.atom")
}
pub fn idea_map_data(slug: &str) -> String {
    format!("/api/v1/networks/{slug}/ideas/map")
}
pub fn new_campaign(slug: &str) -> String {
    format!("/n/{slug}/ideen/kampagnen/neu")
}
pub fn campaign(id: &IdeaCampaignId) -> String {
    format!("/ideen/kampagnen/{id}")
}
pub fn edit_campaign(id: &IdeaCampaignId) -> String {
    format!("/ideen/kampagnen/{id}/bearbeiten")
}
pub fn new_idea(id: &IdeaCampaignId) -> String {
    format!("/ideen/kampagnen/{id}/einreichen")
}
pub fn moderation(id: &IdeaCampaignId) -> String {
    format!("/ideen/kampagnen/{id}/moderation")
}
pub fn jury(id: &IdeaCampaignId) -> String {
    format!("/ideen/kampagnen/{id}/jury")
}
pub fn publish_results(id: &IdeaCampaignId) -> String {
    format!("/ideen/kampagnen/{id}/ergebnisse")
}
pub fn campaign_export(id: &IdeaCampaignId, ext: &str) -> String {
    format!("/ideen/kampagnen/{id}/export.{ext}")
}
pub fn idea(id: &IdeaId) -> String {
    format!("/ideen/{id}")
}
pub fn edit_idea(id: &IdeaId) -> String {
    format!("/ideen/{id}/bearbeiten")
}
pub fn idea_image(id: &IdeaId) -> String {
    format!("/ideen/{id}/bild")
}
pub fn idea_comments(id: &IdeaId) -> String {
    format!("/ideen/{id}/kommentare")
}
pub fn idea_rating(id: &IdeaId) -> String {
    format!("/ideen/{id}/bewertung")
}
pub fn idea_follow(id: &IdeaId) -> String {
    format!("/ideen/{id}/folgen")
}
pub fn idea_contact(id: &IdeaId) -> String {
    format!("/ideen/{id}/kontakt")
}
pub fn idea_moderate(id: &IdeaId, what: &str) -> String {
    format!("/ideen/{id}/moderation/{what}")
}
pub fn edit_comment(id: &IdeaCommentId) -> String {
    format!("/ideen/kommentare/{id}/bearbeiten")
}
pub fn report_comment(id: &IdeaCommentId) -> String {
    format!("/ideen/kommentare/{id}/melden")
}
pub fn decide_comment(id: &IdeaCommentId) -> String {
    format!("/ideen/kommentare/{id}/entscheiden")
}
pub fn labs(slug: &str) -> String {
    format!("/n/{slug}/ideenwerkstaetten")
}
pub fn lab(id: &IdeaLabId) -> String {
    format!("/ideen/werkstaetten/{id}")
}
pub fn notifications() -> String {
    "/benachrichtigungen".into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_is_encoded() {
        assert_eq!(
            super::language("en", "/n/x?a=1&b=2"),
            "/sprache?lang=en&next=%2Fn%2Fx%3Fa%3D1%26b%3D2"
        );
    }
}
