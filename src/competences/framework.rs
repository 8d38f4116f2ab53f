//! Competence frameworks as CSV: the shipped Industrie/Arbeit 4.0 framework,
//! import and export of a network's framework, and import of ESCO skills.
//! Pure parsing: every row is checked, bad rows are reported by line number
//! and the good ones are kept.

use std::collections::HashSet;

use serde::Serialize;

/// The columns of our own CSV format, in order.
pub const COLUMNS: [&str; 12] = [
    "area_code",
    "area_de",
    "area_en",
    "code",
    "name_de",
    "name_en",
    "description_de",
    "description_en",
    "plain_de",
    "plain_en",
    "dqr_hint",
    "technologies",
];

/// Technology tags a planned change can carry; competences name the
/// technologies that create a need for them.
pub const TECHNOLOGIES: [&str; 20] = [
    "robotics",
    "cobot",
    "cnc",
    "plc",
    "additive",
    "ai",
    "data",
    "cloud",
    "mes",
    "erp",
    "iot",
    "cybersecurity",
    "e_mobility",
    "energy",
    "welding",
    "cad",
    "cam",
    "vr_ar",
    "digital_learning",
    "logistics",
];

/// Areas whose competences are stigma-sensitive (see `anonymity`, rule 4).
pub const SENSITIVE_AREAS: [&str; 1] = ["basic"];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetenceRow {
    pub area_code: String,
    pub area_de: String,
    pub area_en: String,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub description_de: String,
    pub description_en: String,
    pub plain_de: String,
    pub plain_en: String,
    pub dqr_hint: String,
    pub technologies: Vec<String>,
    pub esco_uri: String,
}

