//! Screens benchmark: `cargo bench -p nap-core --bench screens` prints how long each editing
//! screen's view takes to build on the large benchmark plan (30,000 cost lines, 1,500
//! activities): what the app computes every time the screen is shown or one of its fields is
//! saved. Under `cargo test` it builds each once on the medium plan, so it cannot rot.

use nap_core::agency_plans::view::agency_plan_view;
use nap_core::communication::view::communication_view;
use nap_core::coordination::view::coordination_view;
use nap_core::funding::view::funding_view;
use nap_core::narrative::view::narrative_view;
use nap_core::results::view::results_view;
use nap_core::sample::{generated_plan, PlanSize};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// "12.3" for 12.34 ms (integer arithmetic: the workspace forbids float arithmetic).
fn millis(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{}", us / 1000, (us % 1000) / 100)
}

fn time(runs: usize, mut f: impl FnMut()) -> String {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    all.sort();
    millis(all[all.len() / 2])
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let size = if benchmarking {
        PlanSize::Large
    } else {
        PlanSize::Medium
    };
    let runs = if benchmarking { 11 } else { 1 };
    let plan = generated_plan(size);
    let busiest = plan
        .agencies
        .iter()
        .max_by_key(|a| {
            (plan.activities.iter())
                .filter(|x| x.lead_agency_id == Some(a.record.id))
                .count()
        })
        .map(|a| a.record.id);
    println!(
        "screen views of the {size:?} plan ({} cost lines, {} activities), median of {runs}:",
        plan.cost_lines.len(),
        plan.activities.len()
    );
    println!(
        "  dashboard {} ms",
        time(runs, || {
            black_box(nap_core::dashboard::dashboard(&plan).expect("costs"));
        })
    );
    let costing = nap_core::costing::compute(&plan, None).expect("costs");
    println!(
        "  dashboard from the costing kept for the plan {} ms",
        time(runs, || {
            black_box(nap_core::dashboard::dashboard_of(&plan, &costing));
        })
    );
    println!(
        "  funding {} ms",
        time(runs, || {
            black_box(funding_view(&plan).expect("costs"));
        })
    );
    println!(
        "  results framework {} ms",
        time(runs, || {
            black_box(results_view(&plan));
        })
    );
    println!(
        "  agency plan (the agency leading most activities) {} ms",
        time(runs, || {
            black_box(agency_plan_view(&plan, busiest, false).expect("costs"));
        })
    );
    let today = nap_core::IsoDate::from_ymd(2026, 6, 1).expect("date");
    println!(
        "  quality review (nap check, the Review screen) {} ms",
        time(runs, || {
            black_box(nap_core::review::review(&plan, &today));
        })
    );
    // A revision: one cost line in a hundred changed, one activity in fifty deleted with
    // its lines, compared with the plan it came from (nap version diff).
    let mut revised = plan.clone();
    for line in revised.cost_lines.iter_mut().step_by(100) {
        line.quantities
            .insert(plan.meta.start_year, rust_decimal::Decimal::ONE);
    }
    let dropped: std::collections::HashSet<nap_core::Id> = (revised.activities.iter())
        .step_by(50)
        .map(|a| a.record.id)
        .collect();
    revised
        .activities
        .retain(|a| !dropped.contains(&a.record.id));
    revised
        .cost_lines
        .retain(|l| !dropped.contains(&l.activity_id));
    revised
        .sub_activities
        .retain(|s| !dropped.contains(&s.activity_id));
    revised
        .communication_activities
        .retain(|c| c.activity_id.is_none_or(|a| !dropped.contains(&a)));
    println!(
        "  comparing two versions (nap version diff) {} ms",
        time(runs, || {
            black_box(nap_core::versions::compare(&plan, &revised).expect("costs"));
        })
    );
    let costing = nap_core::costing::compute(&plan, None).expect("costs");
    println!(
        "  progress in a year (the Progress screen) {} ms",
        time(runs, || {
            black_box(
                nap_core::progress::view::progress_view(
                    &plan,
                    &costing,
                    nap_core::progress::Period::year(plan.meta.start_year),
                )
                .expect("view"),
            );
        })
    );
    println!(
        "  narrative {} ms",
        time(runs, || {
            black_box(narrative_view(&plan));
        })
    );
    println!(
        "  coordination {} ms",
        time(runs, || {
            black_box(coordination_view(&plan));
        })
    );
    println!(
        "  communication {} ms",
        time(runs, || {
            black_box(communication_view(&plan));
        })
    );
}
