//! Following the plan after adoption through the application layer: reports recorded,
//! replaced and undone, refused without changing anything, read back in the views, and
//! made by an agency in its scoped copy and merged back.

use nap_app::progress::{execution, progress, record_expenditure, record_progress, record_status};
use nap_app::ErrorCode;
use nap_core::progress::edit::{ExpenditureEntry, ProgressEntry, StatusEntry};
use nap_core::{ActivityState, IndicatorType};
use nap_store::{Document, PlanFile};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn sample(dir: &Path) -> (PathBuf, Document) {
    let path = dir.join("sample.nap");
    PlanFile::create(&path, &nap_core::sample::sample_plan(), false).unwrap();
    let doc = nap_app::files::open(&path, "secretariat").unwrap();
    (path, doc)
}

fn reload(path: &Path) -> nap_core::Plan {
    PlanFile::open(path, nap_store::Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap()
}

#[test]
fn a_value_is_recorded_read_back_replaced_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let indicator = doc
        .plan()
        .indicators
        .iter()
        .find(|i| i.kind == IndicatorType::Number && i.targets.contains_key(&2027))
        .unwrap()
        .clone();
    let entry = ProgressEntry {
        indicator_id: indicator.record.id,
        period: "2027".into(),
        value: "12.5".into(),
        source: "Police HR register".into(),
        ..Default::default()
    };
    let first = record_progress(&mut doc, &entry).unwrap();
    assert!(!first.replaced);
    let view = progress(&doc, "2027").unwrap();
    let row = view
        .indicators
        .iter()
        .find(|r| r.indicator_id == indicator.record.id)
        .unwrap();
    assert_eq!(row.actual.as_deref(), Some("12.5"));
    assert_eq!(row.target.as_ref(), indicator.targets.get(&2027));
    assert_eq!(row.source, "Police HR register");
    assert!(reload(&path)
        .progress
        .iter()
        .any(|p| p.record.id == first.id));

    let again = record_progress(
        &mut doc,
        &ProgressEntry {
            value: "14".into(),
            ..entry.clone()
        },
    )
    .unwrap();
    assert_eq!((again.id, again.replaced), (first.id, true));
    let stored = reload(&path);
    let values: Vec<&str> = stored
        .progress
        .iter()
        .filter(|p| p.indicator_id == indicator.record.id && p.period == "2027")
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(values, ["14"], "one value per indicator and period");

    nap_app::history::undo(&mut doc).unwrap();
    nap_app::history::undo(&mut doc).unwrap();
    assert!(!reload(&path)
        .progress
        .iter()
        .any(|p| p.record.id == first.id));
}

#[test]
fn a_refused_report_names_its_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let before = reload(&path);
    let activity = doc.plan().activities[0].record.id;
    let refused = [
        record_status(
            &mut doc,
            &StatusEntry {
                activity_id: activity,
                period: "2027-Q9".into(),
                status: "delayed".into(),
                note: String::new(),
            },
        )
        .map(|_| ()),
        record_expenditure(
            &mut doc,
            &ExpenditureEntry {
                activity_id: activity,
                year: "2027".into(),
                amount: "12 million".into(),
                currency: String::new(),
                funding_source_id: None,
                note: String::new(),
            },
        )
        .map(|_| ()),
    ];
    let codes: Vec<String> = refused
        .into_iter()
        .map(|r| r.unwrap_err().code().name())
        .collect();
    assert_eq!(codes, ["not_a_period", "not_a_number"]);
    assert_eq!(reload(&path), before);
    assert_eq!(
        progress(&doc, "2027-H3").unwrap_err().code(),
        ErrorCode::Field(nap_core::edit::Problem::NotAPeriod)
    );
}

#[test]
fn spending_and_status_show_in_the_progress_view_and_the_execution_by_agency() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let activity = doc.plan().activities[3].clone();
    let lead = activity.lead_agency_id.unwrap();
    let before = execution(&doc, "agency", 2028, None).unwrap();
    record_status(
        &mut doc,
        &StatusEntry {
            activity_id: activity.record.id,
            period: "2028-H1".into(),
            status: "completed".into(),
            note: "Ahead of plan".into(),
        },
    )
    .unwrap();
    record_expenditure(
        &mut doc,
        &ExpenditureEntry {
            activity_id: activity.record.id,
            year: "2028".into(),
            amount: "2,500,000".into(),
            currency: String::new(),
            funding_source_id: None,
            note: String::new(),
        },
    )
    .unwrap();
    let view = progress(&doc, "2028").unwrap();
    let row = view
        .activities
        .iter()
        .find(|a| a.activity_id == activity.record.id)
        .unwrap();
    assert_eq!(row.status, Some(ActivityState::Completed));
    assert_eq!(row.status_period.as_deref(), Some("2028-H1"));
    assert_eq!(row.spent, Decimal::from(2_500_000));
    assert_eq!(view.statuses.completed, 1);

    let after = execution(&doc, "agency", 2028, None).unwrap();
    let code = &doc
        .plan()
        .agencies
        .iter()
        .find(|a| a.record.id == lead)
        .unwrap()
        .code;
    let spent = |e: &nap_core::progress::view::Execution| {
        e.rows
            .iter()
            .find(|r| &r.code == code)
            .map_or(Decimal::ZERO, |r| r.spent)
    };
    assert_eq!(spent(&after) - spent(&before), Decimal::from(2_500_000));
    assert_eq!(after.total.budget, before.total.budget);
}

#[test]
fn an_agency_reports_in_its_copy_and_the_reports_merge_back_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let copy = dir.path().join("for moi.nap");
    nap_app::sharing::send(&mut doc, &copy, Some("MOI"), "please report 2027").unwrap();
    let mut moi = nap_app::files::open(&copy, "MOI").unwrap();
    let moi_id = moi.scope_agency().unwrap();
    let own = moi
        .plan()
        .activities
        .iter()
        .find(|a| a.lead_agency_id == Some(moi_id))
        .unwrap()
        .record
        .id;
    let other = moi
        .plan()
        .activities
        .iter()
        .find(|a| a.lead_agency_id != Some(moi_id))
        .unwrap()
        .record
        .id;
    let status = |activity| StatusEntry {
        activity_id: activity,
        period: "2027".into(),
        status: "on_track".into(),
        note: String::new(),
    };
    let reported = record_status(&mut moi, &status(own)).unwrap();
    // Another agency's activity is outside the copy's part.
    assert_eq!(
        record_status(&mut moi, &status(other)).unwrap_err().code(),
        ErrorCode::OutsideScope
    );
    let view = progress(&moi, "2027").unwrap();
    assert!(view
        .activities
        .iter()
        .any(|a| a.activity_id == other && a.locked));
    assert!(view
        .activities
        .iter()
        .any(|a| a.activity_id == own && !a.locked));
    drop(moi);

    nap_app::sharing::merge_all(&mut doc, &copy, None, false).unwrap();
    let merged = doc
        .plan()
        .activity_statuses
        .iter()
        .find(|s| s.record.id == reported.id)
        .expect("the agency's report came back");
    assert_eq!(merged.record.modified_by, "MOI");
    assert_eq!(merged.activity_id, own);
}
