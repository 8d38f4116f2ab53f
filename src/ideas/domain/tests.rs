use super::*;

fn form(pairs: &[(&str, &str)]) -> CampaignForm {
    CampaignForm::from_pairs(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn campaign_needs_a_schedule_in_order() {
    let ok = form(&[
        ("title", "Digitales Lernen"),
        ("kind", "competition"),
        ("submission_starts", "2026-01-01"),
        ("submission_ends", "2026-01-31"),
        ("rating_starts", "2026-02-01"),
        ("rating_ends", "2026-02-14"),
    ]);
    let c = parse_campaign(&ok, &[], true, &[]).expect("valid");
    assert_eq!(c.schedule.phases().len(), 2);
    assert!(c.org.is_none() && c.moderators_see_authors);

    let mut bad = ok.clone();
    bad.dates
        .insert("rating_starts".into(), "2026-01-15".into());
    let e = parse_campaign(&bad, &[], true, &[]).unwrap_err();
    assert_eq!(e.get("rating_starts"), Some("ideas-schedule-order"));

    let empty = form(&[("title", "x"), ("kind", "labs")]);
    let e = parse_campaign(&empty, &[], true, &[]).unwrap_err();
    assert_eq!(e.get("submission_starts"), Some("ideas-schedule-empty"));
}

#[test]
fn company_campaign_only_for_own_companies() {
    let f = form(&[
        ("title", "x"),
        ("kind", "competition"),
        ("org", "7"),
        ("submission_starts", "2026-01-01"),
        ("submission_ends", "2026-01-31"),
    ]);
    assert!(parse_campaign(&f, &[OrganizationId(7)], false, &[]).is_ok());
    let e = parse_campaign(&f, &[OrganizationId(8)], false, &[]).unwrap_err();
    assert_eq!(e.get("org"), Some("choice-invalid"));
    let mut net = f.clone();
    net.org = String::new();
    let e = parse_campaign(&net, &[OrganizationId(7)], false, &[]).unwrap_err();
    assert_eq!(e.get("org"), Some("ideas-campaign-org-required"));
}

#[test]
fn ideas_drafts_need_less_and_places_are_checked() {
    let mut f = IdeaForm {
        title: "Lernlabor".into(),
        intent: "draft".into(),
        ..IdeaForm::default()
    };
    assert!(parse_idea(&f, &[IdeaCategoryId(1)], &[], &[], false).is_ok());
    f.intent = "publish".into();
    let e = parse_idea(&f, &[IdeaCategoryId(1)], &[], &[], false).unwrap_err();
    assert_eq!(e.get("body"), Some("field-required"));
    assert_eq!(e.get("category"), Some("field-required"));
    f.body = "x".repeat(BODY_MAX + 1);
    f.category = "1".into();
    let e = parse_idea(&f, &[IdeaCategoryId(1)], &[], &[], false).unwrap_err();
    assert_eq!(e.get("body"), Some("field-too-long"));
    f.body = "Text".into();
    f.lat = "51,505".into();
    f.lon = "10.791".into();
    let idea = parse_idea(&f, &[IdeaCategoryId(1)], &[], &[], false).unwrap();
    assert_eq!(idea.location.unwrap().district, "16062");
    f.lat = "48.85".into();
    f.lon = "2.35".into();
    let e = parse_idea(&f, &[IdeaCategoryId(1)], &[], &[], false).unwrap_err();
    assert_eq!(e.get("lat"), Some("ideas-position-outside"));
    f.lat.clear();
    f.lon.clear();
    f.postal_code = "99734".into();
    let idea = parse_idea(&f, &[IdeaCategoryId(1)], &[], &[], false).unwrap();
    assert_eq!(idea.location.unwrap().district, "16062");
    let e = parse_idea(&f, &[IdeaCategoryId(1)], &[], &[], true).unwrap_err();
    assert_eq!(e.get("image_alt"), Some("ideas-image-alt-required"));
}

#[test]
fn images_are_recognised_by_their_bytes() {
    assert!(parse_image(Vec::new()).unwrap().is_none());
    let png = b"\x89PNG\r\n\x1a\n rest".to_vec();
    assert_eq!(parse_image(png).unwrap().unwrap().content_type, "image/png");
    assert_eq!(
        parse_image(b"<svg onload=x>".to_vec()).unwrap_err(),
        "ideas-image-type"
    );
    assert_eq!(
        parse_image(vec![0xFF; IMAGE_MAX_BYTES + 1]).unwrap_err(),
        "upload-too-large"
    );
}

#[test]
fn ratings_and_comments_are_bounded() {
    assert_eq!(parse_stars("3").unwrap(), 3);
    for bad in ["0", "6", "", "drei"] {
        assert_eq!(
            parse_stars(bad).unwrap_err().get("stars"),
            Some("ideas-stars-invalid")
        );
    }
    assert!(parse_comment("  ").is_err());
    assert!(parse_comment(&"x".repeat(COMMENT_MAX + 1)).is_err());
    assert_eq!(
        parse_comment(" <script>alert(1)</script> ").unwrap(),
        "<script>alert(1)</script>"
    );
}

#[test]
fn labs_are_in_german_time() {
    let f = LabForm {
        title: "Ideenwerkstatt Nordhausen".into(),
        date: "2026-07-01".into(),
        from: "09:00".into(),
        to: "13:00".into(),
        place: "Rathaus".into(),
        district: "16062".into(),
        participants: "Firma A\n\nFirma B".into(),
        ..LabForm::default()
    };
    let lab = parse_lab(&f, &["16062".into()], &[]).unwrap();
    // 09:00 CEST is 07:00 UTC.
    assert_eq!(lab.starts_at % 86_400, 7 * 3600);
    assert_eq!(lab.ends_at - lab.starts_at, 4 * 3600);
    assert_eq!(lab.participants, vec!["Firma A", "Firma B"]);
    let winter = LabForm {
        date: "2026-12-01".into(),
        ..f.clone()
    };
    assert_eq!(
        parse_lab(&winter, &["16062".into()], &[])
            .unwrap()
            .starts_at
            % 86_400,
        8 * 3600
    );
    let bad = LabForm {
        to: "08:00".into(),
        district: "01001".into(),
        ..f
    };
    let e = parse_lab(&bad, &["16062".into()], &[]).unwrap_err();
    assert_eq!(e.get("to"), Some("ideas-lab-ends-before-start"));
    assert_eq!(e.get("district"), Some("choice-invalid"));
}

#[test]
fn jury_ranking_is_the_mean_over_jurors() {
    use crate::ids::IdeaId;
    let (a, b) = (IdeaId(1), IdeaId(2));
    let (j1, j2) = (UserId(10), UserId(11));
    let scores = [(a, 1, j1, 5), (a, 2, j1, 5), (a, 1, j2, 2), (b, 1, j1, 9)];
    let r = jury_ranking(&scores);
    assert_eq!(r[0], (b, 9.0, 1));
    assert_eq!(r[1], (a, 6.0, 2));
}

#[test]
fn comments_thread_in_reading_order() {
    // (id, parent)
    let items = [
        (1, None),
        (2, None),
        (3, Some(1)),
        (4, Some(3)),
        (5, Some(99)),
        (6, Some(1)),
    ];
    let order = thread(&items, |c| c.0, |c| c.1);
    let ids: Vec<(i64, usize)> = order.iter().map(|(i, d)| (items[*i].0, *d)).collect();
    assert_eq!(ids, vec![(1, 0), (3, 1), (4, 2), (6, 1), (2, 0), (5, 0)]);
}

#[test]
fn summer_time_starts_and_ends_on_the_last_sundays() {
    let day = |y, m, d| {
        i64::from(
            time::Date::from_calendar_date(y, m, d)
                .unwrap()
                .to_julian_day(),
        ) - 2_440_588
    };
    use time::Month::{March, October};
    assert_eq!(german_offset_secs(day(2026, March, 28)), 3600);
    assert_eq!(german_offset_secs(day(2026, March, 29)), 7200);
    assert_eq!(german_offset_secs(day(2026, October, 24)), 7200);
    assert_eq!(german_offset_secs(day(2026, October, 25)), 3600);
    // A year whose 31 March is itself a Sunday.
    assert_eq!(german_offset_secs(day(2024, March, 30)), 3600);
    assert_eq!(german_offset_secs(day(2024, March, 31)), 7200);
}
