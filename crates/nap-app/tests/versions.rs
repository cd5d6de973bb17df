//! Named versions and backups through the application layer: a restore brings the records,
//! settings and totals of a version back exactly and undo returns to the plan before it;
//! backups are whole plans, listed, pruned and restored as new files only.

use nap_app::backups::{self, Reason};
use nap_app::versions;
use nap_store::{Access, Document, PlanFile};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn sample(dir: &Path) -> (PathBuf, Document) {
    let path = dir.join("sample.nap");
    PlanFile::create(&path, &nap_core::sample::sample_plan(), false).unwrap();
    let doc = Document::open(&path, "secretariat").unwrap();
    (path, doc)
}

fn total(doc: &Document) -> Decimal {
    doc.costing().unwrap().total()
}

/// The plan's content: every record in order with its fields, without the versions and
/// the provenance an edit stamps (who changed what when).
fn without_versions(plan: &nap_core::Plan) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for k in ["created", "modified", "modified_by", "versions"] {
                    m.remove(k);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(plan).unwrap();
    strip(&mut v);
    v
}

#[test]
fn a_restore_brings_a_version_back_exactly_and_undo_returns_to_the_plan_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let saved =
        versions::save(&mut doc, "Cabinet submission", "as sent", Some("submitted")).unwrap();
    assert!(saved.has_snapshot);
    assert_eq!(saved.status, nap_core::PlanStatus::Submitted);
    let at_version = doc.plan().clone();
    let total_at_version = total(&doc);

    // Later work: a line's quantity, the title, a deleted consultation, a new rate.
    let mut line = doc.plan().cost_lines[0].clone();
    line.quantities.insert(2027, Decimal::from(999));
    doc.upsert(line).unwrap();
    let mut meta = doc.plan().meta.clone();
    meta.title.text = "Revised plan".into();
    meta.contingency = "0.1".parse().unwrap();
    doc.set_meta(meta).unwrap();
    let consultation = doc.plan().consultations[0].record.id;
    doc.delete::<nap_core::Consultation>(consultation).unwrap();
    let before_restore = doc.plan().clone();
    let total_before_restore = total(&doc);
    assert_ne!(total_before_restore, total_at_version);

    let diff = versions::compare(&doc, saved.id, None).unwrap();
    // The screen's figures: rounded to the currency's minor unit.
    let minor = nap_core::currency::currency(&doc.plan().meta.base_currency)
        .unwrap()
        .minor_units;
    let shown = |v: Decimal| {
        v.round_dp_with_strategy(minor, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    assert_eq!(diff.total_before, shown(total_at_version));
    assert_eq!(diff.total_after, shown(total_before_restore));
    let what: Vec<(&str, &str)> = diff
        .changes
        .iter()
        .map(|c| (c.kind.as_str(), c.label.as_str()))
        .collect();
    assert_eq!(diff.changes.len(), 3, "{what:?}");

    let restored = versions::restore(&mut doc, saved.id).unwrap();
    // The three changes the comparison lists; the consultations after the deleted one move
    // back down, which is no change of theirs.
    assert!(restored.changed == 3, "{}", restored.changed);
    assert_eq!(without_versions(doc.plan()), without_versions(&at_version));
    assert_eq!(total(&doc), total_at_version);
    assert_eq!(
        doc.plan().versions.len(),
        at_version.versions.len(),
        "versions are kept"
    );
    // What is on disk is what is shown.
    let on_disk = PlanFile::open(&path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(&on_disk, doc.plan());
    assert!(versions::compare(&doc, saved.id, None)
        .unwrap()
        .changes
        .is_empty());

    nap_app::history::undo(&mut doc).unwrap();
    assert_eq!(
        without_versions(doc.plan()),
        without_versions(&before_restore)
    );
    assert_eq!(total(&doc), total_before_restore);
    let on_disk = PlanFile::open(&path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(&on_disk, doc.plan());
}

#[test]
fn versions_need_a_new_name_and_one_without_a_snapshot_is_listed_but_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let before = doc.plan().clone();
    assert_eq!(
        versions::save(&mut doc, "  ", "", None)
            .unwrap_err()
            .code()
            .name(),
        "required"
    );
    let first = versions::save(&mut doc, "Draft 1", "", None).unwrap();
    assert_eq!(
        versions::save(&mut doc, "draft 1", "", None)
            .unwrap_err()
            .code()
            .name(),
        "invalid"
    );
    assert_eq!(
        versions::save(&mut doc, "Draft 2", "", Some("approved"))
            .unwrap_err()
            .code()
            .name(),
        "bad_request"
    );
    // The sample's own version came with the plan: no snapshot here.
    let listed = versions::list(&doc).unwrap();
    let inherited = listed.iter().find(|v| v.id != first.id).unwrap();
    assert!(!inherited.has_snapshot);
    assert_eq!(
        versions::restore(&mut doc, inherited.id)
            .unwrap_err()
            .code()
            .name(),
        "invalid"
    );
    assert_eq!(versions::named(&doc, "DRAFT 1").unwrap(), first.id);
    assert_eq!(
        versions::named(&doc, "nope").unwrap_err().code().name(),
        "record_not_found"
    );
    // Nothing but the one version was added.
    assert_eq!(doc.plan().versions.len(), before.versions.len() + 1);
    // Deleting a version takes its snapshot with it.
    doc.delete::<nap_core::NamedVersion>(first.id).unwrap();
    assert!(doc.version_snapshot(first.id).unwrap().is_none());
}

#[test]
fn a_backup_is_the_whole_plan_listed_with_its_reason_and_restored_only_as_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (path, doc) = sample(dir.path());
    let backup = backups::take(&doc, &data, Reason::Import, 30).unwrap();
    let copy = PlanFile::open(&backup, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(&copy, doc.plan());
    let listed = backups::list(&data);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, Reason::Import);
    assert_eq!(
        PathBuf::from(&listed[0].plan_path),
        std::fs::canonicalize(&path).unwrap()
    );
    drop(doc);

    let original = std::fs::read(&path).unwrap();
    let restored = backups::restore(&backup, None, dir.path()).unwrap();
    assert_ne!(restored, path);
    assert!(restored
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("sample (from backup "));
    assert_eq!(
        PlanFile::open(&restored, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap(),
        copy
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the plan is never overwritten"
    );
    // An existing file is refused, and a file that is not a plan is refused before writing.
    assert_eq!(
        backups::restore(&backup, Some(&path), dir.path())
            .unwrap_err()
            .code()
            .name(),
        "invalid"
    );
    let junk = dir.path().join("junk.nap");
    std::fs::write(&junk, b"not a plan").unwrap();
    let out = dir.path().join("out.nap");
    assert!(backups::restore(&junk, Some(&out), dir.path()).is_err());
    assert!(!out.exists());
}

#[test]
fn backups_older_than_the_kept_days_are_removed_when_the_next_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_, doc) = sample(dir.path());
    let old = backups::take(&doc, &data, Reason::Daily, 30).unwrap();
    // Make the first one 40 days old, as its description says.
    let sidecar = old.with_extension("json");
    let mut entry: backups::BackupEntry =
        serde_json::from_slice(&std::fs::read(&sidecar).unwrap()).unwrap();
    entry.at = "2000-01-01T00:00:00.000Z".into();
    std::fs::write(&sidecar, serde_json::to_vec(&entry).unwrap()).unwrap();
    let new = backups::take(&doc, &data, Reason::Merge, 30).unwrap();
    assert!(!old.exists());
    assert!(new.exists());
    assert_eq!(backups::list(&data).len(), 1);
}
