//! Demo ideas: a regional series of idea labs across the demo districts
//! (in its submission phase, so visitors can take part at once) and a
//! company-internal competition about digital learning (in its rating
//! phase), with comments, ratings, official answers and milestones.

use super::{
    domain::{AnswerStatus, CampaignKind, Located, NRW_CHALLENGES, NewCampaign, NewIdea, NewLab},
    queries,
    rules::{Phase, PhaseDates, Schedule},
};
use crate::{
    db::Db,
    ids::{IdeaCategoryId, IdeaLabId, NetworkId, OrganizationId, UserId},
    kernel::days::{Day, day_of},
};

pub struct People {
    pub coordinator: UserId,
    pub company_admin: UserId,
    pub works_council: UserId,
    pub employee: UserId,
    pub others: Vec<UserId>,
}

fn schedule(today: Day, phases: &[(Phase, Day, Day)]) -> anyhow::Result<Schedule> {
    Schedule::new(
        phases
            .iter()
            .map(|&(phase, a, b)| PhaseDates {
                phase,
                starts: today + a,
                ends: today + b,
            })
            .collect(),
    )
    .map_err(|e| anyhow::anyhow!("demo schedule: {e:?}"))
}

/// (lab title, district, place, days ago, participants)
const LABS: [(&str, &str, &str, i64, &str); 4] = [
    (
        "Ideenwerkstatt Nordhausen: Lernen am Band",
        "16062",
        "Hochschule Nordhausen, Weinberghof 4",
        50,
        "Nordhäuser Maschinenbau GmbH\nHochschule Nordhausen\nIG Metall Nordhausen",
    ),
    (
        "Ideenwerkstatt Gotha: Fachkräfte halten",
        "16067",
        "Kulturhaus Gotha",
        35,
        "Gothaer Fahrzeugtechnik GmbH\nIHK Erfurt, Regionalbüro Gotha\nAgentur für Arbeit Gotha",
    ),
    (
        "Ideenwerkstatt Eichsfeld: Digital im Handwerk",
        "16061",
        "Bildungszentrum Leinefelde",
        21,
        "Kreishandwerkerschaft Eichsfeld\nTechnikum Nordthüringen gGmbH",
    ),
    (
        "Ideenwerkstatt Mühlhausen: Alle mitnehmen",
        "16064",
        "Rathaus Mühlhausen",
        9,
        "Zulieferer Unstrut GmbH\nVolkshochschule Unstrut-Hainich",
    ),
];

/// (title, text, category index, lab index or none, district, (lat, lon),
/// answer, milestone progress)
type DemoIdea = (
    &'static str,
    &'static str,
    usize,
    Option<usize>,
    (f64, f64),
    Option<AnswerStatus>,
    Option<i64>,
);

