//! The demo region: the network "Weiterbildungsverbund Nordthüringen" with
//! about 40 organisations of every kind across its six districts, a second
//! small network in OWL, people for every role, and open applications for
//! the coordinator to decide. Loading is idempotent.

use crate::{
    auth::{
        self,
        domain::{Email, NetworkRole, OrgRole},
    },
    db::{Db, now},
    networks::{
        domain::{NewContact, NewLocation, OrgForm, OrgProfile},
        queries,
    },
    on_db,
    regions::geocode,
};

/// Every demo account has this password; the demo prints it.
pub const DEMO_PASSWORD: &str = "lernregion-demo";
pub const DEMO_NETWORK: &str = "nordthueringen";

/// (name, kind, WZ code, size, street, postal code, city, description)
type OrgSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const NORDTHUERINGEN: &[OrgSeed] = &[
    (
        "Gothaer Fahrzeugtechnik GmbH",
        "company",
        "29",
        "medium",
        "Kindleber Straße 12",
        "99867",
        "Gotha",
        "Zulieferer für Karosserie- und Fahrwerksteile. Ab Q3 2027 nimmt eine Roboterzelle zum Schweißen den Betrieb auf.",
    ),
    (
        "Thüringer Präzisionsguss AG",
        "company",
        "24",
        "large",
        "Am Gleisdreieck 4",
        "99867",
        "Gotha",
        "Aluminium-Druckguss für die Automobilindustrie; Einführung additiver Verfahren im Formenbau.",
    ),
    (
        "Waltershäuser Kunststofftechnik GmbH",
        "company",
        "22",
        "small",
        "Gewerbestraße 7",
        "99880",
        "Waltershausen",
        "Spritzguss für Innenraumteile, Umstellung auf vernetzte Maschinendaten.",
    ),
    (
        "Ohrdrufer Metallbau Krause",
        "company",
        "25",
        "micro",
        "Lindenweg 3",
        "99885",
        "Ohrdruf",
        "Handwerksbetrieb für Stahl- und Metallbau.",
    ),
    (
        "Mühlhäuser Antriebstechnik GmbH",
        "company",
        "28",
        "medium",
        "An der Aue 15",
        "99974",
        "Mühlhausen",
        "Getriebe und Antriebe; SPS-gesteuerte Montagelinie im Aufbau.",
    ),
    (
        "Langensalzaer Textilwerke GmbH",
        "company",
        "13",
        "small",
        "Thamsbrücker Straße 21",
        "99947",
        "Bad Langensalza",
        "Technische Textilien für Fahrzeuginnenräume.",
    ),
    (
        "Unstrut Logistik & Service GmbH",
        "company",
        "52",
        "medium",
        "Industriestraße 2",
        "99974",
        "Mühlhausen",
        "Kontraktlogistik für Zulieferer der Region, Einführung eines Lagerverwaltungssystems.",
    ),
    (
        "Eichsfelder Blechbearbeitung GmbH",
        "company",
        "25",
        "medium",
        "Industriestraße 30",
        "37327",
        "Leinefelde-Worbis",
        "Laserschneiden, Kanten, Schweißbaugruppen; neue CNC-Biegezelle.",
    ),
    (
        "Heiligenstädter Elektronik GmbH",
        "company",
        "27",
        "small",
        "Dingelstädter Straße 8",
        "37308",
        "Heilbad Heiligenstadt",
        "Kabelsätze und Steuerungen für Landmaschinen.",
    ),
    (
        "Dingelstädter Holzwerkstätten",
        "company",
        "16",
        "micro",
        "Kefferhäuser Straße 5",
        "37351",
        "Dingelstädt",
        "Tischlerei mit CNC-Bearbeitungszentrum.",
    ),
    (
        "Nordhäuser Motorenwerk GmbH",
        "company",
        "28",
        "large",
        "Freiherr-vom-Stein-Straße 1",
        "99734",
        "Nordhausen",
        "Motorenbau; Umstellung eines Werksteils auf Komponenten für E-Antriebe.",
    ),
    (
        "Bleicheröder Präzisionsteile GmbH",
        "company",
        "25",
        "small",
        "Am Bahnhof 9",
        "99752",
        "Bleicherode",
        "Drehteile und Frästeile in Kleinserien, Einstieg in CAD/CAM.",
    ),
    (
        "Harzer Feinwerktechnik Ellrich",
        "company",
        "26",
        "micro",
        "Bahnhofstraße 14",
        "99755",
        "Ellrich",
        "Feinmechanik und optische Baugruppen.",
    ),
    (
        "Sondershäuser Kunststoffverarbeitung GmbH",
        "company",
        "22",
        "medium",
        "Göldnerstraße 40",
        "99706",
        "Sondershausen",
        "Kunststoffteile für Automobil und Medizintechnik, Qualitätsdaten digital.",
    ),
    (
        "Kyffhäuser Agrartechnik GmbH",
        "company",
        "28",
        "small",
        "Kyffhäuserstraße 18",
        "06567",
        "Bad Frankenhausen",
        "Anbaugeräte für Landmaschinen.",
    ),
    (
        "Artener Stahlbau GmbH",
        "company",
        "25",
        "small",
        "Weinbergstraße 2",
        "06556",
        "Artern",
        "Stahlkonstruktionen, Einführung von Schweißrobotern.",
    ),
    (
        "Wartburg Automotive Systems GmbH",
        "company",
        "29",
        "large",
        "Rennbahn 20",
        "99817",
        "Eisenach",
        "Systemlieferant für Sitze und Innenraum; KI-gestützte Qualitätsprüfung geplant.",
    ),
    (
        "Salzunger Werkzeugbau GmbH",
        "company",
        "25",
        "small",
        "Leimbacher Straße 6",
        "36433",
        "Bad Salzungen",
        "Werkzeug- und Formenbau, 5-Achs-Fräsen.",
    ),
    (
        "Ruhlaer Uhren- und Gerätebau",
        "company",
        "26",
        "micro",
        "Köhlergasse 3",
        "99842",
        "Ruhla",
        "Traditionsbetrieb für Messgeräte.",
    ),
    (
        "Gerstunger Industrieservice GmbH",
        "company",
        "33",
        "small",
        "Am Werk 11",
        "99834",
        "Gerstungen",
        "Instandhaltung und Reparatur von Produktionsanlagen.",
    ),
    (
        "Eisenacher Lackiertechnik GmbH",
        "company",
        "25",
        "medium",
        "Hörselstraße 44",
        "99817",
        "Eisenach",
        "Oberflächentechnik; Energiemanagement nach ISO 50001 eingeführt.",
    ),
    (
        "VHS-Bildungswerk Thüringen – Regionalstelle Gotha",
        "provider",
        "85",
        "",
        "Bahnhofstraße 8",
        "99867",
        "Gotha",
        "Grundbildung, Deutsch als Zweitsprache, digitale Grundkompetenzen – auch abends und in Teilzeit.",
    ),
    (
        "Technikum Nordthüringen gGmbH",
        "provider",
        "85",
        "",
        "Bochumer Straße 12",
        "99734",
        "Nordhausen",
        "Überbetriebliche Lehrwerkstatt: CNC, SPS, Robotik, Schweißen.",
    ),
    (
        "Bildungszentrum Eichsfeld e. V.",
        "provider",
        "85",
        "",
        "Wilhelmstraße 47",
        "37308",
        "Heilbad Heiligenstadt",
        "Berufliche Weiterbildung mit AZAV-Zulassung, Schwerpunkt Metall und Logistik.",
    ),
    (
        "Digitalakademie Wartburgregion",
        "provider",
        "85",
        "",
        "Markt 5",
        "99817",
        "Eisenach",
        "Online-Live-Kurse zu Datenkompetenz, IT-Sicherheit und KI für Beschäftigte.",
    ),
    (
        "Schweißtechnische Kursstätte Mühlhausen",
        "provider",
        "85",
        "",
        "Wendewehrstraße 6",
        "99974",
        "Mühlhausen",
        "Schweißerprüfungen und Schutzgasschweißen nach DIN EN ISO 9606.",
    ),
    (
        "IHK Erfurt – Servicecenter Nordhausen",
        "chamber",
        "94",
        "",
        "Kranichstraße 3",
        "99734",
        "Nordhausen",
        "Aufstiegsfortbildung, Prüfungen, Weiterbildungsberatung.",
    ),
    (
        "Handwerkskammer Erfurt – Bildungszentrum Gotha",
        "chamber",
        "94",
        "",
        "Gothaer Straße 21",
        "99867",
        "Gotha",
        "Meisterkurse und Fortbildungen im Handwerk.",
    ),
    (
        "IG Metall Geschäftsstelle Nordhausen",
        "union",
        "94",
        "",
        "Töpferstraße 26",
        "99734",
        "Nordhausen",
        "Betriebsratsqualifizierung und Transformationsberatung.",
    ),
    (
        "IG Metall Geschäftsstelle Eisenach",
        "union",
        "94",
        "",
        "Katharinenstraße 1",
        "99817",
        "Eisenach",
        "Beratung zu Qualifizierungstarifverträgen.",
    ),
    (
        "Staatliche Berufsbildende Schule Gotha-Arnstadt",
        "vocational_college",
        "85",
        "",
        "Schubertstraße 13",
        "99867",
        "Gotha",
        "Fachschule Technik, Abendform für Berufstätige.",
    ),
    (
        "Staatliches Berufsschulzentrum Nordhausen",
        "vocational_college",
        "85",
        "",
        "Morgenröte 14",
        "99734",
        "Nordhausen",
        "Mechatronik und Elektrotechnik.",
    ),
    (
        "Berufsbildende Schulen Eichsfeld",
        "vocational_college",
        "85",
        "",
        "Bahnhofstraße 5",
        "37327",
        "Leinefelde-Worbis",
        "Metalltechnik, Fahrzeugtechnik.",
    ),
    (
        "Hochschule Nordhausen",
        "university",
        "85",
        "",
        "Weinberghof 4",
        "99734",
        "Nordhausen",
        "Berufsbegleitende Zertifikatskurse zu Automatisierung und Energiesystemen.",
    ),
    (
        "Landratsamt Gotha – Wirtschaftsförderung",
        "public_body",
        "84",
        "",
        "18.-März-Straße 50",
        "99867",
        "Gotha",
        "Ansprechpartner für Ansiedlung und Fachkräftesicherung.",
    ),
    (
        "Agentur für Arbeit Nordhausen",
        "public_body",
        "84",
        "",
        "Uferstraße 2",
        "99734",
        "Nordhausen",
        "Arbeitgeber-Service und Weiterbildungsberatung (§ 82 SGB III).",
    ),
    (
        "Wirtschaftsförderung Wartburgkreis",
        "public_body",
        "84",
        "",
        "Erzberger Allee 14",
        "36433",
        "Bad Salzungen",
        "Netzwerk der Unternehmen im Wartburgkreis.",
    ),
    (
        "Automotive Thüringen e. V. – Regionalgruppe Nord",
        "association",
        "94",
        "",
        "Am Bahnhof 2",
        "99734",
        "Nordhausen",
        "Branchennetzwerk der Fahrzeug- und Zulieferindustrie.",
    ),
    (
        "Unternehmerverband Unstrut-Hainich e. V.",
        "association",
        "94",
        "",
        "Felchtaer Straße 2",
        "99974",
        "Mühlhausen",
        "Interessenvertretung kleiner und mittlerer Unternehmen.",
    ),
    (
        "Transformationsagentur Nordthüringen",
        "other",
        "70",
        "",
        "Hauptmarkt 1",
        "99867",
        "Gotha",
        "Koordinationsstelle des Weiterbildungsverbunds.",
    ),
];

