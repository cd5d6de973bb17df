//! Spreadsheet import benchmark: `cargo bench -p nap-app --bench sheet_import` writes a
//! 30,000-row costing workbook (.xlsx: pillar, outcome, output, activity, lead agency,
//! item, unit, unit cost, currency, year, quantity) and prints how long `nap import sheet`
//! takes to read it, review it and write the new plan, and the process's peak memory. The
//! target (#16) is under 10 s and 500 MB. Under `cargo test` it imports 2,000 rows.

use nap_app::import::{sheet, CsvTarget, SheetRequest};
use nap_core::sample::NewPlan;
use std::time::Instant;

/// The process's peak resident memory in MB (Linux), or `None` elsewhere.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let rows: u32 = if benchmarking { 30_000 } else { 2_000 };
    let dir = tempfile::tempdir().expect("temp dir");
    let book_path = dir.path().join("costing.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet_ = book.add_worksheet();
    let header = [
        "Pillar",
        "Outcome",
        "Output",
        "Activity",
        "Lead agency",
        "Item",
        "Unit",
        "Unit cost",
        "Currency",
        "Year",
        "Quantity",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet_.write(0, c as u16, *h).expect("header");
    }
    let pillars = [
        "Participation",
        "Prevention",
        "Protection",
        "Relief and recovery",
    ];
    for r in 1..=rows {
        let i = r as usize;
        let activity = i / 20;
        let cells = [
            pillars[activity % 4].to_string(),
            format!("Outcome {}", activity / 40),
            format!("Output {}", activity / 10),
            format!("Activity {activity}"),
            ["MOWA", "MOI", "MOJ", "MOH", "MOEYS"][activity % 5].to_string(),
            format!("Item {}", i % 20),
            "day".to_string(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet_.write(r, c as u16, v.as_str()).expect("cell");
        }
        sheet_
            .write(r, 7, 1000 + (i % 97) as u32 * 12)
            .expect("cost");
        sheet_
            .write(r, 8, if i.is_multiple_of(7) { "USD" } else { "KHR" })
            .expect("currency");
        sheet_.write(r, 9, 2026 + (i % 5) as u32).expect("year");
        sheet_.write(r, 10, (1 + i % 30) as u32).expect("quantity");
    }
    book.save(&book_path).expect("save workbook");
    let size = std::fs::metadata(&book_path).expect("size").len();

    let plan = dir.path().join("plan.nap");
    let spec = NewPlan {
        title: "Benchmark".into(),
        country: "KH".into(),
        start_year: 2026,
        end_year: 2030,
        currency: "KHR".into(),
        language: None,
        second_language: None,
    };
    let started = Instant::now();
    let done = sheet(
        CsvTarget::New {
            path: &plan,
            spec,
            force: false,
        },
        &book_path,
        &SheetRequest::default(),
        "bench",
    )
    .expect("imported");
    let took = started.elapsed();
    assert!(done.written);
    assert_eq!(done.review.rows, rows as usize);
    println!(
        "sheet import: {rows} rows ({} KB .xlsx) read, reviewed and written as a new plan in {:.2} s; peak memory {} MB",
        size / 1024,
        took.as_secs_f64(),
        peak_mb().map_or("unknown".to_string(), |m| m.to_string())
    );
}
