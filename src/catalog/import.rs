//! Bulk import of offerings: our CSV (comma or semicolon separated, as
//! spreadsheets save it) and JSON in the shape of schema.org `Course` with
//! `hasCourseInstance`. Every row is checked on its own: good rows are
//! saved, bad rows are reported with line and field.

use serde_json::Value;

use super::domain::OfferingInput;

/// The CSV columns, in the order of the template we offer for download.
pub const COLUMNS: [&str; 26] = [
    "external_id",
    "title",
    "description",
    "competences",
    "format",
    "start_date",
    "end_date",
    "schedule",
    "hours_total",
    "hours_per_week",
    "part_time",
    "evenings",
    "weekends",
    "street",
    "postal_code",
    "city",
    "language",
    "price_eur",
    "certificate",
    "azav",
    "step_free",
    "childcare",
    "plain_language",
    "min_participants",
    "max_participants",
    "url",
];

/// A problem with one row (or the whole file, line 0).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// CSV line, or position of the course instance in the JSON (1-based).
    pub line: u64,
    pub field: String,
    pub message_key: &'static str,
    pub value: String,
}

/// One parsed row with the line it came from. `provider` is the optional
/// provider column (used by the demo loader; a provider's own import
/// ignores it).
pub struct Row {
    pub line: u64,
    pub provider: String,
    pub input: OfferingInput,
}

fn file_error(key: &'static str, value: impl Into<String>) -> ImportError {
    ImportError {
        line: 0,
        field: String::new(),
        message_key: key,
        value: value.into(),
    }
}

/// Reads CSV or JSON, told apart by the first character.
pub fn parse(text: &str) -> Result<Vec<Row>, ImportError> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        parse_json(t)
    } else {
        parse_csv(t)
    }
}

pub fn parse_csv(text: &str) -> Result<Vec<Row>, ImportError> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| file_error("import-csv-unreadable", ""))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "title") {
        return Err(file_error("import-column-missing", "title"));
    }
    if let Some(unknown) = headers
        .iter()
        .find(|h| !COLUMNS.contains(&h.as_str()) && h.as_str() != "provider")
    {
        return Err(file_error("import-column-unknown", unknown.clone()));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError {
            line: e.position().map(|p| p.line()).unwrap_or_default(),
            field: String::new(),
            message_key: "import-csv-unreadable",
            value: String::new(),
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or_default();
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let mut input = OfferingInput::default();
        let mut provider = String::new();
        for (h, v) in headers.iter().zip(record.iter()) {
            let v = v.to_owned();
            match h.as_str() {
                "provider" => provider = v,
                "competences" => input.set_competences_from(&v),
                other => set_field(&mut input, other, v),
            }
        }
        rows.push(Row {
            line,
            provider,
            input,
        });
    }
    Ok(rows)
}

fn set_field(i: &mut OfferingInput, name: &str, v: String) {
    let slot = match name {
        "external_id" => &mut i.external_id,
        "title" => &mut i.title,
        "description" => &mut i.description,
        "format" => &mut i.format,
        "start_date" => &mut i.start_date,
        "end_date" => &mut i.end_date,
        "schedule" => &mut i.schedule,
        "hours_total" => &mut i.hours_total,
        "hours_per_week" => &mut i.hours_per_week,
        "part_time" => &mut i.part_time,
        "evenings" => &mut i.evenings,
        "weekends" => &mut i.weekends,
        "street" => &mut i.street,
        "postal_code" => &mut i.postal_code,
        "city" => &mut i.city,
        "language" => &mut i.language,
        "price_eur" => &mut i.price_eur,
        "certificate" => &mut i.certificate,
        "azav" => &mut i.azav,
        "step_free" => &mut i.step_free,
        "childcare" => &mut i.childcare,
        "plain_language" => &mut i.plain_language,
        "min_participants" => &mut i.min_participants,
        "max_participants" => &mut i.max_participants,
        "url" => &mut i.url,
        _ => return,
    };
    *slot = v;
}

