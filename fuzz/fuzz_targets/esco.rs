//! Competence framework imports: `competences::framework::parse_esco` (as
//! the import page calls it for "esco-de" and "esco-en"), our own format
//! `parse_competences` (with an export/import round trip), and
//! `parse_levels`.
#![no_main]

use std::collections::HashSet;

use lernregion::competences::framework::{
    TECHNOLOGIES, parse_competences, parse_esco, parse_levels, valid_code, write_competences,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Same decoding as `web::forms::read_upload`: strict UTF-8.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for lang in ["de", "en"] {
        if let Ok(parsed) = parse_esco(text, "esco", "ESCO-Kompetenzen", "ESCO skills", lang) {
            let mut codes = HashSet::new();
            for row in &parsed.rows {
                // Imported codes go into URLs and the framework table.
                assert!(valid_code(&row.code), "invalid code {:?}", row.code);
                assert!(codes.insert(row.code.clone()), "duplicate {:?}", row.code);
                assert!(
                    row.esco_uri
                        .starts_with("http://data.europa.eu/esco/skill/")
                );
            }
        }
    }
    if let Ok(parsed) = parse_competences(text) {
        let mut codes = HashSet::new();
        for row in &parsed.rows {
            assert!(valid_code(&row.code) && valid_code(&row.area_code));
            assert!(codes.insert(row.code.clone()), "duplicate {:?}", row.code);
            assert!(
                row.technologies
                    .iter()
                    .all(|t| TECHNOLOGIES.contains(&t.as_str()))
            );
        }
        // A network exports its framework and imports it elsewhere: what
        // was accepted once must come back unchanged and without errors.
        let again = parse_competences(&write_competences(&parsed.rows));
        match again {
            Ok(again) => {
                assert!(
                    again.errors.is_empty(),
                    "round trip errors: {:?}",
                    again.errors
                );
                assert_eq!(again.rows, parsed.rows, "round trip changed rows");
            }
            Err(e) => panic!("export does not re-import: {e:?}"),
        }
    }
    if let Ok(levels) = parse_levels(text) {
        assert!(levels.iter().all(|l| l.level <= 4));
    }
});