/// Organisations that have applied but await the coordinator's decision.
const PENDING: &[OrgSeed] = &[
    (
        "Nordhäuser Kabelkonfektion GmbH",
        "company",
        "27",
        "small",
        "Helmestraße 3",
        "99734",
        "Nordhausen",
        "Kabelkonfektion, sucht Qualifizierung für Prüftechnik.",
    ),
    (
        "Eichsfeld Robotik UG",
        "company",
        "28",
        "micro",
        "Am Anger 9",
        "37351",
        "Dingelstädt",
        "Integration kollaborativer Roboter für kleine Betriebe.",
    ),
];

const OWL: &[OrgSeed] = &[
    (
        "Bielefelder Maschinenbau GmbH",
        "company",
        "28",
        "medium",
        "Eckendorfer Straße 20",
        "33609",
        "Bielefeld",
        "Sondermaschinen, digitale Lernwerkstatt im Aufbau.",
    ),
    (
        "Gütersloher Haushaltsgeräte-Zulieferer KG",
        "company",
        "27",
        "large",
        "Carl-Miele-Straße 5",
        "33332",
        "Gütersloh",
        "Baugruppen für Haushaltsgeräte.",
    ),
    (
        "Lippische Möbelwerkstätten GmbH",
        "company",
        "31",
        "small",
        "Ostertor 3",
        "32756",
        "Detmold",
        "Möbelfertigung mit CNC-Zuschnitt.",
    ),
    (
        "Weiterbildungszentrum OWL",
        "provider",
        "85",
        "",
        "Jahnplatz 5",
        "33602",
        "Bielefeld",
        "Kurse zu Arbeit 4.0 und Lernkultur.",
    ),
    (
        "Regionalagentur OWL",
        "public_body",
        "84",
        "",
        "Willy-Brandt-Platz 2",
        "33602",
        "Bielefeld",
        "Ideenlabore und Fachkräftesicherung in OWL.",
    ),
    (
        "Paderborner Softwarehaus GmbH",
        "company",
        "62",
        "small",
        "Fürstenallee 11",
        "33102",
        "Paderborn",
        "Software für Produktionsplanung.",
    ),
];

