//! `nap import sheet` on real workbooks, written here the way ministries lay them out: a
//! French logframe with a merged title, merged heading rows ("AXE 1. PRÉVENTION"), an
//! outcome merged over its results and several indicators per cell; and, on a second sheet,
//! the budget by axis and year with a Total row. Bad files leave the plan byte-identical.

mod common;

use common::{fails, ok, s, Dir};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// The Malian-style workbook: sheet "Cadre logique" and sheet "Budget".
fn french_workbook(path: &Path) {
    let mut book = Workbook::new();
    let wrap = Format::new().set_text_wrap();
    let plain = Format::new();
    let sheet = book.add_worksheet().set_name("Cadre logique").unwrap();
    sheet
        .merge_range(
            0,
            0,
            0,
            5,
            "PLAN D'ACTION NATIONAL 1325 — CADRE LOGIQUE",
            &plain,
        )
        .unwrap();
    let header = [
        "Objectif spécifique",
        "Résultat attendu",
        "Indicateurs",
        "Situation de référence",
        "Cible",
        "Acteurs",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write(2, c as u16, *h).unwrap();
    }
    sheet
        .merge_range(3, 0, 3, 5, "AXE 1. PRÉVENTION", &plain)
        .unwrap();
    sheet
        .merge_range(
            4,
            0,
            5,
            0,
            "OS 1.1 : Renforcer la prévention des violences",
            &wrap,
        )
        .unwrap();
    let rows: [[&str; 5]; 2] = [
        [
            "1.1.1 Les communautés sont sensibilisées",
            "- Nombre de séances tenues\n- Taux de femmes informées",
            "0\n12 %",
            "200\n60 %",
            "Ministère de la Promotion de la Femme; OSC, PTF",
        ],
        [
            "1.1.2 Les leaders religieux s'engagent",
            "Nombre de leaders engagés",
            "15",
            "150",
            "MINGENRE",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet
                .write_with_format(4 + r as u32, 1 + c as u16, *v, &wrap)
                .unwrap();
        }
    }
    sheet
        .merge_range(6, 0, 6, 5, "AXE 2. PROTECTION", &plain)
        .unwrap();
    let row = [
        "OS 2.1 : Assurer la prise en charge des survivantes",
        "2.1.1 Des centres sont ouverts",
        "Nombre de centres ouverts",
        "2",
        "8",
        "Ministère de la Santé",
    ];
    for (c, v) in row.iter().enumerate() {
        sheet.write(7, c as u16, *v).unwrap();
    }

    let budget = book.add_worksheet().set_name("Budget").unwrap();
    budget.write(0, 0, "Budget du PAN en FCFA").unwrap();
    for (c, h) in ["Axe", "2027", "2028", "2029", "Total"].iter().enumerate() {
        budget.write(1, c as u16, *h).unwrap();
    }
    let lines: [(&str, [f64; 4]); 2] = [
        (
            "AXE 1. PRÉVENTION",
            [250_000_000.0, 300_000_000.0, 350_000_000.0, 900_000_000.0],
        ),
        (
            "AXE 2. PROTECTION",
            [400_000_000.0, 0.0, 450_500_000.5, 850_500_000.5],
        ),
    ];
    for (r, (axis, amounts)) in lines.iter().enumerate() {
        budget.write(2 + r as u32, 0, *axis).unwrap();
        for (c, a) in amounts.iter().enumerate() {
            budget.write(2 + r as u32, 1 + c as u16, *a).unwrap();
        }
    }
    budget.write(4, 0, "TOTAL").unwrap();
    for (c, a) in [650_000_000.0, 300_000_000.0, 800_500_000.5, 1_750_500_000.5]
        .iter()
        .enumerate()
    {
        budget.write(4, 1 + c as u16, *a).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn a_french_plan_comes_in_from_its_workbook_and_costs_by_axis_and_year() {
    let d = Dir::new();
    let book = d.path("PAN Mali.xlsx");
    french_workbook(&book);
    let plan = d.path("mali.nap");
    let review = ok(&[
        "import",
        "sheet",
        s(&plan),
        s(&book),
        "--new",
        "--title",
        "PAN 1325 Mali 2027-2029",
        "--country",
        "ML",
        "--start",
        "2027",
        "--end",
        "2029",
        "--currency",
        "XOF",
        "--language",
        "fr",
    ]);
    let info: serde_json::Value =
        serde_json::from_str(&ok(&["info", s(&plan), "--format", "json"])).unwrap();
    assert_eq!(info["working_language"], "fr");
    assert_eq!(
        info["second_language"],
        serde_json::Value::Null,
        "a French plan with no second language"
    );
    assert!(
        review.contains("Sheet \"Cadre logique\" (of Cadre logique, Budget), header on row 3."),
        "{review}"
    );
    let list = ok(&["list", s(&plan), "pillar", "--format", "json"]);
    let pillars: serde_json::Value = serde_json::from_str(&list).unwrap();
    let titles: Vec<&str> = pillars
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["PRÉVENTION", "PROTECTION"]);
    let outcomes: serde_json::Value =
        serde_json::from_str(&ok(&["list", s(&plan), "outcome", "--format", "json"])).unwrap();
    assert_eq!(
        outcomes.as_array().unwrap().len(),
        2,
        "the merged outcome is one record"
    );
    let indicators: serde_json::Value =
        serde_json::from_str(&ok(&["list", s(&plan), "indicator", "--format", "json"])).unwrap();
    assert_eq!(indicators.as_array().unwrap().len(), 4, "two from one cell");

    // The budget sheet, into the same plan: its axes match the logframe's by title.
    let before = std::fs::read(&plan).unwrap();
    let dry = ok(&[
        "import",
        "sheet",
        s(&plan),
        s(&book),
        "--sheet",
        "Budget",
        "--dry-run",
    ]);
    assert!(dry.contains("pillar         0 new, 2 matched"), "{dry}");
    assert!(
        dry.contains("(2027): 650000000 in the sheet, 650000000 XOF imported: agrees"),
        "{dry}"
    );
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "a review writes nothing"
    );
    ok(&["import", "sheet", s(&plan), s(&book), "--sheet", "Budget"]);
    let costs = ok(&[
        "costs",
        s(&plan),
        "--by",
        "pillar",
        "--by",
        "year",
        "--format",
        "csv",
    ]);
    let rows: Vec<&str> = costs.lines().collect();
    // XOF has no minor unit: half a franc rounds up, as the annex shows it.
    assert!(
        rows.iter()
            .any(|r| r.contains("PRÉVENTION")
                && r.ends_with("250000000,300000000,350000000,900000000")),
        "{costs}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("PROTECTION") && r.ends_with("400000000,0,450500001,850500001")),
        "{costs}"
    );
    // And the annex is made from it.
    let annex = d.path("annex.pdf");
    ok(&["export", "annex", s(&plan), "-o", s(&annex)]);
    assert!(std::fs::metadata(&annex).unwrap().len() > 10_000);
}

