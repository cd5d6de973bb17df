//! Merge benchmark: `cargo bench -p nap-core --bench merge` prints how long a three-way merge
//! of two copies of the large plan takes with 1,000 changes on each side. Under `cargo test`
//! it runs once on the medium plan with 100 changes a side.

use nap_core::merge::{apply, three_way, Decisions};
use nap_core::sample::{generated_plan, PlanSize};
use rust_decimal::Decimal;
use std::time::Instant;

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (size, changes) = if benchmarking {
        (PlanSize::Large, 1000)
    } else {
        (PlanSize::Medium, 100)
    };
    let base = generated_plan(size);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let n = base.cost_lines.len();
    for k in 0..changes {
        // Ours edits the even lines, theirs the odd ones: no conflicts, 2 × `changes` edits.
        let year = base.meta.start_year;
        ours.cost_lines[(k * 2 * 7) % n]
            .quantities
            .insert(year, Decimal::from(1000 + k));
        theirs.cost_lines[(k * 2 * 7 + 1) % n]
            .quantities
            .insert(year, Decimal::from(2000 + k));
    }
    let mut times = Vec::new();
    for _ in 0..if benchmarking { 5 } else { 1 } {
        let t = Instant::now();
        let report = three_way(&base, &ours, &theirs, None);
        let merged = apply(&ours, &theirs, &report, &Decisions::all(None));
        times.push(t.elapsed());
        assert_eq!(report.changes.len(), changes);
        assert!(report.conflicts.is_empty());
        assert_eq!(merged.cost_lines.len(), n);
    }
    times.sort();
    let ms = times[times.len() / 2].as_millis();
    println!(
        "merge {size:?} plan ({n} cost lines), {changes} changes on each side: {ms} ms (median)"
    );
}