/// Demo people: (email, name, role description). Passwords are all [`DEMO_PASSWORD`].
pub struct DemoLogin {
    pub email: &'static str,
    pub role: &'static str,
}

pub struct DemoSummary {
    pub created: bool,
    pub logins: Vec<DemoLogin>,
}

impl DemoSummary {
    pub fn render(&self, base_url: &str) -> String {
        let mut out = String::new();
        out.push_str(if self.created {
            "Demo region loaded.\n"
        } else {
            "Demo region was already loaded.\n"
        });
        out.push_str(&format!(
            "Open {base_url}/n/{DEMO_NETWORK}\nDemo logins (password for all: {DEMO_PASSWORD}):\n"
        ));
        for l in &self.logins {
            out.push_str(&format!("  {:<42} {}\n", l.email, l.role));
        }
        out
    }
}

const LOGINS: &[(&str, &str, &str)] = &[
    (
        "admin@lernregion.example",
        "Plattform-Admin",
        "platform administrator",
    ),
    (
        "koordination@nordthueringen.example",
        "Katrin Vogt",
        "coordinator, Nordthüringen",
    ),
    (
        "botschafter@nordthueringen.example",
        "Tobias Heller",
        "ambassador, Nordthüringen",
    ),
    (
        "multiplikatorin@nordthueringen.example",
        "Sevgi Yılmaz",
        "multiplier, Nordthüringen",
    ),
    (
        "coach@nordthueringen.example",
        "Jens Brandt",
        "coach, Nordthüringen",
    ),
    (
        "personal@gothaer-fahrzeugtechnik.example",
        "Martina Köhler",
        "admin of Gothaer Fahrzeugtechnik GmbH",
    ),
    (
        "betriebsrat@gothaer-fahrzeugtechnik.example",
        "Uwe Sommer",
        "member of Gothaer Fahrzeugtechnik GmbH",
    ),
    (
        "anna.beck@example.org",
        "Anna Beck",
        "employee of Gothaer Fahrzeugtechnik GmbH",
    ),
    (
        "kurse@technikum-nordthueringen.example",
        "Dirk Lange",
        "admin of Technikum Nordthüringen (provider)",
    ),
    (
        "bewerbung@nordhaeuser-kabel.example",
        "Petra Wolf",
        "admin of a company with a pending application",
    ),
    (
        "koordination@owl.example",
        "Marie Jansen",
        "coordinator, Bildungsnetz OWL",
    ),
];

