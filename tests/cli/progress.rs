//! Following a plan after adoption from the command line: a French plan costed in CFA francs
//! gets its first year's reports (`nap add progress|activity-status|expenditure`), and the
//! execution view (`nap costs --execution`) reads them back.

mod common;

use common::{fails, ok, s, Dir};

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .map(|l| {
            // The rows here hold no quoted commas except the last pillar's name.
            let mut out = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            for c in l.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => out.push(std::mem::take(&mut field)),
                    _ => field.push(c),
                }
            }
            out.push(field);
            out
        })
        .collect()
}

#[test]
fn reports_made_from_the_command_line_show_in_the_execution_view() {
    let dir = Dir::new();
    let plan = dir.path("mali.nap");
    let p = s(&plan);
    ok(&[
        "new",
        p,
        "--title",
        "Plan d'action national 1325 (2025–2029)",
        "--country",
        "ML",
        "--start",
        "2025",
        "--end",
        "2029",
        "--currency",
        "XOF",
        "--language",
        "fr",
    ]);
    ok(&[
        "add",
        "outcome",
        p,
        "pillar=1",
        "code=1.1",
        "title=Les femmes participent aux décisions",
    ]);
    ok(&[
        "add",
        "output",
        p,
        "outcome=1.1",
        "code=1.1.1",
        "title=Des femmes leaders formées",
    ]);
    ok(&[
        "add",
        "activity",
        p,
        "output=1.1.1",
        "code=1.1.1.1",
        "title=Former 200 femmes leaders",
    ]);
    ok(&[
        "add",
        "cost-line",
        p,
        "activity=1.1.1.1",
        "item=Atelier régional",
        "unit=jour",
        "unit_cost=250000",
        "currency=XOF",
        "economic_code=22",
        r#"quantities={"2026":"4","2027":"6"}"#,
    ]);
    ok(&[
        "add",
        "indicator",
        p,
        "parent=1.1",
        "level=outcome",
        "kind=number",
        "code=1.1.a",
        "statement=Nombre de femmes formées",
        "baseline_value=0",
        r#"targets={"2026":"80"}"#,
        r#"disaggregation=["sex"]"#,
    ]);

    // The first year's reports; a second report for the same period replaces the first.
    ok(&[
        "add",
        "expenditure",
        p,
        "activity=1.1.1.1",
        "year=2026",
        "amount=300000",
    ]);
    let again = common::nap(&[
        "add",
        "expenditure",
        p,
        "activity=1.1.1.1",
        "year=2026",
        "amount=450000",
    ]);
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{said}");
    assert!(
        said.starts_with("Replaced the earlier expenditure"),
        "{said}"
    );
    ok(&[
        "add",
        "activity-status",
        p,
        "activity=1.1.1.1",
        "period=2026",
        "status=on track",
    ]);
    ok(&[
        "add",
        "progress",
        p,
        "indicator=1.1.a",
        "period=2026",
        "value=64",
        "sex:women=64",
    ]);

    let rows = csv_rows(&ok(&["costs", p, "--execution", "2026", "--format", "csv"]));
    let first = &rows[0];
    // 4 days × 250,000 XOF budgeted; 450,000 spent (the second report replaced the first).
    assert_eq!(&first[..4], ["1", "Participation", "1000000", "450000"]);
    assert_eq!(first[4], "45.0");
    let total = rows.last().unwrap();
    assert_eq!(&total[1..4], ["Total", "1000000", "450000"]);

    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "costs",
        p,
        "--execution",
        "2026",
        "--by",
        "activity",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["rows"][0]["code"], "1.1.1.1");
    assert_eq!(json["rows"][0]["spent"], "450000");

    // The same reports in the progress report (in the plan's language, French) and the
    // donors' IATI file.
    let report = dir.path("report.xlsx");
    ok(&[
        "export",
        "progress-report",
        p,
        "--period",
        "2026",
        "-o",
        s(&report),
    ]);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&report).unwrap();
    use calamine::Reader;
    let activities = book.worksheet_range("Activités").unwrap();
    let row = activities
        .rows()
        .find(|r| r[0] == calamine::Data::String("1.1.1.1".into()))
        .unwrap();
    assert_eq!(row[3], calamine::Data::String("En bonne voie".into()));
    assert_eq!(row[5], calamine::Data::Float(450000.0));
    let iati = dir.path("plan.xml");
    ok(&["export", "iati", p, "-o", s(&iati)]);
    let xml = std::fs::read_to_string(&iati).unwrap();
    assert!(xml.contains(r#"<actual value="64"/>"#), "{xml}");

    let listed = ok(&["list", p, "progress"]);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    let status = ok(&["list", p, "activity-status"]);
    assert!(status.contains("2026"), "{status}");
}

#[test]
fn bad_reports_are_refused_with_the_reason_and_the_plan_is_unchanged() {
    let dir = Dir::new();
    let plan = dir.path("s.nap");
    let p = s(&plan);
    ok(&["sample", p]);
    let before = std::fs::read(&plan).unwrap();
    for (args, says) in [
        (
            vec![
                "add",
                "progress",
                p,
                "indicator=1.2.a",
                "period=2027-Q5",
                "value=1",
            ],
            "not a reporting period",
        ),
        (
            vec!["add", "progress", p, "indicator=1.2.a", "value=1"],
            "needs period=",
        ),
        (
            vec![
                "add",
                "progress",
                p,
                "indicator=nope",
                "period=2027",
                "value=1",
            ],
            "no indicator has",
        ),
        (
            vec![
                "add",
                "activity-status",
                p,
                "activity=1.1.1.1",
                "period=2027",
                "status=late",
            ],
            "not one of",
        ),
        (
            vec![
                "add",
                "expenditure",
                p,
                "activity=1.1.1.1",
                "year=2040",
                "amount=5",
            ],
            "outside the plan period",
        ),
        (
            vec![
                "add",
                "expenditure",
                p,
                "activity=1.1.1.1",
                "year=2027",
                "amount=5",
                "colour=red",
            ],
            "has no field `colour`",
        ),
        (
            vec!["costs", p, "--execution", "2027", "--by", "economic"],
            "cannot be shown by economic",
        ),
    ] {
        let err = fails(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}
