//! Calendar days, the one representation of dates (course starts, target
//! dates, phases of a campaign, assessment days) across the domains: days
//! since 1970-01-01 in UTC, parsed from and written as ISO dates.

use crate::db::now;

/// Days since the Unix epoch; target dates are days, not instants.
pub type Day = i64;

pub fn day_of(unix_seconds: i64) -> Day {
    unix_seconds.div_euclid(86_400)
}

/// Parses an ISO date (`2027-07-01`) that a person typed into a [`Day`].
pub fn parse_date(s: &str) -> Result<Day, &'static str> {
    parse_iso_date(s.trim()).ok_or("date-invalid")
}

/// Parses exactly `YYYY-MM-DD` (four-digit year from 1900, two-digit month
/// and day, a real calendar date), as machine-written texts such as the
/// funding rules must have it; nothing is trimmed or guessed.
pub fn parse_iso_date(s: &str) -> Option<Day> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |part: &str| -> Option<u16> {
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = number(s.get(0..4)?)?;
    if year < 1900 {
        return None;
    }
    let month = u8::try_from(number(s.get(5..7)?)?).ok()?;
    let day = u8::try_from(number(s.get(8..10)?)?).ok()?;
    day_from_ymd(i32::from(year), month, day)
}

/// The [`Day`] of a calendar date; `None` for one that does not exist.
pub fn day_from_ymd(year: i32, month: u8, day: u8) -> Option<Day> {
    let month = time::Month::try_from(month).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(
        i64::from(date.to_julian_day())
            - i64::from(time::macros::date!(1970 - 01 - 01).to_julian_day()),
    )
}

pub fn format_date(day: Day) -> String {
    let epoch = time::macros::date!(1970 - 01 - 01).to_julian_day();
    i32::try_from(day)
        .ok()
        .and_then(|d| time::Date::from_julian_day(epoch + d).ok())
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_default()
}

/// Today, by the server's clock.
pub fn today() -> Day {
    day_of(now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let d = parse_date("2027-07-01").unwrap();
        assert_eq!(format_date(d), "2027-07-01");
        assert_eq!(parse_date("1970-01-02"), Ok(1));
        assert!(parse_date("2027-13-01").is_err());
        assert!(parse_date("morgen").is_err());
        assert_eq!(day_of(86_400 * 3 + 5), 3);
        assert_eq!(parse_date(" 2027-07-01 "), Ok(d), "typed dates are trimmed");
    }

    #[test]
    fn iso_dates_are_strict() {
        assert_eq!(day_from_ymd(1970, 1, 1), Some(0));
        assert_eq!(day_from_ymd(2000, 3, 1), Some(11_017));
        assert_eq!(parse_iso_date("2024-04-01"), Some(19_814));
        assert_eq!(parse_iso_date("2024-02-29"), day_from_ymd(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "2025-02-30",
            "2024-4-1",
            "2024-13-01",
            "2024-00-10",
            "24-04-01",
            "2024/04/01",
            "",
            "2024-04-01x",
            " 2024-04-01",
            "+024-04-01",
            "1899-12-31",
            "2024-04-0١",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
