//! The application layer's use cases, called as the window and the command line call them,
//! without either.

use nap_app::costing::cost_grid;
use nap_app::export::{annex_rounding, ExportRequest, Requested};
use nap_app::{AppError, ErrorCode};
use nap_core::costing::grid::GridFilter;
use nap_core::merge::Scope;
use nap_store::{Document, PlanFile};
use std::path::{Path, PathBuf};

fn sample(dir: &Path) -> (PathBuf, Document) {
    let path = dir.join("sample.nap");
    PlanFile::create(&path, &nap_core::sample::sample_plan(), false).unwrap();
    let doc = nap_app::files::open(&path, "secretariat").unwrap();
    (path, doc)
}

fn code(r: Result<impl std::fmt::Debug, AppError>) -> ErrorCode {
    r.expect_err("should be refused").code()
}

fn all_lines() -> GridFilter {
    GridFilter::default()
}

#[test]
fn a_copy_scoped_to_one_agency_locks_everything_outside_its_part_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let copy = dir.path().join("for moi.nap");
    let sent = nap_app::sharing::send(&mut doc, &copy, Some(" moi "), "please cost").unwrap();
    assert_eq!(sent.agency_code.as_deref(), Some("MOI"));

    // The whole plan locks nothing.
    let whole = cost_grid(&doc, &all_lines(), 1000).unwrap();
    assert!(whole.lines.iter().all(|l| !l.locked));
    assert!(!nap_app::plan_settings::plan_settings(&doc).locked);

    let received = nap_app::files::open(&copy, "MOI").unwrap();
    let moi = received.scope_agency().expect("the copy is scoped");
    let part = Scope::of_agency(received.plan(), moi);
    let grid = cost_grid(&received, &all_lines(), 1000).unwrap();
    let locked = grid.lines.iter().filter(|l| l.locked).count();
    assert!(
        locked > 0 && locked < grid.lines.len(),
        "{locked} of {}",
        grid.lines.len()
    );
    for line in &grid.lines {
        assert_eq!(line.locked, !part.contains(line.id), "line {}", line.id);
    }
    let results = nap_app::results::results(&received);
    for node in &results.nodes {
        assert_eq!(node.locked, !part.contains(node.id));
    }
    assert!(nap_app::plan_settings::plan_settings(&received).locked);
    let other_agency = received
        .plan()
        .agencies
        .iter()
        .find(|a| a.record.id != moi)
        .unwrap()
        .record
        .id;
    assert!(
        nap_app::agency_plans::agency_plan(&received, Some(other_agency), false)
            .unwrap()
            .locked
    );
    assert!(
        !nap_app::agency_plans::agency_plan(&received, Some(moi), false)
            .unwrap()
            .locked
    );
}

#[test]
fn an_unknown_agency_code_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let copy = dir.path().join("copy.nap");
    let err = nap_app::sharing::send(&mut doc, &copy, Some("XYZ"), "").unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadRequest);
    assert!(err.to_string().contains("XYZ"), "{err}");
    assert!(!copy.exists());
}

