//! Budget views: totals of the costed plan by one or two dimensions, with row and column
//! totals, and the medium-term (MTEF) view.
//!
//! Invariant: in every [`Table`], each row total is the exact sum of its cells, each column
//! total the exact sum of its column, and the grand total the exact sum of everything, which
//! equals the measure's plan total. Contingency is always its own member ("Contingency") in
//! every dimension but the year.

use super::engine::{CostUnit, Costing, UnitKind};
use super::from_fixed;
use super::labels::ClassificationNames;
use super::FastMap;
use crate::model::*;
use crate::text::LocalText;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a budget view totals by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "name")]
pub enum Dimension {
    Pillar,
    Outcome,
    Output,
    Activity,
    /// The activity's lead agency.
    Agency,
    Year,
    /// GFS 2014 economic classification, cut to this many leading digits.
    Economic {
        digits: u8,
    },
    /// COFOG functional classification of the activity.
    Function,
    /// The funding source a cost line names ("Unfunded" when none).
    Source,
    /// The type of the funding source a cost line names.
    SourceType,
    /// OECD DAC gender equality marker of the activity.
    Marker,
}

impl Dimension {
    /// The dimension with this command-line name (`economic` is the two-digit level;
    /// `economic:3` chooses the digits).
    pub fn parse(name: &str) -> Option<Self> {
        let (name, digits) = match name.split_once(':') {
            Some((n, d)) => (n, d.parse::<u8>().ok().filter(|d| (1..=8).contains(d))?),
            None => (name, 2),
        };
        Some(match name.replace('_', "-").as_str() {
            "pillar" => Self::Pillar,
            "outcome" => Self::Outcome,
            "output" => Self::Output,
            "activity" => Self::Activity,
            "agency" => Self::Agency,
            "year" => Self::Year,
            "economic" => Self::Economic { digits },
            "function" => Self::Function,
            "source" => Self::Source,
            "source-type" => Self::SourceType,
            "marker" => Self::Marker,
            _ => return None,
        })
    }

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pillar => "pillar",
            Self::Outcome => "outcome",
            Self::Output => "output",
            Self::Activity => "activity",
            Self::Agency => "agency",
            Self::Year => "year",
            Self::Economic { .. } => "economic",
            Self::Function => "function",
            Self::Source => "source",
            Self::SourceType => "source-type",
            Self::Marker => "marker",
        }
    }

    /// Every dimension name the command line accepts.
    pub const NAMES: [&'static str; 11] = [
        "pillar",
        "outcome",
        "output",
        "activity",
        "agency",
        "year",
        "economic",
        "function",
        "source",
        "source-type",
        "marker",
    ];
}

/// A row or column of a view.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Member {
    Record(Id),
    Year(Year),
    Code(String),
    /// No agency, no funding source, no marker, no classification.
    Unassigned,
    Contingency,
    /// The single column of a one-dimension view.
    Total,
}

/// A member with the code and name to show for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberInfo {
    pub member: Member,
    pub code: String,
    pub label: LocalText,
}

/// What a view adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Cost,
    /// Funding allocated from committed sources.
    Committed,
    /// Cost − committed funding allocated.
    Gap,
    /// Cost − committed and pledged funding allocated.
    GapWithPledged,
}

/// A table of totals: rows (× columns), with exact row, column and grand totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub currency: String,
    pub measure: Measure,
    pub row_dimension: Dimension,
    /// `None` for a one-dimension view (a single "Total" column).
    pub column_dimension: Option<Dimension>,
    pub rows: Vec<MemberInfo>,
    pub columns: Vec<MemberInfo>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Decimal>>,
    pub row_totals: Vec<Decimal>,
    pub column_totals: Vec<Decimal>,
    pub total: Decimal,
}

fn info(member: Member, code: impl Into<String>, label: LocalText) -> MemberInfo {
    MemberInfo {
        member,
        code: code.into(),
        label,
    }
}

fn unassigned(label: &str, l2: &str) -> MemberInfo {
    info(Member::Unassigned, "", LocalText::both(label, l2))
}

fn contingency() -> MemberInfo {
    info(
        Member::Contingency,
        "",
        LocalText::both("Contingency", "ប្រាក់បម្រុងទុក"),
    )
}

/// The members of a dimension and the member of each cost unit (`None` for the year, whose
/// member depends on the cell).
struct Axis {
    members: Vec<MemberInfo>,
    /// Members that are shown even when their total is zero (real records, plan years).
    always: Vec<bool>,
    of_unit: Vec<usize>,
}