const REGIONAL: [DemoIdea; 12] = [
    (
        "Lerninseln direkt an der Linie",
        "Kurze Lerneinheiten von 15 Minuten an Tablets neben der Fertigungslinie, damit Schichtbeschäftigte **ohne Anfahrt** lernen.",
        0,
        Some(0),
        (51.5053, 10.7912),
        Some(AnswerStatus::Accepted),
        Some(40),
    ),
    (
        "Azubis erklären Älteren die Robotik",
        "Tandems aus Auszubildenden und erfahrenen Beschäftigten: beide lernen voneinander.",
        2,
        Some(0),
        (51.4930, 10.8200),
        Some(AnswerStatus::WorkingGroup),
        None,
    ),
    (
        "Weiterbildungsbus für die Dörfer",
        "Ein mobiler Lernraum fährt die Gemeinden im Kreis an – mit WLAN, Laptops und einer Lernbegleitung.",
        2,
        Some(0),
        (51.4420, 10.6500),
        Some(AnswerStatus::Review),
        None,
    ),
    (
        "Regionale Arbeitgebermarke Nordthüringen",
        "Betriebe treten gemeinsam auf Messen und online auf und zeigen Weiterbildung als Vorteil der Region.",
        3,
        Some(1),
        (50.9489, 10.7018),
        Some(AnswerStatus::Received),
        None,
    ),
    (
        "Mentoring für neue Führungskräfte",
        "Erfahrene Meisterinnen und Meister begleiten neue Schichtleitungen ein halbes Jahr lang.",
        1,
        Some(1),
        (50.9350, 10.6700),
        None,
        None,
    ),
    (
        "Kompetenzpass für Beschäftigte",
        "Ein gemeinsamer Nachweis, der im Betrieb Gelerntes sichtbar macht – auch beim Wechsel in einen anderen Betrieb der Region.",
        4,
        Some(1),
        (50.9700, 10.7500),
        Some(AnswerStatus::Implemented),
        Some(100),
    ),
    (
        "Digitale Baustellendokumentation lernen",
        "Handwerksbetriebe lernen gemeinsam, Baustellen mit dem Tablet zu dokumentieren.",
        0,
        Some(2),
        (51.3790, 10.3230),
        None,
        None,
    ),
    (
        "Lernzeit im Tarifvertrag",
        "Zwei Stunden Lernzeit pro Monat als feste Regel in den Betrieben der Region.",
        1,
        Some(2),
        (51.3400, 10.2500),
        Some(AnswerStatus::NotPursued),
        None,
    ),
    (
        "Sprachkurse im Betrieb",
        "Deutschkurse während der Arbeitszeit für Beschäftigte mit anderer Erstsprache.",
        2,
        Some(3),
        (51.2085, 10.4590),
        None,
        None,
    ),
    (
        "Offene Werkstatt für CNC-Einsteiger",
        "Samstags öffnet das Technikum seine Werkstatt für Beschäftigte aus allen Betrieben.",
        4,
        Some(3),
        (51.2200, 10.4800),
        Some(AnswerStatus::Accepted),
        Some(25),
    ),
    (
        "Weiterbildungslotsen in den Betrieben",
        "Beschäftigte lassen sich zu Lotsinnen und Lotsen ausbilden, die Kolleginnen und Kollegen beraten.",
        1,
        None,
        (51.3600, 11.0500),
        None,
        None,
    ),
    (
        "Fahrgemeinschaften zu Kursen",
        "Eine Mitfahrbörse für Kurse im Verbund, damit niemand wegen des Wegs absagt.",
        2,
        None,
        (50.9800, 10.3200),
        None,
        None,
    ),
];

const COMPANY: [(&str, &str, Option<AnswerStatus>); 5] = [
    (
        "Lernvideos von Kolleginnen und Kollegen",
        "Erfahrene Beschäftigte zeigen in kurzen Videos, wie sie Rüstvorgänge machen. Die Videos liegen im Intranet.",
        Some(AnswerStatus::Accepted),
    ),
    (
        "Lernplattform auf dem Smartphone",
        "Die Schulungen sollen auch auf dem eigenen Smartphone laufen, freiwillig und in der Arbeitszeit.",
        Some(AnswerStatus::Review),
    ),
    (
        "Digitale Sicherheitsunterweisung",
        "Die jährliche Unterweisung als interaktives Modul statt Vortrag.",
        None,
    ),
    (
        "VR-Training für die Lackiererei",
        "Lackieren üben mit einer VR-Brille spart Lack und schont die Umwelt.",
        None,
    ),
    (
        "Lernpatenschaften für Digitales",
        "Wer sich mit einer Software auskennt, wird Pate für zwei Kolleginnen oder Kollegen.",
        Some(AnswerStatus::Received),
    ),
];

const COMMENTS: [&str; 6] = [
    "Gute Idee! Bei uns im Betrieb würde das sofort helfen.",
    "Wie sieht es mit der Freistellung aus? Das müsste geregelt sein.",
    "Das haben wir im Kleinen schon ausprobiert – es funktioniert, wenn die Führungskräfte mitziehen.",
    "Könnte man das über den Verbund gemeinsam finanzieren?",
    "Ich würde mich als Ansprechpartnerin melden.",
    "Bitte auch an die Teilzeitkräfte denken.",
];