impl CompetenceRow {
    pub fn sensitive(&self) -> bool {
        SENSITIVE_AREAS.contains(&self.area_code.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelRow {
    pub level: u8,
    pub label_de: String,
    pub label_en: String,
    pub descriptor_de: String,
    pub descriptor_en: String,
    pub plain_de: String,
    pub plain_en: String,
}

/// A rejected row: its line in the file and a message key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: u64,
    pub message_key: &'static str,
    /// The offending value or column, to show next to the message.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed<T> {
    pub rows: Vec<T>,
    pub errors: Vec<RowError>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            rows: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// Technologies as stored and written: tags joined by `;`.
pub fn technology_list(stored: &str) -> Vec<String> {
    stored
        .split(';')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn valid_code(s: &str) -> bool {
    (2..=80).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn bounded(s: &str, max: usize) -> Option<String> {
    let t = s.trim();
    (t.chars().count() <= max).then(|| t.to_owned())
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    // Spreadsheet exports often start with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::Headers)
        .from_reader(text.as_bytes())
}

/// Parses our own format. Columns may come in any order; unknown columns
/// are ignored; `esco_uri` is optional.
pub fn parse_competences(text: &str) -> Result<Parsed<CompetenceRow>, RowError> {
    let mut rdr = reader(text);
    let headers = rdr
        .headers()
        .map_err(|_| RowError {
            line: 1,
            message_key: "csv-unreadable",
            detail: String::new(),
        })?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let mut idx = Vec::new();
    for name in COLUMNS {
        match col(name) {
            Some(i) => idx.push(i),
            None => {
                return Err(RowError {
                    line: 1,
                    message_key: "csv-missing-column",
                    detail: name.to_owned(),
                });
            }
        }
    }
    let esco = col("esco_uri");
    let mut out = Parsed::default();
    let mut seen = HashSet::new();
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                out.errors.push(RowError {
                    line,
                    message_key: "csv-unreadable",
                    detail: String::new(),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let get = |i: usize| record.get(idx[i]).unwrap_or_default();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let fail = |key: &'static str, detail: &str| RowError {
            line,
            message_key: key,
            detail: detail.to_owned(),
        };
        let area_code = get(0).trim().to_owned();
        let code = get(3).trim().to_owned();
        if !valid_code(&area_code) {
            out.errors.push(fail("csv-code-invalid", &area_code));
            continue;
        }
        if !valid_code(&code) {
            out.errors.push(fail("csv-code-invalid", &code));
            continue;
        }
        if !seen.insert(code.clone()) {
            out.errors.push(fail("csv-code-duplicate", &code));
            continue;
        }
        let required = [(1, 120), (2, 120), (4, 120), (5, 120)];
        if let Some(&(i, _)) = required
            .iter()
            .find(|(i, max)| get(*i).trim().is_empty() || bounded(get(*i), *max).is_none())
        {
            out.errors.push(fail(
                if get(i).trim().is_empty() {
                    "csv-value-missing"
                } else {
                    "csv-value-too-long"
                },
                COLUMNS[i],
            ));
            continue;
        }
        if let Some(i) = (6..=9).find(|&i| bounded(get(i), 1000).is_none()) {
            out.errors.push(fail("csv-value-too-long", COLUMNS[i]));
            continue;
        }
        let technologies: Vec<String> = get(11)
            .split([';', ','])
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        if let Some(bad) = technologies
            .iter()
            .find(|t| !TECHNOLOGIES.contains(&t.as_str()))
        {
            out.errors.push(fail("csv-technology-unknown", bad));
            continue;
        }
        let dqr = get(10).trim();
        let dqr_ok = dqr.is_empty()
            || dqr
                .split('-')
                .all(|p| p.parse::<u8>().is_ok_and(|n| (1..=8).contains(&n)));
        if !dqr_ok {
            out.errors.push(fail("csv-dqr-invalid", dqr));
            continue;
        }
        let esco_uri = esco
            .and_then(|i| record.get(i))
            .unwrap_or_default()
            .trim()
            .to_owned();
        out.rows.push(CompetenceRow {
            area_code,
            area_de: get(1).trim().to_owned(),
            area_en: get(2).trim().to_owned(),
            code,
            name_de: get(4).trim().to_owned(),
            name_en: get(5).trim().to_owned(),
            description_de: get(6).trim().to_owned(),
            description_en: get(7).trim().to_owned(),
            plain_de: get(8).trim().to_owned(),
            plain_en: get(9).trim().to_owned(),
            dqr_hint: dqr.to_owned(),
            technologies,
            esco_uri,
        });
    }
    Ok(out)
}

/// Writes a framework in the format [`parse_competences`] reads.
pub fn write_competences(rows: &[CompetenceRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.push("esco_uri");
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for r in rows {
        let tech = r.technologies.join(";");
        let _ = w.write_record([
            &r.area_code,
            &r.area_de,
            &r.area_en,
            &r.code,
            &r.name_de,
            &r.name_en,
            &r.description_de,
            &r.description_en,
            &r.plain_de,
            &r.plain_en,
            &r.dqr_hint,
            &tech,
            &r.esco_uri,
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn parse_levels(text: &str) -> Result<Vec<LevelRow>, RowError> {
    let mut rdr = reader(text);
    let mut rows = Vec::new();
    for record in rdr.records() {
        let record = record.map_err(|_| RowError {
            line: 0,
            message_key: "csv-unreadable",
            detail: String::new(),
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let level = record
            .get(0)
            .and_then(|v| v.trim().parse::<u8>().ok())
            .filter(|l| *l <= 4)
            .ok_or(RowError {
                line,
                message_key: "level-invalid",
                detail: record.get(0).unwrap_or_default().to_owned(),
            })?;
        let f = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        rows.push(LevelRow {
            level,
            label_de: f(1),
            label_en: f(2),
            descriptor_de: f(3),
            descriptor_en: f(4),
            plain_de: f(5),
            plain_en: f(6),
        });
    }
    Ok(rows)
}

/// ESCO skills CSV (the official columns conceptUri, preferredLabel,
/// altLabels, description, skillType, reuseLevel). ESCO files come per
/// language; `lang` says which name/description columns the labels fill.
/// Imported skills go to the given area; their code derives from the URI.
pub fn parse_esco(
    text: &str,
    area_code: &str,
    area_de: &str,
    area_en: &str,
    lang: &str,
) -> Result<Parsed<CompetenceRow>, RowError> {
    let mut rdr = reader(text);
    let headers = rdr
        .headers()
        .map_err(|_| RowError {
            line: 1,
            message_key: "csv-unreadable",
            detail: String::new(),
        })?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(uri), Some(label)) = (col("conceptUri"), col("preferredLabel")) else {
        let missing = if col("conceptUri").is_none() {
            "conceptUri"
        } else {
            "preferredLabel"
        };
        return Err(RowError {
            line: 1,
            message_key: "csv-missing-column",
            detail: missing.into(),
        });
    };
    let description = col("description");
    let skill_type = col("skillType");
    let mut out = Parsed::default();
    let mut seen = HashSet::new();
    for record in rdr.records() {
        let Ok(record) = record else {
            out.errors.push(RowError {
                line: 0,
                message_key: "csv-unreadable",
                detail: String::new(),
            });
            continue;
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let uri_value = record.get(uri).unwrap_or_default().trim();
        let name = record.get(label).unwrap_or_default().trim();
        if !uri_value.starts_with("http://data.europa.eu/esco/skill/") {
            out.errors.push(RowError {
                line,
                message_key: "esco-uri-invalid",
                detail: uri_value.to_owned(),
            });
            continue;
        }
        if name.is_empty() || name.chars().count() > 120 {
            out.errors.push(RowError {
                line,
                message_key: "csv-value-missing",
                detail: "preferredLabel".into(),
            });
            continue;
        }
        // Knowledge and skills/competences are both useful; other types
        // (e.g. language codes) are not competences of our framework.
        let ty = skill_type.and_then(|i| record.get(i)).unwrap_or_default();
        if !ty.is_empty() && !ty.contains("skill") && !ty.contains("knowledge") {
            out.errors.push(RowError {
                line,
                message_key: "esco-type-skipped",
                detail: ty.to_owned(),
            });
            continue;
        }
        let id: String = uri_value
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(12)
            .collect();
        let code = format!("esco_{}", id.to_ascii_lowercase());
        if !seen.insert(code.clone()) {
            out.errors.push(RowError {
                line,
                message_key: "csv-code-duplicate",
                detail: code,
            });
            continue;
        }
        let desc: String = description
            .and_then(|i| record.get(i))
            .unwrap_or_default()
            .trim()
            .chars()
            .take(1000)
            .collect();
        let (name_de, name_en, description_de, description_en) = if lang == "en" {
            (name.to_owned(), name.to_owned(), String::new(), desc)
        } else {
            (name.to_owned(), name.to_owned(), desc, String::new())
        };
        out.rows.push(CompetenceRow {
            area_code: area_code.to_owned(),
            area_de: area_de.to_owned(),
            area_en: area_en.to_owned(),
            code,
            name_de,
            name_en,
            description_de,
            description_en,
            plain_de: String::new(),
            plain_en: String::new(),
            dqr_hint: String::new(),
            technologies: Vec::new(),
            esco_uri: uri_value.to_owned(),
        });
    }
    Ok(out)
}

/// The framework for Industrie / Arbeit 4.0 that ships with Lernregion
/// (data/frameworks, CC BY 4.0).
pub const SHIPPED_COMPETENCES: &str =
    include_str!("../../data/frameworks/industrie40_competences.csv");
pub const SHIPPED_LEVELS: &str = include_str!("../../data/frameworks/industrie40_levels.csv");

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "area_code,area_de,area_en,code,name_de,name_en,description_de,description_en,plain_de,plain_en,dqr_hint,technologies";

    #[test]
    fn good_rows_survive_bad_ones() {
        let text = format!(
            "\u{feff}{HEADER}\n\
             cnc,CNC,CNC,cnc_basics,CNC-Grundlagen,CNC basics,Beschreibung,Description,Einfach,Plain,3-4,cnc\n\
             cnc,CNC,CNC,Bad Code,x,x,,,,,,\n\
             cnc,CNC,CNC,cnc_basics,Doppelt,Twice,,,,,,\n\
             cnc,CNC,CNC,cnc_five_axis,5-Achs-Fräsen,\"5-axis milling, simultaneous\",,,,,4,cnc;cam\n\
             cnc,CNC,CNC,cnc_laser,Laser,Laser,,,,,9,\n\
             cnc,CNC,CNC,cnc_x,X,X,,,,,,teleportation\n\
             cnc,CNC,CNC,cnc_y,,Y,,,,,,\n"
        );
        let p = parse_competences(&text).unwrap();
        assert_eq!(
            p.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            ["cnc_basics", "cnc_five_axis"]
        );
        assert_eq!(p.rows[1].name_en, "5-axis milling, simultaneous");
        assert_eq!(p.rows[1].technologies, ["cnc", "cam"]);
        let keys: Vec<_> = p.errors.iter().map(|e| (e.line, e.message_key)).collect();
        assert_eq!(
            keys,
            [
                (3, "csv-code-invalid"),
                (4, "csv-code-duplicate"),
                (6, "csv-dqr-invalid"),
                (7, "csv-technology-unknown"),
                (8, "csv-value-missing"),
            ]
        );
    }

    #[test]
    fn export_and_import_round_trip() {
        let text = format!(
            "{HEADER}\nbasic,Grundbildung,Basic skills,basic_reading,Lesen,Reading,\"Texte, Tabellen\",,Sie lesen „Anleitungen“.,,1-2,\n"
        );
        let rows = parse_competences(&text).unwrap().rows;
        assert!(rows[0].sensitive());
        let again = parse_competences(&write_competences(&rows)).unwrap();
        assert!(again.errors.is_empty());
        assert_eq!(again.rows, rows);
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = parse_competences("area_code,code\nx,y\n").unwrap_err();
        assert_eq!(
            (e.message_key, e.detail.as_str()),
            ("csv-missing-column", "area_de")
        );
    }

    #[test]
    fn esco_skills_import() {
        let text = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n\
            KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab,skill/competence,sector-specific,program CNC machines,\"CNC programming\nG-code\",Write programs for CNC machines.\n\
            KnowledgeSkillCompetence,not-a-uri,skill/competence,,broken,,\n";
        let p = parse_esco(text, "esco", "ESCO", "ESCO", "en").unwrap();
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].code, "esco_0005c1515b5a");
        assert_eq!(p.rows[0].description_en, "Write programs for CNC machines.");
        assert_eq!(p.errors[0].message_key, "esco-uri-invalid");
        assert!(parse_esco("foo,bar\n1,2\n", "esco", "E", "E", "en").is_err());
    }

    #[test]
    fn the_shipped_framework_is_complete() {
        let p = parse_competences(SHIPPED_COMPETENCES).unwrap();
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert!(p.rows.len() >= 60, "{}", p.rows.len());
        let areas: HashSet<&str> = p.rows.iter().map(|r| r.area_code.as_str()).collect();
        for area in [
            "cax",
            "cnc",
            "automation",
            "robotics",
            "ai_data",
            "additive",
            "it_security",
            "digital_work",
            "quality_lean",
            "sustainability",
            "basic",
            "transversal",
        ] {
            assert!(areas.contains(area), "{area}");
        }
        assert!(
            p.rows
                .iter()
                .all(|r| !r.plain_de.is_empty() && !r.plain_en.is_empty())
        );
        let levels = parse_levels(SHIPPED_LEVELS).unwrap();
        assert_eq!(
            levels.iter().map(|l| l.level).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
    }
}