fn record_axis<T: crate::Labelled>(
    items: &[T],
    code: impl Fn(&T) -> &str,
    label: impl Fn(&T) -> LocalText,
) -> (Vec<MemberInfo>, FastMap<Id, usize>) {
    let members = items
        .iter()
        .map(|r| info(Member::Record(r.meta().id), code(r), label(r)))
        .collect();
    let index = items
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().id, i))
        .collect();
    (members, index)
}

/// Builds the axis of `dim` for `units`.
fn axis(plan: &Plan, costing: &Costing, dim: Dimension) -> Axis {
    let units = &costing.units;
    let outputs: FastMap<Id, &Output> = plan.outputs.iter().map(|o| (o.record.id, o)).collect();
    let outcomes: FastMap<Id, &Outcome> = plan.outcomes.iter().map(|o| (o.record.id, o)).collect();
    let output_of = |a: &Activity| outputs.get(&a.output_id).copied();
    let outcome_of = |a: &Activity| output_of(a).and_then(|o| outcomes.get(&o.outcome_id).copied());

    let mut members: Vec<MemberInfo>;
    let mut always: Vec<bool>;
    let mut of_unit = Vec::with_capacity(units.len());
    // Appends a pseudo-member on first use and returns its index.
    let mut extra: FastMap<Member, usize> = FastMap::default();
    let mut pseudo = |members: &mut Vec<MemberInfo>, always: &mut Vec<bool>, m: MemberInfo| {
        *extra.entry(m.member.clone()).or_insert_with(|| {
            members.push(m);
            always.push(false);
            members.len() - 1
        })
    };
    let is_contingency = |u: &CostUnit| matches!(u.kind, UnitKind::Contingency(_));

    match dim {
        Dimension::Year => {
            members = costing
                .years
                .iter()
                .map(|y| {
                    info(
                        Member::Year(*y),
                        y.to_string(),
                        LocalText::new(y.to_string()),
                    )
                })
                .collect();
            always = vec![true; members.len()];
        }
        Dimension::Pillar
        | Dimension::Outcome
        | Dimension::Output
        | Dimension::Activity
        | Dimension::Agency
        | Dimension::Source => {
            let (m, index) = match dim {
                Dimension::Pillar => record_axis(&plan.pillars, |p| &p.code, |p| p.title.clone()),
                Dimension::Outcome => record_axis(&plan.outcomes, |p| &p.code, |p| p.title.clone()),
                Dimension::Output => record_axis(&plan.outputs, |p| &p.code, |p| p.title.clone()),
                Dimension::Activity => {
                    record_axis(&plan.activities, |p| &p.code, |p| p.title.clone())
                }
                Dimension::Agency => record_axis(&plan.agencies, |p| &p.code, |p| p.name.clone()),
                _ => record_axis(&plan.funding_sources, |p| &p.code, |p| p.name.clone()),
            };
            members = m;
            always = vec![dim != Dimension::Agency; members.len()];
            for u in units {
                let a = &plan.activities[u.activity];
                let key = if is_contingency(u) {
                    None
                } else {
                    match dim {
                        Dimension::Pillar => outcome_of(a).map(|o| o.pillar_id),
                        Dimension::Outcome => output_of(a).map(|o| o.outcome_id),
                        Dimension::Output => Some(a.output_id),
                        Dimension::Activity => Some(a.record.id),
                        Dimension::Agency => a.lead_agency_id,
                        _ => u.source.map(|s| plan.funding_sources[s].record.id),
                    }
                };
                let i = match (is_contingency(u), key.and_then(|k| index.get(&k))) {
                    (true, _) => pseudo(&mut members, &mut always, contingency()),
                    (false, Some(&i)) => i,
                    (false, None) => {
                        let m = match dim {
                            Dimension::Agency => unassigned("No lead agency", "គ្មានស្ថាប័នដឹកនាំ"),
                            Dimension::Source => unassigned("Unfunded", "គ្មានប្រភពមូលនិធិ"),
                            _ => unassigned("Not classified", "មិនបានចាត់ថ្នាក់"),
                        };
                        pseudo(&mut members, &mut always, m)
                    }
                };
                of_unit.push(i);
            }
            // Agencies that lead nothing are left out; every other record is shown.
            if dim == Dimension::Agency {
                for &i in &of_unit {
                    if let Member::Record(_) = members[i].member {
                        always[i] = true;
                    }
                }
            }
        }
        Dimension::Economic { .. }
        | Dimension::Function
        | Dimension::SourceType
        | Dimension::Marker => {
            // Members are the codes that occur, in code order.
            // Fixed names carry Khmer as their second language, as "Total" and "Unfunded" do.
            let named = |en: &str, km: &str| LocalText::both(en, km);
            let names = ClassificationNames::of(plan);
            let code_of = |u: &CostUnit| -> Option<(String, LocalText)> {
                let a = &plan.activities[u.activity];
                match dim {
                    Dimension::Economic { digits } => {
                        let code: String = costing.economic_codes[u.economic as usize]
                            .chars()
                            .take(digits as usize)
                            .collect();
                        (!code.is_empty()).then(|| {
                            let name = names.name(ClassificationScheme::Economic, &code);
                            (code, name)
                        })
                    }
                    Dimension::Function => (!a.cofog.is_empty()).then(|| {
                        let name = names.name(ClassificationScheme::Functional, &a.cofog);
                        (a.cofog.clone(), name)
                    }),
                    Dimension::SourceType => u.source.map(|s| {
                        let (code, name) = match plan.funding_sources[s].kind {
                            SourceKind::NationalBudget => {
                                ("1", named("National budget", "ថវិកាជាតិ"))
                            }
                            SourceKind::DevelopmentPartner => {
                                ("2", named("Development partners", "ដៃគូអភិវឌ្ឍន៍"))
                            }
                            SourceKind::Csos => ("3", named("Civil society", "សង្គមស៊ីវិល")),
                            SourceKind::Private => ("4", named("Private sector", "វិស័យឯកជន")),
                            SourceKind::Other => ("5", named("Other", "ផ្សេងៗ")),
                        };
                        (code.to_string(), name)
                    }),
                    _ => a.gender_marker.map(|m| {
                        let name = match m {
                            GenderMarker::NotTargeted => {
                                named("Not targeted (0)", "មិនផ្តោតលើសមភាពយេនឌ័រ (0)")
                            }
                            GenderMarker::Significant => {
                                named("Significant objective (1)", "គោលបំណងសំខាន់ (1)")
                            }
                            GenderMarker::Principal => {
                                named("Principal objective (2)", "គោលបំណងចម្បង (2)")
                            }
                        };
                        (m.score().to_string(), name)
                    }),
                }
            };
            let mut codes: BTreeMap<String, LocalText> = BTreeMap::new();
            let unit_codes: Vec<Option<String>> = units
                .iter()
                .map(|u| {
                    if is_contingency(u) {
                        return None;
                    }
                    code_of(u).map(|(c, l)| {
                        codes.entry(c.clone()).or_insert(l);
                        c
                    })
                })
                .collect();
            members = codes
                .into_iter()
                .map(|(c, l)| info(Member::Code(c.clone()), c, l))
                .collect();
            always = vec![true; members.len()];
            let index: FastMap<String, usize> = members
                .iter()
                .enumerate()
                .map(|(i, m)| (m.code.clone(), i))
                .collect();
            for (u, code) in units.iter().zip(unit_codes) {
                let i = match (is_contingency(u), code) {
                    (true, _) => pseudo(&mut members, &mut always, contingency()),
                    (false, Some(c)) => index[&c],
                    (false, None) => {
                        let m = match dim {
                            Dimension::SourceType => unassigned("Unfunded", "គ្មានប្រភពមូលនិធិ"),
                            Dimension::Marker => unassigned("No marker", "គ្មានសញ្ញាសម្គាល់"),
                            _ => unassigned("Not classified", "មិនបានចាត់ថ្នាក់"),
                        };
                        pseudo(&mut members, &mut always, m)
                    }
                };
                of_unit.push(i);
            }
        }
    }
    Axis {
        members,
        always,
        of_unit,
    }
}

