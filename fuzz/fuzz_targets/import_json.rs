//! Provider offering import, JSON side: `catalog::import::parse_json`
//! (schema.org Course / CourseInstance, arrays, JSON-LD `@graph`), then
//! `OfferingInput::parse` on every row as a real upload would.
#![no_main]

use lernregion::{
    catalog::{domain::CompetenceLookup, import},
    ids::CompetenceId,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Same decoding as `web::forms::read_upload`: strict UTF-8.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rows) = import::parse_json(text) else {
        return;
    };
    // Errors are reported by position: 1, 2, 3 … without gaps.
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.line, i as u64 + 1, "row positions must be consecutive");
    }
    let lookup = CompetenceLookup::new([
        (CompetenceId(1), "robotics_teach_in_programming".to_owned()),
        (CompetenceId(2), "robotics_fundamentals_safety".to_owned()),
    ]);
    for row in &rows {
        let _ = row.input.parse(&lookup, 20_794);
    }
});