/// schema.org JSON: a `Course`, a list of them, or an `@graph`. Each
/// `CourseInstance` of a course becomes one offering; a course without
/// instances becomes one offering that starts any time.
pub fn parse_json(text: &str) -> Result<Vec<Row>, ImportError> {
    let v: Value =
        serde_json::from_str(text).map_err(|e| file_error("import-json-invalid", e.to_string()))?;
    let courses: Vec<&Value> = match &v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) if o.contains_key("@graph") => o["@graph"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        Value::Object(_) => vec![&v],
        _ => return Err(file_error("import-json-not-courses", "")),
    };
    let mut rows = Vec::new();
    let mut n = 0u64;
    for course in courses {
        if course["@type"].as_str() != Some("Course") {
            n += 1;
            rows.push(Row {
                line: n,
                provider: String::new(),
                // An input without a title is reported as such.
                input: OfferingInput::default(),
            });
            continue;
        }
        let instances: Vec<&Value> = match &course["hasCourseInstance"] {
            Value::Array(a) => a.iter().collect(),
            Value::Object(_) => vec![&course["hasCourseInstance"]],
            _ => vec![&Value::Null],
        };
        let count = instances.len();
        for (i, inst) in instances.into_iter().enumerate() {
            n += 1;
            rows.push(Row {
                line: n,
                provider: str_of(&course["provider"]["name"]),
                input: course_input(course, inst, i, count),
            });
        }
    }
    Ok(rows)
}

fn str_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "ja" } else { "nein" }.to_owned(),
        _ => String::new(),
    }
}

/// ISO 8601 durations as schema.org uses them for `courseWorkload`: PT40H,
/// P5D (days of 8 hours), PT90M.
fn iso_hours(s: &str) -> String {
    let t = s.trim().to_uppercase();
    let Some(rest) = t.strip_prefix('P') else {
        return s.to_owned();
    };
    let mut hours = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    for ch in rest.chars() {
        match ch {
            'T' => in_time = true,
            '0'..='9' | '.' | ',' => number.push(if ch == ',' { '.' } else { ch }),
            unit => {
                let n: f64 = number.parse().unwrap_or(f64::NAN);
                number.clear();
                hours += match (unit, in_time) {
                    ('D', false) => n * 8.0,
                    ('W', false) => n * 40.0,
                    ('H', true) => n,
                    ('M', true) => n / 60.0,
                    _ => f64::NAN,
                };
            }
        }
    }
    if hours.is_finite() && number.is_empty() {
        format!("{}", (hours * 100.0).round() / 100.0)
    } else {
        s.to_owned()
    }
}

