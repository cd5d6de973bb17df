//! Import of activities and cost lines from a costing spreadsheet saved as CSV.
//!
//! One row gives the quantity of one item in one year. Columns are found by their header
//! names, in any order and any letter case. Required: `pillar, outcome, output, activity,
//! lead_agency, item, unit, unit_cost, currency, year, quantity`; optional: `economic_code,
//! function_code, funding_source, note, activity_code`.
//!
//! - Pillars, outcomes, outputs, activities and agencies are matched by name (trimmed, any
//!   letter case, in either of the plan's languages; an activity also by `activity_code`, an
//!   agency also by its code) and created when missing. Funding sources must exist.
//! - Rows of the same activity with the same item, unit, unit cost, currency, economic code,
//!   funding source and note form one cost line with a quantity per year; a year given twice
//!   for such a line starts a new line.
//! - UTF-8 with or without BOM; comma- or semicolon-separated (read from the header line).
//!   Numbers use `.` for decimals and may be quoted with `,` between thousands.
//! - Every invalid row is reported with its line number and column; nothing is imported
//!   unless the caller asks to skip invalid rows.

use crate::currency::currency;
use crate::model::*;
use crate::text::LocalText;
use crate::time::Timestamp;
use crate::validate::validate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use std::str::FromStr;

/// The largest CSV accepted: well above a 30,000-line plan over ten years (about 45 MB).
pub const MAX_CSV_BYTES: usize = 64 * 1024 * 1024;

const REQUIRED: [&str; 11] = [
    "pillar",
    "outcome",
    "output",
    "activity",
    "lead_agency",
    "item",
    "unit",
    "unit_cost",
    "currency",
    "year",
    "quantity",
];
const OPTIONAL: [&str; 5] = [
    "economic_code",
    "function_code",
    "funding_source",
    "note",
    "activity_code",
];

/// A problem with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Line number in the file (the header is line 1).
    pub line: u64,
    /// The column's header name.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line,
            crate::text::quoted(&self.column),
            crate::text::cut_long(&self.message)
        )
    }
}

/// Why a CSV file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text in UTF-8 (is it a spreadsheet file rather than CSV? Save it as \"CSV UTF-8\")")]
    NotText,
    #[error("the file is {0} bytes; the largest costing CSV accepted is {MAX_CSV_BYTES} bytes")]
    TooLarge(usize),
    #[error("the header line lacks the column{} {}", if .0.len() > 1 { "s" } else { "" }, .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("the header line has the column `{}` twice", crate::text::quoted(.0))]
    DuplicateColumn(String),
    #[error("the file has a header line but no rows")]
    NoRows,
    #[error("{} invalid row{}; nothing was imported:\n{}", invalid_rows(.0), if invalid_rows(.0) > 1 { "s" } else { "" }, crate::text::listed(.0))]
    InvalidRows(Vec<RowError>),
    #[error("the imported rows would make the plan inconsistent: {0}")]
    Inconsistent(String),
}

/// How many rows have at least one problem (a row with two bad cells is one invalid row).
pub fn invalid_rows(errors: &[RowError]) -> usize {
    errors
        .iter()
        .map(|e| e.line)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// How many records an import added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub pillars: usize,
    pub outcomes: usize,
    pub outputs: usize,
    pub activities: usize,
    pub agencies: usize,
    pub cost_lines: usize,
    pub rows: usize,
}

/// The result of an import: the plan with the rows added, and what was left out.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    pub added: ImportCounts,
    /// Rows left out (only when invalid rows are skipped).
    pub skipped: Vec<RowError>,
    /// Things the user should know, e.g. a lead agency in the file that differs from the
    /// activity's existing lead.
    pub warnings: Vec<String>,
}

/// One valid row.
struct Row {
    line: u64,
    pillar: String,
    outcome: String,
    output: String,
    activity: String,
    activity_code: Option<String>,
    lead: String,
    item: String,
    unit: String,
    unit_cost: Decimal,
    currency: String,
    year: Year,
    quantity: Decimal,
    economic_code: String,
    function_code: Option<String>,
    source: Option<Id>,
    note: String,
}

