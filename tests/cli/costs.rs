//! Scenarios for `nap costs` and `nap import csv`, run on the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nap"))
        .args(args)
        .output()
        .expect("run nap")
}

fn ok(args: &[&str]) -> String {
    let out = nap(args);
    assert!(
        out.status.success(),
        "nap {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(args: &[&str]) -> String {
    let out = nap(args);
    assert_eq!(out.status.code(), Some(1), "nap {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn sample(dir: &tempfile::TempDir) -> PathBuf {
    let p = dir.path().join("s.nap");
    ok(&["sample", s(&p)]);
    p
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn int(s: &str) -> i128 {
    s.parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a whole number"))
}

#[test]
fn the_cross_table_total_equals_the_summary_total() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(&dir);
    let summary: serde_json::Value =
        serde_json::from_str(&ok(&["costs", s(&plan), "--format", "json"])).unwrap();
    let table = ok(&[
        "costs",
        s(&plan),
        "--by",
        "pillar",
        "--by",
        "year",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&table);
    let last = rows.last().unwrap();
    assert_eq!(last[1], "Total");
    assert_eq!(
        last.last().unwrap(),
        summary["total_cost"].as_str().unwrap()
    );
    // Five pillars and the contingency row, then the total row.
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[5][1], "Contingency");
    let gap = int(summary["gap"].as_str().unwrap());
    let committed = int(summary["committed"].as_str().unwrap());
    assert!(gap > 0, "the sample plan has a funding gap");
    assert_eq!(
        int(summary["total_cost"].as_str().unwrap()) - committed,
        gap,
        "no committed money is left unused in the sample"
    );
}

#[test]
fn reconciled_tables_add_up_in_every_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(&dir);
    for dims in [
        ["agency", "year"],
        ["economic", "source"],
        ["pillar", "marker"],
    ] {
        let out = ok(&[
            "costs",
            s(&plan),
            "--by",
            dims[0],
            "--by",
            dims[1],
            "--format",
            "csv",
            "--rounding",
            "millions",
            "--reconcile",
        ]);
        let rows = csv_rows(&out);
        let (body, total) = rows.split_at(rows.len() - 1);
        let ncols = total[0].len() - 3;
        for r in body {
            let cells: i128 = r[2..2 + ncols].iter().map(|v| int(v)).sum();
            assert_eq!(cells, int(r.last().unwrap()), "{dims:?} row {r:?}");
        }
        for j in 2..total[0].len() {
            let col: i128 = body.iter().map(|r| int(&r[j])).sum();
            assert_eq!(col, int(&total[0][j]), "{dims:?} column {j}");
        }
    }
}

#[test]
fn views_in_another_currency_rounding_and_the_mtef() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(&dir);
    let usd: serde_json::Value = serde_json::from_str(&ok(&[
        "costs",
        s(&plan),
        "--format",
        "json",
        "--currency",
        "usd",
    ]))
    .unwrap();
    assert_eq!(usd["currency"], "USD");
    assert!(
        usd["total_cost"].as_str().unwrap().contains('.'),
        "dollars show cents"
    );
    let thousands = ok(&["costs", s(&plan), "--by", "year", "--rounding", "thousands"]);
    assert!(thousands.contains("(KHR, thousands)"), "{thousands}");
    let mtef = ok(&[
        "costs",
        s(&plan),
        "--budget-year",
        "2027",
        "--format",
        "csv",
    ]);
    let header = mtef.lines().next().unwrap();
    assert_eq!(header, "pillar_code,pillar,2027,2028,2029,total");
    assert!(mtef.contains("2026–2030"));
    let err = fails(&["costs", s(&plan), "--budget-year", "2035"]);
    assert!(err.contains("outside the plan period"), "{err}");
    let err = fails(&["costs", s(&plan), "--by", "colour"]);
    assert!(err.contains("not a dimension"), "{err}");
    let err = fails(&["costs", s(&plan), "--currency", "XXX"]);
    assert!(err.contains("XXX"), "{err}");
    let gap = ok(&[
        "costs",
        s(&plan),
        "--by",
        "pillar",
        "--measure",
        "gap",
        "--format",
        "csv",
    ]);
    assert!(gap.starts_with("pillar_code,pillar,total"));
}

