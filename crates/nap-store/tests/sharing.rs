//! Sending copies and merging them back, with real files.

use nap_core::merge::{Decisions, Resolve};
use nap_core::sample::sample_plan;
use nap_core::{CostLine, LocalText, Plan};
use nap_store::sharing::{merge, merge_history, send, undo_merge};
use nap_store::{Access, Document, PlanFile, StoreError};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        let s = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        PlanFile::create(&s.path("secretariat.nap"), &sample_plan(), false).unwrap();
        s
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn doc(&self, name: &str, author: &str) -> Document {
        Document::open(&self.path(name), author).unwrap()
    }
    /// The secretariat sends a copy named `name`.
    fn send(&self, name: &str, agency: Option<&str>) -> PathBuf {
        let mut doc = self.doc("secretariat.nap", "MWA secretariat");
        let agency = agency.map(|code| {
            doc.plan()
                .agencies
                .iter()
                .find(|a| a.code == code)
                .unwrap()
                .record
                .id
        });
        let out = self.path(name);
        send(&mut doc, &out, agency, "for review").unwrap();
        out
    }
}

fn load(p: &Path) -> Plan {
    PlanFile::open(p, Access::ReadOnly).unwrap().load().unwrap()
}

fn edit_title(path: &Path, author: &str, activity: usize, title: &str) {
    let mut doc = Document::open(path, author).unwrap();
    let mut a = doc.plan().activities[activity].clone();
    a.title = LocalText::new(title);
    doc.upsert(a).unwrap();
}

fn edit_quantity(path: &Path, author: &str, line: usize, q: i64) {
    let mut doc = Document::open(path, author).unwrap();
    let mut l: CostLine = doc.plan().cost_lines[line].clone();
    l.quantities.insert(2026, Decimal::from(q));
    doc.upsert(l).unwrap();
}

#[test]
fn two_ministries_edit_different_activities_and_every_edit_is_kept() {
    let s = Setup::new();
    let a = s.send("moi.nap", None);
    let b = s.send("mnd.nap", None);
    edit_title(&a, "MOI", 5, "MOI's edit");
    edit_title(&b, "MND", 7, "MND's edit");
    let mut doc = s.doc("secretariat.nap", "MWA secretariat");
    let first = merge(&mut doc, &a, &Decisions::all(None), false).unwrap();
    assert!(first.applied && first.report.conflicts.is_empty());
    let second = merge(&mut doc, &b, &Decisions::all(None), false).unwrap();
    assert!(second.applied && second.report.conflicts.is_empty());
    drop(doc);
    let p = load(&s.path("secretariat.nap"));
    assert_eq!(p.activities[5].title.text, "MOI's edit");
    assert_eq!(
        p.activities[5].record.modified_by, "MOI",
        "provenance travels with the change"
    );
    assert_eq!(p.activities[7].title.text, "MND's edit");
}

#[test]
fn the_same_quantity_edited_on_both_sides_is_a_conflict_resolved_as_asked() {
    for (resolve, expected) in [(Resolve::Ours, 11), (Resolve::Theirs, 22)] {
        let s = Setup::new();
        let copy = s.send("moi.nap", None);
        edit_quantity(&s.path("secretariat.nap"), "MWA", 2, 11);
        edit_quantity(&copy, "MOI", 2, 22);
        let before = std::fs::read(s.path("secretariat.nap")).unwrap();
        let mut doc = s.doc("secretariat.nap", "MWA");
        let blocked = merge(&mut doc, &copy, &Decisions::all(None), false).unwrap();
        assert!(!blocked.applied);
        assert_eq!(blocked.report.conflicts.len(), 1);
        assert_eq!(blocked.report.conflicts[0].their_author, "MOI");
        drop(doc);
        assert_eq!(
            std::fs::read(s.path("secretariat.nap")).unwrap(),
            before,
            "a blocked merge writes nothing"
        );
        let mut doc = s.doc("secretariat.nap", "MWA");
        assert!(
            merge(&mut doc, &copy, &Decisions::all(Some(resolve)), false)
                .unwrap()
                .applied
                || resolve == Resolve::Ours
        );
        drop(doc);
        assert_eq!(
            load(&s.path("secretariat.nap")).cost_lines[2].quantities[&2026],
            Decimal::from(expected)
        );
    }
}

