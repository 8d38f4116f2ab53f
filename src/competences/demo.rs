//! Demo competence data: roles, visions and believable employees with
//! assessments, so that heat tables, the regional table and the district
//! map show real patterns. Suppliers in Gotha and the Eichsfeld bring in
//! welding robots and PLC-controlled lines, and their people lack exactly
//! those skills. Deterministic (seeded), bulk-inserted in one transaction.

use std::collections::HashMap;

use rand::{Rng, SeedableRng, rngs::StdRng};

use super::queries;
use crate::kernel::days::day_of;
use crate::{
    db::Db,
    ids::{CompetenceId, NetworkId, OrganizationId, UserId},
    on_db,
};

pub struct DemoCompany {
    pub id: OrganizationId,
    pub size: &'static str,
    pub district: String,
}

/// (role, [(competence code, level, importance)])
type RoleSeed = (&'static str, &'static [(&'static str, i64, &'static str)]);

const ROLES: &[RoleSeed] = &[
    (
        "Maschinenbediener:in",
        &[
            ("cnc_machine_setup_operation", 3, "high"),
            ("cax_technical_drawings", 3, "medium"),
            ("quality_lean_5s", 2, "low"),
            ("automation_hmi_operation", 2, "medium"),
            ("it_security_phishing_awareness", 2, "medium"),
            ("basic_digital_skills", 2, "medium"),
            ("basic_reading", 2, "medium"),
            ("transversal_teamwork_communication", 3, "low"),
        ],
    ),
    (
        "Instandhalter:in",
        &[
            ("automation_plc_troubleshooting", 3, "high"),
            ("automation_electrical_safety", 3, "high"),
            ("automation_sensors_actuators", 3, "medium"),
            ("ai_data_condition_monitoring", 2, "medium"),
            ("it_security_ot_security", 2, "medium"),
            ("transversal_problem_solving", 3, "medium"),
        ],
    ),
    (
        "Produktionsplaner:in",
        &[
            ("digital_work_mes_erp", 3, "high"),
            ("ai_data_spreadsheet_analysis", 3, "medium"),
            ("ai_data_kpi_dashboards", 2, "medium"),
            ("quality_lean_value_stream", 2, "medium"),
            ("ai_data_ai_assistants_responsible_use", 2, "low"),
        ],
    ),
];

/// Requirements a robot welding cell adds, by role index.
const ROBOT_CHANGE: &[(usize, &str, i64, &str)] = &[
    (0, "robotics_fundamentals_safety", 3, "high"),
    (0, "robotics_cell_operation", 3, "high"),
    (0, "robotics_teach_in_programming", 2, "medium"),
    (1, "robotics_teach_in_programming", 3, "high"),
    (1, "automation_plc_programming_iec61131", 3, "high"),
    (1, "robotics_fundamentals_safety", 3, "high"),
];

/// Requirements connected machine data adds.
const MES_CHANGE: &[(usize, &str, i64, &str)] = &[
    (0, "digital_work_mes_erp", 2, "medium"),
    (0, "ai_data_data_literacy", 2, "medium"),
    (1, "cnc_connected_manufacturing", 2, "medium"),
    (2, "ai_data_kpi_dashboards", 3, "high"),
];

const FIRST: &[&str] = &[
    "Anja",
    "Ben",
    "Carla",
    "Dirk",
    "Elif",
    "Frank",
    "Gül",
    "Heiko",
    "Ines",
    "Jens",
    "Katrin",
    "Lars",
    "Mandy",
    "Nico",
    "Olga",
    "Peter",
    "Ramona",
    "Sven",
    "Tanja",
    "Uwe",
    "Vivien",
    "Wojciech",
    "Yvonne",
    "Ahmad",
    "Birgit",
    "Christian",
    "Doreen",
    "Enrico",
    "Franziska",
    "Marek",
];
const LAST: &[&str] = &[
    "Albrecht",
    "Bauer",
    "Cramer",
    "Dietz",
    "Eckardt",
    "Fischer",
    "Gerlach",
    "Hoffmann",
    "Iser",
    "Jung",
    "Kaiser",
    "Lange",
    "Möller",
    "Nowak",
    "Otto",
    "Pfeifer",
    "Quast",
    "Richter",
    "Schulz",
    "Thiele",
    "Ulbrich",
    "Vogel",
    "Wagner",
    "Yilmaz",
    "Zimmermann",
    "Kowalski",
    "Braun",
];

fn people_for(size: &str) -> usize {
    match size {
        "micro" => 5,
        "small" => 10,
        "medium" => 16,
        _ => 24,
    }
}

/// Skills a change brings in that hardly anyone has yet.
fn is_new_technology(code: &str) -> bool {
    code.starts_with("robotics_")
        || code == "automation_plc_programming_iec61131"
        || code == "cnc_connected_manufacturing"
}

