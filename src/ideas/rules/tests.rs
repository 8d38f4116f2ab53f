use super::*;

const STAGES: [Stage; 8] = [
    Stage::Announced,
    Stage::In(Phase::Submission),
    Stage::In(Phase::Discussion),
    Stage::In(Phase::Rating),
    Stage::In(Phase::Jury),
    Stage::In(Phase::Results),
    Stage::In(Phase::Implementation),
    Stage::Archived,
];

fn visitor() -> Actor {
    Actor::default()
}
fn person() -> Actor {
    Actor {
        logged_in: true,
        in_company: true,
        ..Actor::default()
    }
}
fn author() -> Actor {
    Actor {
        author: true,
        ..person()
    }
}
fn moderator() -> Actor {
    Actor {
        moderator: true,
        ..person()
    }
}
fn jury() -> Actor {
    Actor {
        jury: true,
        ..person()
    }
}

/// One row per action and role: one letter per stage (announced, the six
/// phases, archived), `y` allowed, `n` denied. Written out by hand from the
/// issue, not derived from the code.
const PUBLIC: &[(Action, &str, &str)] = &[
    // action            role          A S D R J R I A
    (Action::View, "visitor", "yyyyyyyy"),
    (Action::View, "person", "yyyyyyyy"),
    (Action::Submit, "visitor", "nnnnnnnn"),
    (Action::Submit, "person", "nynnnnnn"),
    (Action::Submit, "moderator", "yyyyyyyy"),
    (Action::EditOwnIdea, "person", "nnnnnnnn"),
    (Action::EditOwnIdea, "author", "nynnnnnn"),
    (Action::EditOwnIdea, "moderator", "yyyyyyyy"),
    (Action::Comment, "visitor", "nnnnnnnn"),
    (Action::Comment, "person", "nyynnnnn"),
    (Action::Comment, "moderator", "nyynnnnn"),
    (Action::Rate, "person", "nnnynnnn"),
    (Action::Rate, "author", "nnnynnnn"),
    (Action::Rate, "visitor", "nnnnnnnn"),
    (Action::Follow, "visitor", "nnnnnnnn"),
    (Action::Follow, "person", "yyyyyyyy"),
    (Action::ReportComment, "person", "yyyyyyyy"),
    (Action::Contact, "visitor", "nnnnnnnn"),
    (Action::Contact, "person", "yyyyyyyy"),
    (Action::Moderate, "person", "nnnnnnnn"),
    (Action::Moderate, "jury", "nnnnnnnn"),
    (Action::Moderate, "moderator", "yyyyyyyy"),
    (Action::Export, "person", "nnnnnnnn"),
    (Action::Export, "moderator", "yyyyyyyy"),
    (Action::JuryScore, "person", "nnnnnnnn"),
    (Action::JuryScore, "moderator", "nnnnnnnn"),
    (Action::JuryScore, "jury", "nnnnynnn"),
    (Action::PublishResults, "jury", "nnnnnnnn"),
    (Action::PublishResults, "moderator", "nnnnnyyn"),
    (Action::RecordMilestone, "person", "nnnnnnnn"),
    (Action::RecordMilestone, "moderator", "nnnnnyyn"),
];

fn actor(role: &str) -> Actor {
    match role {
        "visitor" => visitor(),
        "person" => person(),
        "author" => author(),
        "moderator" => moderator(),
        "jury" => jury(),
        other => panic!("unknown role {other}"),
    }
}

#[test]
fn every_phase_and_role_of_a_public_campaign() {
    for (action, role, row) in PUBLIC {
        for (stage, expected) in STAGES.iter().zip(row.chars()) {
            let got = may(actor(role), *action, Visibility::Public, *stage).is_ok();
            assert_eq!(got, expected == 'y', "{role} {action:?} in {stage:?}");
        }
    }
}

#[test]
fn the_table_covers_every_action() {
    for a in Action::ALL {
        assert!(
            PUBLIC.iter().any(|(x, _, _)| *x == a),
            "{a:?} missing from the table"
        );
    }
}

#[test]
fn a_company_campaign_is_the_same_for_its_people_and_invisible_to_others() {
    let outsider = Actor {
        logged_in: true,
        ..Actor::default()
    };
    for stage in STAGES {
        for action in Action::ALL {
            assert_eq!(
                may(outsider, action, Visibility::CompanyInternal, stage),
                Err(Denied::Hidden),
                "{action:?} in {stage:?}"
            );
            assert_eq!(
                may(visitor(), action, Visibility::CompanyInternal, stage),
                Err(Denied::NeedsLogin)
            );
            for role in ["person", "author", "moderator", "jury"] {
                assert_eq!(
                    may(actor(role), action, Visibility::CompanyInternal, stage),
                    may(actor(role), action, Visibility::Public, stage),
                    "{role} {action:?} in {stage:?}"
                );
            }
        }
    }
    // A moderator from outside the company (e.g. the network's coordinator
    // assigned to it) sees it.
    let coordinator = Actor {
        logged_in: true,
        moderator: true,
        ..Actor::default()
    };
    assert!(
        may(
            coordinator,
            Action::View,
            Visibility::CompanyInternal,
            Stage::Announced
        )
        .is_ok()
    );
}

