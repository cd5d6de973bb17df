//! Recompute benchmark: `cargo bench -p nap-core --bench recompute` prints how long the
//! costing engine takes on the large benchmark plan (30,000 cost lines over 10 years).
//!
//! Under `cargo test` (no `--bench` argument) it runs once on the medium plan as a smoke
//! test, so the benchmark itself cannot rot.

use nap_core::costing::views::{mtef, Measure};
use nap_core::costing::{compute, compute_again, cross_table, Dimension};
use nap_core::sample::{generated_plan, PlanSize};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// "4.0 ms (fastest 3.8)": the median and the fastest run. On a machine shared with other
/// work (a virtual machine whose cores are at times busy elsewhere) the fastest run moves
/// less from one measurement to the next than the median.
fn figure(mut v: Vec<Duration>) -> String {
    v.sort();
    format!("{} ms (fastest {})", millis(v[v.len() / 2]), millis(v[0]))
}

/// "12.3" for 12.34 ms (integer arithmetic: the workspace forbids float arithmetic).
fn millis(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{}", us / 1000, (us % 1000) / 100)
}

fn views(plan: &nap_core::Plan, c: &nap_core::costing::Costing) {
    for (r, col) in [
        (Dimension::Pillar, Some(Dimension::Year)),
        (Dimension::Agency, Some(Dimension::Year)),
        (Dimension::Source, Some(Dimension::Year)),
        (Dimension::Economic { digits: 2 }, None),
        (Dimension::Pillar, Some(Dimension::SourceType)),
    ] {
        black_box(cross_table(plan, c, r, col, Measure::Cost));
    }
    black_box(cross_table(
        plan,
        c,
        Dimension::Pillar,
        Some(Dimension::Year),
        Measure::Gap,
    ));
    black_box(
        mtef(
            plan,
            c,
            Dimension::Pillar,
            plan.meta.start_year + 1,
            Measure::Cost,
        )
        .unwrap(),
    );
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let size = if benchmarking {
        PlanSize::Large
    } else {
        PlanSize::Medium
    };
    let plan = generated_plan(size);
    let runs = if benchmarking { 30 } else { 1 };
    let mut amounts = Vec::new();
    let mut engine = Vec::new();
    let mut everything = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let c = compute(black_box(&plan), None).expect("the benchmark plan costs");
        let ta = Instant::now();
        // The allocation is made when first asked for; the engine figure includes it.
        black_box(c.committed());
        let t1 = Instant::now();
        views(&plan, &c);
        let t2 = Instant::now();
        amounts.push(ta - t0);
        engine.push(t1 - t0);
        everything.push(t2 - t0);
        assert!(c.units.len() >= plan.cost_lines.len());
    }
    // As the open plan's kept costing is made after an edit: in the memory of the costing it
    // replaces, whose allocation a screen had made.
    let mut again_amounts = Vec::new();
    let mut again_engine = Vec::new();
    let mut kept = compute(&plan, None).expect("the benchmark plan costs");
    for _ in 0..runs {
        black_box(kept.committed());
        let t0 = Instant::now();
        let c = compute_again(black_box(&plan), None, kept).expect("the benchmark plan costs");
        let ta = Instant::now();
        black_box(c.committed());
        let t1 = Instant::now();
        again_amounts.push(ta - t0);
        again_engine.push(t1 - t0);
        kept = c;
    }
    println!(
        "recompute {:?} plan ({} cost lines, {} years): amounts and contingency (what a settings change waits for) {}; engine with the funding allocation {}; with 7 budget views {} (medians of {runs})",
        size,
        plan.cost_lines.len(),
        plan.years().count(),
        figure(amounts),
        figure(engine),
        figure(everything),
    );
    println!(
        "recompute {:?} plan in the memory of the costing it replaces (as the open plan's kept costing after an edit): amounts and contingency {}; engine with the funding allocation {} (medians of {runs})",
        size,
        figure(again_amounts),
        figure(again_engine),
    );
}
