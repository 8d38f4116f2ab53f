//! Calendar days, the one representation of dates (course starts, target
//! dates, phases of a campaign, assessment days) across the domains: days
//! since 1970-01-01 in UTC, parsed from and written as ISO dates.

use crate::db::now;

/// Days since the Unix epoch; target dates are days, not instants.
pub type Day = i64;

pub fn day_of(unix_seconds: i64) -> Day {
    unix_seconds.div_euclid(86_400)
}

/// Parses an ISO date (`2027-07-01`) into a [`Day`].
pub fn parse_date(s: &str) -> Result<Day, &'static str> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), format)
        .map(|d| {
            i64::from(d.to_julian_day())
                - i64::from(time::macros::date!(1970 - 01 - 01).to_julian_day())
        })
        .map_err(|_| "date-invalid")
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
    }
}