pub async fn load(
    db: &Db,
    network: NetworkId,
    companies: &[DemoCompany],
    anna: (OrganizationId, UserId),
    now: i64,
) -> anyhow::Result<()> {
    let ids: HashMap<String, CompetenceId> = queries::competences(db, network)
        .await?
        .into_iter()
        .map(|c| (c.code, c.id))
        .collect();
    let id = |code: &str| {
        ids.get(code)
            .copied()
            .ok_or_else(|| anyhow::anyhow!("demo needs competence {code}"))
    };
    let today = day_of(now);
    let mut rng = StdRng::seed_from_u64(2026);
    // Record keys from their own stream, so the demo's people stay the same.
    let mut keys = StdRng::seed_from_u64(4711);
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut person = 0usize;
        for company in companies {
            let mut role_ids = Vec::new();
            for (name, reqs) in ROLES {
                let role: i64 = sqlx::query_scalar("INSERT INTO job_roles (org_id, name, description, created_at) VALUES ($1, $2, '', $3) RETURNING id")
                    .bind(company.id).bind(*name).bind(now).fetch_one(&mut *tx).await?;
                for (code, level, importance) in reqs.iter() {
                    sqlx::query("INSERT INTO role_requirements (role_id, competence_id, change_id, level, importance) VALUES ($1, $2, NULL, $3, $4)")
                        .bind(role).bind(id(code)?).bind(*level).bind(*importance).execute(&mut *tx).await?;
                }
                role_ids.push(role);
            }
            let robots = matches!(company.district.as_str(), "16067" | "16061");
            let (title, reason, technology, target, reqs) = if robots {
                ("Roboterzelle zum Schweißen", "Zwei Schweißroboter übernehmen ab Mitte 2027 die Serienteile; Bediener:innen und Instandhaltung müssen die Zelle sicher betreiben und programmieren.", "robotics", today + 420, ROBOT_CHANGE)
            } else {
                ("Vernetzte Maschinendaten (MES)", "Die Maschinen melden ihre Daten ab Ende 2027 an das MES; alle arbeiten mit Kennzahlen am Bildschirm.", "mes", today + 600, MES_CHANGE)
            };
            let change: i64 = sqlx::query_scalar("INSERT INTO org_changes (org_id, title, reason, technology, target_day, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .bind(company.id).bind(title).bind(reason).bind(technology).bind(target).bind(now).fetch_one(&mut *tx).await?;
            for (role, code, level, importance) in reqs.iter() {
                sqlx::query("INSERT INTO role_requirements (role_id, competence_id, change_id, level, importance) VALUES ($1, $2, $3, $4, $5)")
                    .bind(role_ids[*role]).bind(id(code)?).bind(change).bind(*level).bind(*importance).execute(&mut *tx).await?;
            }

            for n in 0..people_for(company.size) {
                person += 1;
                let role = match n % 20 { 0..=11 => 0, 12..=16 => 1, _ => 2 };
                let name = format!("{} {}", FIRST[person % FIRST.len()], LAST[(person * 7) % LAST.len()]);
                // Accounts without a password: demo people who cannot log in.
                let user: i64 = sqlx::query_scalar(
                    "INSERT INTO users (email, display_name, password_hash, locale, email_confirmed_at, created_at, record_key) VALUES ($1, $2, '!', 'de', $3, $3, $4) RETURNING id")
                    .bind(format!("person{person}@beschaeftigte.example")).bind(&name).bind(now).bind(i64::from(keys.random::<u32>())).fetch_one(&mut *tx).await?;
                sqlx::query("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES ($1, $2, 'employee', $3)")
                    .bind(company.id).bind(user).bind(now).execute(&mut *tx).await?;
                let share = rng.random_bool(0.3);
                sqlx::query("INSERT INTO employee_profiles (org_id, user_id, role_id, share_with_employer, manager_may_assess, round_started_at) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(company.id).bind(user).bind(role_ids[role]).bind(share).bind(share && rng.random_bool(0.5)).bind(now - 86_400 * 30)
                    .execute(&mut *tx).await?;
                // One in ten has not started yet; one in twenty answered long ago.
                if rng.random_bool(0.1) {
                    continue;
                }
                let assessed_on = if rng.random_bool(0.05) { today - 900 } else { today - rng.random_range(3..60) };
                let codes = ROLES[role].1.iter().map(|(c, l, _)| (*c, *l)).chain(reqs.iter().filter(|r| r.0 == role).map(|(_, c, l, _)| (*c, *l)));
                for (code, target) in codes {
                    let level: i64 = if is_new_technology(code) {
                        rng.random_range(0..=1)
                    } else {
                        (target - [0, 0, 1, 1, 2][rng.random_range(0..5)] + i64::from(rng.random_bool(0.15))).clamp(0, 4)
                    };
                    sqlx::query("INSERT INTO assessments (org_id, user_id, competence_id, level, source, assessed_by, assessed_on, created_at) VALUES ($1, $2, $3, $4, 'self', $2, $5, $6)")
                        .bind(company.id).bind(user).bind(id(code)?).bind(level).bind(assessed_on).bind(now - 86_400).execute(&mut *tx).await?;
                }
            }
        }
        // Anna Beck operates machines at the first company and has not
        // assessed herself yet: the demo's self-assessment starts with her.
        sqlx::query("INSERT INTO employee_profiles (org_id, user_id, role_id) SELECT $1, $2, MIN(id) FROM job_roles WHERE org_id = $1 AND name = $3")
            .bind(anna.0).bind(anna.1).bind(ROLES[0].0).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<(), anyhow::Error>(())
    })
}
