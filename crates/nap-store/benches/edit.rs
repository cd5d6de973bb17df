//! Edit benchmark: `cargo bench -p nap-store --bench edit` prints how long one cell edit of
//! the costing grid takes on the large plan (30,000 lines), from the typed text to the
//! updated line and totals the screen shows: the field checked, the plan validated, the
//! record written in its transaction, the plan costed again, the grid line and the filtered
//! totals built; and the grid as the costing screen loads it, a window of rows at a time;
//! and opening the plan for editing. The app's IPC and rendering add a few milliseconds on top. Under
//! `cargo test` it makes one edit on the medium plan.

use nap_core::costing::compute;
use nap_core::costing::grid::{grid_line_and_totals, GridFilter};
use nap_core::edit::{set_cost_line_field, CostLineField};
use nap_core::sample::{generated_plan, PlanSize};
use nap_store::{Document, PlanFile};
use std::time::{Duration, Instant};

/// Rows the costing screen asks for at a time (`ui/src/lib/costing/CostingGrid.svelte`).
const GRID_ROWS: usize = 100;

fn millis(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{:01}", us / 1000, (us % 1000) / 100)
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (size, edits) = if benchmarking {
        (PlanSize::Large, 21)
    } else {
        (PlanSize::Medium, 1)
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.nap");
    PlanFile::create(&path, &generated_plan(size), false).expect("create");
    // Opening the plan for editing, as the app does: checked page by page, read and
    // validated.
    let mut opens: Vec<Duration> = (0..edits.min(9))
        .map(|_| {
            let t = Instant::now();
            drop(Document::open(&path, "bench").expect("open"));
            t.elapsed()
        })
        .collect();
    opens.sort();
    println!(
        "open the plan for editing: {} ms (median of {})",
        millis(opens[opens.len() / 2]),
        opens.len()
    );
    let mut doc = Document::open(&path, "bench").expect("open");
    let filter = GridFilter {
        pillar_id: Some(doc.plan().pillars[0].record.id),
        ..GridFilter::default()
    };
    let year = doc.plan().meta.start_year;
    let mut times = Vec::new();
    for k in 0..edits {
        let t = Instant::now();
        let mut line = doc.plan().cost_lines[k * 997 % doc.plan().cost_lines.len()].clone();
        set_cost_line_field(
            doc.plan(),
            &mut line,
            CostLineField::Quantity(year),
            &format!("{}", 10 + k),
        )
        .expect("valid quantity");
        let id = line.record.id;
        doc.upsert(line).expect("saved");
        let costing = doc.costing().expect("costs");
        let (shown, _row, _totals) =
            grid_line_and_totals(doc.plan(), &costing, &filter, id).expect("the line");
        times.push(t.elapsed());
        assert_eq!(shown.quantities[0], format!("{}", 10 + k));
    }
    times.sort();
    // Moving an outcome on the results screen: the records under it renumbered, all saved
    // as one undoable step.
    let mut moves = Vec::new();
    for k in 0..edits {
        let outcome = &doc.plan().outcomes[1 + k % 3];
        let (id, up) = (outcome.record.id, k % 2 == 0);
        let t = Instant::now();
        let next =
            nap_core::edit::move_result(doc.plan(), nap_core::edit::ResultLevel::Outcome, id, up)
                .or_else(|_| {
                    nap_core::edit::move_result(
                        doc.plan(),
                        nap_core::edit::ResultLevel::Outcome,
                        id,
                        !up,
                    )
                })
                .expect("an outcome with a sibling");
        let changed = doc.edit_many(next, "move", "outcome").expect("saved");
        moves.push(t.elapsed());
        assert!(changed > 1);
    }
    moves.sort();
    println!(
        "move an outcome and renumber what is under it, as one undoable edit: {} ms (median of {edits})",
        millis(moves[moves.len() / 2])
    );
    // Opening the costing screen: the whole grid, as the JSON that crosses IPC.
    let t = Instant::now();
    let costing = compute(doc.plan(), None).expect("costs");
    let grid = nap_core::costing::grid::cost_grid(
        doc.plan(),
        &costing,
        &GridFilter::default(),
        usize::MAX,
    );
    let json = serde_json::to_vec(&grid).expect("json");
    let whole = t.elapsed();
    assert_eq!(grid.lines.len(), doc.plan().cost_lines.len());
    println!(
        "the whole costing grid (what the screen no longer loads): {} ms, {} KB of JSON",
        millis(whole),
        json.len() / 1024
    );
    // What the screen loads: the grid with its first rows, then rows as they scroll into view
    // (the plan unchanged in between, so its costing is the one the opening computed).
    let t = Instant::now();
    let costing = doc.costing().expect("costs");
    let grid =
        nap_core::costing::grid::cost_grid(doc.plan(), &costing, &GridFilter::default(), GRID_ROWS);
    let json = serde_json::to_vec(&grid).expect("json");
    let opened = t.elapsed();
    let t = Instant::now();
    let costing = doc.costing().expect("costs");
    let rows = nap_core::costing::grid::grid_rows(
        doc.plan(),
        &costing,
        &GridFilter::default(),
        doc.plan().cost_lines.len() / 2,
        GRID_ROWS,
    );
    let rows_json = serde_json::to_vec(&rows).expect("json");
    let scrolled = t.elapsed();
    assert_eq!(rows.lines.len(), GRID_ROWS);
    println!(
        "the costing screen opening ({GRID_ROWS} rows): {} ms, {} KB of JSON; {GRID_ROWS} more rows as they scroll into view: {} ms, {} KB",
        millis(opened),
        json.len() / 1024,
        millis(scrolled),
        rows_json.len() / 1024
    );
    println!(
        "edit one cell of the {} cost-line plan to its updated totals: {} ms (median of {edits})",
        doc.plan().cost_lines.len(),
        millis(times[times.len() / 2])
    );
}
