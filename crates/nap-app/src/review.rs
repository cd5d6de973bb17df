//! The quality review of the open plan ("Is this a high-impact NAP?", specification §6), as
//! the Review screen and `nap check` show it.

use nap_core::review::{review, Finding, Severity};
use nap_core::Plan;
use serde::Serialize;
use ts_rs::TS;

/// The findings, and how many of each severity.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QualityReview {
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    pub advice: usize,
}

/// Reviews `plan` as of today.
pub fn check(plan: &Plan) -> QualityReview {
    let findings = review(plan, &nap_store::now().date());
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    QualityReview {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        advice: count(Severity::Advice),
        findings,
    }
}