const BUDGET: &str = "\u{feff}Pillar;Outcome;Output;Activity;Lead_Agency;Item;Unit;Unit_Cost;Currency;Year;Quantity;Economic_Code;Function_Code;Note
Participation;Women lead;Training;Leadership course;Ministry of Women's Affairs;Venue;participant-day;\"60,000\";KHR;2026;120;2211;01.1.3;
Participation;Women lead;Training;Leadership course;Ministry of Women's Affairs;Venue;participant-day;\"60,000\";KHR;2027;150;2211;01.1.3;
Participation;Women lead;Training;Leadership course;Ministry of Women's Affairs;Consultant;day;450;USD;2026;12.5;2221;01.1.3;international
Protection;ជនរងគ្រោះទទួលបានសេវា;មជ្ឈមណ្ឌល;ប្រតិបត្តិការមជ្ឈមណ្ឌល;ក្រសួងសង្គមកិច្ច;Staff;person-month;\"3,200,000\";KHR;2026;24;2111;10.4;
Protection;ជនរងគ្រោះទទួលបានសេវា;មជ្ឈមណ្ឌល;ប្រតិបត្តិការមជ្ឈមណ្ឌល;ក្រសួងសង្គមកិច្ច;Staff;person-month;\"3,200,000\";KHR;2027;24;2111;10.4;
Protection;ជនរងគ្រោះទទួលបានសេវា;មជ្ឈមណ្ឌល;ប្រតិបត្តិការមជ្ឈមណ្ឌល;ក្រសួងសង្គមកិច្ច;Kits;kit;90000.5;KHR;2027;333;2251;10.4;
Prevention;Early warning;Monitors;Flood monitors;NCDM;Travel;trip;120000;KHR;2028;48;2212;03.6;
";

