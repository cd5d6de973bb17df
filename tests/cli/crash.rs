//! Crash and write-fault runs against the real `nap` binary: the process is killed at random
//! moments of random edits and large imports, or its writes are made to fail (a file-size
//! limit, as a full disk does), and after each run the plan must open, pass SQLite's
//! integrity check and hold every edit `nap` acknowledged; an edit cut short is there whole
//! or not at all.
//!
//! Seeded and bounded: `NAP_CRASH_SEED` picks the run (printed on failure), and
//! `NAP_LONG_TESTS=1` (the nightly mode of `scripts/test.sh --long`) runs 25 times as many.

use nap_store::{Access, PlanFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const NAP: &str = env!("CARGO_BIN_EXE_nap");

fn rounds(default: usize) -> usize {
    match std::env::var("NAP_LONG_TESTS").as_deref() {
        Ok("1") => default * 25,
        _ => default,
    }
}

fn seed() -> u64 {
    std::env::var("NAP_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x4e41_5053)
}

/// How a run is cut short.
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// SIGKILL after a delay.
    Kill(Duration),
    /// Writes beyond this many 512-byte blocks fail; with `signal` the process is killed by
    /// SIGXFSZ at that write, without it the write returns an error (as on a full disk).
    FileSize { blocks: u64, signal: bool },
}

fn spawn(args: &[&str], fault: Fault) -> Child {
    let mut command = match fault {
        Fault::Kill(_) => Command::new(NAP),
        Fault::FileSize { blocks, signal } => {
            let trap = if signal { "" } else { "trap '' XFSZ; " };
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("{trap}ulimit -f {blocks}; exec \"$0\" \"$@\""))
                .arg(NAP);
            c
        }
    };
    command
        .args(args)
        .env("NAP_AUTHOR", "crash loop")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nap")
}

fn run(args: &[&str], fault: Fault) -> ExitStatus {
    let mut child = spawn(args, fault);
    if let Fault::Kill(after) = fault {
        let deadline = Instant::now() + after;
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait().expect("wait") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = child.kill();
    }
    child.wait().expect("wait")
}

/// What the plan must hold: the title of each edited activity, and the number of cost lines.
struct Expected {
    titles: HashMap<String, String>,
    lines: usize,
}

struct Plan {
    titles: HashMap<String, String>,
    lines: usize,
}

/// Opens the plan as `nap` would after the crash: integrity, validation and a full read.
fn read(path: &Path, context: &str) -> Plan {
    let file = PlanFile::open(path, Access::ReadWrite)
        .unwrap_or_else(|e| panic!("{context}: the plan no longer opens: {e}"));
    let plan = file
        .load()
        .unwrap_or_else(|e| panic!("{context}: the plan no longer loads: {e}"));
    Plan {
        titles: plan
            .activities
            .iter()
            .map(|a| (a.record.id.to_string(), a.title.text.clone()))
            .collect(),
        lines: plan.cost_lines.len(),
    }
}

/// A costing CSV of `rows` lines for one new activity: an import big enough to be killed
/// while it is being written and checkpointed.
fn big_csv(dir: &Path, rows: usize) -> PathBuf {
    let mut text = String::from(
        "pillar,outcome,output,activity,lead_agency,item,unit,unit_cost,currency,year,quantity\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "Protection,Crash outcome,Crash output,Crash activity {},MOJ,Item {i},day,{}.25,KHR,2027,{}\n",
            i % 40,
            1000 + i,
            1 + i % 9
        ));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).expect("write csv");
    path
}

