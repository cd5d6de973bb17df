//! A seeded mutation fuzzer over every file NAP Studio reads: plan files (`.nap`, mutated
//! through SQL the way another tool would change them, and byte by byte), interchange JSON
//! and costing CSV. For every case: no panic; a refusal is an error of at most a few
//! sentences; a file that is accepted holds a valid plan that costs and exports; a plan
//! refused as inconsistent repairs into a valid plan or is refused as unrepairable.
//! Spreadsheets (.xlsx written from mutated logframe and budget rows, and mutated bytes of
//! a workbook) and Word tables (written with merged cells, and with their XML mutated) go
//! through `nap import sheet`'s use case the same way.
//!
//! Bounded: about 3,500 cases in the test command (under two minutes on two cores);
//! `NAP_LONG_TESTS=1` runs 20 times as many. `NAP_FUZZ_SEED` picks another run and
//! `NAP_FUZZ_CASE=N` replays one case; a failure prints both.

use nap_app::export::Export;
use nap_app::import::CsvTarget;
use nap_app::AppError;
use nap_core::{interchange, sample::sample_plan, validate, Plan};
use nap_store::{Access, PlanFile, StoreError};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

const SAMPLE_CASES: usize = 1000;

fn cases(per_thousand: usize) -> std::ops::Range<usize> {
    if let Some(one) = std::env::var("NAP_FUZZ_CASE")
        .ok()
        .and_then(|c| c.parse().ok())
    {
        return one..one + 1;
    }
    let n = match std::env::var("NAP_LONG_TESTS").as_deref() {
        Ok("1") => SAMPLE_CASES * 20,
        _ => SAMPLE_CASES,
    } * per_thousand
        / 1000;
    0..n
}

