//! The progress report in its three formats: values reported in the plan are read back
//! from the PDF's text, the Word document's XML and the workbook's cells.

use calamine::{Data, Reader, Xlsx};
use nap_core::progress::view::progress_view;
use nap_core::progress::Period;
use nap_core::{Expenditure, Id, ProgressValue, RecordMeta, Timestamp};
use nap_export::{
    progress_report_docx, progress_report_pdf, progress_report_xlsx, Lang, ReportOptions,
};
use rust_decimal::Decimal;
use std::io::Read;
use std::process::Command;

/// The sample with a 2027 value for indicator 2.1.a and 2027 spending on activity 2.1.1.1
/// (the only spending in 2027).
fn reported() -> (nap_core::Plan, nap_core::progress::view::ProgressView) {
    let mut plan = nap_core::sample::sample_plan();
    let now = Timestamp::from_unix_millis(1_800_000_000_000);
    let indicator = plan
        .indicators
        .iter()
        .find(|i| i.code == "2.1.a")
        .unwrap()
        .record
        .id;
    plan.progress.push(ProgressValue {
        record: RecordMeta::new(Id::new_v4(), &now, "t"),
        indicator_id: indicator,
        year: 2027,
        period: "2027".into(),
        value: "4".into(),
        note: "Two provinces late".into(),
        date: None,
        source: "Provincial reports".into(),
        breakdown: vec![],
    });
    let activity = plan
        .activities
        .iter()
        .find(|a| a.code == "2.1.1.1")
        .unwrap()
        .record
        .id;
    plan.expenditures.push(Expenditure {
        record: RecordMeta::new(Id::new_v4(), &now, "t"),
        activity_id: activity,
        year: 2027,
        amount: Decimal::from(43_210_000),
        currency: plan.meta.base_currency.clone(),
        funding_source_id: None,
        note: String::new(),
    });
    let costing = nap_core::costing::compute(&plan, None).unwrap();
    let view = progress_view(&plan, &costing, Period::year(2027)).unwrap();
    (plan, view)
}

fn options(lang: Lang) -> ReportOptions {
    ReportOptions {
        lang,
        date: "2028-02-01".into(),
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_pdf_reads_back_the_reported_value_its_rating_and_the_spending() {
    let (plan, view) = reported();
    let text = pdf_text(&progress_report_pdf(&plan, &view, &options(Lang::En)).unwrap());
    assert!(text.contains("Progress report 2027"));
    let row = text
        .lines()
        .find(|l| l.contains("Border communes with an active women-led"))
        .expect("the indicator's row");
    let i = view.indicators.iter().find(|i| i.code == "2.1.a").unwrap();
    let target = i.target.clone().unwrap();
    let percent = format!("{:.1} %", i.achieved_percent.unwrap());
    for expected in ["2.1.a", "4", target.as_str(), percent.as_str()] {
        assert!(row.contains(expected), "{expected} in {row}");
    }
    assert!(text.contains("Provincial reports · Two provinces late"));
    let activity = text
        .lines()
        .find(|l| l.starts_with("2.1.1.1") || l.trim_start().starts_with("2.1.1.1"))
        .expect("the activity's row");
    assert!(activity.contains("43,210,000"), "{activity}");
    // The execution total is the recorded spending (nothing else was spent in 2027).
    assert!(text.contains("spent 43,210,000 KHR"));
    let pages = text.matches("Page ").count();
    assert!(pages >= 2, "{pages}");
}

#[test]
fn the_khmer_pdf_has_khmer_headings_and_the_plans_khmer_title() {
    let (plan, view) = reported();
    let text = pdf_text(&progress_report_pdf(&plan, &view, &options(Lang::Km)).unwrap());
    assert!(text.contains("របាយការណ៍វឌ្ឍនភាព 2027"), "the title");
    assert!(text.contains(plan.meta.title.l2.as_deref().unwrap()));
}

#[test]
fn the_word_document_has_heading_styles_real_tables_and_the_values() {
    let (plan, view) = reported();
    let bytes = progress_report_docx(&plan, &view, &options(Lang::En)).unwrap();
    let mut zip = zip_reader(&bytes);
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert_eq!(xml.matches("<w:tbl>").count(), 4, "four tables");
    assert!(xml.contains(r#"w:val="Heading1""#));
    assert!(xml.contains(r#"w:val="Heading2""#));
    assert!(xml.contains("Border communes with an active women-led dialogue group"));
    assert!(xml.contains("43,210,000"));
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
    assert!(styles.contains(r#"<w:name w:val="Heading 1" />"#));
}

fn zip_reader(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<&[u8]>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap()
}

#[test]
fn the_workbook_holds_numbers_and_live_totals() {
    let (plan, view) = reported();
    let bytes = progress_report_xlsx(&plan, &view, &options(Lang::En)).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "Summary",
            "Indicators",
            "Activities",
            "By pillar",
            "By agency"
        ]
    );
    let indicators = book.worksheet_range("Indicators").unwrap();
    let row = indicators
        .rows()
        .find(|r| r.first() == Some(&Data::String("2.1.a".into())))
        .unwrap();
    assert_eq!(row[5], Data::Float(4.0));
    let activities = book.worksheet_range("Activities").unwrap();
    let row = activities
        .rows()
        .find(|r| r.first() == Some(&Data::String("2.1.1.1".into())))
        .unwrap();
    assert_eq!(row[5], Data::Float(43_210_000.0));
    let formulas = book.worksheet_formula("By pillar").unwrap();
    assert!(formulas.rows().flatten().any(|f| f.starts_with("SUM(C2:C")));
}

/// The execution tables name the costing's own rows in the report's language: the
/// contingency row of a French report is not "Contingency".
#[test]
fn a_french_report_names_the_contingency_row_in_french() {
    let (plan, view) = reported();
    assert!(
        view.by_agency
            .rows
            .iter()
            .any(|r| r.member == nap_core::costing::Member::Contingency),
        "the sample has a contingency row"
    );
    let text = pdf_text(&progress_report_pdf(&plan, &view, &options(Lang::Fr)).unwrap());
    assert!(text.contains("Imprévus"), "{text}");
    assert!(!text.contains("Contingency"), "{text}");
}
