//! Timestamps and calendar dates as the plan stores them.
//!
//! The core does no I/O, so it never reads the clock: callers pass a [`Timestamp`] in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// A UTC instant with millisecond precision, always written `YYYY-MM-DDTHH:MM:SS.mmmZ`.
///
/// The fixed textual form makes timestamps sort as strings and makes JSON export
/// byte-stable across export → import → export.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "String")]
#[ts(type = "string")]
pub struct Timestamp(String);

/// A calendar date written `YYYY-MM-DD`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "String")]
#[ts(type = "string")]
pub struct IsoDate(String);

/// A date or timestamp that is not in the expected textual form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {expected}")]
pub struct BadDateTime {
    /// The text that was given.
    pub value: String,
    /// What was expected, e.g. "date (YYYY-MM-DD)".
    pub expected: &'static str,
}

impl Timestamp {
    /// The timestamp for `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_unix_millis(millis: i64) -> Self {
        let secs = millis.div_euclid(1000);
        let ms = millis.rem_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        Self(format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
            sod / 3600,
            (sod % 3600) / 60,
            sod % 60
        ))
    }

    /// The textual form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date part.
    pub fn date(&self) -> IsoDate {
        IsoDate(self.0[..10].to_string())
    }
}

impl IsoDate {
    /// A date from its parts; `None` when the parts do not form a calendar date.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        let s = format!("{year:04}-{month:02}-{day:02}");
        Self::try_from(s).ok()
    }

    /// The textual form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.0[..4].parse().unwrap_or(0)
    }
}

/// Days since 1970-01-01 to a (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let year: i32 = s[..4].parse().unwrap_or(0);
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

impl TryFrom<String> for IsoDate {
    type Error = BadDateTime;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        if valid_date(&value) {
            Ok(Self(value))
        } else {
            Err(BadDateTime {
                value,
                expected: "date (YYYY-MM-DD)",
            })
        }
    }
}

impl TryFrom<String> for Timestamp {
    type Error = BadDateTime;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        let b = value.as_bytes();
        let ok = b.len() == 24
            && valid_date(&value[..10])
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && b[19] == b'.'
            && b[23] == b'Z'
            && [11, 12, 14, 15, 17, 18, 20, 21, 22]
                .iter()
                .all(|&i| b[i].is_ascii_digit())
            && value[11..13].parse::<u32>().is_ok_and(|h| h < 24)
            && value[14..16].parse::<u32>().is_ok_and(|m| m < 60)
            && value[17..19].parse::<u32>().is_ok_and(|s| s < 60);
        if ok {
            Ok(Self(value))
        } else {
            Err(BadDateTime {
                value,
                expected: "timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ)",
            })
        }
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

impl From<IsoDate> for String {
    fn from(d: IsoDate) -> Self {
        d.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_epoch_and_known_instants() {
        assert_eq!(
            Timestamp::from_unix_millis(0).as_str(),
            "1970-01-01T00:00:00.000Z"
        );
        // 2024-02-29T12:34:56.789Z, a leap day, computed independently: 19782 days.
        let ms = (19_782_i64 * 86_400 + 12 * 3600 + 34 * 60 + 56) * 1000 + 789;
        assert_eq!(
            Timestamp::from_unix_millis(ms).as_str(),
            "2024-02-29T12:34:56.789Z"
        );
    }

    #[test]
    fn dates_are_checked() {
        assert!(IsoDate::try_from("2026-02-29".to_string()).is_err());
        assert!(IsoDate::try_from("2028-02-29".to_string()).is_ok());
        assert!(IsoDate::try_from("2026-13-01".to_string()).is_err());
        assert!(IsoDate::try_from("26-01-01".to_string()).is_err());
        assert!(Timestamp::try_from("2026-01-01T24:00:00.000Z".to_string()).is_err());
        assert!(Timestamp::try_from("2026-01-01T23:59:59.999Z".to_string()).is_ok());
    }

    #[test]
    fn round_trips_through_text() {
        let t = Timestamp::from_unix_millis(1_790_000_000_123);
        let back = Timestamp::try_from(t.to_string()).unwrap();
        assert_eq!(t, back);
        assert_eq!(t.date().as_str(), &t.as_str()[..10]);
    }
}