fn seed() -> u64 {
    std::env::var("NAP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6675_7a7a)
}

/// The generator of case `case`: the same for the same seed, whatever ran before.
fn rng_for(target: u64, case: usize) -> fastrand::Rng {
    fastrand::Rng::with_seed(
        seed() ^ (target << 56) ^ (case as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
    )
}

/// Values that have broken parsers, limits and arithmetic before.
fn interesting_text(rng: &mut fastrand::Rng) -> String {
    let picks: &[&str] = &[
        "",
        " ",
        "0",
        "-1",
        "-0.05",
        "1e30",
        "79228162514264337593543950335",
        "1000000000000001",
        "0.0000000001",
        "NaN",
        "2147483647",
        "-2147483648",
        "00000000-0000-0000-0000-000000000000",
        "ខ្មែរ",
        "\u{202e}evil",
        "a\0b",
        "'; DROP TABLE plan; --",
        "{\"text\":\"x\"}",
        "[]",
        "2026",
        "9999",
        "KHR",
        "XXX",
    ];
    match rng.u8(0..10) {
        0 => "x".repeat(rng.usize(1000..200_000)),
        1 => rng.i64(..).to_string(),
        2 => format!("{}.{}", rng.i64(..), rng.u64(..)),
        _ => picks[rng.usize(0..picks.len())].to_string(),
    }
}

/// A refusal: a sentence or a few, naming the problem, never a dump.
fn check_refusal(e: &AppError, context: &str) {
    let message = e.to_string();
    assert!(!message.is_empty(), "{context}: an empty error");
    assert!(
        message.len() < 2_500,
        "{context}: a {}-byte error message: {}…",
        message.len(),
        &message[..message.floor_char_boundary(300)]
    );
}

/// What every accepted plan must allow: validation passes, it costs (or names the missing
/// rate), and its exports are made.
fn check_accepted(plan: &Plan, case: usize, context: &str) {
    assert_eq!(
        validate(plan),
        vec![],
        "{context}: an accepted plan is invalid"
    );
    match nap_core::costing::compute(plan, None) {
        Ok(costing) => {
            let summary = costing.summary(plan);
            assert_eq!(summary.total_cost, costing.total(), "{context}");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let mut exports = vec![Export::Csv {
        table: nap_export::CsvTable::Lines,
        currency: None,
    }];
    if case.is_multiple_of(10) {
        exports.push(Export::Workbook {
            currency: None,
            budget_year: None,
        });
    }
    if case.is_multiple_of(50) {
        exports.push(Export::Annex {
            lang: nap_export::Lang::En,
            budget_year: None,
            currency: None,
            rounding: nap_core::costing::rounding::Rounding::Unit,
            reconcile: case.is_multiple_of(100),
        });
    }
    for export in exports {
        if let Err(e) = export.make(plan) {
            check_refusal(&e, context);
        }
    }
}

/// Runs every case of `target`; collects panics and failed checks and reports them all.
fn fuzz(
    target: u64,
    name: &str,
    per_thousand: usize,
    case_fn: impl Fn(usize, &mut fastrand::Rng, &str) -> Outcome,
) {
    let mut failures = Vec::new();
    let mut outcomes = std::collections::BTreeMap::<Outcome, usize>::new();
    let (mut run, started) = (0, std::time::Instant::now());
    for case in cases(per_thousand) {
        let mut rng = rng_for(target, case);
        let context = format!(
            "{name} case {case} (NAP_FUZZ_SEED={} NAP_FUZZ_CASE={case})",
            seed()
        );
        let result =
            std::panic::catch_unwind(AssertUnwindSafe(|| case_fn(case, &mut rng, &context)));
        if let Ok(outcome) = &result {
            *outcomes.entry(*outcome).or_insert(0) += 1;
        }
        if let Err(panic) = result {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(if what.contains(&context) {
                what
            } else {
                format!("{context}: {what}")
            });
        }
        run += 1;
    }
    eprintln!(
        "{name}: {run} cases in {:.1?}: {outcomes:?}",
        started.elapsed()
    );
    if std::env::var("NAP_FUZZ_CASE").is_err() {
        assert!(
            outcomes.contains_key(&Outcome::Accepted) && outcomes.contains_key(&Outcome::Refused),
            "{name}: the mutations must make both accepted and refused inputs: {outcomes:?}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {run} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What became of a case's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Accepted,
    Refused,
    Repaired,
}

/// What an import's result says: accepted (the plan file must then open and pass
/// [`check_accepted`]) or refused (in a few sentences).
fn outcome_of<T>(result: Result<T, AppError>, plan: &Path, case: usize, context: &str) -> Outcome {
    match result {
        Ok(_) => {
            let plan = PlanFile::open(plan, Access::ReadOnly)
                .and_then(|file| file.load())
                .unwrap_or_else(|e| {
                    panic!("{context}: the plan does not open after an import: {e}")
                });
            check_accepted(&plan, case, context);
            Outcome::Accepted
        }
        Err(e) => {
            check_refusal(&e, context);
            Outcome::Refused
        }
    }
}

struct Fixture {
    dir: tempfile::TempDir,
    plan: PathBuf,
    bytes: Vec<u8>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("sample.nap");
    PlanFile::create(&plan, &sample_plan(), false).unwrap();
    let bytes = std::fs::read(&plan).unwrap();
    Fixture { dir, plan, bytes }
}

/// Tables and their columns, to change a random cell as another tool would.
fn columns(path: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let cols: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (t, cols)
        })
        .collect()
}

#[test]
fn plan_files_changed_or_damaged_outside_nap_studio() {
    let f = fixture();
    let tables = columns(&f.plan);
    let ids: Vec<String> = {
        let plan = sample_plan();
        vec![
            plan.activities[0].record.id.to_string(),
            plan.agencies[0].record.id.to_string(),
            plan.pillars[1].record.id.to_string(),
        ]
    };
    fuzz(1, ".nap", 1000, |case, rng, context| {
        let path = f.dir.path().join(format!("case-{}.nap", case % 4));
        let _ = std::fs::remove_file(format!("{}-wal", path.display()));
        if rng.u8(0..10) < 7 {
            std::fs::write(&path, &f.bytes).unwrap();
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
            for _ in 0..rng.usize(1..4) {
                let (table, cols) = &tables[rng.usize(0..tables.len())];
                let col = &cols[rng.usize(0..cols.len())];
                let value = match rng.u8(0..6) {
                    0 => rusqlite::types::Value::Null,
                    1 => rusqlite::types::Value::Integer(rng.i64(..)),
                    2 => rusqlite::types::Value::Text(ids[rng.usize(0..ids.len())].clone()),
                    3 => {
                        rusqlite::types::Value::Real(format!("{}e20", rng.i32(..)).parse().unwrap())
                    }
                    _ => rusqlite::types::Value::Text(interesting_text(rng)),
                };
                let sql = match rng.u8(0..8) {
                    0 => format!("INSERT INTO \"{table}\" SELECT * FROM \"{table}\" LIMIT 1"),
                    1 => format!("DELETE FROM \"{table}\" WHERE rowid IN (SELECT rowid FROM \"{table}\" LIMIT 1)"),
                    _ => format!("UPDATE \"{table}\" SET \"{col}\" = ?1 WHERE rowid IN (SELECT rowid FROM \"{table}\" ORDER BY random() LIMIT {})", rng.u8(1..3)),
                };
                let _ = conn.execute(
                    &sql,
                    rusqlite::params_from_iter(sql.contains("?1").then_some(value)),
                );
            }
        } else {
            let mut bytes = f.bytes.clone();
            match rng.u8(0..3) {
                0 => bytes.truncate(rng.usize(0..bytes.len())),
                1 => {
                    let page = rng.usize(0..bytes.len() / 4096);
                    bytes[page * 4096..(page + 1) * 4096].fill(0);
                }
                _ => {
                    for _ in 0..rng.usize(1..16) {
                        let at = rng.usize(0..bytes.len());
                        bytes[at] ^= rng.u8(1..);
                    }
                }
            }
            std::fs::write(&path, &bytes).unwrap();
        }
        let opened = PlanFile::open(&path, Access::ReadOnly).and_then(|file| file.load());
        match opened {
            Ok(plan) => {
                check_accepted(&plan, case, context);
                Outcome::Accepted
            }
            Err(e) => {
                let inconsistent = matches!(e, StoreError::Inconsistent { .. });
                check_refusal(&AppError::from(e), context);
                if inconsistent {
                    let copy = f.dir.path().join("repaired.nap");
                    match nap_store::repair_copy(&path, &copy, true) {
                        Ok(_) => {
                            let plan = PlanFile::open(&copy, Access::ReadOnly)
                                .and_then(|file| file.load())
                                .unwrap_or_else(|e| {
                                    panic!("{context}: a repaired copy does not open: {e}")
                                });
                            check_accepted(&plan, case, context);
                            return Outcome::Repaired;
                        }
                        Err(e @ StoreError::Unrepairable { .. }) => {
                            check_refusal(&e.into(), context)
                        }
                        Err(e) => panic!("{context}: repair failed with {e}"),
                    }
                }
                Outcome::Refused
            }
        }
    });
}

/// Replaces, removes or duplicates a random node of `value`.
fn mutate_json(value: &mut serde_json::Value, rng: &mut fastrand::Rng, depth: usize) {
    use serde_json::Value;
    let leaf = |rng: &mut fastrand::Rng| match rng.u8(0..8) {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 => Value::from(rng.i64(..)),
        3 => serde_json::from_str(&format!("{}e25", rng.i32(..))).unwrap(),
        4 => Value::Array(vec![]),
        _ => Value::String(interesting_text(rng)),
    };
    match value {
        Value::Object(map) if !map.is_empty() && (depth < 6 || rng.bool()) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = &keys[rng.usize(0..keys.len())];
            match rng.u8(0..10) {
                0 => {
                    map.remove(key);
                }
                1 => {
                    map.insert(key.clone(), leaf(rng));
                }
                _ => mutate_json(map.get_mut(key).unwrap(), rng, depth + 1),
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let at = rng.usize(0..items.len());
            match rng.u8(0..10) {
                0 => {
                    items.remove(at);
                }
                1 => {
                    let copy = items[at].clone();
                    items.push(copy);
                }
                _ => mutate_json(&mut items[at], rng, depth + 1),
            }
        }
        other => *other = leaf(rng),
    }
}

#[test]
fn interchange_json_from_other_tools() {
    let f = fixture();
    let json: serde_json::Value =
        serde_json::from_str(&interchange::to_json(&sample_plan())).unwrap();
    fuzz(2, "JSON", 1000, |case, rng, context| {
        let input = f.dir.path().join("in.json");
        let out = f.dir.path().join("out.nap");
        let mut value = json.clone();
        for _ in 0..rng.usize(1..4) {
            mutate_json(&mut value, rng, 0);
        }
        let mut text = serde_json::to_vec(&value).unwrap();
        if rng.u8(0..5) == 0 {
            for _ in 0..rng.usize(1..8) {
                let at = rng.usize(0..text.len());
                text[at] = rng.u8(..);
            }
        }
        std::fs::write(&input, &text).unwrap();
        outcome_of(
            nap_app::import::interchange_json(&input, &out, true),
            &out,
            case,
            context,
        )
    });
}

/// A costing CSV of the sample plan's pillars and agencies, valid before mutation.
fn costing_rows() -> Vec<Vec<String>> {
    let header = "pillar,outcome,output,activity,lead_agency,item,unit,unit_cost,currency,year,quantity,economic_code,funding_source,note";
    let mut rows = vec![header.split(',').map(String::from).collect::<Vec<_>>()];
    for i in 0..12 {
        rows.push(
            [
                ["Protection", "Prevention", "Participation"][i % 3],
                "Fuzzed outcome",
                "Fuzzed output",
                &format!("Fuzzed activity {}", i % 4),
                ["MOJ", "MOI", "MWA"][i % 3],
                &format!("Item {i}"),
                "day",
                &format!("{}.5", 1000 + i * 37),
                ["KHR", "USD"][i % 2],
                &format!("{}", 2026 + i % 5),
                &format!("{}", 1 + i % 7),
                "2211",
                "",
                "",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        );
    }
    rows
}

#[test]
fn costing_csv_from_spreadsheets() {
    let f = fixture();
    let rows = costing_rows();
    fuzz(3, "CSV", 1000, |case, rng, context| {
        let mut rows = rows.clone();
        for _ in 0..rng.usize(1..5) {
            let r = rng.usize(0..rows.len());
            if rows[r].is_empty() {
                continue;
            }
            let c = rng.usize(0..rows[r].len());
            match rng.u8(0..10) {
                0 => {
                    for row in rows.iter_mut() {
                        if c < row.len() {
                            row.remove(c);
                        }
                    }
                }
                1 => {
                    let copy = rows[r].clone();
                    rows.push(copy);
                }
                2 => rows[r].truncate(c),
                _ => rows[r][c] = interesting_text(rng),
            }
        }
        let separator = [",", ";", "\t"][rng.usize(0..3)];
        let mut text: Vec<u8> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|cell| {
                        if cell.contains([',', '"', '\n']) {
                            format!("\"{}\"", cell.replace('"', "\"\""))
                        } else {
                            cell.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(separator)
            })
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes();
        match rng.u8(0..10) {
            0 => text.splice(0..0, [0xef, 0xbb, 0xbf]).for_each(drop),
            1 if !text.is_empty() => {
                let at = rng.usize(0..text.len());
                text[at] = rng.u8(0x80..);
            }
            _ => {}
        }
        let input = f.dir.path().join("in.csv");
        std::fs::write(&input, &text).unwrap();
        let plan = f.dir.path().join("csv-target.nap");
        std::fs::copy(&f.plan, &plan).unwrap();
        let _ = std::fs::remove_file(format!("{}-wal", plan.display()));
        let rates = [("USD".to_string(), rust_decimal::Decimal::from(4100))];
        let result = nap_app::import::costing_csv(
            CsvTarget::Existing(&plan),
            &input,
            rng.bool(),
            &rates,
            "fuzz",
        );
        outcome_of(result, &plan, case, context)
    });
}

/// Rows shaped like a logframe with a budget: headings, merged-looking blanks, lists in
/// cells, year columns and a Total row.
fn sheet_rows() -> Vec<Vec<String>> {
    let rows: &[&[&str]] = &[
        &["PAN 1325", "", "", "", "", "", ""],
        &[
            "Objectif spécifique",
            "Activités",
            "Indicateurs",
            "Cible",
            "Acteurs",
            "2026",
            "2027",
        ],
        &["AXE 1. PRÉVENTION", "", "", "", "", "", ""],
        &[
            "OS 1.1 : Prévenir",
            "- Former\n- Sensibiliser",
            "Nombre de séances",
            "200",
            "MINGENRE; OSC",
            "1 250 000",
            "300 000,5",
        ],
        &[
            "",
            "Campagne radio",
            "Taux (%)",
            "60 %",
            "Ministère de la Santé",
            "80 000",
            "",
        ],
        &["AXE 2. PROTECTION", "", "", "", "", "", ""],
        &[
            "OS 2.1 : Protéger",
            "Ouvrir des centres",
            "Existence d'un protocole",
            "Oui",
            "PTF",
            "",
            "900 000",
        ],
        &["Total", "", "", "", "", "1 330 000", "1 200 000,5"],
    ];
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn write_xlsx(rows: &[Vec<String>], path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                // Excel's own limit on a cell's text.
                let cell: String = cell.chars().take(32_767).collect();
                sheet.write(r as u32, c as u16, cell.as_str()).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn spreadsheets_from_ministries() {
    let f = fixture();
    let rows = sheet_rows();
    let pristine = f.dir.path().join("pristine.xlsx");
    write_xlsx(&rows, &pristine);
    let pristine_bytes = std::fs::read(&pristine).unwrap();
    fuzz(4, "sheet", 500, |case, rng, context| {
        let input = f.dir.path().join(if rng.u8(0..4) == 0 {
            "in.csv"
        } else {
            "in.xlsx"
        });
        let mut rows = rows.clone();
        for _ in 0..rng.usize(1..5) {
            let r = rng.usize(0..rows.len());
            let c = rng.usize(0..rows[r].len());
            match rng.u8(0..10) {
                0 => {
                    let copy = rows[r].clone();
                    rows.insert(rng.usize(0..rows.len()), copy);
                }
                1 => rows[r] = vec![String::new(); rows[r].len()],
                _ => rows[r][c] = interesting_text(rng),
            }
        }
        if input.extension().is_some_and(|e| e == "csv") {
            let text: Vec<String> = rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .collect();
            std::fs::write(&input, text.join("\n")).unwrap();
        } else if rng.u8(0..5) == 0 {
            let mut bytes = pristine_bytes.clone();
            for _ in 0..rng.usize(1..8) {
                let at = rng.usize(0..bytes.len());
                bytes[at] = rng.u8(..);
            }
            std::fs::write(&input, bytes).unwrap();
        } else {
            write_xlsx(&rows, &input);
        }
        import_into_a_copy(&f, &input, rng, case, context)
    });
}

/// `nap import sheet` of `input` into a fresh copy of the fixture's plan (with or without
/// the refused rows), and what became of it.
fn import_into_a_copy(
    f: &Fixture,
    input: &Path,
    rng: &mut fastrand::Rng,
    case: usize,
    context: &str,
) -> Outcome {
    let plan = f.dir.path().join("sheet-target.nap");
    std::fs::copy(&f.plan, &plan).unwrap();
    let _ = std::fs::remove_file(format!("{}-wal", plan.display()));
    let request = nap_app::import::SheetRequest {
        skip_invalid: rng.bool(),
        ..Default::default()
    };
    let result = nap_app::import::sheet(CsvTarget::Existing(&plan), input, &request, "fuzz");
    outcome_of(result, &plan, case, context)
}

/// A Word document holding `rows` as a table under a caption, with cells merged across or
/// down at random (as ministries' tables are, and sometimes inconsistently).
fn write_docx(rows: &[Vec<String>], rng: &mut fastrand::Rng, path: &Path) {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
    let para = |text: &str| Paragraph::new().add_run(Run::new().add_text(text));
    let table: Vec<TableRow> = rows
        .iter()
        .map(|row| {
            let cells = row.iter().map(|text| {
                let cell = (text.lines()).fold(TableCell::new(), |c, l| c.add_paragraph(para(l)));
                let cell = if text.is_empty() {
                    cell.add_paragraph(Paragraph::new())
                } else {
                    cell
                };
                match rng.u8(0..12) {
                    0 => cell.grid_span(rng.usize(2..4)),
                    1 => cell.vertical_merge(VMergeType::Restart),
                    2 => cell.vertical_merge(VMergeType::Continue),
                    _ => cell,
                }
            });
            TableRow::new(cells.collect())
        })
        .collect();
    Docx::new()
        .add_paragraph(para("Tableau 1 : Cadre logique (en milliers de FCFA)"))
        .add_table(Table::new(table))
        .build()
        .pack(std::fs::File::create(path).unwrap())
        .unwrap();
}

/// Mutates the text of the document's XML (cuts, copies, stray tags and references) and
/// packs the document again, as a damaged or hand-edited file would be.
fn mutate_docx_xml(path: &Path, rng: &mut fastrand::Rng) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        parts.push((name, bytes));
    }
    const STRAY: &[&str] = &[
        "<w:tc>",
        "</w:tr>",
        "<w:tbl>",
        "<w:vMerge/>",
        r#"<w:gridSpan w:val="99999"/>"#,
        r#"<w:gridBefore w:val="4000000000"/>"#,
        "&amp;",
        "&#xD800;",
        "&nbsp;",
        "<mc:Fallback>",
        "<w:t>1 250 000</w:t>",
    ];
    for (name, bytes) in &mut parts {
        if name != "word/document.xml" {
            continue;
        }
        let mut text = String::from_utf8(std::mem::take(bytes)).unwrap();
        for _ in 0..rng.usize(1..4) {
            // The character boundary at or before byte `i`.
            let boundary = |text: &str, mut i: usize| {
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let a = boundary(&text, rng.usize(0..=text.len()));
            let b = boundary(&text, rng.usize(a..=text.len()));
            match rng.u8(0..3) {
                0 => text.replace_range(a..boundary(&text, b.min(a + 200)), ""),
                1 => {
                    let copy = text[a..boundary(&text, b.min(a + 2000))].to_string();
                    text.insert_str(a, &copy);
                }
                _ => text.insert_str(a, STRAY[rng.usize(0..STRAY.len())]),
            }
        }
        *bytes = text.into_bytes();
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        out.start_file(name, stored).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn word_tables_from_ministries() {
    let f = fixture();
    let rows = sheet_rows();
    fuzz(5, "word", 200, |case, rng, context| {
        let input = f.dir.path().join("in.docx");
        let mut rows = rows.clone();
        for _ in 0..rng.usize(0..4) {
            let r = rng.usize(0..rows.len());
            let c = rng.usize(0..rows[r].len());
            rows[r][c] = interesting_text(rng);
        }
        write_docx(&rows, rng, &input);
        if rng.u8(0..3) == 0 {
            mutate_docx_xml(&input, rng);
        }
        import_into_a_copy(&f, &input, rng, case, context)
    });
}