#[test]
fn the_annex_is_always_rounded_and_bad_requests_are_named() {
    assert_eq!(code(annex_rounding("exact")), ErrorCode::BadRequest);
    assert!(annex_rounding("thousands").is_ok());
    // The request as the window sends it.
    let read = |json: serde_json::Value| serde_json::from_value::<ExportRequest>(json);
    let refused = |json: serde_json::Value| read(json).expect_err("refused").to_string();
    assert!(refused(serde_json::json!({"kind": "slides", "path": "/tmp/x"})).contains("slides"));
    let err = refused(
        serde_json::json!({"kind": "annex", "path": "/tmp/a.pdf", "lang": "xx", "rounding": "unit"}),
    );
    assert!(err.contains("`xx`") && err.contains("km"), "{err}");
    let err = refused(
        serde_json::json!({"kind": "annex", "path": "/tmp/a.pdf", "lang": "km", "rounding": "exact"}),
    );
    assert!(err.contains("unit, thousands or millions"), "{err}");
    let err = refused(
        serde_json::json!({"kind": "progress_report", "path": "/tmp/r.docx", "lang": "en", "format": "lines"}),
    );
    assert!(err.contains("pdf, docx or xlsx"), "{err}");
    let err = refused(serde_json::json!({"kind": "csv", "path": "/tmp/t.csv", "table": "pillar"}));
    assert!(err.contains("pillar-year"), "{err}");
    // A kind's own choices only: an annex without its rounding is incomplete.
    assert!(
        read(serde_json::json!({"kind": "annex", "path": "/tmp/a.pdf", "lang": "km"})).is_err()
    );

    let blank =
        read(serde_json::json!({"kind": "annex", "path": "  ", "lang": "km", "rounding": "unit"}));
    assert_eq!(
        code(blank.unwrap().checked()),
        ErrorCode::Field(nap_core::edit::Problem::Required)
    );
    let nobody = read(
        serde_json::json!({"kind": "agency_plan", "path": "/tmp/p.pdf", "lang": "en", "format": "pdf", "agency": " "}),
    );
    assert_eq!(
        code(nobody.unwrap().checked()),
        ErrorCode::Field(nap_core::edit::Problem::Required)
    );
    let copy = read(serde_json::json!({"kind": "copy", "path": "/tmp/c.nap"})).unwrap();
    assert!(matches!(copy.checked().unwrap(), Requested::Copy { .. }));
    let report = read(
        serde_json::json!({"kind": "progress_report", "path": "/tmp/r.docx", "lang": "fr-CI", "format": "DOCX", "period": "2027-H1"}),
    );
    match report.unwrap().checked().unwrap() {
        Requested::File {
            export:
                nap_app::export::Export::ProgressReport {
                    period,
                    lang,
                    format,
                },
            ..
        } => {
            assert_eq!(period, "2027-H1");
            assert_eq!(lang, nap_export::Lang::Fr);
            assert_eq!(format, nap_app::export::ReportFormat::Docx);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_export_is_written_where_asked_and_a_missing_folder_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = sample(dir.path());
    let export = nap_app::export::Export::Csv {
        table: nap_app::export::csv_table("pillar-year").unwrap(),
        currency: None,
    };
    let out = dir.path().join("pillars.csv");
    let done = export.write(doc.plan(), &out).unwrap();
    let written = std::fs::read(&out).unwrap();
    assert_eq!(done.kilobytes as usize, written.len().div_ceil(1024));
    assert!(String::from_utf8(written)
        .unwrap()
        .contains("Participation"));
    let nowhere = dir.path().join("no folder").join("x.csv");
    assert_eq!(code(export.write(doc.plan(), &nowhere)), ErrorCode::Io);
}

#[test]
fn a_new_plan_is_checked_before_any_file_is_written() {
    use nap_app::files::new_plan_spec;
    assert_eq!(
        code(new_plan_spec("Plan", "KHM", 2027, 2031, "KHR")),
        ErrorCode::Invalid
    );
    assert_eq!(
        code(new_plan_spec("Plan", "KH", 2031, 2027, "KHR")),
        ErrorCode::Invalid
    );
    assert_eq!(
        code(new_plan_spec("Plan", "KH", 2027, 2060, "KHR")),
        ErrorCode::Invalid
    );
    assert_eq!(
        code(new_plan_spec("Plan", "KH", 2027, 2031, "ZZZ")),
        ErrorCode::Field(nap_core::edit::Problem::UnknownCurrency)
    );
    assert_eq!(
        code(new_plan_spec("  ", "KH", 2027, 2031, "KHR")),
        ErrorCode::Field(nap_core::edit::Problem::Required)
    );
    let spec = new_plan_spec(" Plan ", "kh", 2027, 2031, "khr").unwrap();
    assert_eq!((spec.title.as_str(), spec.country.as_str()), ("Plan", "KH"));
    assert_eq!(spec.currency, "KHR");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.nap");
    nap_app::files::create_new(&path, &spec, "secretariat", false).unwrap();
    assert_eq!(
        code(nap_app::files::create_new(
            &path,
            &spec,
            "secretariat",
            false
        )),
        ErrorCode::AlreadyExists
    );
}

#[test]
fn a_scripted_edit_is_saved_undoable_and_a_bad_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let line = doc.plan().cost_lines[0].clone();
    let id = line.record.id;
    let kind =
        nap_app::records::set_fields(&mut doc, id, &["note=Venue quoted by MOWA".into()]).unwrap();
    assert_eq!(kind.name(), "cost_line");
    let reopened = nap_app::files::open(&path, "x").unwrap();
    let saved = reopened
        .plan()
        .cost_lines
        .iter()
        .find(|l| l.record.id == id)
        .unwrap();
    assert_eq!(saved.note, "Venue quoted by MOWA");
    drop(reopened);

    let before = std::fs::read(&path).unwrap();
    for bad in [
        vec!["colour=red".to_string()],
        vec!["id=00000000-0000-0000-0000-000000000000".to_string()],
        vec!["note".to_string()],
    ] {
        assert_eq!(
            code(nap_app::records::set_fields(&mut doc, id, &bad)),
            ErrorCode::BadRequest,
            "{bad:?}"
        );
    }
    assert!(
        std::fs::read(&path).unwrap() == before,
        "refusals write nothing"
    );
    assert_eq!(
        code(nap_app::records::record_id("line 1")),
        ErrorCode::BadRequest
    );
    assert_eq!(
        nap_app::history::history(&doc).undo.map(|s| s.kind),
        Some("cost_line".to_string())
    );
    nap_app::history::undo(&mut doc).unwrap();
    let undone = doc
        .plan()
        .cost_lines
        .iter()
        .find(|l| l.record.id == id)
        .unwrap();
    assert_eq!(undone.note, line.note);
}

/// A plan changed outside NAP Studio is refused as `inconsistent` (the window then offers a
/// repaired copy); the copy opens with the changes listed and the original unchanged.
#[test]
fn an_inconsistent_plan_opens_as_a_repaired_copy_and_the_original_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = sample(dir.path());
    drop(doc);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE plan SET contingency = '2';")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    assert_eq!(
        code(nap_app::files::open(&path, "secretariat")),
        ErrorCode::Inconsistent
    );
    let data = dir.path().join("app data");
    let (doc, copy) = nap_app::files::open_repaired_copy(&path, &data, "secretariat").unwrap();
    assert_eq!(copy.changes.len(), 1, "{:?}", copy.changes);
    assert!(copy.changes[0].record.is_none(), "the plan's own setting");
    assert_eq!(doc.plan().meta.contingency, rust_decimal::Decimal::ZERO);
    assert_eq!(
        Path::new(&copy.path),
        dir.path().join("sample (repaired).nap"),
        "beside the original"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A plan on a read-only medium or without write permission opens in the window to read and
/// export; edits are refused as `read_only`, and nothing is written beside the file.
#[test]
fn a_read_only_plan_opens_for_reading_and_exporting_and_refuses_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = sample(dir.path());
    let activity = doc.plan().activities[0].record.id;
    drop(doc);
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let before = std::fs::read(&path).unwrap();

    assert_eq!(
        code(nap_app::files::open(&path, "secretariat")),
        ErrorCode::ReadOnly,
        "editing commands still refuse it"
    );
    let mut doc = nap_app::files::open_or_view(&path, "secretariat").unwrap();
    assert!(nap_app::plan::summary(&doc).read_only);
    let edit = nap_app::records::set_fields(&mut doc, activity, &["title=Changed".to_string()]);
    assert_eq!(code(edit), ErrorCode::ReadOnly);
    let workbook = nap_app::export::Export::Workbook {
        currency: None,
        budget_year: None,
    };
    assert!(!workbook.make(doc.plan()).unwrap().is_empty());
    drop(doc);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        beside,
        vec!["sample.nap".to_string()],
        "no -wal or -shm left"
    );
}