/// The value of `measure` for every unit in year `y`, as fixed mantissas (see `to_fixed`),
/// into `out` (one per unit); `covered` is room for as many.
fn year_values(
    costing: &Costing,
    measure: Measure,
    y: usize,
    out: &mut [i128],
    covered: &mut [i128],
) {
    let allocation = match measure {
        Measure::Cost => return costing.read_year(y, out),
        Measure::Committed => return costing.committed().read_year(y, out),
        Measure::Gap => costing.committed(),
        Measure::GapWithPledged => costing.with_pledged(),
    };
    costing.read_year(y, out);
    allocation.read_year(y, covered);
    for (v, c) in out.iter_mut().zip(covered.iter()) {
        *v -= c;
    }
}

/// Totals of `measure` by `rows` (and by `columns` when given).
pub fn cross_table(
    plan: &Plan,
    costing: &Costing,
    rows: Dimension,
    columns: Option<Dimension>,
    measure: Measure,
) -> Table {
    let row_axis = axis(plan, costing, rows);
    let col_axis = columns.map(|c| axis(plan, costing, c));
    let (nr, nc) = (
        row_axis.members.len(),
        col_axis.as_ref().map_or(1, |a| a.members.len()),
    );
    let mut sums = vec![vec![0i128; nc]; nr];
    let years = costing.years.len();
    // Year outside, unit inside: the amounts of a year are contiguous.
    let mut values = vec![0i128; costing.units.len()];
    let mut covered = vec![0i128; costing.units.len()];
    for y in 0..years {
        year_values(costing, measure, y, &mut values, &mut covered);
        for (u, &v) in values.iter().enumerate() {
            if v == 0 {
                continue;
            }
            let r = if rows == Dimension::Year {
                y
            } else {
                row_axis.of_unit[u]
            };
            let c = match (&col_axis, columns) {
                (Some(_), Some(Dimension::Year)) => y,
                (Some(a), _) => a.of_unit[u],
                _ => 0,
            };
            sums[r][c] += v;
        }
    }
    let cells: Vec<Vec<Decimal>> = sums
        .iter()
        .map(|r| r.iter().map(|v| from_fixed(*v)).collect())
        .collect();
    let row_totals: Vec<Decimal> = cells.iter().map(|r| r.iter().sum()).collect();
    let mut column_totals = vec![Decimal::ZERO; nc];
    for r in &cells {
        for (t, v) in column_totals.iter_mut().zip(r) {
            *t += *v;
        }
    }
    // Drop pseudo-members (and agencies that lead nothing) that hold nothing.
    let keep_rows: Vec<usize> = (0..nr)
        .filter(|&i| {
            row_axis.always[i] || !row_totals[i].is_zero() || cells[i].iter().any(|v| !v.is_zero())
        })
        .collect();
    let keep_cols: Vec<usize> = match &col_axis {
        Some(a) => (0..nc)
            .filter(|&j| {
                a.always[j] || !column_totals[j].is_zero() || cells.iter().any(|r| !r[j].is_zero())
            })
            .collect(),
        None => vec![0],
    };
    let total = row_totals.iter().sum();
    Table {
        currency: costing.currency.clone(),
        measure,
        row_dimension: rows,
        column_dimension: columns,
        rows: keep_rows
            .iter()
            .map(|&i| row_axis.members[i].clone())
            .collect(),
        columns: match col_axis {
            Some(a) => keep_cols.iter().map(|&j| a.members[j].clone()).collect(),
            None => vec![info(Member::Total, "", LocalText::both("Total", "សរុប"))],
        },
        cells: keep_rows
            .iter()
            .map(|&i| keep_cols.iter().map(|&j| cells[i][j]).collect())
            .collect(),
        row_totals: keep_rows.iter().map(|&i| row_totals[i]).collect(),
        column_totals: keep_cols.iter().map(|&j| column_totals[j]).collect(),
        total,
    }
}