async fn ensure_user(
    db: &Db,
    email: &str,
    name: &str,
    hash: &str,
) -> anyhow::Result<crate::ids::UserId> {
    let parsed = Email::parse(email).map_err(|k| anyhow::anyhow!("demo e-mail {email}: {k}"))?;
    if let Some(u) = auth::queries::user_by_email(db, &parsed).await? {
        return Ok(u.id);
    }
    Ok(auth::queries::create_user(db, &parsed, name, hash, "de", Some(now()), now()).await?)
}

async fn create_orgs(
    db: &Db,
    seeds: &[OrgSeed],
    admin: Option<crate::ids::UserId>,
) -> anyhow::Result<Vec<crate::ids::OrganizationId>> {
    let mut ids = Vec::new();
    for (name, kind, sector, size, street, postal, city, description) in seeds {
        let form = OrgForm {
            name: (*name).into(),
            kind: (*kind).into(),
            sector_code: (*sector).into(),
            size_class: (*size).into(),
            description: (*description).into(),
            street: (*street).into(),
            postal_code: (*postal).into(),
            city: (*city).into(),
            ..OrgForm::default()
        };
        let profile = OrgProfile::try_from(&form)
            .map_err(|e| anyhow::anyhow!("demo organisation {name}: {e:?}"))?;
        ids.push(queries::create_org(db, &profile, admin, now()).await?);
    }
    Ok(ids)
}