#[test]
fn a_lump_sum_for_a_pillar_counts_in_its_costs_is_one_undo_step_and_bad_input_is_refused() {
    use nap_core::costing::lump_sum::LumpSumTarget;
    use rust_decimal::Decimal;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let before = doc.plan().clone();
    let pillar = before.pillars[2].record.id;
    let year = before.meta.start_year + 2;
    let update = nap_app::costing::add_lump_sum(
        &mut doc,
        LumpSumTarget::Pillar(pillar),
        "Protection budget as published",
        &[(year, "1,234,567.9".to_string())],
        &all_lines(),
    )
    .unwrap();
    let line = doc
        .plan()
        .cost_lines
        .iter()
        .find(|l| l.record.id == update.line.id);
    assert_eq!(
        line.unwrap().quantities.get(&year),
        Some(&Decimal::new(12_345_679, 1))
    );
    assert!(update.line.lump_sum);
    assert_eq!(update.line.pillar_id, Some(pillar));
    // The grid shows it with its amount, and lists the new budget holder to add to.
    let grid = cost_grid(&doc, &all_lines(), 1000).unwrap();
    assert!(grid
        .lines
        .iter()
        .any(|l| l.id == update.line.id && l.lump_sum));
    assert_eq!(grid.activities.len(), before.activities.len() + 1);
    assert_eq!(grid.outcomes.len(), before.outcomes.len() + 1);
    // One undo takes back the line and its holders together, on disk too.
    nap_app::history::undo(&mut doc).unwrap();
    drop(doc);
    let mut doc = nap_app::files::open(&path, "secretariat").unwrap();
    assert_eq!(doc.plan().outcomes.len(), before.outcomes.len());
    assert_eq!(doc.plan().activities.len(), before.activities.len());
    assert_eq!(doc.plan().cost_lines.len(), before.cost_lines.len());

    let outside = before.meta.end_year + 1;
    let refused = nap_app::costing::add_lump_sum(
        &mut doc,
        LumpSumTarget::Pillar(pillar),
        "",
        &[(outside, "1".to_string())],
        &all_lines(),
    );
    use nap_core::edit::Problem;
    assert_eq!(code(refused), ErrorCode::Field(Problem::YearOutsidePlan));
    let not_a_number = nap_app::costing::add_lump_sum(
        &mut doc,
        LumpSumTarget::Pillar(pillar),
        "",
        &[(year, "40 million".to_string())],
        &all_lines(),
    );
    assert_eq!(code(not_a_number), ErrorCode::Field(Problem::NotANumber));
    let missing = nap_app::costing::add_lump_sum(
        &mut doc,
        LumpSumTarget::Output(pillar),
        "",
        &[],
        &all_lines(),
    );
    assert_eq!(code(missing), ErrorCode::RecordNotFound);
    assert_eq!(doc.plan().cost_lines.len(), before.cost_lines.len());
}

