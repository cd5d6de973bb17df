//! Scenarios that run the real `nap` binary the way a script or a person would.

mod common;

use common::{fails, nap, ok, s, Dir};
use std::path::Path;

fn info_json(file: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(&["info", s(file), "--format", "json"])).expect("json")
}

#[test]
fn the_sample_has_all_six_elements() {
    let d = Dir::new();
    let plan = d.path("s.nap");
    ok(&["sample", s(&plan)]);
    let info = info_json(&plan);
    for element in [
        "narrative",
        "results_framework",
        "resources",
        "communication",
        "agency_plans",
        "coordination",
    ] {
        assert!(
            info["elements"][element].as_u64().unwrap() > 0,
            "{element} is empty"
        );
    }
    assert_eq!(info["period"]["start"], 2026);
    assert_eq!(info["period"]["end"], 2030);
    assert_eq!(info["base_currency"], "KHR");
    assert_eq!(info["schema_version"], nap_store::SCHEMA_VERSION);
    assert_eq!(info["counts"]["pillar"], 5);
    assert!(info["counts"]["activity"].as_u64().unwrap() >= 40);
    let text = ok(&["info", s(&plan)]);
    assert!(text.contains("Period:    2026–2030"), "{text}");
    assert!(text.contains("Resources plan (costing)"));
}

#[test]
fn the_large_sample_has_30000_cost_lines() {
    let d = Dir::new();
    let plan = d.path("l.nap");
    ok(&["sample", "--size", "large", s(&plan)]);
    let info = info_json(&plan);
    assert_eq!(info["counts"]["cost_line"], 30_000);
    assert_eq!(info["counts"]["activity"], 1_500);
    assert_eq!(info["counts"]["funding_source"], 12);
    assert_eq!(info["period"]["end"], 2035);
}

#[test]
fn export_import_export_is_byte_identical() {
    let d = Dir::new();
    let (plan, a, copy, b) = (
        d.path("s.nap"),
        d.path("a.json"),
        d.path("t.nap"),
        d.path("b.json"),
    );
    ok(&["sample", s(&plan)]);
    ok(&["export", "json", s(&plan), "-o", s(&a)]);
    ok(&["import", "json", s(&a), s(&copy)]);
    ok(&["export", "json", s(&copy), "-o", s(&b)]);
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert_eq!(a, b);
    // Without -o the JSON goes to standard output, identical to the file.
    assert_eq!(ok(&["export", "json", s(&plan)]).into_bytes(), a);
}

