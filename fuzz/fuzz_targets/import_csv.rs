//! Provider offering import, CSV side: `catalog::import::parse_csv` on the
//! text as given, and `parse` (BOM stripping, CSV/JSON auto-detection) on
//! what the upload handler would pass on. Every row then goes through
//! `OfferingInput::parse`, as the import job (`catalog::import_job`) does.
#![no_main]

use lernregion::{
    catalog::{
        domain::CompetenceLookup,
        import::{self, Row},
    },
    ids::CompetenceId,
};
use libfuzzer_sys::fuzz_target;

fn validate(rows: &[Row]) {
    let lookup = CompetenceLookup::new([
        (CompetenceId(1), "cnc_machining_fundamentals".to_owned()),
        (
            CompetenceId(2),
            "automation_plc_programming_iec61131".to_owned(),
        ),
    ]);
    // 2026-12-07: the date only decides "start in the past".
    let today = 20_794;
    for row in rows {
        let _ = row.input.parse(&lookup, today);
    }
}

fuzz_target!(|data: &[u8]| {
    // `web::forms::read_upload` decodes strictly (`String::from_utf8`, no
    // Latin-1 fallback, BOM kept) and refuses blank text; mirror that.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rows) = import::parse_csv(text) {
        validate(&rows);
    }
    if text.trim().is_empty() {
        return;
    }
    if let Ok(rows) = import::parse(text) {
        validate(&rows);
    }
});