/// A translation marked out of date when its text changed is marked checked from the review,
/// for a record and for the plan itself; the mark cannot be set by hand, and a field that is
/// not two-language is refused without changing anything.
#[test]
fn an_outdated_translation_is_marked_checked_and_leaves_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let outcome = doc.plan().outcomes[0].record.id;
    let outdated = |doc: &Document| {
        let review = nap_app::review::check(doc.plan());
        (review.findings.iter())
            .filter(|f| f.code.ends_with("translation_outdated"))
            .map(|f| {
                (
                    f.code.clone(),
                    f.values.get("fields").cloned().unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(outdated(&doc).is_empty());
    nap_app::records::set_fields(&mut doc, outcome, &["title=A new wording".into()]).unwrap();
    nap_app::records::set_plan(&mut doc, &["title=A new plan title".into()]).unwrap();
    assert_eq!(
        outdated(&doc),
        vec![
            ("plan_translation_outdated".to_string(), "title".to_string()),
            ("translation_outdated".to_string(), "title".to_string())
        ]
    );

    let before = doc.plan().clone();
    for (id, field) in [
        (Some(outcome), "code"),
        (Some(outcome), "nothing"),
        (None, "status"),
    ] {
        let refused = nap_app::records::confirm_translations(&mut doc, id, &[field.into()]);
        assert_eq!(code(refused), ErrorCode::BadRequest, "{field}");
    }
    let by_hand =
        nap_app::records::set_fields(&mut doc, outcome, &["title.l2_outdated=true".into()]);
    assert_eq!(code(by_hand), ErrorCode::BadRequest);
    assert_eq!(doc.plan(), &before);

    nap_app::records::confirm_translations(&mut doc, Some(outcome), &["title".into()]).unwrap();
    assert_eq!(outdated(&doc).len(), 1);
    nap_app::records::confirm_translations(&mut doc, None, &["title".into()]).unwrap();
    assert!(outdated(&doc).is_empty());
    // The texts are as they were edited: only the marks changed.
    assert_eq!(doc.plan().outcomes[0].title.text, "A new wording");
    assert_eq!(doc.plan().outcomes[0].title.l2, before.outcomes[0].title.l2);
}

/// The communication screen's typed edits: each kind of record takes its own fields, a
/// refused value changes nothing, and an addition or deletion names its kind of record.
#[test]
fn communication_records_are_edited_field_by_field_and_bad_values_change_nothing() {
    use nap_app::communication::{
        add_communication, delete_communication, set_communication_activity, set_consultation,
        CommunicationRecord,
    };
    use nap_core::edit::{CommunicationActivityField, ConsultationField, Problem, Tongue};
    use nap_core::StakeholderGroup;

    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let consultation = doc.plan().consultations[0].record.id;
    let view = set_consultation(
        &mut doc,
        consultation,
        ConsultationField::Group(StakeholderGroup::IndigenousPeoples),
        "true",
    )
    .unwrap();
    let shown = view
        .consultations
        .iter()
        .find(|c| c.record.id == consultation);
    assert!(shown
        .unwrap()
        .groups
        .contains(&StakeholderGroup::IndigenousPeoples));
    set_consultation(
        &mut doc,
        consultation,
        ConsultationField::Title(Tongue::Second),
        "ការពិគ្រោះ",
    )
    .unwrap();

    let before = std::fs::read(&path).unwrap();
    let refused = set_consultation(
        &mut doc,
        consultation,
        ConsultationField::ParticipantsMen,
        "-4",
    );
    assert_eq!(code(refused), ErrorCode::Field(Problem::Negative));
    let activity = doc.plan().communication_activities[0].record.id;
    let refused =
        set_communication_activity(&mut doc, activity, CommunicationActivityField::Year, "1999");
    assert_eq!(code(refused), ErrorCode::Field(Problem::YearOutsidePlan));
    // An id of another kind of record is not found, whichever field is named.
    let refused = set_consultation(&mut doc, activity, ConsultationField::Place, "Kampot");
    assert_eq!(code(refused), ErrorCode::RecordNotFound);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "refusals wrote nothing"
    );

    let reopened = nap_app::files::open(&path, "secretariat").unwrap();
    let saved = &reopened.plan().consultations[0];
    assert_eq!(saved.title.l2.as_deref(), Some("ការពិគ្រោះ"));

    let view = add_communication(
        &mut doc,
        CommunicationRecord::Item,
        "Peace needs women",
        Some("key_message"),
    )
    .unwrap();
    let added = view
        .items
        .iter()
        .find(|i| i.text.text == "Peace needs women")
        .unwrap();
    let id = added.record.id;
    let view = delete_communication(&mut doc, CommunicationRecord::Item, id).unwrap();
    assert!(view.items.iter().all(|i| i.record.id != id));
}

/// A long task stopped before its last stage writes nothing: an export leaves no file (and
/// does not replace one already there), an import leaves the plan as it was.
#[test]
fn a_stopped_export_leaves_no_file_and_a_stopped_import_leaves_the_plan_unchanged() {
    use nap_app::import::{import_sheet, SheetImportRequest};
    use nap_app::job::{Job, JobStage};

    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let export = nap_app::export::Export::Csv {
        table: nap_app::export::csv_table("lines").unwrap(),
        currency: None,
    };
    let stopped = Job::new();
    assert!(stopped.cancel(), "not started yet: it can stop");
    let out = dir.path().join("lines.csv");
    let refused = export.write_watched(doc.plan(), &out, &stopped);
    assert_eq!(code(refused), ErrorCode::Cancelled);
    assert!(!out.exists(), "no file");
    std::fs::write(&out, "kept").unwrap();
    assert_eq!(
        code(export.write_watched(doc.plan(), &out, &stopped)),
        ErrorCode::Cancelled
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "kept",
        "an older file stays"
    );
    // Unstopped, the same export is written, and its job ends at writing.
    let job = Job::new();
    export.write_watched(doc.plan(), &out, &job).unwrap();
    assert_eq!(job.progress().stage, JobStage::Writing);
    assert!(std::fs::read_to_string(&out).unwrap().len() > 4);

    let sheet = dir.path().join("budget.csv");
    std::fs::write(
        &sheet,
        "Budget (KHR);;\nPillar;2027;2028\nProtection;1 000 000;2 000 000\n",
    )
    .unwrap();
    let request = SheetImportRequest {
        path: sheet.display().to_string(),
        sheet: None,
        map: Vec::new(),
        skip_invalid: false,
    };
    let before = std::fs::read(&path).unwrap();
    let lines = doc.plan().cost_lines.len();
    let review = nap_app::import::review_sheet(&doc, &request, "secretariat", &stopped);
    assert_eq!(
        code(review),
        ErrorCode::Cancelled,
        "a stopped review is not shown"
    );
    let refused = import_sheet(&mut doc, &request, "secretariat", &stopped);
    assert_eq!(code(refused), ErrorCode::Cancelled);
    assert_eq!(doc.plan().cost_lines.len(), lines);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
    let job = Job::new();
    import_sheet(&mut doc, &request, "secretariat", &job).unwrap();
    assert_eq!(job.progress().stage, JobStage::Saving);
    assert_eq!(doc.plan().cost_lines.len(), lines + 1);
}

/// What the preview of a typed value shows is what saving it gives: the line's amounts, its
/// place and the totals, whether the preview recosts only the line (a quantity, a unit cost)
/// or the whole plan (another funding source, which a filter by source can hide).
#[test]
fn a_preview_shows_what_saving_the_value_gives_and_saves_nothing() {
    use nap_app::costing::{preview_cost_line, set_cost_line};
    use nap_core::edit::CostLineField as F;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut doc) = sample(dir.path());
    let line = doc.plan().cost_lines[12].clone();
    let other_source = (doc.plan().funding_sources.iter())
        .find(|s| Some(s.record.id) != line.funding_source_id)
        .unwrap();
    let by_source = GridFilter {
        funding_source_id: line.funding_source_id,
        ..GridFilter::default()
    };
    let year = doc.plan().meta.start_year + 1;
    for (field, value, filter) in [
        (F::Quantity(year), "37".to_string(), all_lines()),
        (F::UnitCost, "125000.50".to_string(), by_source.clone()),
        (F::Inflate, "false".to_string(), all_lines()),
        (
            F::FundingSource,
            other_source.record.id.to_string(),
            by_source.clone(),
        ),
    ] {
        let before = std::fs::read(&path).unwrap();
        let preview = preview_cost_line(&doc, line.record.id, field, &value, &filter).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "a preview writes nothing"
        );
        let saved = set_cost_line(&mut doc, line.record.id, field, &value, &filter).unwrap();
        assert_eq!(preview.line.amounts, saved.line.amounts, "{field}");
        assert_eq!(preview.line.quantities, saved.line.quantities, "{field}");
        assert_eq!(preview.line.total, saved.line.total, "{field}");
        assert_eq!(preview.row, saved.row, "{field}");
        assert_eq!(preview.totals, saved.totals, "{field}");
        doc.undo().unwrap();
    }
}