#[test]
fn files_that_are_not_plans_are_refused_and_left_alone() {
    let d = Dir::new();
    let host = d.path("hostname");
    std::fs::write(&host, "ministry-laptop-07\n").unwrap();
    let err = fails(&["info", s(&host)]);
    assert!(err.starts_with("nap: "), "{err}");
    assert!(err.contains("not a NAP Studio plan"), "{err}");
    assert_eq!(std::fs::read(&host).unwrap(), b"ministry-laptop-07\n");

    let plan = d.path("s.nap");
    ok(&["sample", s(&plan)]);
    let full = std::fs::read(&plan).unwrap();
    let cut = d.path("cut.nap");
    std::fs::write(&cut, &full[..full.len() / 3]).unwrap();
    let err = fails(&["info", s(&cut)]);
    assert!(err.contains("truncated"), "{err}");
    assert_eq!(std::fs::read(&cut).unwrap(), &full[..full.len() / 3]);

    let err = fails(&["info", s(&d.path("missing.nap"))]);
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn a_plan_from_a_newer_version_is_refused_with_advice() {
    let d = Dir::new();
    let plan = d.path("s.nap");
    ok(&["sample", s(&plan)]);
    let mut raw = std::fs::read(&plan).unwrap();
    raw[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&plan, &raw).unwrap();
    let err = fails(&["info", s(&plan)]);
    assert!(err.contains("newer version of NAP Studio"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), raw);
}

#[test]
fn existing_files_are_only_replaced_with_force() {
    let d = Dir::new();
    let (plan, json, out) = (d.path("s.nap"), d.path("a.json"), d.path("o.nap"));
    ok(&["sample", s(&plan)]);
    ok(&["export", "json", s(&plan), "-o", s(&json)]);
    ok(&[
        "new",
        s(&out),
        "--title",
        "Placeholder",
        "--country",
        "kh",
        "--start",
        "2027",
        "--end",
        "2031",
        "--currency",
        "khr",
    ]);
    let before = std::fs::read(&out).unwrap();
    let err = fails(&["import", "json", s(&json), s(&out)]);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let err = fails(&["sample", s(&out)]);
    assert!(err.contains("--force"), "{err}");
    ok(&["import", "json", s(&json), s(&out), "--force"]);
    assert_eq!(
        info_json(&out)["counts"]["cost_line"],
        info_json(&plan)["counts"]["cost_line"]
    );
}

#[test]
fn a_new_plan_has_the_standard_structure() {
    let d = Dir::new();
    let out = d.path("new.nap");
    ok(&[
        "new",
        s(&out),
        "--title",
        "Plan d'action national FPS",
        "--country",
        "KH",
        "--start",
        "2027",
        "--end",
        "2031",
        "--currency",
        "KHR",
    ]);
    let info = info_json(&out);
    assert_eq!(info["title"]["text"], "Plan d'action national FPS");
    assert_eq!(info["period"]["start"], 2027);
    assert_eq!(info["counts"]["pillar"], 5);
    assert_eq!(info["counts"]["narrative_section"], 7);
    let err = fails(&[
        "new",
        s(&d.path("bad.nap")),
        "--title",
        "x",
        "--country",
        "KH",
        "--start",
        "2030",
        "--end",
        "2026",
        "--currency",
        "KHR",
    ]);
    assert!(err.contains("plan period"), "{err}");
    assert!(!d.path("bad.nap").exists());
    let err = fails(&[
        "new",
        s(&d.path("bad.nap")),
        "--title",
        "x",
        "--country",
        "KH",
        "--start",
        "2026",
        "--end",
        "2030",
        "--currency",
        "ZZZ",
    ]);
    assert!(err.contains("ZZZ"), "{err}");
}

#[test]
fn bad_json_is_refused_with_the_reason_and_writes_nothing() {
    let d = Dir::new();
    let (plan, json, out) = (d.path("s.nap"), d.path("a.json"), d.path("o.nap"));
    ok(&["sample", s(&plan)]);
    ok(&["export", "json", s(&plan), "-o", s(&json)]);
    let text = std::fs::read_to_string(&json).unwrap();

    let negative = d.path("neg.json");
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["cost_lines"][0]["quantities"]["2027"] = "-4".into();
    std::fs::write(&negative, v.to_string()).unwrap();
    let err = fails(&["import", "json", s(&negative), s(&out)]);
    assert!(err.contains("negative"), "{err}");

    let float = d.path("float.json");
    std::fs::write(
        &float,
        text.replace("\"contingency\": \"0.05\"", "\"contingency\": 0.05"),
    )
    .unwrap();
    let err = fails(&["import", "json", s(&float), s(&out)]);
    assert!(err.contains("floating point"), "{err}");

    let garbage = d.path("garbage.json");
    std::fs::write(&garbage, [0xff, 0xfe, 0x00, 0x12]).unwrap();
    let err = fails(&["import", "json", s(&garbage), s(&out)]);
    assert!(err.contains("not UTF-8"), "{err}");

    assert!(!out.exists(), "a refused import must not leave a file");
    let leftovers: Vec<_> = std::fs::read_dir(d.0.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// Plans costed in CFA francs or lari (published NAPs) can be created: every current ISO 4217
/// currency is known, with its minor unit.
#[test]
fn a_plan_can_be_made_in_any_current_iso_currency() {
    let d = Dir::new();
    for code in ["XOF", "GEL", "CDF"] {
        let out = d.path(&format!("{code}.nap"));
        ok(&[
            "new",
            s(&out),
            "--title",
            "Plan d'action national",
            "--country",
            "SN",
            "--start",
            "2025",
            "--end",
            "2029",
            "--currency",
            code,
        ]);
        assert_eq!(info_json(&out)["base_currency"], code);
    }
    let err = fails(&[
        "new",
        s(&d.path("gold.nap")),
        "--title",
        "x",
        "--country",
        "SN",
        "--start",
        "2025",
        "--end",
        "2029",
        "--currency",
        "XAU",
    ]);
    assert!(err.contains("XAU"), "{err}");
}

/// A funding amount near the largest decimal made `nap costs` panic; it is refused when set,
/// with the limit named, and the plan still costs.
#[test]
fn an_amount_beyond_the_limit_is_refused_and_the_plan_still_costs() {
    let d = Dir::new();
    let plan = d.path("s.nap");
    ok(&["sample", s(&plan)]);
    let list = ok(&["list", s(&plan), "source"]);
    let source = list.split_whitespace().next().unwrap().to_string();
    let before = std::fs::read(&plan).unwrap();
    let err = fails(&[
        "set",
        s(&plan),
        &source,
        r#"amounts={"2026":"79228162514264337593543950335"}"#,
    ]);
    assert!(err.contains("1,000,000,000,000,000"), "{err}");
    assert!(
        std::fs::read(&plan).unwrap() == before,
        "nothing was written"
    );
    ok(&["costs", s(&plan)]);
}

/// `nap repair`: a plan refused as inconsistent gets a repaired copy beside it, named so as
/// not to replace anything, with every change listed; the copy opens and costs.
#[test]
fn an_inconsistent_plan_is_repaired_into_a_copy_beside_it() {
    let d = Dir::new();
    let plan = d.path("Ministry plan.nap");
    ok(&["sample", s(&plan)]);
    nap_store::testing::tamper(
        &plan,
        "UPDATE cost_line SET activity_id = '00000000-0000-0000-0000-000000000042'
           WHERE rowid IN (SELECT rowid FROM cost_line LIMIT 2);",
    )
    .unwrap();
    let original = std::fs::read(&plan).unwrap();
    let err = fails(&["costs", s(&plan)]);
    assert!(
        err.contains("inconsistent") && err.contains("nap repair"),
        "{err}"
    );

    let out = nap(&["repair", s(&plan), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let copy = d.path("Ministry plan (repaired).nap");
    assert_eq!(report["path"], s(&copy));
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{report}");
    assert!(changes.iter().all(|c| c["record"]["kind"] == "cost_line"));
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        original,
        "the original is unchanged"
    );
    ok(&["costs", s(&copy)]);

    // A second repair does not replace the first copy.
    ok(&["repair", s(&plan)]);
    assert!(d.path("Ministry plan (repaired 2).nap").exists());
}

/// `nap check`: the quality review exits 0 with warnings and advice only, and 1 once an
/// activity has no lead agency, which the JSON names with its record.
#[test]
fn the_quality_review_exits_1_on_errors_and_names_the_record() {
    let d = Dir::new();
    let plan = d.path("s.nap");
    ok(&["sample", s(&plan)]);
    let text = ok(&["check", s(&plan)]);
    assert!(text.contains("0 errors"), "{text}");
    assert!(text.contains("pillar_funding_gap"), "{text}");
    let activities: serde_json::Value =
        serde_json::from_str(&ok(&["list", s(&plan), "activity", "--format", "json"])).unwrap();
    let id = activities[0]["id"].as_str().unwrap().to_string();
    ok(&["set", s(&plan), &id, "lead_agency_id=null"]);
    let out = nap(&["check", s(&plan), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let review: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(review["errors"], 1);
    let finding = &review["findings"][0];
    assert_eq!(finding["code"], "activity_without_lead");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["record"]["id"], id.as_str());
    // A reference is set back by the code of the agency, as a person knows it.
    ok(&["set", s(&plan), &id, "lead_agency_id=MOI"]);
    assert!(ok(&["check", s(&plan)]).contains("0 errors"));
    let err = fails(&["set", s(&plan), &id, "lead_agency_id=NOPE"]);
    assert!(err.contains("no record has the code `NOPE`"), "{err}");
}

/// `nap add`: an activity and its cost line made from the command line, their references
/// given by code, the second-language title set; a record without the reference it belongs
/// under is refused and nothing is written.
#[test]
fn records_are_added_with_references_by_code_and_costed() {
    let d = Dir::new();
    let plan = d.path("s.nap");
    ok(&["sample", s(&plan)]);
    let id = ok(&[
        "add",
        "activity",
        s(&plan),
        "output_id=1.1.1",
        "code=1.1.1.9",
        "title=Radio drama on women mediators",
        "title.l2=រឿងល្ខោនវិទ្យុ",
        "lead_agency_id=MOI",
        "years=[2027]",
    ]);
    let id = id.trim();
    ok(&[
        "add",
        "cost-line",
        s(&plan),
        "activity_id=1.1.1.9",
        "item=Studio hire",
        "unit=day",
        "unit_cost=150000",
        "currency=KHR",
        "economic_code=2221",
        r#"quantities={"2027":"5"}"#,
        "inflate=false",
    ]);
    let activities: serde_json::Value =
        serde_json::from_str(&ok(&["list", s(&plan), "activity", "--format", "json"])).unwrap();
    let added = activities
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .expect("the new activity");
    assert_eq!(added["title"]["l2"], "រឿងល្ខោនវិទ្យុ");
    let costs = ok(&[
        "costs",
        s(&plan),
        "--by",
        "activity",
        "--format",
        "csv",
        "--rounding",
        "exact",
    ]);
    // 150,000 × 5, not inflated (contingency is a row of its own in this view).
    assert!(
        costs
            .lines()
            .any(|l| l.trim_end() == "1.1.1.9,Radio drama on women mediators,750000"),
        "{costs}"
    );

    let before = std::fs::read(&plan).unwrap();
    let err = fails(&["add", "activity", s(&plan), "title=Nowhere"]);
    assert!(err.contains("an activity needs output_id="), "{err}");
    let err = fails(&[
        "add",
        "activity",
        s(&plan),
        "output_id=9.9.9",
        "title=Nowhere",
    ]);
    assert!(err.contains("no record has the code `9.9.9`"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

/// `nap set PLAN plan …`: the plan's settings as the settings screen takes them and its
/// other fields as a record's; a refused value changes nothing, the others included.
#[test]
fn the_plan_itself_is_set_from_the_command_line() {
    let d = Dir::new();
    let plan = d.path("s.nap");
    ok(&["sample", s(&plan)]);
    ok(&[
        "set",
        s(&plan),
        "plan",
        "contingency=5",
        "status=endorsed",
        "title.l2=ចំណងជើងថ្មី",
    ]);
    let info = info_json(&plan);
    assert_eq!(info["status"], "endorsed");
    assert_eq!(info["title"]["l2"], "ចំណងជើងថ្មី");
    let before = std::fs::read(&plan).unwrap();
    let err = fails(&["set", s(&plan), "plan", "title=Renamed", "contingency=500"]);
    assert!(err.contains("more than 100 %"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    assert_eq!(info_json(&plan)["title"]["text"], info["title"]["text"]);
}

/// A budget known only as an amount per year for a pillar (how most published NAPs write
/// it) comes in with `nap add lump-sum`, counts under that pillar, and reads as a lump sum
/// in the French annex; a refused amount changes nothing.
#[test]
fn a_lump_sum_for_a_pillar_is_added_from_the_command_line_and_counted_there() {
    let d = Dir::new();
    let plan = d.path("pan.nap");
    ok(&[
        "new",
        s(&plan),
        "--title",
        "Plan d'action national",
        "--country",
        "SN",
        "--start",
        "2027",
        "--end",
        "2029",
        "--currency",
        "XOF",
        "--language",
        "fr",
    ]);
    let id = ok(&[
        "add",
        "lump-sum",
        s(&plan),
        "pillar=2",
        "2027=40,000,000",
        "2028=45,500,000",
        "item=Budget de l'axe Prévention",
        "note=Tel que publié, tableau 4",
    ]);
    assert_eq!(id.trim().len(), 36, "prints the new line's id: {id}");
    let costs = ok(&[
        "costs",
        s(&plan),
        "--by",
        "pillar",
        "--by",
        "year",
        "--format",
        "csv",
        "--rounding",
        "exact",
    ]);
    let prevention = costs
        .lines()
        .find(|l| l.starts_with("2,"))
        .unwrap_or_else(|| panic!("a row for pillar 2: {costs}"));
    assert!(prevention.contains("Prévention"), "{prevention}");
    assert!(prevention.contains(",40000000,45500000,"), "{prevention}");

    let annex = d.path("annexe.pdf");
    ok(&["export", "annex", s(&plan), "-o", s(&annex)]);
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", s(&annex), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Budget de l'axe Prévention"), "{text}");
    assert!(text.contains("montant forfaitaire"), "{text}");
    // Its unit is the annex's word, and its "unit cost" of 1 is not shown as a price.
    assert!(
        !text.contains("lump sum") && !text.contains("1 XOF"),
        "{text}"
    );
    // French groups digits with a (narrow, no-break) space, as CLDR says, not a comma.
    assert!(text.contains("45 500 000"), "{text}");
    assert!(!text.contains("45,500,000"), "{text}");
    // A three-year plan budgeted from its first year: the MTEF window is the whole period,
    // so its table has one total column, not the same "2027–2029" twice.
    let mtef_header = text
        .lines()
        .skip_while(|l| !l.contains("moyen terme"))
        .nth(1)
        .unwrap_or_default();
    assert_eq!(mtef_header.matches("2027–2029").count(), 1, "{mtef_header}");

    let before = std::fs::read(&plan).unwrap();
    for (args, says) in [
        (vec!["pillar=2", "2027=beaucoup"], "beaucoup"),
        (vec!["pillar=2", "2035=1"], "2035"),
        (vec!["pillar=2", "outcome=2.1", "2027=1"], "only one"),
        (vec!["2027=1"], "needs what it is for"),
        (vec!["pillar=2"], "at least one amount"),
        (vec!["pillar=9", "2027=1"], "`9`"),
    ] {
        let mut all = vec!["add", "lump-sum", s(&plan)];
        all.extend(args);
        let err = fails(&all);
        assert!(err.contains(says), "{err}");
    }
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}
