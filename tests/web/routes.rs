//! Every URL the pages link to is served by a route: the builders in
//! `web::urls` and the routers in each domain are written apart, so this
//! test ties them together (a renamed route without its builder, or the
//! reverse, fails here instead of as a dead link).

use axum::{body::Body, http::Request};
use lernregion::{
    ids::{
        CompetenceId, ContactId, IdeaCampaignId, IdeaCommentId, IdeaId, IdeaLabId, ImportJobId,
        InvitationId, JobRoleId, LocationId, OfferingId, OrganizationId, UserId,
    },
    web::urls::*,
};
use reqwest::StatusCode;
use tower::ServiceExt;

use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_url_builder_names_a_registered_route() {
    let app = spawn_app(Backend::Sqlite).await;
    // A route that matches answers anything but this; only the fallback does.
    let router = lernregion::startup::routes()
        .fallback(|| async { StatusCode::IM_A_TEAPOT })
        .with_state(app.state.clone());
    let (s, o) = ("nordthueringen", OrganizationId(1));
    let (k, i, comment) = (IdeaCampaignId(1), IdeaId(1), IdeaCommentId(1));
    let built = [
        home(),
        start(),
        language("en", "/"),
        data_sources(),
        register(),
        login(),
        login_next("/"),
        logout(),
        confirm_email("t"),
        resend_confirmation(),
        forgot_password(),
        reset_password("t"),
        account(),
        security(),
        api_tokens(),
        outbox(),
        network(s),
        partners(s),
        partner(s, &o),
        network_map(s),
        apply(s),
        coordination(s),
        group_size(s),
        decide(s, &o),
        network_geojson(s),
        partners_geojson(s),
        my_orgs(),
        org_admin(&o),
        org_profile(&o),
        org_locations(&o),
        org_location_delete(&o, &LocationId(1)),
        org_contacts(&o),
        org_contact_delete(&o, &ContactId(1)),
        org_people(&o),
        org_invitation_revoke(&o, &InvitationId(1)),
        join_with_code(),
        invitation("c"),
        framework(s),
        framework_export(s),
        framework_import(s),
        framework_adopt(s),
        framework_new(s),
        framework_edit(s, &CompetenceId(1)),
        company_needs(&o),
        company_roles(&o),
        company_changes(&o),
        job_role(&o, &JobRoleId(1)),
        requirement_delete(&o, &JobRoleId(1), &1),
        company_employee(&o, &UserId(1)),
        company_employee_role(&o, &UserId(1)),
        company_employee_assess(&o, &UserId(1)),
        my_competences(),
        self_assessment(&o),
        self_assessment_restart(&o),
        my_consent(&o),
        my_data_export(),
        my_data_delete(),
        figure_protection(s),
        regional_demand(s),
        provider_offerings(&o),
        new_offering(&o),
        edit_offering(&o, &OfferingId(1)),
        withdraw_offering(&o, &OfferingId(1)),
        import_offerings(&o),
        import_job(&o, &ImportJobId(1)),
        offerings_template(),
        offering(&OfferingId(1)),
        catalog(s),
        catalog_feed(s),
        funding_advisor(&OfferingId(1)),
        funding_rules(),
        gap_report(s),
        gap_report_csv(s),
        company_recommendations(&o),
        recommendations(&o),
        pooling(s),
        pooling_publish(s),
        pooling_answer(s, &1),
        pooling_opt_in(s, &1),
        ideas_map(s),
        ideas_feed(s),
        idea_map_data(s),
        new_campaign(s),
        campaign(&k),
        edit_campaign(&k),
        new_idea(&k),
        moderation(&k),
        jury(&k),
        publish_results(&k),
        campaign_export(&k, "csv"),
        idea(&i),
        edit_idea(&i),
        idea_image(&i),
        idea_comments(&i),
        idea_rating(&i),
        idea_follow(&i),
        idea_contact(&i),
        idea_moderate(&i, "antwort"),
        edit_comment(&comment),
        report_comment(&comment),
        decide_comment(&comment),
        labs(s),
        lab(&IdeaLabId(1)),
        notifications(),
    ];
    // Each builder once: a new one must be added here.
    let source = include_str!("../../src/web/urls.rs");
    let builders = source.lines().filter(|l| l.starts_with("pub fn ")).count();
    assert_eq!(
        built.len(),
        builders,
        "every builder in web/urls.rs is checked"
    );
    let mut unrouted = Vec::new();
    for url in &built {
        let path = url.split('?').next().unwrap_or_default();
        let response = router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        if response.status() == StatusCode::IM_A_TEAPOT {
            unrouted.push(path.to_owned());
        }
    }
    assert!(unrouted.is_empty(), "no route for {unrouted:?}");
    // And the check can fail: a path nobody registered reaches the fallback.
    let response = router
        .oneshot(Request::get("/gibt-es-nicht").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
}
