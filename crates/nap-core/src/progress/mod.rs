//! Following the plan after adoption: indicator values reported per period (with their
//! breakdown by sex or age), where each activity stands, and what was spent.
//!
//! A reporting period is a year, a half or a quarter, written `2027`, `2027-H1` or
//! `2027-Q3` ([`Period`]). Records keep the period as text and its year as a number;
//! validation holds the two together.

pub mod edit;
pub mod render;
pub mod view;

use crate::model::Year;
use std::fmt;

/// A reporting period: a whole year, one of its halves or one of its quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: Year,
    pub part: PeriodPart,
}

/// Which part of its year a [`Period`] is. The order puts a year before its halves and
/// quarters (so the whole year sorts first when periods are listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodPart {
    Year,
    /// 1 or 2.
    Half(u8),
    /// 1 to 4.
    Quarter(u8),
}

impl Period {
    /// The whole year `year`.
    pub fn year(year: Year) -> Self {
        Self {
            year,
            part: PeriodPart::Year,
        }
    }

    /// Reads `2027`, `2027-H1`, `2027-Q3` (case and surrounding spaces ignored; `2027 Q3`
    /// and `2027/Q3` also accepted). `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_ascii_uppercase();
        let (year, rest) = match t.find(['-', ' ', '/']) {
            Some(i) => (&t[..i], t[i + 1..].trim()),
            None => (t.as_str(), ""),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: Year = year.parse().ok()?;
        let part = match rest.as_bytes() {
            [] => PeriodPart::Year,
            [b'H', n @ b'1'..=b'2'] => PeriodPart::Half(n - b'0'),
            [b'Q', n @ b'1'..=b'4'] => PeriodPart::Quarter(n - b'0'),
            _ => return None,
        };
        Some(Self { year, part })
    }

    /// The months (1–12) the period covers, first and last.
    pub fn months(self) -> (u8, u8) {
        match self.part {
            PeriodPart::Year => (1, 12),
            PeriodPart::Half(h) => (6 * h - 5, 6 * h),
            PeriodPart::Quarter(q) => (3 * q - 2, 3 * q),
        }
    }

    /// Whether `other` lies within this period (a year holds its halves and quarters, a
    /// half its two quarters; every period holds itself).
    pub fn contains(self, other: Period) -> bool {
        let (a, b) = self.months();
        let (c, d) = other.months();
        self.year == other.year && a <= c && d <= b
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            PeriodPart::Year => write!(f, "{}", self.year),
            PeriodPart::Half(h) => write!(f, "{}-H{h}", self.year),
            PeriodPart::Quarter(q) => write!(f, "{}-Q{q}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_read_in_the_forms_reports_use_and_written_one_way() {
        for (text, shown) in [
            ("2027", "2027"),
            (" 2027-h1 ", "2027-H1"),
            ("2027 Q3", "2027-Q3"),
            ("2027/q4", "2027-Q4"),
        ] {
            assert_eq!(
                Period::parse(text).map(|p| p.to_string()),
                Some(shown.into())
            );
        }
        for bad in [
            "", "27", "2027-H3", "2027-Q0", "2027-Q5", "Q1-2027", "2027-S1", "20271",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_year_holds_its_halves_and_quarters_and_a_half_only_its_own_quarters() {
        let p = |t| Period::parse(t).unwrap_or_else(|| panic!("{t}"));
        assert!(p("2027").contains(p("2027-Q4")));
        assert!(p("2027").contains(p("2027-H1")));
        assert!(p("2027-H1").contains(p("2027-Q2")));
        assert!(!p("2027-H1").contains(p("2027-Q3")));
        assert!(!p("2027-H2").contains(p("2027")));
        assert!(!p("2028").contains(p("2027-Q1")));
        assert!(p("2027-Q2").contains(p("2027-Q2")));
    }
}