#[test]
fn denials_say_why() {
    let rating = Stage::In(Phase::Rating);
    assert_eq!(
        may(person(), Action::Comment, Visibility::Public, rating),
        Err(Denied::NotInThisPhase)
    );
    assert_eq!(
        may(visitor(), Action::Rate, Visibility::Public, rating),
        Err(Denied::NeedsLogin)
    );
    assert_eq!(
        may(person(), Action::Moderate, Visibility::Public, rating),
        Err(Denied::ModeratorsOnly)
    );
    assert_eq!(
        may(person(), Action::JuryScore, Visibility::Public, rating),
        Err(Denied::JuryOnly)
    );
    assert_eq!(
        may(
            person(),
            Action::EditOwnIdea,
            Visibility::Public,
            Stage::In(Phase::Submission)
        ),
        Err(Denied::AuthorOnly)
    );
    for d in [
        Denied::Hidden,
        Denied::NeedsLogin,
        Denied::NotInThisPhase,
        Denied::ModeratorsOnly,
        Denied::JuryOnly,
        Denied::AuthorOnly,
    ] {
        assert!(!d.message_key().is_empty());
    }
}

fn dates(phase: Phase, starts: Day, ends: Day) -> PhaseDates {
    PhaseDates {
        phase,
        starts,
        ends,
    }
}

#[test]
fn a_schedule_keeps_the_order_and_has_no_gaps() {
    let s = Schedule::new(vec![
        dates(Phase::Rating, 40, 49),
        dates(Phase::Submission, 10, 29),
        dates(Phase::Implementation, 60, 200),
    ])
    .unwrap();
    assert_eq!(s.stage(9), Stage::Announced);
    assert_eq!(s.stage(10), Stage::In(Phase::Submission));
    assert_eq!(s.stage(29), Stage::In(Phase::Submission));
    // Between submission and rating: still submission.
    assert_eq!(s.stage(35), Stage::In(Phase::Submission));
    assert_eq!(s.stage(40), Stage::In(Phase::Rating));
    assert_eq!(s.stage(55), Stage::In(Phase::Rating));
    assert_eq!(s.stage(200), Stage::In(Phase::Implementation));
    assert_eq!(s.stage(201), Stage::Archived);
    assert_eq!(s.phases().len(), 3);
}

#[test]
fn bad_schedules_are_refused_with_a_reason() {
    assert_eq!(Schedule::new(vec![]), Err(ScheduleError::Empty));
    assert_eq!(
        Schedule::new(vec![dates(Phase::Submission, 10, 5)]),
        Err(ScheduleError::EndsBeforeStart(Phase::Submission))
    );
    assert_eq!(
        Schedule::new(vec![
            dates(Phase::Rating, 1, 5),
            dates(Phase::Submission, 6, 9)
        ]),
        Err(ScheduleError::OutOfOrder(Phase::Submission))
    );
    assert_eq!(
        Schedule::new(vec![
            dates(Phase::Submission, 1, 10),
            dates(Phase::Discussion, 10, 20)
        ]),
        Err(ScheduleError::OutOfOrder(Phase::Discussion)),
        "overlapping by a day"
    );
    assert_eq!(
        Schedule::new(vec![
            dates(Phase::Submission, 1, 5),
            dates(Phase::Submission, 6, 9)
        ]),
        Err(ScheduleError::OutOfOrder(Phase::Submission)),
        "twice"
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn any_actor() -> impl Strategy<Value = Actor> {
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(logged_in, in_company, moderator, jury, author)| Actor {
                logged_in,
                in_company,
                moderator,
                jury,
                author,
            })
    }

    proptest! {
        #[test]
        fn nothing_but_viewing_without_login(a in any_actor(), action in 0..13usize, stage in 0..8usize, internal in any::<bool>()) {
            let a = Actor { logged_in: false, ..a };
            let vis = if internal { Visibility::CompanyInternal } else { Visibility::Public };
            let action = Action::ALL[action];
            if action != Action::View || internal {
                prop_assert!(may(a, action, vis, STAGES[stage]).is_err());
            }
        }

        #[test]
        fn only_moderators_moderate_and_only_raters_rate_outside_rating(a in any_actor(), stage in 0..8usize) {
            let stage = STAGES[stage];
            if may(a, Action::Moderate, Visibility::Public, stage).is_ok() {
                prop_assert!(a.moderator);
            }
            if may(a, Action::Rate, Visibility::Public, stage).is_ok() {
                prop_assert_eq!(stage, Stage::In(Phase::Rating));
            }
            if may(a, Action::Comment, Visibility::Public, stage).is_ok() {
                prop_assert!(matches!(stage, Stage::In(Phase::Submission | Phase::Discussion)));
            }
        }

        #[test]
        fn a_valid_schedule_puts_every_day_in_one_stage(lengths in proptest::collection::vec((0i64..30, 0i64..10), 1..6), start in 0i64..1000) {
            let mut day = start;
            let mut phases = Vec::new();
            for (i, (len, gap)) in lengths.iter().enumerate() {
                phases.push(PhaseDates { phase: Phase::ALL[i], starts: day, ends: day + len });
                day += len + gap + 1;
            }
            let s = Schedule::new(phases.clone()).unwrap();
            let mut last = 0;
            for d in start - 5..day + 5 {
                let position = match s.stage(d) {
                    Stage::Announced => 0,
                    Stage::In(p) => 1 + Phase::ALL.iter().position(|x| *x == p).unwrap(),
                    Stage::Archived => 100,
                };
                prop_assert!(position >= last, "stages never go back");
                last = position;
            }
        }
    }
}