fn crash_loop(faults: impl Fn(&mut fastrand::Rng, Duration) -> Fault, runs: usize, name: &str) {
    let seed = seed();
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.nap");
    assert!(run(
        &["sample", plan.to_str().unwrap()],
        Fault::Kill(Duration::from_secs(60))
    )
    .success());
    let csv = big_csv(dir.path(), 1500);
    let start = read(&plan, "the new sample");
    let activities: Vec<String> = start.titles.keys().cloned().collect();
    let mut expected = Expected {
        titles: start.titles,
        lines: start.lines,
    };
    // How long each kind of run takes uncut, so that kills land anywhere inside it.
    let uncut = Fault::Kill(Duration::from_secs(120));
    let timed = |args: &[&str]| {
        let started = Instant::now();
        assert!(run(args, uncut).success(), "nap {args:?}");
        started.elapsed()
    };
    let plan_arg = plan.to_str().unwrap();
    let first = activities[0].as_str();
    let import_took = timed(&["import", "csv", plan_arg, csv.to_str().unwrap()]);
    let mut took = [
        timed(&["set", plan_arg, first, "title=Timed edit"]),
        import_took,
    ];
    let timed_plan = read(&plan, "after the timed runs");
    assert_eq!(timed_plan.lines, expected.lines + 1500);
    assert_eq!(timed_plan.titles[first], "Timed edit");
    expected.lines = timed_plan.lines;
    expected.titles = timed_plan.titles;
    let (mut acknowledged, mut cut) = (0, 0);
    for i in 0..runs {
        let import = rng.u8(0..5) == 0;
        let context = format!("{name} run {i} (NAP_CRASH_SEED={seed})");
        let kind = usize::from(import);
        let fault = faults(&mut rng, took[kind]);
        // Each import makes the plan, and so every later run, slower: a kill that came after
        // the expected time grows the estimate.
        if matches!(fault, Fault::Kill(after) if after >= took[kind]) {
            took[kind] = took[kind].mul_f64(1.25);
        }
        let started = Instant::now();
        if import {
            let status = run(&["import", "csv", plan_arg, csv.to_str().unwrap()], fault);
            let after = read(&plan, &context);
            if status.success() {
                acknowledged += 1;
                took[1] = took[1].max(started.elapsed());
                assert_eq!(
                    after.lines,
                    expected.lines + 1500,
                    "{context}: the import was acknowledged"
                );
            } else {
                cut += 1;
                assert!(
                    after.lines == expected.lines || after.lines == expected.lines + 1500,
                    "{context}: a cut import left {} lines (before {})",
                    after.lines,
                    expected.lines
                );
            }
            expected.lines = after.lines;
            expected.titles = after.titles;
        } else {
            let id = &activities[rng.usize(0..activities.len())];
            let title = format!("Edited in run {i}");
            let status = run(&["set", plan_arg, id, &format!("title={title}")], fault);
            let after = read(&plan, &context);
            let now = &after.titles[id];
            if status.success() {
                acknowledged += 1;
                took[0] = took[0].max(started.elapsed());
                assert_eq!(now, &title, "{context}: an acknowledged edit is missing");
            } else {
                cut += 1;
                assert!(
                    now == &title || now == &expected.titles[id],
                    "{context}: a cut edit left `{now}`"
                );
            }
            for (other, t) in &expected.titles {
                if other != id {
                    assert_eq!(&after.titles[other], t, "{context}: another record changed");
                }
            }
            expected.titles = after.titles;
        }
    }
    eprintln!("{name}: {runs} runs, {acknowledged} acknowledged, {cut} cut short");
    assert!(
        cut > 0,
        "{name}: no run was cut short, so nothing was tested"
    );
}

#[test]
fn killed_at_random_moments_no_acknowledged_edit_is_lost_and_the_file_opens() {
    crash_loop(
        |rng, typical| Fault::Kill(typical.mul_f64(rng.f64() * 1.2)),
        rounds(40),
        "kill -9",
    );
}

#[test]
fn writes_that_fail_midway_leave_the_plan_whole() {
    // The sample plan is about 1 MB (2,000 blocks) with its log; the limits fall below,
    // inside and above what a run writes.
    crash_loop(
        |rng, _| Fault::FileSize {
            blocks: rng.u64(0..3000),
            signal: rng.bool(),
        },
        rounds(40),
        "write faults",
    );
}