#[test]
fn bad_spreadsheets_are_refused_clearly_and_change_nothing() {
    let d = Dir::new();
    let plan = d.path("plan.nap");
    ok(&["sample", s(&plan)]);
    let before = std::fs::read(&plan).unwrap();

    let damaged = d.path("damaged.xlsx");
    std::fs::write(&damaged, b"PK\x03\x04 not really a workbook").unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&damaged)]);
    assert!(
        err.contains("the workbook cannot be read") && err.contains("damaged.xlsx"),
        "{err}"
    );

    let mut book = Workbook::new();
    book.add_worksheet().set_name("Vide").unwrap();
    let empty = d.path("empty.xlsx");
    book.save(&empty).unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&empty)]);
    assert!(
        err.contains("every sheet of the workbook is empty"),
        "{err}"
    );
    let err = fails(&["import", "sheet", s(&plan), s(&empty), "--sheet", "Budget"]);
    assert!(
        err.contains("no sheet \"Budget\"") && err.contains("Vide"),
        "{err}"
    );

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Pillar", "2026", "2027"].iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, "Protection").unwrap();
    sheet.write(1, 1, "#REF!").unwrap();
    sheet.write(1, 2, 5000.0).unwrap();
    let broken = d.path("formula.xlsx");
    book.save(&broken).unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&broken)]);
    assert!(
        err.contains("row 2, column B (2026)") && err.contains("formula error"),
        "{err}"
    );

    let odd = d.path("notes.pdf");
    std::fs::write(&odd, b"x").unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&odd)]);
    assert!(err.contains(".xlsx") && err.contains(".docx"), "{err}");
    // A Word 97-2003 document: how to make it readable; a damaged .docx: that it is damaged.
    let old_word = d.path("plan.doc");
    std::fs::write(&old_word, b"\xD0\xCF\x11\xE0").unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&old_word)]);
    assert!(err.contains("save it as .docx"), "{err}");
    let damaged = d.path("plan.docx");
    std::fs::write(&damaged, b"PK\x03\x04 cut short").unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&damaged)]);
    assert!(
        err.contains("the document cannot be read") && err.contains("damaged"),
        "{err}"
    );
    let err = fails(&[
        "import",
        "sheet",
        s(&plan),
        s(&broken),
        "--map",
        "activty=B",
    ]);
    assert!(err.contains("`activty` is not a field"), "{err}");

    // A workbook saved with a password is an encrypted container, not a zip: say so.
    let locked = d.path("locked.xlsx");
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(1024, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    std::fs::write(&locked, &bytes).unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&locked)]);
    assert!(err.contains("protected by a password"), "{err}");

    // Wrong values in the cells: an unknown currency, an amount no plan can hold.
    let values = d.path("values.csv");
    std::fs::write(
        &values,
        "Pillar,Activity,Item,Unit cost,Quantity,Year,Currency\n\
         Protection,Shelters,Beds,100,2,2027,XYZ\n\
         Protection,Shelters,Beds,99999999999999999999999999999,2,2027,KHR\n",
    )
    .unwrap();
    let err = fails(&["import", "sheet", s(&plan), s(&values)]);
    assert!(
        err.contains("“XYZ” is not an ISO 4217 currency code"),
        "{err}"
    );
    assert!(err.contains("row 3, column D"), "{err}");

    // Formatted but empty rows under the data (a sheet formatted to its end) are not rows to
    // import, however many: more than the reader's bound of 300,000 rows here (a million
    // takes 20 s in a debug build; the behaviour is the same).
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Budget").unwrap();
    let shaded = Format::new().set_background_color("#FFF2CC");
    for (c, h) in ["Axe", "2027"].iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, "Protection").unwrap();
    sheet.write(1, 1, 1_000_000).unwrap();
    for r in 2..300_010u32 {
        sheet.write_blank(r, 0, &shaded).unwrap();
    }
    let formatted = d.path("formatted.xlsx");
    book.save(&formatted).unwrap();
    let review = ok(&["import", "sheet", s(&plan), s(&formatted), "--dry-run"]);
    assert!(review.contains("\n1 row to import:"), "{review}");

    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is byte-identical"
    );
}

/// Writes the workbook the end-to-end test imports through the Import screen
/// (`e2e/fixtures/PAN Mali.xlsx`): `cargo test -p nap-cli --test cli_import_sheet -- --ignored`.
/// The file is committed so that the end-to-end run needs no Rust test to make it.
#[test]
#[ignore = "regenerates a committed fixture"]
fn write_the_end_to_end_fixture() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e/fixtures/PAN Mali.xlsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    french_workbook(&path);
}