#[test]
fn an_edit_against_a_delete_is_a_conflict() {
    let s = Setup::new();
    let copy = s.send("moi.nap", None);
    let victim = load(&copy).cost_lines[9].record.id;
    let mut theirs = Document::open(&copy, "MOI").unwrap();
    theirs.delete::<CostLine>(victim).unwrap();
    drop(theirs);
    let mut ours = s.doc("secretariat.nap", "MWA");
    let mut line = ours.plan().cost_lines[9].clone();
    line.note = "raised after the consultation".into();
    ours.upsert(line).unwrap();
    let r = merge(&mut ours, &copy, &Decisions::all(None), false).unwrap();
    assert_eq!(r.report.conflicts.len(), 1);
    assert_eq!(r.report.conflicts[0].values.field, "(record)");
    assert!(!r.applied);
}

#[test]
fn a_three_way_round_keeps_every_edit_and_merging_twice_changes_nothing() {
    let s = Setup::new();
    let a = s.send("a.nap", None);
    let b = s.send("b.nap", None);
    edit_quantity(&a, "A", 1, 101);
    edit_quantity(&b, "B", 30, 202);
    edit_title(
        &s.path("secretariat.nap"),
        "MWA",
        0,
        "Secretariat's own edit",
    );
    let mut doc = s.doc("secretariat.nap", "MWA");
    merge(&mut doc, &a, &Decisions::all(None), false).unwrap();
    merge(&mut doc, &b, &Decisions::all(None), false).unwrap();
    drop(doc);
    let p = load(&s.path("secretariat.nap"));
    assert_eq!(p.cost_lines[1].quantities[&2026], Decimal::from(101));
    assert_eq!(p.cost_lines[30].quantities[&2026], Decimal::from(202));
    assert_eq!(p.activities[0].title.text, "Secretariat's own edit");
    let before = load(&s.path("secretariat.nap"));
    let mut doc = s.doc("secretariat.nap", "MWA");
    let again = merge(&mut doc, &a, &Decisions::all(None), false).unwrap();
    assert!(!again.applied, "{:?}", again.report);
    assert!(again.report.is_empty());
    drop(doc);
    assert_eq!(load(&s.path("secretariat.nap")), before);
}

#[test]
fn undoing_a_merge_restores_the_previous_content() {
    let s = Setup::new();
    let a = s.send("a.nap", None);
    edit_quantity(&a, "A", 4, 404);
    let before = load(&s.path("secretariat.nap"));
    let mut doc = s.doc("secretariat.nap", "MWA");
    merge(&mut doc, &a, &Decisions::all(None), false).unwrap();
    assert_ne!(doc.plan(), &before);
    undo_merge(&mut doc).unwrap();
    assert_eq!(doc.plan(), &before);
    assert!(matches!(
        undo_merge(&mut doc),
        Err(StoreError::NothingToUndo)
    ));
    drop(doc);
    assert_eq!(load(&s.path("secretariat.nap")), before);
}

#[test]
fn an_edit_after_the_merge_blocks_its_undo() {
    let s = Setup::new();
    let a = s.send("a.nap", None);
    edit_quantity(&a, "A", 4, 404);
    let mut doc = s.doc("secretariat.nap", "MWA");
    merge(&mut doc, &a, &Decisions::all(None), false).unwrap();
    let mut l = doc.plan().cost_lines[0].clone();
    l.note = "later".into();
    doc.upsert(l).unwrap();
    assert!(matches!(
        undo_merge(&mut doc),
        Err(StoreError::ChangedSinceMerge)
    ));
}

