//! Annex benchmark: `cargo bench -p nap-export --bench annex` prints how long the costed
//! budget annex takes for the sample, medium (5,000 lines) and large (30,000 lines) plans.
//! Under `cargo test` (no `--bench`) it makes the sample annex once as a smoke test.

use nap_core::costing::Rounding;
use nap_core::sample::{generated_plan, sample_plan, PlanSize};
use nap_core::IsoDate;
use nap_export::{annex, AnnexOptions, Lang};
use std::time::{Duration, Instant};

fn millis(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{:01}", us / 1000, (us % 1000) / 100)
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let opts = AnnexOptions {
        lang: Lang::En,
        budget_year: None,
        currency: None,
        rounding: Rounding::Unit,
        reconcile: false,
        date: IsoDate::from_ymd(2026, 11, 22).expect("date"),
    };
    let plans: Vec<(&str, nap_core::Plan)> = if benchmarking {
        vec![
            ("sample", sample_plan()),
            ("medium", generated_plan(PlanSize::Medium)),
            ("large", generated_plan(PlanSize::Large)),
        ]
    } else {
        vec![("sample", sample_plan())]
    };
    for (name, plan) in plans {
        let runs = if benchmarking { 3 } else { 1 };
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let pdf = annex(&plan, &opts).expect("annex");
            times.push(t.elapsed());
            size = pdf.len();
        }
        times.sort();
        println!(
            "annex {name}: {} cost lines -> {} KB PDF in {} ms (median of {runs})",
            plan.cost_lines.len(),
            size / 1024,
            millis(times[times.len() / 2])
        );
        // The whole plan as one document (`nap export document`), annex included.
        let doc = nap_export::DocumentOptions {
            lang: Lang::En,
            date: IsoDate::from_ymd(2026, 11, 22).expect("date"),
        };
        let t = Instant::now();
        let pdf = nap_export::nap_document_pdf(&plan, &doc).expect("document");
        let pdf_ms = millis(t.elapsed());
        let t = Instant::now();
        let docx = nap_export::nap_document_docx(&plan, &doc).expect("document");
        println!(
            "  plan document {name}: {} KB PDF in {pdf_ms} ms, {} KB Word in {} ms",
            pdf.len() / 1024,
            docx.len() / 1024,
            millis(t.elapsed())
        );
        if benchmarking {
            println!(
                "  LibreOffice converting that Word document to PDF: {}",
                libreoffice_ms(&docx)
            );
        }
        // The progress report of the plan's first year, from costing the plan to the bytes
        // (`nap export progress-report`), in each format.
        let report = nap_export::ReportOptions {
            lang: Lang::En,
            date: "2026-11-22".into(),
        };
        for (format, write) in [
            ("PDF", nap_export::progress_report_pdf as ReportWriter),
            ("DOCX", nap_export::progress_report_docx),
            ("XLSX", nap_export::progress_report_xlsx),
        ] {
            let t = Instant::now();
            let costing = nap_core::costing::compute(&plan, None).expect("costs");
            let view = nap_core::progress::view::progress_view(
                &plan,
                &costing,
                nap_core::progress::Period::year(plan.meta.start_year),
            )
            .expect("view");
            let bytes = write(&plan, &view, &report).expect("report");
            println!(
                "  progress report {name} ({} activities) -> {} KB {format} in {} ms",
                plan.activities.len(),
                bytes.len() / 1024,
                millis(t.elapsed())
            );
        }
    }
}

type ReportWriter = fn(
    &nap_core::Plan,
    &nap_core::progress::view::ProgressView,
    &nap_export::ReportOptions,
) -> Result<Vec<u8>, nap_export::ExportError>;

/// How long LibreOffice (headless, with a fresh profile of its own) takes to turn `docx`
/// into PDF, for comparison with NAP Studio's own PDF; a note instead when it is missing.
fn libreoffice_ms(docx: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("nap-bench-lo-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let input = dir.join("plan.docx");
    if std::fs::write(&input, docx).is_err() {
        return "not measured (no temporary folder)".into();
    }
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo").display());
    // A first run sets up the profile, so that the timed run measures the conversion.
    let convert = || {
        std::process::Command::new("soffice")
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(&dir)
            .arg(&input)
            .output()
    };
    let _ = convert();
    let t = Instant::now();
    let result = match convert() {
        Ok(out) if out.status.success() => format!("{} ms", millis(t.elapsed())),
        Ok(_) => "not measured (LibreOffice failed)".into(),
        Err(_) => "not measured (soffice not found)".into(),
    };
    let _ = std::fs::remove_dir_all(&dir);
    result
}