/// Parses a number written with `.` decimals and optional `,` between groups of thousands.
pub fn parse_number(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("is empty; a number is required".into());
    }
    let plain = if t.contains(',') {
        let (int, frac) = t.split_once('.').map_or((t, None), |(i, f)| (i, Some(f)));
        let digits = int.strip_prefix('-').unwrap_or(int);
        let groups: Vec<&str> = digits.split(',').collect();
        let grouped = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return Err(format!(
                "`{t}` is not a number: use `.` for decimals (`,` may only separate thousands)"
            ));
        }
        let mut s = int.replace(',', "");
        if let Some(f) = frac {
            s.push('.');
            s.push_str(f);
        }
        s
    } else {
        t.to_string()
    };
    if !plain
        .strip_prefix('-')
        .unwrap_or(&plain)
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.')
    {
        return Err(format!("`{t}` is not a number"));
    }
    Decimal::from_str(&plain).map_err(|_| format!("`{t}` is not a number"))
}

use crate::sheet_import::fold;

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

fn matches_name(text: &LocalText, name: &str) -> bool {
    norm(&text.text) == name || text.l2.as_deref().is_some_and(|l2| norm(l2) == name)
}

/// The delimiter of the file: `;` when the header has more semicolons than commas.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Reads and checks every row against `plan`.
fn read_rows(bytes: &[u8], plan: &Plan) -> Result<(Vec<Row>, Vec<RowError>), CsvImportError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(CsvImportError::TooLarge(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CsvImportError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| CsvImportError::NotText)?;
    if text.contains('\0') {
        return Err(CsvImportError::NotText);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| CsvImportError::NotText)?
        .clone();
    let mut column: HashMap<String, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let name = norm(h).replace([' ', '-'], "_");
        let known = REQUIRED.contains(&name.as_str()) || OPTIONAL.contains(&name.as_str());
        if known && column.insert(name.clone(), i).is_some() {
            return Err(CsvImportError::DuplicateColumn(name));
        }
    }
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| !column.contains_key(**c))
        .map(|c| (*c).to_string())
        .collect();
    if !missing.is_empty() {
        return Err(CsvImportError::MissingColumns(missing));
    }
    let sources: Vec<(String, String, Id)> = plan
        .funding_sources
        .iter()
        .map(|s| (norm(&s.code), norm(&s.name.text), s.record.id))
        .collect();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(RowError {
                    line,
                    column: String::new(),
                    message: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut row_errors = Vec::new();
        let mut err = |col: &str, message: String| {
            row_errors.push(RowError {
                line,
                column: col.to_string(),
                message,
            })
        };
        let get = |col: &str| -> String {
            column
                .get(col)
                .and_then(|&i| record.get(i))
                .unwrap_or_default()
                .to_string()
        };
        let text = |col: &str, err: &mut dyn FnMut(&str, String)| -> String {
            let v = get(col);
            if v.is_empty() {
                err(col, "is empty".into());
            }
            v
        };
        let pillar = text("pillar", &mut err);
        let outcome = text("outcome", &mut err);
        let output = text("output", &mut err);
        let activity = text("activity", &mut err);
        let lead = text("lead_agency", &mut err);
        let item = text("item", &mut err);
        let unit = text("unit", &mut err);
        let unit_cost = match parse_number(&get("unit_cost")) {
            Ok(v) if v.is_sign_negative() && !v.is_zero() => {
                err("unit_cost", format!("is negative ({v})"));
                Decimal::ZERO
            }
            Ok(v) => v,
            Err(m) => {
                err("unit_cost", m);
                Decimal::ZERO
            }
        };
        let cur = get("currency").to_uppercase();
        if currency(&cur).is_none() {
            err(
                "currency",
                format!("`{cur}` is not a known ISO 4217 currency code"),
            );
        } else if cur != plan.meta.base_currency
            && !plan.exchange_rates.iter().any(|r| r.currency == cur)
        {
            err(
                "currency",
                format!("the plan has no exchange rate for {cur}; add one before importing (or use --rate {cur}=RATE)"),
            );
        }
        let year_text = get("year");
        let year = match year_text.parse::<Year>() {
            Ok(y) if (plan.meta.start_year..=plan.meta.end_year).contains(&y) => y,
            Ok(y) => {
                err(
                    "year",
                    format!(
                        "{y} is outside the plan period {}–{}",
                        plan.meta.start_year, plan.meta.end_year
                    ),
                );
                0
            }
            Err(_) => {
                err("year", format!("`{year_text}` is not a year"));
                0
            }
        };
        let quantity = match parse_number(&get("quantity")) {
            Ok(v) if v.is_sign_negative() && !v.is_zero() => {
                err("quantity", format!("is negative ({v})"));
                Decimal::ZERO
            }
            Ok(v) => v,
            Err(m) => {
                err("quantity", m);
                Decimal::ZERO
            }
        };
        let economic_code = get("economic_code");
        if !economic_code.chars().all(|c| c.is_ascii_digit()) {
            err(
                "economic_code",
                format!("`{economic_code}` is not a GFS economic code (digits such as 22 or 2211)"),
            );
        }
        let function_code = Some(get("function_code")).filter(|s| !s.is_empty());
        if let Some(f) = &function_code {
            if !f.chars().all(|c| c.is_ascii_digit() || c == '.') {
                err(
                    "function_code",
                    format!("`{f}` is not a COFOG code (such as 03.1)"),
                );
            }
        }
        let source_name = norm(&get("funding_source"));
        let source = if source_name.is_empty() {
            None
        } else {
            match sources
                .iter()
                .find(|(code, name, _)| *code == source_name || *name == source_name)
            {
                Some((_, _, id)) => Some(*id),
                None => {
                    err(
                        "funding_source",
                        format!(
                            "`{}` is not a funding source of this plan (by code or name)",
                            get("funding_source")
                        ),
                    );
                    None
                }
            }
        };
        if row_errors.is_empty() {
            rows.push(Row {
                line,
                pillar,
                outcome,
                output,
                activity,
                activity_code: Some(get("activity_code")).filter(|s| !s.is_empty()),
                lead,
                item,
                unit,
                unit_cost,
                currency: cur,
                year,
                quantity,
                // An empty code stays unclassified; it is not guessed.
                economic_code,
                function_code,
                source,
                note: get("note"),
            });
        } else {
            errors.extend(row_errors);
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(CsvImportError::NoRows);
    }
    Ok((rows, errors))
}

/// Adds the rows of `bytes` to `plan`. With `skip_invalid`, valid rows are imported and the
/// invalid ones listed in [`Imported::skipped`]; without it, any invalid row stops the
/// import and `plan` is returned unchanged by the caller. `new_id` supplies ids for new
/// records; `now` and `author` stamp them.
pub fn import_csv(
    plan: &Plan,
    bytes: &[u8],
    skip_invalid: bool,
    now: &Timestamp,
    author: &str,
    mut new_id: impl FnMut() -> Id,
) -> Result<Imported, CsvImportError> {
    let (rows, errors) = read_rows(bytes, plan)?;
    if !errors.is_empty() && !skip_invalid {
        return Err(CsvImportError::InvalidRows(errors));
    }
    let mut plan = plan.clone();
    let mut added = ImportCounts {
        rows: rows.len(),
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let meta = |id: Id| RecordMeta::new(id, now, author);
    // Index of the line a (activity, key) group is filling, to merge rows into lines.
    let mut open_lines: HashMap<(Id, String), Vec<usize>> = HashMap::new();
    let mut new_activity_years: HashMap<Id, Vec<Year>> = HashMap::new();

    for row in rows {
        // Agencies: "A; B" names the lead (A) and a supporting agency (B). Each is matched
        // by code or name, or created with a readable code from its significant words.
        let mut actors = crate::sheet_import::split_actors(&row.lead);
        if actors.is_empty() {
            actors.push(row.lead.clone());
        }
        let mut agency_ids = Vec::new();
        for actor in &actors {
            let wanted = fold(actor);
            let id = match plan.agencies.iter().find(|a| {
                fold(&a.code) == wanted
                    || fold(&a.name.text) == wanted
                    || a.name.l2.as_deref().is_some_and(|l| fold(l) == wanted)
            }) {
                Some(a) => a.record.id,
                None => {
                    let id = new_id();
                    let base = crate::sheet_import::agency_code(actor);
                    let mut code = base.clone();
                    let mut n = 2;
                    while plan.agencies.iter().any(|a| norm(&a.code) == norm(&code)) {
                        code = format!("{base}{n}");
                        n += 1;
                    }
                    plan.agencies.push(Agency {
                        record: meta(id),
                        code,
                        name: LocalText::new(actor.trim()),
                        kind: crate::sheet_import::agency_kind(actor),
                        programme_code: String::new(),
                        contact: String::new(),
                    });
                    added.agencies += 1;
                    id
                }
            };
            agency_ids.push(id);
        }
        let lead = agency_ids[0];
        let supporting: Vec<Id> = agency_ids[1..].to_vec();
        let pillar_name = norm(&row.pillar);
        // By title (any case or accents), else the plan's one pillar of the same kind
        // ("Prévention" is the plan's Prevention pillar).
        let kind = crate::sheet_import::pillar_kind(&row.pillar);
        let folded = fold(&row.pillar);
        let same_kind: Vec<&Pillar> = plan
            .pillars
            .iter()
            .filter(|p| kind != PillarKind::Other && p.kind == kind)
            .collect();
        let found = plan
            .pillars
            .iter()
            .find(|p| {
                matches_name(&p.title, &pillar_name)
                    || fold(&p.title.text) == folded
                    || crate::sheet_import::split_numbering(&row.pillar).1 == p.title.text
            })
            .or(match same_kind.as_slice() {
                [one] => Some(*one),
                _ => None,
            });
        let pillar = match found {
            Some(p) => p.record.id,
            None => {
                let id = new_id();
                let code = next_code("", plan.pillars.iter().map(|p| p.code.as_str()));
                plan.pillars.push(Pillar {
                    record: meta(id),
                    code,
                    kind,
                    title: LocalText::new(row.pillar.clone()),
                    description: LocalText::default(),
                });
                added.pillars += 1;
                id
            }
        };
        let pillar_code = plan
            .pillars
            .iter()
            .find(|p| p.record.id == pillar)
            .map(|p| p.code.clone())
            .unwrap_or_default();
        let outcome_name = norm(&row.outcome);
        let outcome = match plan
            .outcomes
            .iter()
            .find(|o| o.pillar_id == pillar && matches_name(&o.title, &outcome_name))
        {
            Some(o) => o.record.id,
            None => {
                let id = new_id();
                let code = next_code(&pillar_code, plan.outcomes.iter().map(|o| o.code.as_str()));
                plan.outcomes.push(Outcome {
                    record: meta(id),
                    pillar_id: pillar,
                    code,
                    title: LocalText::new(row.outcome.clone()),
                    rpa_outcomes: vec![],
                });
                added.outcomes += 1;
                id
            }
        };
        let outcome_code = plan
            .outcomes
            .iter()
            .find(|o| o.record.id == outcome)
            .map(|o| o.code.clone())
            .unwrap_or_default();
        let output_name = norm(&row.output);
        let output = match plan
            .outputs
            .iter()
            .find(|o| o.outcome_id == outcome && matches_name(&o.title, &output_name))
        {
            Some(o) => o.record.id,
            None => {
                let id = new_id();
                let code = next_code(&outcome_code, plan.outputs.iter().map(|o| o.code.as_str()));
                plan.outputs.push(Output {
                    record: meta(id),
                    outcome_id: outcome,
                    code,
                    title: LocalText::new(row.output.clone()),
                });
                added.outputs += 1;
                id
            }
        };
        let output_code = plan
            .outputs
            .iter()
            .find(|o| o.record.id == output)
            .map(|o| o.code.clone())
            .unwrap_or_default();
        let activity_name = norm(&row.activity);
        let found = plan
            .activities
            .iter()
            .position(|a| match &row.activity_code {
                Some(code) => norm(&a.code) == norm(code),
                None => a.output_id == output && matches_name(&a.title, &activity_name),
            });
        let activity = match found {
            Some(i) => {
                let a = &mut plan.activities[i];
                let before = a.clone();
                match a.lead_agency_id {
                    None => a.lead_agency_id = Some(lead),
                    Some(existing) if existing != lead => warnings.push(format!(
                        "line {}: activity {} keeps its lead agency; the file names `{}`",
                        row.line, a.code, row.lead
                    )),
                    _ => {}
                }
                for s in &supporting {
                    if Some(*s) != a.lead_agency_id && !a.supporting_agency_ids.contains(s) {
                        a.supporting_agency_ids.push(*s);
                    }
                }
                if a.cofog.is_empty() {
                    if let Some(f) = &row.function_code {
                        a.cofog = f.clone();
                    }
                }
                if *a != before {
                    a.record.modified = now.clone();
                    a.record.modified_by = author.to_string();
                }
                a.record.id
            }
            None => {
                let id = new_id();
                let code = match &row.activity_code {
                    Some(c) if !plan.activities.iter().any(|a| norm(&a.code) == norm(c)) => {
                        c.clone()
                    }
                    _ => next_code(
                        &output_code,
                        plan.activities.iter().map(|a| a.code.as_str()),
                    ),
                };
                plan.activities.push(Activity {
                    record: meta(id),
                    output_id: output,
                    code,
                    title: LocalText::new(row.activity.clone()),
                    description: LocalText::default(),
                    lead_agency_id: Some(lead),
                    supporting_agency_ids: supporting.clone(),
                    years: vec![],
                    cofog: row.function_code.clone().unwrap_or_default(),
                    gender_marker: None,
                    contingency: None,
                });
                added.activities += 1;
                new_activity_years.insert(id, vec![]);
                id
            }
        };
        if let Some(years) = new_activity_years.get_mut(&activity) {
            if !years.contains(&row.year) {
                years.push(row.year);
            }
        }
        let key = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{}",
            norm(&row.item),
            row.unit,
            row.unit_cost,
            row.currency,
            row.economic_code,
            row.source,
            row.note
        );
        let group = open_lines.entry((activity, key)).or_default();
        let target = group
            .last()
            .copied()
            .filter(|&li| !plan.cost_lines[li].quantities.contains_key(&row.year));
        match target {
            Some(li) => {
                plan.cost_lines[li]
                    .quantities
                    .insert(row.year, row.quantity);
            }
            None => {
                plan.cost_lines.push(CostLine {
                    record: meta(new_id()),
                    activity_id: activity,
                    item: LocalText::new(row.item.clone()),
                    catalogue_item_id: None,
                    unit: Some(row.unit.clone()),
                    unit_cost: Some(row.unit_cost),
                    currency: Some(row.currency.clone()),
                    economic_code: Some(row.economic_code.clone()),
                    quantities: [(row.year, row.quantity)].into_iter().collect(),
                    funding_source_id: row.source,
                    inflate: true,
                    note: row.note.clone(),
                });
                group.push(plan.cost_lines.len() - 1);
                added.cost_lines += 1;
            }
        }
    }
    for a in &mut plan.activities {
        if let Some(years) = new_activity_years.remove(&a.record.id) {
            let mut years = years;
            years.sort_unstable();
            a.years = years;
        }
    }
    let problems = validate(&plan);
    if let Some(first) = problems.first() {
        return Err(CsvImportError::Inconsistent(first.to_string()));
    }
    Ok(Imported {
        plan,
        added,
        skipped: errors,
        warnings,
    })
}

/// The next free hierarchical code under `parent` ("3" under "", "2.4" under "2").
fn next_code<'a>(parent: &str, existing: impl Iterator<Item = &'a str>) -> String {
    let prefix = if parent.is_empty() {
        String::new()
    } else {
        format!("{parent}.")
    };
    let max = existing
        .filter_map(|c| c.strip_prefix(prefix.as_str()))
        .filter_map(|rest| rest.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", max + 1)
}

/// The plan's cost lines as CSV rows in the import format (one row per line and year), so
/// that exporting and importing gives the same lines. Catalogue values are resolved.
pub fn export_lines_csv(plan: &Plan) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = REQUIRED.to_vec();
    header.extend(OPTIONAL);
    // Writing to memory cannot fail, and text fields make UTF-8.
    let _ = w.write_record(&header);
    let activities: HashMap<Id, &Activity> =
        plan.activities.iter().map(|a| (a.record.id, a)).collect();
    let outputs: HashMap<Id, &Output> = plan.outputs.iter().map(|o| (o.record.id, o)).collect();
    let outcomes: HashMap<Id, &Outcome> = plan.outcomes.iter().map(|o| (o.record.id, o)).collect();
    let pillars: HashMap<Id, &Pillar> = plan.pillars.iter().map(|p| (p.record.id, p)).collect();
    let agencies: HashMap<Id, &Agency> = plan.agencies.iter().map(|a| (a.record.id, a)).collect();
    let sources: HashMap<Id, &FundingSource> = plan
        .funding_sources
        .iter()
        .map(|s| (s.record.id, s))
        .collect();
    let items: HashMap<Id, &CatalogueItem> =
        plan.catalogue.iter().map(|c| (c.record.id, c)).collect();
    for line in &plan.cost_lines {
        let Some(a) = activities.get(&line.activity_id) else {
            continue;
        };
        let Some(o) = outputs.get(&a.output_id) else {
            continue;
        };
        let Some(oc) = outcomes.get(&o.outcome_id) else {
            continue;
        };
        let Some(p) = pillars.get(&oc.pillar_id) else {
            continue;
        };
        let item = line.catalogue_item_id.and_then(|i| items.get(&i));
        let lead = a
            .lead_agency_id
            .and_then(|l| agencies.get(&l))
            .map(|a| a.name.text.clone())
            .unwrap_or_default();
        let inputs = line.inputs(item.copied());
        let unit = inputs.unit.unwrap_or_default();
        let cost = inputs.unit_cost.unwrap_or_default();
        let cur = inputs.currency.unwrap_or_default();
        let econ = inputs.economic_code.unwrap_or_default();
        let source = line
            .funding_source_id
            .and_then(|s| sources.get(&s))
            .map(|s| s.code.clone())
            .unwrap_or_default();
        for (year, q) in &line.quantities {
            let _ = w.write_record([
                p.title.text.as_str(),
                &oc.title.text,
                &o.title.text,
                &a.title.text,
                &lead,
                &line.item.text,
                unit,
                &cost.to_string(),
                cur,
                &year.to_string(),
                &q.to_string(),
                econ,
                &a.cofog,
                &source,
                &line.note,
                &a.code,
            ]);
        }
    }
    w.into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::costing::{compute, cross_table, views::Measure, Dimension};
    use crate::sample::sample_plan;

    const HEADER: &str =
        "pillar,outcome,output,activity,lead_agency,item,unit,unit_cost,currency,year,quantity";

    fn run(plan: &Plan, text: &[u8], skip: bool) -> Result<Imported, CsvImportError> {
        let mut n = 0u128;
        import_csv(
            plan,
            text,
            skip,
            &Timestamp::from_unix_millis(0),
            "test",
            || {
                n += 1;
                Id::from_u128(0xC5_0000 + n)
            },
        )
    }

    /// The defects found with published plans (#16): an empty economic code was filed under
    /// 22, "MINGENRE" became agency "M", "MOJ; WPN" one agency, a French pillar a new pillar
    /// of kind "other", and a row with two bad cells counted as two invalid rows.
    #[test]
    fn codes_agencies_pillars_and_invalid_rows_are_read_as_written() {
        let plan = sample_plan();
        let lines = format!(
            "{HEADER},economic_code\n\
             Prévention,Nouvel effet,Nouveau produit,Former,MINGENRE,Atelier,jour,100,KHR,2027,2,\n\
             Prévention,Nouvel effet,Nouveau produit,Former,\"MOJ; WPN\",Atelier,jour,100,KHR,2028,2,\n"
        );
        let got = run(&plan, lines.as_bytes(), false).unwrap();
        let line = got.plan.cost_lines.last().unwrap();
        assert_eq!(
            line.economic_code.as_deref(),
            Some(""),
            "unclassified, not 22"
        );
        let mingenre = got
            .plan
            .agencies
            .iter()
            .find(|a| a.name.text == "MINGENRE")
            .unwrap();
        assert_eq!(mingenre.code, "MINGENRE");
        assert_eq!(got.added.agencies, 1, "MOJ and WPN already exist");
        assert_eq!(
            got.added.pillars, 0,
            "Prévention is the plan's Prevention pillar"
        );
        let activity = got
            .plan
            .activities
            .iter()
            .find(|a| a.title.text == "Former")
            .unwrap();
        let wpn = got
            .plan
            .agencies
            .iter()
            .find(|a| a.code == "WPN")
            .unwrap()
            .record
            .id;
        assert!(
            activity.supporting_agency_ids.contains(&wpn),
            "WPN supports"
        );

        let bad = format!("{HEADER}\nProtection,O,P,A,MOJ,Item,day,ten,KHR,2099,1\n");
        let err = run(&plan, bad.as_bytes(), false).unwrap_err();
        assert!(err.to_string().starts_with("1 invalid row;"), "{err}");
    }

    #[test]
    fn a_good_file_adds_activities_lines_and_missing_structure() {
        let plan = sample_plan();
        let csv = format!(
            "\u{feff}{HEADER},economic_code,function_code,funding_source,note\n\
             Participation,\"Women's representation in peace and security decision-making increases\",Women in local councils,Train women candidates,MWA,Workshop,participant-day,\"60,000\",KHR,2027,120,2211,01.1.3,NB-MWA,provinces\n\
             Participation,\"Women's representation in peace and security decision-making increases\",Women in local councils,Train women candidates,MWA,Workshop,participant-day,\"60,000\",KHR,2028,150,2211,01.1.3,NB-MWA,provinces\n\
             ការការពារ,សុវត្ថិភាពស្ត្រី,ទិន្នផលថ្មី,បណ្តុះបណ្តាលនគរបាល,ក្រសួងមហាផ្ទៃ,Consultant,day,550.50,USD,2026,10,2221,03.1,,\n"
        );
        let got = run(&plan, csv.as_bytes(), false).unwrap();
        assert_eq!(got.added.rows, 3);
        assert_eq!(got.added.activities, 2);
        assert_eq!(
            got.added.cost_lines, 2,
            "the two workshop rows are one line over two years"
        );
        assert_eq!(
            got.added.pillars, 0,
            "ការការពារ is the Khmer title of Protection"
        );
        assert_eq!(got.added.outcomes, 1);
        assert_eq!(
            got.added.agencies, 0,
            "agencies match by code and by Khmer name"
        );
        let line = got
            .plan
            .cost_lines
            .iter()
            .find(|l| l.item.text == "Workshop")
            .unwrap();
        assert_eq!(line.quantities.len(), 2);
        assert_eq!(line.unit_cost, Some(Decimal::new(60000, 0)));
        assert_eq!(line.note, "provinces");
        let activity = got
            .plan
            .activities
            .iter()
            .find(|a| a.title.text == "Train women candidates")
            .unwrap();
        assert_eq!(activity.code, "1.1.3.1");
        assert_eq!(activity.years, vec![2027, 2028]);
        assert_eq!(validate(&got.plan), vec![]);
    }

    #[test]
    fn semicolons_and_quoted_thousands_are_read() {
        let plan = sample_plan();
        let csv = format!(
            "{}\nProtection;New outcome;New output;New activity;MOJ;Legal aid;case;\"1,250,000.75\";KHR;2029;3\n",
            HEADER.replace(',', ";")
        );
        let got = run(&plan, csv.as_bytes(), false).unwrap();
        let line = got.plan.cost_lines.last().unwrap();
        assert_eq!(line.unit_cost, Some("1250000.75".parse().unwrap()));
        let c = compute(&got.plan, None).unwrap();
        let before = compute(&plan, None).unwrap();
        // The new line's cost, inflated to 2029 (3 % × 2, then 2.5 %), and its 5 % contingency.
        let away = rust_decimal::RoundingStrategy::MidpointAwayFromZero;
        let amount = (Decimal::new(375000225, 2) * "1.0874225".parse::<Decimal>().unwrap())
            .round_dp_with_strategy(10, away);
        let contingency = (amount * Decimal::new(5, 2)).round_dp_with_strategy(10, away);
        assert_eq!(c.total() - before.total(), amount + contingency);
        let t = cross_table(
            &got.plan,
            &c,
            Dimension::Pillar,
            Some(Dimension::Year),
            Measure::Cost,
        );
        assert_eq!(t.total, c.total());
    }

    #[test]
    fn each_bad_row_is_reported_with_line_and_column() {
        let plan = sample_plan();
        let csv = format!(
            "{HEADER}\n\
             Participation,O,P,A,MWA,Item,day,abc,KHR,2027,1\n\
             Participation,O,P,A,MWA,Item,day,10,XYZ,2027,1\n\
             Participation,O,P,A,MWA,Item,day,10,KHR,2035,1\n\
             Participation,O,P,A,MWA,Item,day,10,KHR,2027,-4\n\
             Participation,O,P,A,MWA,Item,day,\"12,5\",KHR,2027,1\n\
             Participation,O,P,A,MWA,Item,day,10,EUR,2027,1\n\
             Participation,O,P,A,MWA,Item,day,10,KHR,2027,1\n"
        );
        let err = run(&plan, csv.as_bytes(), false).unwrap_err();
        let CsvImportError::InvalidRows(rows) = &err else {
            panic!("{err}")
        };
        let got: Vec<(u64, &str)> = rows.iter().map(|r| (r.line, r.column.as_str())).collect();
        assert_eq!(
            got,
            [
                (2, "unit_cost"),
                (3, "currency"),
                (4, "year"),
                (5, "quantity"),
                (6, "unit_cost"),
                (7, "currency")
            ]
        );
        let text = err.to_string();
        assert!(
            text.contains("line 3, column currency: `XYZ` is not a known ISO 4217 currency code"),
            "{text}"
        );
        assert!(
            text.contains("2035 is outside the plan period 2026–2030"),
            "{text}"
        );
        assert!(text.contains("use `.` for decimals"), "{text}");
        assert!(text.contains("no exchange rate for EUR"), "{text}");
        assert!(text.contains("nothing was imported"));
        // With --skip-invalid the one good row goes in and the others are listed.
        let got = run(&plan, csv.as_bytes(), true).unwrap();
        assert_eq!(got.added.rows, 1);
        assert_eq!(got.skipped.len(), 6);
    }

    #[test]
    fn unusable_files_are_refused_specifically() {
        let plan = sample_plan();
        assert_eq!(run(&plan, b"", false).unwrap_err(), CsvImportError::Empty);
        assert_eq!(
            run(&plan, b"\xEF\xBB\xBF  \n", false).unwrap_err(),
            CsvImportError::Empty
        );
        let garbage: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
            .collect();
        assert_eq!(
            run(&plan, &garbage, false).unwrap_err(),
            CsvImportError::NotText
        );
        assert_eq!(
            run(&plan, b"pillar,outcome,item\nA,B,C\n", false).unwrap_err(),
            CsvImportError::MissingColumns(
                [
                    "output",
                    "activity",
                    "lead_agency",
                    "unit",
                    "unit_cost",
                    "currency",
                    "year",
                    "quantity"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        assert_eq!(
            run(&plan, format!("{HEADER}\n").as_bytes(), false).unwrap_err(),
            CsvImportError::NoRows
        );
        assert_eq!(
            run(&plan, format!("{HEADER},Year\n").as_bytes(), false).unwrap_err(),
            CsvImportError::DuplicateColumn("year".into())
        );
        let huge = vec![b'a'; MAX_CSV_BYTES + 1];
        assert_eq!(
            run(&plan, &huge, false).unwrap_err(),
            CsvImportError::TooLarge(MAX_CSV_BYTES + 1)
        );
    }

    #[test]
    fn numbers_parse_only_in_the_documented_forms() {
        assert_eq!(
            parse_number("1,234,567.25").unwrap(),
            "1234567.25".parse().unwrap()
        );
        assert_eq!(parse_number(" 42 ").unwrap(), Decimal::from(42));
        for bad in ["1,23", "12,5", "1.234,5", "", "1e5", "ten", "1,2345"] {
            assert!(parse_number(bad).is_err(), "{bad} should be refused");
        }
    }
}
