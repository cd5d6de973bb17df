//! Undo and redo of edits made through a `Document`: every kind of edit goes back exactly,
//! in memory and in the file, and a refused edit leaves nothing to undo.

use nap_core::sample::sample_plan;
use nap_core::{CostLine, Plan};
use nap_store::{Document, PlanFile};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("plan.nap");
    PlanFile::create(&path, &sample_plan(), false).expect("create");
    path
}

/// The plan as a fresh reader of the file sees it.
fn on_disk(path: &Path) -> Plan {
    Document::open(path, "reader").expect("open").plan().clone()
}

#[test]
fn an_edit_an_addition_and_a_deletion_undo_and_redo_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sample_file(dir.path());
    let mut doc = Document::open(&path, "MOWA").expect("open");
    let original = doc.plan().clone();

    let mut line = doc.plan().cost_lines[3].clone();
    line.quantities.insert(2027, Decimal::from(999));
    doc.upsert(line).expect("edit");
    let edited = doc.plan().clone();

    let mut added = doc.plan().cost_lines[0].clone();
    added.record.id = nap_core::Id::new_v4();
    added.note = "added in the test".into();
    doc.upsert(added.clone()).expect("add");
    let victim = doc.plan().cost_lines[10].record.id;
    doc.delete::<CostLine>(victim).expect("delete");
    let after_all = doc.plan().clone();
    assert_eq!(
        doc.undo_label().as_ref().map(|l| l.action.as_str()),
        Some("delete")
    );

    // Undo the delete: the line is back where it was.
    doc.undo().expect("undo delete");
    assert_eq!(doc.plan().cost_lines[10].record.id, victim);
    // Undo the addition and the edit: the plan is as it was opened, and so is the file.
    assert_eq!(
        doc.undo().expect("undo add").map(|l| l.action),
        Some("add".into())
    );
    assert_eq!(doc.plan(), &edited);
    doc.undo().expect("undo edit");
    assert_eq!(doc.plan(), &original);
    assert_eq!(on_disk(&path), original);
    assert_eq!(doc.undo().expect("nothing left"), None);

    // Redo all three: the plan is as it was after them, in the file too.
    for _ in 0..3 {
        assert!(doc.redo().expect("redo").is_some());
    }
    assert_eq!(doc.plan(), &after_all);
    assert_eq!(on_disk(&path), after_all);
    assert_eq!(doc.redo().expect("nothing to redo"), None);
}

#[test]
fn a_new_edit_after_an_undo_forgets_the_redo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sample_file(dir.path());
    let mut doc = Document::open(&path, "MOWA").expect("open");
    let mut line = doc.plan().cost_lines[0].clone();
    line.note = "first".into();
    doc.upsert(line.clone()).expect("edit");
    doc.undo().expect("undo");
    assert!(doc.redo_label().is_some());
    line.note = "second".into();
    doc.upsert(line).expect("another edit");
    assert_eq!(doc.redo_label(), None);
    assert_eq!(doc.redo().expect("redo"), None);
}

#[test]
fn a_refused_edit_leaves_nothing_to_undo_and_the_settings_undo_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sample_file(dir.path());
    let mut doc = Document::open(&path, "MOWA").expect("open");
    let mut bad = doc.plan().cost_lines[0].clone();
    bad.activity_id = nap_core::Id::new_v4();
    doc.upsert(bad)
        .expect_err("a line of no activity is refused");
    assert_eq!(doc.undo_label(), None);

    let before = doc.plan().meta.clone();
    let mut meta = before.clone();
    meta.contingency = Decimal::new(7, 2);
    doc.set_meta(meta).expect("settings");
    assert_eq!(
        doc.undo_label().as_ref().map(|l| l.kind.as_str()),
        Some("plan")
    );
    doc.undo().expect("undo settings");
    assert_eq!(doc.plan().meta, before);
    assert_eq!(on_disk(&path).meta, before);
}

#[test]
fn dependent_additions_undo_and_redo_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sample_file(dir.path());
    let mut doc = Document::open(&path, "MOWA").expect("open");
    // A new activity, then a line under it: the line goes first on undo, the activity
    // first on redo, so the plan is valid at every step.
    let mut activity = doc.plan().activities[0].clone();
    activity.record.id = nap_core::Id::new_v4();
    activity.code = "9.9.9.9".into();
    doc.upsert(activity.clone()).expect("add activity");
    let mut line = doc.plan().cost_lines[0].clone();
    line.record.id = nap_core::Id::new_v4();
    line.activity_id = activity.record.id;
    doc.upsert(line).expect("add line");
    doc.undo().expect("undo the line");
    let with_activity = doc.plan().clone();
    doc.undo().expect("undo the activity");
    assert!(!doc
        .plan()
        .activities
        .iter()
        .any(|a| a.record.id == activity.record.id));
    doc.redo().expect("redo the activity");
    assert_eq!(doc.plan(), &with_activity);
    doc.redo().expect("redo the line");
    assert!(doc
        .plan()
        .cost_lines
        .iter()
        .any(|l| l.activity_id == activity.record.id));
    assert_eq!(on_disk(&path), *doc.plan());
}