/// Merge logs written before SHA-256 kept a 64-bit Fx hash of the plan's JSON: such a merge
/// can still be undone, and still not after the plan has changed.
#[test]
fn a_merge_logged_with_the_old_fingerprint_can_still_be_undone() {
    // The old fingerprint, written out from its definition: Fx steps over little-endian
    // eight-byte words, the last one padded with zeros.
    fn old_fingerprint(json: &str) -> String {
        let mut hash = 0u64;
        for chunk in json.as_bytes().chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        format!("{hash:016x}")
    }
    let set_logged = |path: &Path, fingerprint: &str| {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute("UPDATE merge_log SET after_hash = ?1", [fingerprint])
            .unwrap();
    };
    for (matches, outcome) in [(true, "undone"), (false, "refused")] {
        let s = Setup::new();
        let a = s.send("a.nap", None);
        edit_quantity(&a, "A", 4, 404);
        let before = load(&s.path("secretariat.nap"));
        let merged = {
            let mut doc = s.doc("secretariat.nap", "MWA");
            merge(&mut doc, &a, &Decisions::all(None), false).unwrap();
            doc.plan().clone()
        };
        let logged: String = rusqlite::Connection::open(s.path("secretariat.nap"))
            .unwrap()
            .query_row("SELECT after_hash FROM merge_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(logged.len(), 64, "a new log keeps a SHA-256: {logged}");
        let json = nap_core::interchange::to_json(&merged);
        let fingerprint = if matches {
            old_fingerprint(&json)
        } else {
            old_fingerprint(&format!("{json} "))
        };
        set_logged(&s.path("secretariat.nap"), &fingerprint);
        let mut doc = s.doc("secretariat.nap", "MWA");
        let result = undo_merge(&mut doc);
        if matches {
            assert!(result.is_ok(), "{outcome}: {result:?}");
            assert_eq!(doc.plan(), &before);
        } else {
            assert!(
                matches!(result, Err(StoreError::ChangedSinceMerge)),
                "{outcome}: {result:?}"
            );
            assert_eq!(doc.plan(), &merged);
        }
    }
}

#[test]
fn a_scoped_copy_s_changes_outside_its_part_are_refused() {
    let s = Setup::new();
    let copy = s.send("moi.nap", Some("MOI"));
    let plan = load(&copy);
    let moi = plan
        .agencies
        .iter()
        .find(|a| a.code == "MOI")
        .unwrap()
        .record
        .id;
    let own = plan
        .activities
        .iter()
        .position(|a| a.lead_agency_id == Some(moi))
        .unwrap();
    let other = plan
        .activities
        .iter()
        .position(|a| a.lead_agency_id != Some(moi))
        .unwrap();
    edit_title(&copy, "MOI", own, "MOI edit inside");
    // The app refuses edits outside the part, so write this one as an older version or a
    // hand-edited file would: straight into the file.
    let mut outside = plan.activities[other].clone();
    outside.title = LocalText::new("MOI edit outside");
    PlanFile::open(&copy, Access::ReadWrite)
        .unwrap()
        .write_record(&outside)
        .unwrap();
    let mut doc = s.doc("secretariat.nap", "MWA");
    let r = merge(&mut doc, &copy, &Decisions::all(None), false).unwrap();
    assert_eq!(r.report.refused.len(), 1);
    assert_eq!(r.report.changes.len(), 1);
    drop(doc);
    let p = load(&s.path("secretariat.nap"));
    assert_eq!(p.activities[own].title.text, "MOI edit inside");
    assert_ne!(p.activities[other].title.text, "MOI edit outside");
}

/// The receiver of a scoped copy cannot widen its part by clearing the copy's own record of
/// it: the sender merges by what it recorded when sending.
#[test]
fn clearing_the_scope_in_the_copy_does_not_widen_what_merges_back() {
    let s = Setup::new();
    let copy = s.send("moi.nap", Some("MOI"));
    let plan = load(&copy);
    let moi = plan
        .agencies
        .iter()
        .find(|a| a.code == "MOI")
        .unwrap()
        .record
        .id;
    let other = plan
        .activities
        .iter()
        .position(|a| a.lead_agency_id != Some(moi))
        .unwrap();
    // The receiver removes the scope from its copy, after which the copy edits anything.
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute("UPDATE copy_info SET scope_agency_id = NULL", [])
        .unwrap();
    edit_title(&copy, "MOI", other, "MOI edit outside");
    let mut doc = s.doc("secretariat.nap", "MWA");
    let r = merge(&mut doc, &copy, &Decisions::all(None), false).unwrap();
    assert_eq!(
        r.info.scope_agency_id,
        Some(moi),
        "the scope the sender recorded"
    );
    assert_eq!(r.report.refused.len(), 1, "{:?}", r.report);
    assert!(r.report.changes.is_empty(), "{:?}", r.report.changes);
    drop(doc);
    let p = load(&s.path("secretariat.nap"));
    assert_ne!(p.activities[other].title.text, "MOI edit outside");
}

#[test]
fn foreign_newer_damaged_and_random_files_are_refused_and_the_plan_is_untouched() {
    let s = Setup::new();
    let copy = s.send("moi.nap", None);
    let ours = s.path("secretariat.nap");
    // Another plan, sent the same way.
    let other = s.path("other.nap");
    let mut p = sample_plan();
    p.meta.record.id = nap_core::Id::from_u128(9);
    p.meta.title = LocalText::new("Another country's plan");
    PlanFile::create(&other, &p, false).unwrap();
    let newer = s.path("newer.nap");
    let mut raw = std::fs::read(&copy).unwrap();
    raw[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&newer, &raw).unwrap();
    let damaged = s.path("damaged.nap");
    let mut raw = std::fs::read(&copy).unwrap();
    let page = usize::from(u16::from_be_bytes([raw[16], raw[17]]));
    for b in &mut raw[page..page * 5] {
        *b = 0x5A;
    }
    std::fs::write(&damaged, &raw).unwrap();
    let random = s.path("random.nap");
    std::fs::write(
        &random,
        (0..5000u32)
            .map(|i| (i * 31 % 251) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let never_sent = s.path("never-sent.nap");
    std::fs::copy(&ours, &never_sent).unwrap();

    let before = std::fs::read(&ours).unwrap();
    let mut doc = s.doc("secretariat.nap", "MWA");
    let plan_before = doc.plan().clone();
    type Expect = fn(&StoreError) -> bool;
    let cases: [(&Path, Expect); 5] = [
        (&other, |e| matches!(e, StoreError::ForeignPlan { .. })),
        (&newer, |e| matches!(e, StoreError::NewerSchema { .. })),
        (&damaged, |e| matches!(e, StoreError::DamagedFile { .. })),
        (&random, |e| matches!(e, StoreError::NotAPlan { .. })),
        (&never_sent, |e| matches!(e, StoreError::NoCommonBase(_))),
    ];
    for (path, expected) in cases {
        let err = merge(&mut doc, path, &Decisions::all(None), false).unwrap_err();
        assert!(expected(&err), "{}: {err:?}", path.display());
        assert!(!err.to_string().is_empty());
    }
    assert_eq!(doc.plan(), &plan_before);
    drop(doc);
    assert_eq!(
        std::fs::read(&ours).unwrap(),
        before,
        "the open plan's file is byte-identical"
    );
}

/// Index of the first cost line whose activity `agency` leads (or, with `own` false, does not).
fn line_of(plan: &Plan, agency: &str, own: bool) -> usize {
    let id = plan
        .agencies
        .iter()
        .find(|a| a.code == agency)
        .unwrap()
        .record
        .id;
    plan.cost_lines
        .iter()
        .position(|l| {
            let lead = plan
                .activities
                .iter()
                .find(|a| a.record.id == l.activity_id)
                .unwrap()
                .lead_agency_id;
            (lead == Some(id)) == own
        })
        .unwrap()
}

#[test]
fn a_scoped_copy_refuses_edits_outside_its_part_and_changes_nothing() {
    let s = Setup::new();
    let copy = s.send("moi.nap", Some("MOI"));
    let plan = load(&copy);
    let (own, other) = (line_of(&plan, "MOI", true), line_of(&plan, "MOI", false));
    let mut doc = Document::open(&copy, "MOI").unwrap();
    assert!(doc.scope_agency().is_some());

    let mut line = doc.plan().cost_lines[own].clone();
    line.quantities.insert(2026, Decimal::from(3));
    doc.upsert(line.clone())
        .expect("its own line can be edited");
    let mut added = line.clone();
    added.record.id = nap_core::Id::new_v4();
    doc.upsert(added)
        .expect("a new line under its own activity can be added");
    drop(doc);

    let before = std::fs::read(&copy).unwrap();
    let mut doc = Document::open(&copy, "MOI").unwrap();
    let mut foreign = doc.plan().cost_lines[other].clone();
    foreign.quantities.insert(2026, Decimal::from(999));
    let err = doc.upsert(foreign).unwrap_err();
    assert!(matches!(err, StoreError::OutsideScope { .. }), "{err:?}");
    assert!(matches!(err, StoreError::OutsideScope { .. }), "{err}");
    assert!(err.to_string().contains("read-only"), "{err}");
    let other_id = doc.plan().cost_lines[other].record.id;
    assert!(matches!(
        doc.delete::<CostLine>(other_id).unwrap_err(),
        StoreError::OutsideScope { .. }
    ));
    let mut meta = doc.plan().meta.clone();
    meta.title = LocalText::new("Renamed by MOI");
    assert!(matches!(
        doc.set_meta(meta).unwrap_err(),
        StoreError::OutsideScope { .. }
    ));
    drop(doc);
    assert!(
        std::fs::read(&copy).unwrap() == before,
        "refused edits write nothing"
    );
    assert_eq!(load(&copy).cost_lines[other], plan.cost_lines[other]);

    // The full plan is not limited.
    let mut full = s.doc("secretariat.nap", "MWA");
    assert_eq!(full.scope_agency(), None);
    let mut line = full.plan().cost_lines[other].clone();
    line.note = "secretariat note".into();
    full.upsert(line).unwrap();
}

#[test]
fn a_reviewed_merge_applies_only_the_accepted_changes_and_the_chosen_sides() {
    let s = Setup::new();
    let copy = s.send("moi.nap", None);
    edit_quantity(&s.path("secretariat.nap"), "MWA", 2, 11);
    edit_quantity(&copy, "MOI", 2, 22);
    edit_title(&copy, "MOI", 5, "accepted title");
    edit_title(&copy, "MOI", 6, "turned-down title");
    let plan = load(&s.path("secretariat.nap"));
    let mut doc = s.doc("secretariat.nap", "MWA");
    let review = merge(&mut doc, &copy, &Decisions::all(None), true).unwrap();
    assert_eq!(review.report.conflicts.len(), 1);
    let mut decisions = Decisions::default();
    decisions
        .rejected
        .insert(("activity".into(), plan.activities[6].record.id));
    let conflict = &review.report.conflicts[0];
    decisions.chosen.insert(
        (
            conflict.kind.clone(),
            conflict.id,
            conflict.values.field.clone(),
        ),
        Resolve::Theirs,
    );
    let merged = merge(&mut doc, &copy, &decisions, false).unwrap();
    assert!(merged.applied);
    let history = merge_history(doc.file()).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].author.as_str(), history[0].undone),
        ("MWA", false)
    );
    assert!(history[0].from_file.ends_with("moi.nap"));
    let summary = &history[0].summary;
    assert!(
        summary.starts_with("1 changes applied, 1 turned down"),
        "{summary}"
    );
    drop(doc);
    let p = load(&s.path("secretariat.nap"));
    assert_eq!(p.cost_lines[2].quantities[&2026], Decimal::from(22));
    assert_eq!(p.activities[5].title.text, "accepted title");
    assert_eq!(p.activities[6].title, plan.activities[6].title);
}