/// Loads the demo data unless the demo network exists already.
pub async fn load(db: &Db) -> anyhow::Result<DemoSummary> {
    let logins = LOGINS
        .iter()
        .map(|(email, _, role)| DemoLogin { email, role })
        .collect();
    match demo_state(db).await?.as_deref() {
        Some(LOADED) => {
            return Ok(DemoSummary {
                created: false,
                logins,
            });
        }
        Some(_) => {
            tracing::warn!(
                "the last demo load was interrupted; removing what it wrote and loading again"
            );
            remove_partial_demo(db).await?;
        }
        // Loaded before the marker existed.
        None if queries::network_by_slug(db, DEMO_NETWORK).await?.is_some() => {
            set_demo_state(db, LOADED).await?;
            return Ok(DemoSummary {
                created: false,
                logins,
            });
        }
        None => {}
    }
    set_demo_state(db, LOADING).await?;
    load_all(db).await?;
    set_demo_state(db, LOADED).await?;
    Ok(DemoSummary {
        created: true,
        logins,
    })
}

const LOADING: &str = "loading";
const LOADED: &str = "loaded";

async fn demo_state(db: &Db) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT value FROM platform_state WHERE key = 'demo'").fetch_optional(pool).await)
}

async fn set_demo_state(db: &Db, value: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO platform_state (key, value) VALUES ('demo', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(value).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes everything an interrupted demo load may have written: its two
/// networks (with all their data, by cascade), its organisations, its logins
/// and its employees without a password.
async fn remove_partial_demo(db: &Db) -> anyhow::Result<()> {
    let orgs: Vec<&str> = NORDTHUERINGEN
        .iter()
        .chain(PENDING)
        .chain(OWL)
        .map(|o| o.0)
        .collect();
    let logins: Vec<&str> = LOGINS.iter().map(|l| l.0).collect();
    let removed = async {
        for slug in [DEMO_NETWORK, "owl"] {
            on_db!(db, pool => sqlx::query("DELETE FROM networks WHERE slug = $1").bind(slug).execute(pool).await.map(|r| r.rows_affected()))?;
        }
        for name in &orgs {
            on_db!(db, pool => sqlx::query("DELETE FROM organizations WHERE name = $1").bind(*name).execute(pool).await.map(|r| r.rows_affected()))?;
        }
        for email in &logins {
            on_db!(db, pool => sqlx::query("DELETE FROM users WHERE email = $1").bind(*email).execute(pool).await.map(|r| r.rows_affected()))?;
        }
        on_db!(db, pool => sqlx::query("DELETE FROM users WHERE email LIKE '%@beschaeftigte.example' AND password_hash = '!'")
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok::<_, sqlx::Error>(())
    };
    removed.await.map_err(|e| {
        anyhow::anyhow!(
            "the last demo load was interrupted, and what it wrote could not be removed ({e}); start with a new database"
        )
    })
}

/// Writes the demo region.
async fn load_all(db: &Db) -> anyhow::Result<()> {
    let t = now();
    let hash = auth::password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut users = std::collections::HashMap::new();
    for (email, name, _) in LOGINS {
        users.insert(*email, ensure_user(db, email, name, &hash).await?);
    }
    let user = |email: &str| users[email];
    auth::queries::set_admin(db, user("admin@lernregion.example"), true).await?;

    let districts: Vec<String> = ["16067", "16064", "16061", "16062", "16065", "16063"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let nt = queries::create_network(
        db,
        DEMO_NETWORK,
        "Weiterbildungsverbund Nordthüringen",
        "Unternehmen der Fahrzeug- und Zulieferindustrie, Bildungsanbieter, Kammern, Gewerkschaften und Verwaltung in Nordthüringen gestalten gemeinsam die Weiterbildung für die Transformation – von der Bedarfsanalyse bis zum geförderten Kurs.",
        "koordination@nordthueringen.example",
        &districts,
        t,
    )
    .await?;
    for (email, role) in [
        (
            "koordination@nordthueringen.example",
            NetworkRole::Coordinator,
        ),
        (
            "botschafter@nordthueringen.example",
            NetworkRole::Ambassador,
        ),
        (
            "multiplikatorin@nordthueringen.example",
            NetworkRole::Multiplier,
        ),
        ("coach@nordthueringen.example", NetworkRole::Coach),
    ] {
        queries::grant_network_role(db, nt, user(email), role).await?;
    }

    let orgs = create_orgs(db, NORDTHUERINGEN, None).await?;
    for id in &orgs {
        queries::add_member(db, nt, *id, t).await?;
    }
    // People of the first company and of the training centre.
    let gfz = orgs[0];
    queries::add_person(
        db,
        gfz,
        user("personal@gothaer-fahrzeugtechnik.example"),
        OrgRole::Admin,
        t,
    )
    .await?;
    queries::add_person(
        db,
        gfz,
        user("betriebsrat@gothaer-fahrzeugtechnik.example"),
        OrgRole::Member,
        t,
    )
    .await?;
    queries::add_person(db, gfz, user("anna.beck@example.org"), OrgRole::Employee, t).await?;
    let technikum = orgs[NORDTHUERINGEN
        .iter()
        .position(|o| o.0.starts_with("Technikum"))
        .unwrap_or(0)];
    queries::add_person(
        db,
        technikum,
        user("kurse@technikum-nordthueringen.example"),
        OrgRole::Admin,
        t,
    )
    .await?;

    for (i, id) in orgs.iter().enumerate() {
        let (name, kind, ..) = NORDTHUERINGEN[i];
        let contact = match kind {
            "company" => NewContact {
                name: "Personalabteilung".into(),
                role_title: "Ansprechpartner Weiterbildung".into(),
                email: String::new(),
                phone: "03621 000-0".into(),
                is_public: true,
            },
            _ => NewContact {
                name: format!("Beratung {}", name.split(' ').next().unwrap_or("")),
                role_title: "Weiterbildungsberatung".into(),
                email: String::new(),
                phone: String::new(),
                is_public: true,
            },
        };
        queries::add_contact(db, *id, &contact).await?;
    }
    let geo =
        geocode("99880", "Waltershausen").map_err(|k| anyhow::anyhow!("demo location: {k}"))?;
    queries::add_location(
        db,
        gfz,
        &NewLocation {
            label: "Werk 2 – Lackiererei".into(),
            street: "Am Burgberg 3".into(),
            geo,
        },
    )
    .await?;
    queries::add_contact(
        db,
        gfz,
        &NewContact {
            name: "Martina Köhler".into(),
            role_title: "Leitung Personalentwicklung".into(),
            email: "personal@gothaer-fahrzeugtechnik.example".into(),
            phone: "03621 000-120".into(),
            is_public: true,
        },
    )
    .await?;

    // The network works with the shipped framework; OWL has none yet, so a
    // coordinator can try adopting or importing one.
    let framework = crate::competences::framework::parse_competences(
        crate::competences::framework::SHIPPED_COMPETENCES,
    )
    .map_err(|e| anyhow::anyhow!("shipped framework: {e:?}"))?;
    let levels =
        crate::competences::framework::parse_levels(crate::competences::framework::SHIPPED_LEVELS)
            .map_err(|e| anyhow::anyhow!("shipped levels: {e:?}"))?;
    crate::competences::queries::import_framework(db, nt, &framework.rows, &levels).await?;
    let mut companies = Vec::new();
    for (i, (_, kind, _, size, _, postal, city, _)) in NORDTHUERINGEN.iter().enumerate() {
        if *kind == "company" {
            let geo = geocode(postal, city).map_err(|k| anyhow::anyhow!("demo company: {k}"))?;
            companies.push(crate::competences::demo::DemoCompany {
                id: orgs[i],
                size,
                district: geo.district_ags,
            });
        }
    }
    crate::competences::demo::load(db, nt, &companies, (gfz, user("anna.beck@example.org")), t)
        .await?;
    let providers: std::collections::HashMap<String, crate::ids::OrganizationId> = NORDTHUERINGEN
        .iter()
        .zip(&orgs)
        .map(|(o, id)| (o.0.to_owned(), *id))
        .collect();
    crate::catalog::demo::load(db, nt, &providers, crate::kernel::days::day_of(t)).await?;
    crate::catalog::demo::pool(
        db,
        nt,
        user("koordination@nordthueringen.example"),
        (
            providers["Technikum Nordthüringen gGmbH"],
            user("kurse@technikum-nordthueringen.example"),
        ),
        t,
    )
    .await?;

    crate::ideas::demo::load(
        db,
        nt,
        gfz,
        &crate::ideas::demo::People {
            coordinator: user("koordination@nordthueringen.example"),
            company_admin: user("personal@gothaer-fahrzeugtechnik.example"),
            works_council: user("betriebsrat@gothaer-fahrzeugtechnik.example"),
            employee: user("anna.beck@example.org"),
            others: vec![
                user("botschafter@nordthueringen.example"),
                user("multiplikatorin@nordthueringen.example"),
                user("coach@nordthueringen.example"),
            ],
        },
        t,
    )
    .await?;

    let pending = create_orgs(
        db,
        PENDING,
        Some(user("bewerbung@nordhaeuser-kabel.example")),
    )
    .await?;
    for id in pending {
        queries::apply(db, nt, id, "Wir möchten uns am Verbund beteiligen und Qualifizierungen gemeinsam mit anderen Betrieben planen.", user("bewerbung@nordhaeuser-kabel.example"), t).await?;
    }

    let owl_districts: Vec<String> = [
        "05711", "05754", "05758", "05762", "05766", "05770", "05774",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let owl = queries::create_network(
        db,
        "owl",
        "Intelligentes Bildungsnetz OWL",
        "Akteure aus Bildung, Forschung und Wirtschaft in Ostwestfalen-Lippe machen Nachwuchs und Fachkräfte fit für Industrie 4.0.",
        "koordination@owl.example",
        &owl_districts,
        t,
    )
    .await?;
    queries::grant_network_role(
        db,
        owl,
        user("koordination@owl.example"),
        NetworkRole::Coordinator,
    )
    .await?;
    for id in create_orgs(db, OWL, None).await? {
        queries::add_member(db, owl, id, t).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_address_geocodes_into_its_network() {
        let nt = ["16067", "16064", "16061", "16062", "16065", "16063"];
        for (name, _, _, _, _, postal, city, _) in NORDTHUERINGEN.iter().chain(PENDING) {
            let g = geocode(postal, city).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                nt.contains(&g.district_ags.as_str()),
                "{name} lies in {}",
                g.district_ags
            );
        }
        let owl = [
            "05711", "05754", "05758", "05762", "05766", "05770", "05774",
        ];
        for (name, _, _, _, _, postal, city, _) in OWL {
            let g = geocode(postal, city).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                owl.contains(&g.district_ags.as_str()),
                "{name} lies in {}",
                g.district_ags
            );
        }
    }

    #[test]
    fn demo_covers_every_kind_and_district() {
        use crate::networks::domain::OrgKind;
        for k in OrgKind::ALL {
            assert!(
                NORDTHUERINGEN.iter().any(|o| o.1 == k.as_str()),
                "{k:?} missing"
            );
        }
        assert!(NORDTHUERINGEN.len() >= 40);
    }
}