#[test]
fn moving_a_result_changes_many_records_in_one_step_that_undoes_exactly() {
    use nap_core::edit::{move_result, ResultLevel};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sample_file(dir.path());
    let mut doc = Document::open(&path, "MOWA").expect("open");
    let original = doc.plan().clone();
    // The second pillar's last outcome moves up: it and its sibling swap places and codes,
    // and everything under both is renumbered.
    let pillar = original.pillars[1].record.id;
    let last = original
        .outcomes
        .iter()
        .rev()
        .find(|o| o.pillar_id == pillar)
        .expect("an outcome")
        .record
        .id;
    let next = move_result(&original, ResultLevel::Outcome, last, true).expect("moved");
    let changed = doc
        .edit_many(next.clone(), "move", "outcome")
        .expect("saved");
    assert!(
        changed > 2,
        "the two outcomes and the records under them: {changed}"
    );
    let moved = doc.plan().clone();
    assert_eq!(
        doc.undo_label().map(|l| (l.action, l.kind)),
        Some(("move".to_string(), "outcome".to_string()))
    );
    // Changed records carry the author; the others keep theirs.
    let mover = moved.outcomes.iter().find(|o| o.record.id == last).unwrap();
    assert_eq!(mover.record.modified_by, "MOWA");
    assert_eq!(moved.pillars, original.pillars);
    assert_eq!(on_disk(&path), moved);

    doc.undo().expect("undo the move");
    assert_eq!(doc.plan(), &original, "order and codes are back exactly");
    assert_eq!(on_disk(&path), original);
    doc.redo().expect("redo the move");
    assert_eq!(doc.plan(), &moved);
    assert_eq!(on_disk(&path), moved);

    // Nothing to change is no step at all; an invalid plan is refused and changes nothing.
    assert_eq!(doc.edit_many(moved.clone(), "move", "outcome").unwrap(), 0);
    let mut broken = moved.clone();
    broken.outcomes[0].pillar_id = nap_core::Id::new_v4();
    let bytes = std::fs::read(&path).unwrap();
    assert!(doc.edit_many(broken, "move", "outcome").is_err());
    assert_eq!(doc.plan(), &moved);
    assert!(std::fs::read(&path).unwrap() == bytes);
    doc.undo().expect("the move is still the step to undo");
    assert_eq!(doc.plan(), &original);
}

/// The costing kept across a cost line's edit (the line costed again in it) is the costing
/// of the plan as edited, as is the one made anew when the old costing is still in use
/// elsewhere, or when the edit moves the line; undo's costing is the original one.
#[test]
fn the_costing_after_a_line_edit_is_the_plan_costed_anew() {
    use nap_core::costing::compute;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sample_file(dir.path());
    let mut doc = Document::open(&path, "MOWA").expect("open");
    let original = doc.costing().expect("costs");
    let in_use = std::sync::Arc::clone(&original);
    drop(original);

    let edit = |doc: &mut Document, index: usize, year: i32, quantity: i64| {
        let mut line = doc.plan().cost_lines[index].clone();
        line.quantities.insert(year, Decimal::from(quantity));
        doc.upsert(line).expect("edit");
        let kept = doc.costing().expect("costs");
        assert_eq!(
            *kept,
            compute(doc.plan(), None).expect("costs"),
            "line {index}"
        );
        kept
    };
    // The first edit's costing is still held (`in_use`): made anew.
    drop(edit(&mut doc, 3, 2027, 999));
    // Then kept and recosted, several times over, for lines of different activities.
    for (k, index) in [3, 4, 50, 3, 102].into_iter().enumerate() {
        drop(edit(&mut doc, index, 2028, 7 + k as i64));
    }
    // A line moved to another activity is costed anew.
    let mut moved = doc.plan().cost_lines[5].clone();
    moved.activity_id = doc.plan().activities[30].record.id;
    doc.upsert(moved).expect("moved");
    assert_eq!(*doc.costing().unwrap(), compute(doc.plan(), None).unwrap());

    while doc.undo().expect("undo").is_some() {}
    assert_eq!(
        *doc.costing().unwrap(),
        *in_use,
        "back to the original costing"
    );
}