fn course_input(course: &Value, inst: &Value, index: usize, count: usize) -> OfferingInput {
    let mut i = OfferingInput {
        title: str_of(&course["name"]),
        description: str_of(&course["description"]),
        certificate: match &course["educationalCredentialAwarded"] {
            Value::Object(o) => o.get("name").map(str_of).unwrap_or_default(),
            v => str_of(v),
        },
        url: str_of(&course["url"]),
        ..Default::default()
    };
    let code = str_of(&course["courseCode"]);
    i.external_id = match (code.is_empty(), str_of(&inst["identifier"])) {
        (true, _) => String::new(),
        (false, id) if !id.is_empty() => format!("{code}-{id}"),
        (false, _) if count > 1 => format!("{code}-{}", index + 1),
        (false, _) => code,
    };
    let teaches: Vec<&Value> = match &course["teaches"] {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        v => vec![v],
    };
    i.competences = teaches
        .into_iter()
        .map(|t| match t {
            Value::String(s) => match s.split_once(':') {
                Some((c, l)) => (c.trim().to_owned(), l.trim().to_owned()),
                None => (s.clone(), String::new()),
            },
            o => (
                str_of(&o["termCode"]),
                str_of(if o["level"].is_null() {
                    &o["educationalLevel"]
                } else {
                    &o["level"]
                }),
            ),
        })
        .collect();
    let mode = str_of(&inst["courseMode"]).to_lowercase();
    i.format = match mode.as_str() {
        "onsite" | "on_site" | "präsenz" => "on_site",
        "online" | "synchronous" | "online_live" => "online_live",
        "self_paced" | "asynchronous" => "self_paced",
        "blended" | "mixed" => "blended",
        "in_company" => "in_company",
        _ => mode.as_str(),
    }
    .to_owned();
    // A course without instances can be booked at any time, online.
    if inst.is_null() && i.format.is_empty() {
        i.format = "self_paced".into();
    }
    i.start_date = str_of(&inst["startDate"]).chars().take(10).collect();
    i.end_date = str_of(&inst["endDate"]).chars().take(10).collect();
    i.schedule = match &inst["courseSchedule"] {
        Value::Object(o) => o.get("description").map(str_of).unwrap_or_default(),
        v => str_of(v),
    };
    let workload = str_of(&inst["courseWorkload"]);
    let workload = if workload.is_empty() {
        str_of(&course["timeRequired"])
    } else {
        workload
    };
    i.hours_total = iso_hours(&workload);
    let address = &inst["location"]["address"];
    i.street = str_of(&address["streetAddress"]);
    i.postal_code = str_of(&address["postalCode"]);
    i.city = str_of(&address["addressLocality"]);
    i.language = str_of(if inst["inLanguage"].is_null() {
        &course["inLanguage"]
    } else {
        &inst["inLanguage"]
    });
    let offers = match &inst["offers"] {
        Value::Null => &course["offers"],
        o => o,
    };
    let offer = match offers {
        Value::Array(a) => a.first().unwrap_or(&Value::Null),
        o => o,
    };
    i.price_eur = str_of(&offer["price"]);
    let max = &inst["maximumAttendeeCapacity"];
    i.max_participants = str_of(max);
    // Our own properties, for what schema.org has no word for.
    for (key, slot) in [
        ("lernregion:minParticipants", &mut i.min_participants),
        ("lernregion:hoursPerWeek", &mut i.hours_per_week),
        ("lernregion:partTime", &mut i.part_time),
        ("lernregion:evenings", &mut i.evenings),
        ("lernregion:weekends", &mut i.weekends),
        ("lernregion:azav", &mut i.azav),
        ("lernregion:stepFree", &mut i.step_free),
        ("lernregion:childcare", &mut i.childcare),
        ("lernregion:plainLanguage", &mut i.plain_language),
    ] {
        let v = if inst[key].is_null() {
            &course[key]
        } else {
            &inst[key]
        };
        if !v.is_null() {
            *slot = str_of(v);
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_and_german_headers_order() {
        let text = "title;format;hours_total;competences\nSPS-Grundkurs;online_live;40;automation_plc_programming_iec61131:2\n;;;\nZweiter;on_site;8;x:1\n";
        let rows = parse(text).expect("csv");
        assert_eq!(rows.len(), 2, "the empty line is skipped");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].input.title, "SPS-Grundkurs");
        assert_eq!(
            rows[0].input.competences,
            vec![(
                "automation_plc_programming_iec61131".to_owned(),
                "2".to_owned()
            )]
        );
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn unknown_or_missing_columns_are_named() {
        assert_eq!(
            parse("titel,format\nx,y\n").err().map(|e| e.message_key),
            Some("import-column-missing")
        );
        let e = parse("title,farbe\nx,y\n").err().expect("unknown");
        assert_eq!(
            (e.message_key, e.value.as_str()),
            ("import-column-unknown", "farbe")
        );
    }

    #[test]
    fn schema_org_courses_become_one_offering_per_instance() {
        let json = r#"[{
            "@context": "https://schema.org", "@type": "Course", "name": "Roboterprogrammierung",
            "courseCode": "TN-ROB", "description": "KUKA", "teaches": [{"@type": "DefinedTerm", "termCode": "robotics_teach_in_programming", "level": 3}, "robotics_fundamentals_safety:2"],
            "educationalCredentialAwarded": "Zertifikat", "lernregion:azav": true,
            "hasCourseInstance": [
              {"@type": "CourseInstance", "courseMode": "onsite", "startDate": "2027-03-01", "courseWorkload": "PT160H",
               "location": {"@type": "Place", "address": {"postalCode": "99734", "addressLocality": "Nordhausen", "streetAddress": "Bochumer Straße 12"}},
               "offers": {"@type": "Offer", "price": "2450.00", "priceCurrency": "EUR"}, "lernregion:evenings": true},
              {"@type": "CourseInstance", "courseMode": "online", "courseWorkload": "P5D"}
            ]}, {"@type": "Event", "name": "kein Kurs"}]"#;
        let rows = parse(json).expect("json");
        assert_eq!(rows.len(), 3);
        let a = &rows[0].input;
        assert_eq!(
            (
                a.external_id.as_str(),
                a.format.as_str(),
                a.hours_total.as_str()
            ),
            ("TN-ROB-1", "on_site", "160")
        );
        assert_eq!(a.competences.len(), 2);
        assert_eq!((a.azav.as_str(), a.evenings.as_str()), ("ja", "ja"));
        assert_eq!(a.price_eur, "2450.00");
        assert_eq!(rows[1].input.hours_total, "40");
        assert_eq!(rows[1].input.format, "online_live");
        assert!(rows[2].input.title.is_empty(), "not a course: reported");
    }

    #[test]
    fn durations() {
        assert_eq!(iso_hours("PT1H30M"), "1.5");
        assert_eq!(iso_hours("P2W"), "80");
        assert_eq!(iso_hours("160"), "160");
        assert_eq!(iso_hours("PTXH"), "PTXH");
    }
}
