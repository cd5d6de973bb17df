//! Timestamps and calendar dates as the plan stores them.
//!
//! The core does no I/O, so it never reads the clock: callers pass a [`Timestamp`] in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use time::format_description::BorrowedFormatItem;
use time::macros::{datetime, format_description};
use time::{Date, Month, OffsetDateTime, Time};
use ts_rs::TS;

/// A UTC instant with millisecond precision, always written `YYYY-MM-DDTHH:MM:SS.mmmZ`.
///
/// The fixed textual form makes timestamps sort as strings and makes JSON export
/// byte-stable across export → import → export.
// (Not in the doc comment, which the interchange schema publishes:) held in place, not on the
// heap, since every record has two and a large plan holds 36,000 records. Invariant: the bytes
// are that form (ASCII), as `TryFrom<String>` checks.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "String")]
#[ts(type = "string")]
pub struct Timestamp([u8; TIMESTAMP_LEN]);

/// Bytes in `YYYY-MM-DDTHH:MM:SS.mmmZ`.
const TIMESTAMP_LEN: usize = 24;

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
    /// The timestamp for `millis` milliseconds after 1970-01-01T00:00:00Z. Instants outside
    /// the years 0000–9999, which no clock gives, are written as the nearest one inside.
    pub fn from_unix_millis(millis: i64) -> Self {
        const EARLIEST: OffsetDateTime = datetime!(0000-01-01 0:00 UTC);
        const LATEST: OffsetDateTime = datetime!(9999-12-31 23:59:59.999 UTC);
        let nanos = i128::from(millis) * 1_000_000;
        let at = match OffsetDateTime::from_unix_timestamp_nanos(nanos) {
            Ok(at) => at.clamp(EARLIEST, LATEST),
            Err(_) if millis < 0 => EARLIEST,
            Err(_) => LATEST,
        };
        // The format has only literals and numeric components, which a UTC instant within
        // the years 0000–9999 always has: formatting cannot fail, and gives the form.
        let text = at.format(TIMESTAMP).unwrap_or_default();
        let mut bytes = *b"0000-01-01T00:00:00.000Z";
        if text.len() == TIMESTAMP_LEN {
            bytes.copy_from_slice(text.as_bytes());
        }
        Self(bytes)
    }

    /// The textual form.
    pub fn as_str(&self) -> &str {
        // Always ASCII (the invariant): the fallback is never taken.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The date part.
    pub fn date(&self) -> IsoDate {
        IsoDate(self.as_str()[..10].to_string())
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
const TIMESTAMP: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

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

/// The number in `s[range]` when it is written with ASCII digits only (no sign, no space).
fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

/// `YYYY-MM-DD` naming a day of the Gregorian calendar (the calendar's rules are `time`'s).
fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(s, 0..4), digits(s, 5..7), digits(s, 8..10))
    else {
        return false;
    };
    let (Ok(year), Ok(month), Ok(day)) = (
        i32::try_from(year),
        Month::try_from(u8::try_from(month).unwrap_or(0)),
        u8::try_from(day),
    ) else {
        return false;
    };
    Date::from_calendar_date(year, month, day).is_ok()
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
        let time_of_day = || {
            let (h, m, s, ms) = (
                digits(&value, 11..13)?,
                digits(&value, 14..16)?,
                digits(&value, 17..19)?,
                digits(&value, 20..23)?,
            );
            Time::from_hms_milli(
                u8::try_from(h).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(s).ok()?,
                u16::try_from(ms).ok()?,
            )
            .ok()
        };
        let ok = b.len() == 24
            && value.get(..10).is_some_and(valid_date)
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && b[19] == b'.'
            && b[23] == b'Z'
            && time_of_day().is_some();
        match <[u8; TIMESTAMP_LEN]>::try_from(b) {
            Ok(bytes) if ok => Ok(Self(bytes)),
            _ => Err(BadDateTime {
                value,
                expected: "timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ)",
            }),
        }
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> Self {
        t.as_str().to_string()
    }
}

impl From<IsoDate> for String {
    fn from(d: IsoDate) -> Self {
        d.0
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Timestamp").field(&self.as_str()).finish()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    fn the_calendars_rules_and_odd_text_are_handled() {
        assert!(IsoDate::try_from("1900-02-29".to_string()).is_err());
        assert!(IsoDate::try_from("2000-02-29".to_string()).is_ok());
        assert!(IsoDate::try_from("2026-04-31".to_string()).is_err());
        assert!(IsoDate::try_from("2026-00-10".to_string()).is_err());
        assert!(IsoDate::try_from("+026-01-01".to_string()).is_err());
        assert!(IsoDate::try_from("2026-1-001".to_string()).is_err());
        assert!(Timestamp::try_from("2026-01-01T23:59:60.000Z".to_string()).is_err());
        assert!(Timestamp::try_from("2026-01-01T23:60:00.000Z".to_string()).is_err());
        // 24 bytes with a character across the date's end: refused, not a panic.
        assert!(Timestamp::try_from("2026-01-0é:00:00.000Zxx".to_string()).is_err());
        // Instants no clock gives are kept within the years the format can write.
        assert_eq!(
            Timestamp::from_unix_millis(i64::MAX).as_str(),
            "9999-12-31T23:59:59.999Z"
        );
        assert_eq!(
            Timestamp::from_unix_millis(i64::MIN).as_str(),
            "0000-01-01T00:00:00.000Z"
        );
        // One millisecond before the epoch.
        assert_eq!(
            Timestamp::from_unix_millis(-1).as_str(),
            "1969-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn round_trips_through_text() {
        let t = Timestamp::from_unix_millis(1_790_000_000_123);
        let back = Timestamp::try_from(t.to_string()).unwrap();
        assert_eq!(t, back);
        assert_eq!(t.date().as_str(), &t.as_str()[..10]);
    }

    #[test]
    fn held_in_place_they_order_print_and_serialise_as_their_text() {
        let texts = [
            "2026-01-02T00:00:00.000Z",
            "2025-12-31T23:59:59.999Z",
            "2026-01-01T10:00:00.001Z",
            "0999-01-01T00:00:00.000Z",
        ];
        let mut stamps: Vec<Timestamp> = texts
            .iter()
            .map(|t| Timestamp::try_from(t.to_string()).unwrap())
            .collect();
        stamps.sort();
        let mut sorted = texts.to_vec();
        sorted.sort();
        assert_eq!(
            stamps.iter().map(Timestamp::as_str).collect::<Vec<_>>(),
            sorted
        );
        let t = &stamps[0];
        assert_eq!(format!("{t:?}"), "Timestamp(\"0999-01-01T00:00:00.000Z\")");
        let json = serde_json::to_string(t).unwrap();
        assert_eq!(json, "\"0999-01-01T00:00:00.000Z\"");
        assert_eq!(&serde_json::from_str::<Timestamp>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Timestamp>("\"2026-01-01T10:00:00Z\"").is_err());
        assert_eq!(String::from(t.clone()), texts[3]);
    }
}