/// A plan kept as a Word document: its logframe and budget are a table with the pillar as a
/// heading across it, each outcome merged down beside its activities, several indicators in
/// one cell, and amounts under year columns, in thousands as its caption says; above it, a
/// short table of acronyms. The fullest table is the one read, the other is offered; the
/// import makes the records and the amounts, and one outcome for the rows it is merged over.
#[test]
fn a_logframe_kept_as_a_word_table_is_imported_with_its_merged_cells() {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
    use nap_app::import::{import_sheet, review_sheet, SheetImportRequest};
    use nap_app::job::Job;

    let cell = |lines: &[&str]| {
        lines.iter().fold(TableCell::new(), |c, l| {
            c.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*l)))
        })
    };
    let para = |text: &str| Paragraph::new().add_run(Run::new().add_text(text));
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let year = doc.plan().meta.start_year + 1;
    let (y1, y2) = (year.to_string(), (year + 1).to_string());
    let acronyms = Table::new(vec![
        TableRow::new(vec![cell(&["MFPE"]), cell(&["Ministère de la Femme"])]),
        TableRow::new(vec![cell(&["CNP"]), cell(&["Comité national de pilotage"])]),
    ]);
    let logframe = Table::new(vec![
        TableRow::new(vec![
            cell(&["Objectif spécifique"]),
            cell(&["Activités"]),
            cell(&["Indicateurs"]),
            cell(&[&y1]),
            cell(&[&y2]),
        ]),
        TableRow::new(vec![cell(&["AXE 1. PRÉVENTION"]).grid_span(5)]),
        TableRow::new(vec![
            cell(&["OS 1.1 : Sensibiliser les communautés"]).vertical_merge(VMergeType::Restart),
            cell(&["Émissions radio en langues locales"]),
            cell(&["Nombre d'émissions diffusées", "Nombre d'auditeurs touchés"]),
            cell(&["1 250 000"]),
            cell(&["1 300 000"]),
        ]),
        TableRow::new(vec![
            cell(&[]).vertical_merge(VMergeType::Continue),
            cell(&["Théâtre forum dans les villages"]),
            cell(&["Nombre de séances"]),
            cell(&["800 000"]),
            cell(&["-"]),
        ]),
    ]);
    let word = dir.path().join("PAN 1325 — plan.docx");
    Docx::new()
        .add_paragraph(para("Sigles et abréviations"))
        .add_table(acronyms)
        .add_paragraph(para("Tableau 2 : Cadre logique et budget (en milliers)"))
        .add_table(logframe)
        .build()
        .pack(std::fs::File::create(&word).unwrap())
        .unwrap();
    let request = SheetImportRequest {
        path: word.display().to_string(),
        sheet: None,
        map: Vec::new(),
        skip_invalid: false,
    };
    let reviewed = review_sheet(&doc, &request, "secretariat", &Job::new()).unwrap();
    assert_eq!(
        reviewed.sheets,
        [
            "Table 1 — Sigles et abréviations",
            "Table 2 — Tableau 2 : Cadre logique et budget (en milliers)"
        ]
    );
    assert_eq!(reviewed.sheet, reviewed.sheets[1], "the fullest table");
    // One label per table, for the app to say "Table 2" in its own language.
    let labels: Vec<(&str, &str)> = (reviewed.sheet_labels.iter().flatten())
        .map(|l| (l.code.as_str(), l.values["n"].as_str()))
        .collect();
    assert_eq!(
        labels,
        [("word_table_named", "1"), ("word_table_named", "2")]
    );
    let r = &reviewed.review;
    assert!(r.refused.is_empty(), "{:?}", r.refused);
    assert_eq!(r.rows, 2, "{r:?}");

    let outcomes = doc.plan().outcomes.len();
    let lines = doc.plan().cost_lines.len();
    import_sheet(&mut doc, &request, "secretariat", &Job::new()).unwrap();
    let plan = doc.plan();
    assert_eq!(
        plan.outcomes.len(),
        outcomes + 1,
        "one outcome for its two rows"
    );
    let outcome = plan.outcomes.last().unwrap();
    assert_eq!(outcome.title.text, "Sensibiliser les communautés");
    let activity = |title: &str| {
        (plan.activities.iter())
            .find(|a| a.title.text == title)
            .unwrap_or_else(|| panic!("{title} imported"))
    };
    let radio = activity("Émissions radio en langues locales");
    let theatre = activity("Théâtre forum dans les villages");
    let output_of = |a: &nap_core::Activity| {
        (plan.outputs.iter())
            .find(|o| o.record.id == a.output_id)
            .unwrap()
            .outcome_id
    };
    assert_eq!(output_of(radio), outcome.record.id);
    assert_eq!(output_of(theatre), outcome.record.id);
    let indicators: Vec<&str> = (plan.indicators.iter())
        .map(|i| i.statement.text.as_str())
        .filter(|t| t.starts_with("Nombre"))
        .collect();
    assert_eq!(
        indicators,
        [
            "Nombre d'émissions diffusées",
            "Nombre d'auditeurs touchés",
            "Nombre de séances"
        ]
    );
    assert_eq!(plan.cost_lines.len(), lines + 2);
    let amount = |a: &nap_core::Activity, y: i32| -> Option<String> {
        (plan.cost_lines.iter())
            .filter(|l| l.activity_id == a.record.id)
            .find_map(|l| l.quantities.get(&y))
            .map(|q| q.normalize().to_string())
    };
    // The caption above the table states the amounts in thousands.
    assert_eq!(amount(radio, year).as_deref(), Some("1250000000"));
    assert_eq!(amount(radio, year + 1).as_deref(), Some("1300000000"));
    assert_eq!(amount(theatre, year).as_deref(), Some("800000000"));
    assert_eq!(amount(theatre, year + 1), None, "a dash is no amount");
}

/// The dashboard is made from the costing kept for the plan (made before the window asks,
/// at start): it is the dashboard of the plan as it is after every edit and undo.
#[test]
fn the_dashboard_from_the_kept_costing_follows_every_edit_and_undo() {
    use nap_app::costing::set_cost_line;
    use nap_app::plan::{dashboard, prepare_first_screens};
    use nap_core::edit::CostLineField as F;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut doc) = sample(dir.path());
    let fresh = |doc: &Document| nap_core::dashboard::dashboard(doc.plan()).unwrap();
    prepare_first_screens(&doc).unwrap();
    let before = dashboard(&doc).unwrap();
    assert_eq!(before, fresh(&doc));

    let line = doc.plan().cost_lines[3].clone();
    let year = doc.plan().meta.start_year;
    set_cost_line(
        &mut doc,
        line.record.id,
        F::Quantity(year),
        "4321",
        &all_lines(),
    )
    .unwrap();
    let edited = dashboard(&doc).unwrap();
    assert_eq!(edited, fresh(&doc));
    assert_ne!(edited.total_cost, before.total_cost);
    assert_ne!(edited.gap, before.gap);

    doc.undo().unwrap();
    assert_eq!(dashboard(&doc).unwrap(), before);
}