#[test]
fn a_costing_spreadsheet_becomes_a_new_plan_whose_totals_match_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("budget.csv");
    std::fs::write(&csv_path, BUDGET).unwrap();
    let plan = dir.path().join("new.nap");
    let args = [
        "import",
        "csv",
        s(&plan),
        s(&csv_path),
        "--new",
        "--title",
        "Budget",
        "--country",
        "KH",
        "--start",
        "2026",
        "--end",
        "2028",
        "--currency",
        "KHR",
        "--rate",
        "USD=4100",
    ];
    let out = nap(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Imported 7 rows"));
    let table = csv_rows(&ok(&[
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
    ]));
    // Sums of the rows by pillar and year, computed here from the spreadsheet itself
    // (the consultant: 450 USD × 12.5 days × 4,100 riels = 23,062,500).
    let expected: [(&str, [&str; 3]); 3] = [
        ("Participation", ["7200000+23062500", "9000000", "0"]),
        ("Protection", ["76800000", "76800000+29970166.5", "0"]),
        ("Prevention", ["0", "0", "5760000"]),
    ];
    for (pillar, years) in expected {
        let row = table
            .iter()
            .find(|r| r[1] == pillar)
            .unwrap_or_else(|| panic!("no row {pillar}"));
        for (k, sum) in years.iter().enumerate() {
            let want: rust_decimal::Decimal = sum
                .split('+')
                .map(|v| v.parse::<rust_decimal::Decimal>().unwrap())
                .sum();
            assert_eq!(
                row[2 + k].parse::<rust_decimal::Decimal>().unwrap(),
                want,
                "{pillar} year {k}"
            );
        }
    }
    // Importing over an existing file needs --force.
    let err = fails(&args);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn a_bad_row_stops_the_import_and_leaves_the_plan_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(&dir);
    let before = std::fs::read(&plan).unwrap();
    let info_before = ok(&["info", s(&plan), "--format", "json"]);
    let csv_path = dir.path().join("bad.csv");
    std::fs::write(&csv_path, "pillar,outcome,output,activity,lead_agency,item,unit,unit_cost,currency,year,quantity\nProtection,O,P,A,MOJ,Item,day,10,KHR,2027,ten\nProtection,O,P,A,MOJ,Item,day,10,KHR,2027,1\n").unwrap();
    let err = fails(&["import", "csv", s(&plan), s(&csv_path)]);
    assert!(
        err.contains("line 2, column quantity: `ten` is not a number"),
        "{err}"
    );
    assert_eq!(ok(&["info", s(&plan), "--format", "json"]), info_before);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    // With --skip-invalid the good row goes in and the bad one is listed.
    let out = nap(&["import", "csv", s(&plan), s(&csv_path), "--skip-invalid"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 invalid rows were skipped"), "{stderr}");
    let info: serde_json::Value =
        serde_json::from_str(&ok(&["info", s(&plan), "--format", "json"])).unwrap();
    let was: serde_json::Value = serde_json::from_str(&info_before).unwrap();
    assert_eq!(
        info["counts"]["cost_line"].as_u64().unwrap(),
        was["counts"]["cost_line"].as_u64().unwrap() + 1
    );
}

#[test]
fn files_that_are_not_costing_csv_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(&dir);
    let before = std::fs::read(&plan).unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("empty.csv", vec![], "the file is empty"),
        (
            "binary.csv",
            (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "not text in UTF-8",
        ),
        (
            "columns.csv",
            b"name,amount\nx,1\n".to_vec(),
            "lacks the columns",
        ),
    ];
    for (name, bytes, message) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let err = fails(&["import", "csv", s(&plan), s(&p)]);
        assert!(err.contains(message), "{name}: {err}");
    }
    // A 100 MB file is refused by its size before it is read.
    let big = dir.path().join("big.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let err = fails(&["import", "csv", s(&plan), s(&big)]);
    assert!(err.contains("the largest costing CSV accepted"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

/// `--new` checks the new plan as `nap new` does: a period that runs backwards or a country
/// that is not a two-letter code creates no file.
#[test]
fn a_new_plan_from_a_spreadsheet_is_checked_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("budget.csv");
    std::fs::write(&csv_path, BUDGET).unwrap();
    let plan = dir.path().join("new.nap");
    for (country, start, end, said) in [
        ("KH", "2028", "2026", "plan period"),
        ("Cambodia", "2026", "2028", "country code"),
    ] {
        let err = fails(&[
            "import",
            "csv",
            s(&plan),
            s(&csv_path),
            "--new",
            "--title",
            "Budget",
            "--country",
            country,
            "--start",
            start,
            "--end",
            end,
            "--currency",
            "KHR",
        ]);
        assert!(err.contains(said), "{err}");
        assert!(!plan.exists(), "{country} {start}-{end}");
    }
}

/// The fixed costing CSV is also a layout of the spreadsheet importer: brought into the
/// same plan by `nap import csv` and by `nap import sheet`, it gives the same costs by
/// pillar and year and the same number of new cost lines.
#[test]
fn the_costing_csv_reads_the_same_through_the_sheet_importer() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("budget.csv");
    std::fs::write(&csv_path, BUDGET).unwrap();
    let by_csv = sample(&dir);
    let by_sheet = dir.path().join("by sheet.nap");
    std::fs::copy(&by_csv, &by_sheet).unwrap();
    ok(&["import", "csv", s(&by_csv), s(&csv_path)]);
    ok(&["import", "sheet", s(&by_sheet), s(&csv_path)]);
    let costs = |plan: &Path| {
        ok(&[
            "costs",
            s(plan),
            "--by",
            "pillar",
            "--by",
            "year",
            "--format",
            "csv",
            "--rounding",
            "exact",
        ])
    };
    assert_eq!(costs(&by_csv), costs(&by_sheet));
    let lines = |plan: &Path| {
        let info: serde_json::Value =
            serde_json::from_str(&ok(&["info", s(plan), "--format", "json"])).unwrap();
        info["counts"]["cost_line"].as_u64().unwrap()
    };
    assert_eq!(lines(&by_csv), lines(&by_sheet));
}