#[test]
fn undo_goes_back_through_the_edits_made_after_a_merge_and_then_undoes_the_merge() {
    let s = Setup::new();
    let copy = s.send("moi.nap", None);
    edit_title(&copy, "MOI", 5, "MOI's edit");
    let before = load(&s.path("secretariat.nap"));
    let mut doc = s.doc("secretariat.nap", "MWA");
    merge(&mut doc, &copy, &Decisions::all(None), false).unwrap();
    assert_eq!(
        doc.undo_label().map(|l| l.action),
        Some("merge".to_string())
    );
    let mut line = doc.plan().cost_lines[0].clone();
    line.note = "after the merge".into();
    doc.upsert(line).unwrap();
    assert_eq!(doc.undo_label().map(|l| l.action), Some("edit".to_string()));
    doc.undo().unwrap();
    assert_eq!(doc.plan().activities[5].title.text, "MOI's edit");
    let undone = doc.undo().unwrap().expect("the merge is undone");
    assert_eq!(undone.action, "merge");
    assert_eq!(doc.undo_label(), None);
    assert_eq!(doc.plan().activities[5].title, before.activities[5].title);
    drop(doc);
    assert_eq!(
        load(&s.path("secretariat.nap")).activities[5].title,
        before.activities[5].title
    );
}