pub async fn load(
    db: &Db,
    network: NetworkId,
    company: OrganizationId,
    people: &People,
    now: i64,
) -> anyhow::Result<()> {
    let today = day_of(now);
    let regional = NewCampaign {
        title: "Ideenwerkstätten Nordthüringen 2026".into(),
        description: "In halbtägigen **Ideenwerkstätten** in allen Kreisen sammeln Betriebe, Beschäftigte, Kammern, Gewerkschaften und Bildungsanbieter Ideen, wie die Region die Transformation der Arbeit meistert. Jede Idee hat eine regionale Ansprechperson.".into(),
        kind: CampaignKind::Labs,
        org: None,
        contact: Some(people.coordinator),
        moderators_see_authors: true,
        categories: NRW_CHALLENGES.iter().map(|s| s.to_string()).collect(),
        criteria: Vec::new(),
        jury: Vec::new(),
        schedule: schedule(today, &[(Phase::Submission, -60, 30), (Phase::Discussion, 31, 60), (Phase::Implementation, 61, 400)])?,
    };
    let rid =
        queries::save_campaign(db, network, None, &regional, &[], people.coordinator, now).await?;
    let cats: Vec<IdeaCategoryId> = queries::categories(db, rid)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let mut labs: Vec<IdeaLabId> = Vec::new();
    for (title, district, place, ago, participants) in LABS {
        let day_start = (today - ago) * 86_400 + 7 * 3600;
        let lab = NewLab {
            title: title.into(),
            description: "Eine halbtägige Werkstatt mit Impulsen, Gruppenarbeit und einer Abstimmung über die Ideen.".into(),
            starts_at: day_start,
            ends_at: day_start + 4 * 3600,
            place: place.into(),
            district: district.into(),
            participants: participants.lines().map(str::to_owned).collect(),
            campaign: Some(rid),
        };
        labs.push(queries::create_lab(db, network, &lab, people.coordinator, now).await?);
    }
    let authors = [
        &[people.coordinator, people.works_council, people.employee][..],
        &people.others,
    ]
    .concat();
    for (n, (title, body, cat, lab, (lat, lon), answer, progress)) in REGIONAL.iter().enumerate() {
        let district = crate::regions::locate::district_at(*lat, *lon)
            .ok_or_else(|| anyhow::anyhow!("demo idea outside Germany"))?;
        let idea = NewIdea {
            title: (*title).into(),
            body: (*body).into(),
            category: cats.get(*cat).copied(),
            lab: lab.map(|l| labs[l]),
            place: String::new(),
            location: Some(Located {
                lat: *lat,
                lon: *lon,
                district: district.into(),
            }),
            contact: None,
            anonymous: n % 5 == 4,
            image_alt: String::new(),
            draft: false,
        };
        // Ideas of a lab were entered by the coordinator afterwards.
        let author = if lab.is_some() {
            people.coordinator
        } else {
            authors[n % authors.len()]
        };
        let t = now - (60 - n as i64 * 4) * 86_400;
        let id = queries::create_idea(db, network, rid, author, &idea, None, t).await?;
        seed_talk(db, id, &authors, n, t).await?;
        if let Some(status) = answer {
            let text = match status {
                AnswerStatus::NotPursued => {
                    "Die Tarifparteien sehen das nicht im Verbund, sondern in den Verhandlungen. Wir geben die Idee dorthin weiter."
                }
                _ => {
                    "Danke! Die Koordinierungsstelle hat die Idee mit den beteiligten Betrieben besprochen."
                }
            };
            queries::answer(
                db,
                network,
                id,
                *status,
                text,
                people.coordinator,
                t + 7 * 86_400,
            )
            .await?;
        }
        if let Some(p) = progress {
            queries::add_milestone(
                db,
                id,
                "Pilot in zwei Betrieben gestartet",
                (*p).min(40),
                today - 20,
                people.coordinator,
                now,
            )
            .await?;
            if *p > 40 {
                queries::add_milestone(
                    db,
                    id,
                    "In allen Verbundbetrieben eingeführt",
                    *p,
                    today - 5,
                    people.coordinator,
                    now,
                )
                .await?;
            }
        }
        queries::mark_reviewed(db, id).await?;
    }

    let internal = NewCampaign {
        title: "Digitales Lernen bei Gothaer Fahrzeugtechnik".into(),
        description: "Wie wollen wir in Zukunft lernen? Alle Beschäftigten sind eingeladen, Ideen für digitales Lernen im Betrieb einzureichen, zu kommentieren und zu bewerten. Die besten Ideen setzt eine Arbeitsgruppe mit dem Betriebsrat um.".into(),
        kind: CampaignKind::Competition,
        org: Some(company),
        contact: Some(people.company_admin),
        moderators_see_authors: false,
        categories: vec!["Lernen am Arbeitsplatz".into(), "Werkzeuge und Plattformen".into(), "Lernkultur".into()],
        criteria: vec!["Nutzen für die Beschäftigten".into(), "Umsetzbarkeit".into()],
        jury: Vec::new(),
        schedule: schedule(today, &[(Phase::Submission, -40, -15), (Phase::Discussion, -14, -3), (Phase::Rating, -2, 12), (Phase::Jury, 13, 20), (Phase::Results, 21, 30), (Phase::Implementation, 31, 200)])?,
    };
    let jury = [people.company_admin, people.works_council];
    let cid = queries::save_campaign(
        db,
        network,
        None,
        &internal,
        &jury,
        people.company_admin,
        now,
    )
    .await?;
    let ccats: Vec<IdeaCategoryId> = queries::categories(db, cid)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let staff = [people.employee, people.works_council, people.company_admin];
    for (n, (title, body, answer)) in COMPANY.iter().enumerate() {
        let idea = NewIdea {
            title: (*title).into(),
            body: (*body).into(),
            category: ccats.get(n % ccats.len()).copied(),
            lab: None,
            place: "Werk Gotha".into(),
            location: None,
            contact: None,
            anonymous: n == 3,
            image_alt: String::new(),
            draft: false,
        };
        let t = now - (38 - n as i64 * 5) * 86_400;
        let id =
            queries::create_idea(db, network, cid, staff[n % staff.len()], &idea, None, t).await?;
        seed_talk(db, id, &staff, n, t).await?;
        if let Some(status) = answer {
            queries::answer(
                db,
                network,
                id,
                *status,
                "Danke für die Idee – die Arbeitsgruppe Lernen nimmt sie auf.",
                people.company_admin,
                t + 3 * 86_400,
            )
            .await?;
        }
        queries::mark_reviewed(db, id).await?;
    }
    Ok(())
}

/// A few comments (one a reply) and ratings, varied by the idea's number.
async fn seed_talk(
    db: &Db,
    idea: crate::ids::IdeaId,
    people: &[UserId],
    n: usize,
    t: i64,
) -> anyhow::Result<()> {
    let count = 1 + n % 3;
    let mut first = None;
    for k in 0..count {
        let who = people[(n + k + 1) % people.len()];
        let parent = if k == 2 { first } else { None };
        let id = queries::add_comment(
            db,
            idea,
            parent,
            who,
            COMMENTS[(n + k) % COMMENTS.len()],
            t + (k as i64 + 1) * 3600,
        )
        .await?;
        first = first.or(Some(id));
    }
    for (k, who) in people.iter().enumerate().take(2 + n % 3) {
        queries::rate(db, idea, *who, 2 + ((n + k) % 4) as i64, t + 86_400).await?;
    }
    Ok(())
}
