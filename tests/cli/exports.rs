//! `nap export annex|workbook|csv` on the real binary.

use std::path::Path;
use std::process::Command;

fn nap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nap"))
        .args(args)
        .output()
        .expect("run nap")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn exports_write_their_files_and_refuse_bad_options() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("s.nap");
    assert!(nap(&["sample", s(&plan)]).status.success());

    let pdf = dir.path().join("annex.pdf");
    let out = nap(&[
        "export",
        "annex",
        s(&plan),
        "-o",
        s(&pdf),
        "--lang",
        "km",
        "--rounding",
        "millions",
        "--reconcile",
        "--budget-year",
        "2027",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let xlsx = dir.path().join("budget.xlsx");
    assert!(nap(&["export", "workbook", s(&plan), "-o", s(&xlsx)])
        .status
        .success());
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "an XLSX is a zip file"
    );

    let csv = nap(&["export", "csv", s(&plan), "--table", "pillar-year"]);
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.starts_with("pillar_code,pillar,2026,2027,2028,2029,2030,total"),
        "{text}"
    );
    let summary: serde_json::Value = serde_json::from_slice(
        &nap(&["costs", s(&plan), "--format", "json", "--rounding", "exact"]).stdout,
    )
    .unwrap();
    let last = text.lines().last().unwrap();
    assert!(
        last.ends_with(&format!(",{}", summary["total_cost"].as_str().unwrap())),
        "{last}"
    );

    for (args, message) in [
        (
            vec!["export", "annex", s(&plan), "-o", s(&pdf), "--lang", "de"],
            "not a language",
        ),
        (
            vec![
                "export",
                "annex",
                s(&plan),
                "-o",
                s(&pdf),
                "--rounding",
                "exact",
            ],
            "not a rounding mode",
        ),
        (
            vec![
                "export",
                "annex",
                s(&plan),
                "-o",
                s(&pdf),
                "--budget-year",
                "2019",
            ],
            "outside the plan period",
        ),
        (
            vec!["export", "csv", s(&plan), "--table", "everything"],
            "not a table",
        ),
    ] {
        let out = nap(&args);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    // A refused export leaves the earlier file as it was.
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

/// `nap export iati`: an IATI activity file for the plan and each pillar, written as the
/// other exports are (the schema validation is in nap-export's tests).
#[test]
fn the_iati_export_writes_one_activity_per_pillar_and_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("s.nap");
    let xml = dir.path().join("s.xml");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nap"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["sample", plan.to_str().unwrap()]);
    // A value reported for indicator 1.1.a, named as people name it (indicator=, by code).
    run(&[
        "add",
        "progress",
        plan.to_str().unwrap(),
        "indicator=1.1.a",
        "year=2027",
        "period=2027",
        "value=12.5",
    ]);
    run(&[
        "export",
        "iati",
        plan.to_str().unwrap(),
        "-o",
        xml.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert_eq!(
        text.matches("<iati-activity ").count(),
        6,
        "the plan and its five pillars"
    );
    assert_eq!(text.matches("<actual value=\"12.5\"/>").count(), 1);
}

#[test]
fn the_plan_goes_out_as_documents_for_cabinet_each_agency_and_each_body() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("s.nap");
    let ok = |args: &[&str]| {
        let out = nap(args);
        assert!(
            out.status.success(),
            "nap {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&["sample", s(&plan)]);
    let doc = dir.path().join("NAP.docx");
    ok(&["export", "document", s(&plan), "-o", s(&doc)]);
    assert!(
        std::fs::read(&doc).unwrap().starts_with(b"PK"),
        "a Word (zip) file"
    );
    let pdf = dir.path().join("NAP (km).pdf");
    ok(&[
        "export",
        "document",
        s(&plan),
        "--lang",
        "km",
        "-o",
        s(&pdf),
    ]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    // Every agency with a role gets its own operational plan, named by its code.
    let folder = dir.path().join("operational plans");
    ok(&[
        "export",
        "agency-plan",
        s(&plan),
        "--agency",
        "all",
        "-o",
        s(&folder),
    ]);
    let files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for code in ["MWA", "MOI", "WPN"] {
        assert!(
            files.contains(&format!("{code} operational plan.pdf")),
            "{files:?}"
        );
    }

    ok(&[
        "export",
        "tor",
        s(&plan),
        "--body",
        "sc",
        "-o",
        s(&dir.path().join("sc.pdf")),
    ]);
    for (args, says) in [
        (
            vec!["export", "tor", s(&plan), "--body", "XX", "-o", "x.pdf"],
            "no coordinating body with the code `XX`",
        ),
        (
            vec![
                "export",
                "agency-plan",
                s(&plan),
                "--agency",
                "NOPE",
                "-o",
                "x.pdf",
            ],
            "no agency with the code `NOPE`",
        ),
        (
            vec!["export", "document", s(&plan), "-o", "x.xlsx"],
            "pdf or docx",
        ),
    ] {
        let out = nap(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