/// The medium-term view: cost by `rows` in the budget year and the two outer years (those
/// within the plan period), with their three-year total, and the whole plan period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mtef {
    pub budget_year: Year,
    /// Columns: the MTEF years; row totals: the MTEF total per row.
    pub years: Table,
    /// One column: the whole plan period per row (same rows as `years`).
    pub period: Table,
}

/// Why an MTEF view cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the budget year {year} is outside the plan period {start}–{end}")]
pub struct BudgetYearOutsidePlan {
    pub year: Year,
    pub start: Year,
    pub end: Year,
}

/// The MTEF view of the costed plan for `budget_year`.
pub fn mtef(
    plan: &Plan,
    costing: &Costing,
    rows: Dimension,
    budget_year: Year,
    measure: Measure,
) -> Result<Mtef, BudgetYearOutsidePlan> {
    let (start, end) = (plan.meta.start_year, plan.meta.end_year);
    if budget_year < start || budget_year > end {
        return Err(BudgetYearOutsidePlan {
            year: budget_year,
            start,
            end,
        });
    }
    let full = cross_table(plan, costing, rows, Some(Dimension::Year), measure);
    let keep: Vec<usize> = full
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.member, Member::Year(y) if (budget_year..=budget_year + 2).contains(&y)))
        .map(|(j, _)| j)
        .collect();
    let cells: Vec<Vec<Decimal>> = full
        .cells
        .iter()
        .map(|r| keep.iter().map(|&j| r[j]).collect())
        .collect();
    let row_totals: Vec<Decimal> = cells.iter().map(|r| r.iter().sum()).collect();
    let years = Table {
        columns: keep.iter().map(|&j| full.columns[j].clone()).collect(),
        column_totals: keep.iter().map(|&j| full.column_totals[j]).collect(),
        total: row_totals.iter().sum(),
        row_totals,
        cells,
        ..full.clone()
    };
    let period = Table {
        column_dimension: None,
        columns: vec![info(
            Member::Total,
            "",
            LocalText::both(format!("{start}–{end}"), format!("{start}–{end}")),
        )],
        cells: full.row_totals.iter().map(|t| vec![*t]).collect(),
        column_totals: vec![full.total],
        ..full
    };
    Ok(Mtef {
        budget_year,
        years,
        period,
    })
}
