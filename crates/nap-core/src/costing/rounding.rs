//! Rounding for presentation. Computation never rounds (beyond the engine's fixed scale);
//! only what is shown is rounded, half away from zero.
//!
//! Two ways to show a rounded table:
//! - **independent**: every number, totals included, is rounded on its own; when the shown
//!   numbers then fail to add up, the table carries [`TOTALS_NOTE`];
//! - **reconciled**: every number is rounded down or up to an adjacent multiple of the unit so
//!   that the shown cells add up exactly to the shown row, column and grand totals (controlled
//!   rounding, Cox and Ernst 1982). Such a rounding always exists; it is found as a feasible
//!   flow in a small network and prefers, where it can, the grand total rounded half away from
//!   zero and cells with the larger remainders rounded up. Every shown number stays within one
//!   unit of its exact value.

use super::views::Table;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// The note carried by tables whose independently rounded numbers do not add up.
pub const TOTALS_NOTE: &str = "Totals may not add due to rounding.";

/// How amounts are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Every digit the engine computed.
    Exact,
    /// To the currency's minor unit (whole riels, cents of a dollar).
    Unit,
    /// To the nearest thousand, shown in thousands.
    Thousands,
    /// To the nearest million, shown in millions.
    Millions,
}

impl Rounding {
    /// The mode with this command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "exact" => Self::Exact,
            "unit" => Self::Unit,
            "thousands" => Self::Thousands,
            "millions" => Self::Millions,
            _ => return None,
        })
    }

    /// The multiple amounts are rounded to; `None` for exact.
    pub fn unit(self, minor_units: u32) -> Option<Decimal> {
        match self {
            Self::Exact => None,
            Self::Unit => Some(Decimal::new(1, minor_units)),
            Self::Thousands => Some(Decimal::from(1000)),
            Self::Millions => Some(Decimal::from(1_000_000)),
        }
    }

    /// What shown numbers are divided by (1, 1,000 or 1,000,000).
    pub fn divisor(self) -> Decimal {
        match self {
            Self::Thousands => Decimal::from(1000),
            Self::Millions => Decimal::from(1_000_000),
            _ => Decimal::ONE,
        }
    }
}

/// Rounds `value` to a multiple of `unit`, half away from zero.
pub fn round_to(value: Decimal, unit: Decimal) -> Decimal {
    (value / unit).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * unit
}

/// A table's numbers as shown (still in currency units, not divided by thousands).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    pub cells: Vec<Vec<Decimal>>,
    pub row_totals: Vec<Decimal>,
    pub column_totals: Vec<Decimal>,
    pub total: Decimal,
    /// [`TOTALS_NOTE`] when the shown numbers do not add up.
    pub note: Option<&'static str>,
}

impl Shown {
    /// True when every shown row and column adds up to its shown total.
    pub fn adds_up(&self) -> bool {
        let rows_ok = self
            .cells
            .iter()
            .zip(&self.row_totals)
            .all(|(r, t)| r.iter().sum::<Decimal>() == *t);
        let cols_ok = self
            .column_totals
            .iter()
            .enumerate()
            .all(|(j, t)| self.cells.iter().map(|r| r[j]).sum::<Decimal>() == *t);
        rows_ok && cols_ok && self.row_totals.iter().sum::<Decimal>() == self.total
    }
}

/// The numbers of `table` as shown with `rounding` (to `minor_units` for [`Rounding::Unit`]),
/// reconciled or not.
pub fn present(table: &Table, rounding: Rounding, minor_units: u32, reconcile: bool) -> Shown {
    let Some(unit) = rounding.unit(minor_units) else {
        return Shown {
            cells: table.cells.clone(),
            row_totals: table.row_totals.clone(),
            column_totals: table.column_totals.clone(),
            total: table.total,
            note: None,
        };
    };
    if reconcile {
        if let Some(shown) = controlled_rounding(table, unit) {
            return shown;
        }
    }
    let r = |v: &Decimal| round_to(*v, unit);
    let mut shown = Shown {
        cells: table
            .cells
            .iter()
            .map(|row| row.iter().map(r).collect())
            .collect(),
        row_totals: table.row_totals.iter().map(r).collect(),
        column_totals: table.column_totals.iter().map(r).collect(),
        total: r(&table.total),
        note: None,
    };
    if !shown.adds_up() {
        shown.note = Some(TOTALS_NOTE);
    }
    shown
}

/// Splits `value / unit` into its floor and whether it has a fractional part.
fn floor_units(value: Decimal, unit: Decimal) -> (Decimal, bool, Decimal) {
    let q = value / unit;
    let f = q.floor();
    (f, q != f, q - f)
}

fn to_i64(d: Decimal) -> i64 {
    i64::try_from(d).unwrap_or(0)
}

/// Reconciled rounding, or `None` if no network solution was found (which theory rules out;
/// the caller then falls back to independent rounding with the note).
fn controlled_rounding(table: &Table, unit: Decimal) -> Option<Shown> {
    let nr = table.rows.len().max(table.cells.len());
    let nc = table.column_totals.len();
    // Floors (in units) and whether each value may round up.
    let cell: Vec<Vec<(Decimal, bool, Decimal)>> = table
        .cells
        .iter()
        .map(|r| r.iter().map(|v| floor_units(*v, unit)).collect())
        .collect();
    let row_floor_sum: Vec<Decimal> = cell.iter().map(|r| r.iter().map(|c| c.0).sum()).collect();
    let col_floor_sum: Vec<Decimal> = (0..nc).map(|j| cell.iter().map(|r| r[j].0).sum()).collect();
    let all_floor_sum: Decimal = row_floor_sum.iter().sum();
    // Allowed excess (number of cells rounded up) per row, column and overall.
    let bounds = |total: Decimal, floors: Decimal| -> (i64, i64) {
        let (f, frac, _) = floor_units(total, unit);
        let lo = to_i64(f - floors);
        (lo, if frac { lo + 1 } else { lo })
    };
    let row_b: Vec<(i64, i64)> = (0..nr)
        .map(|i| bounds(table.row_totals[i], row_floor_sum[i]))
        .collect();
    let col_b: Vec<(i64, i64)> = (0..nc)
        .map(|j| bounds(table.column_totals[j], col_floor_sum[j]))
        .collect();
    let (t_lo, t_hi) = bounds(table.total, all_floor_sum);
    let nearest = to_i64(round_to(table.total, unit) / unit - all_floor_sum);
    for (lo, hi) in [(nearest, nearest), (t_lo, t_hi)] {
        if let Some(up) = solve(&cell, &row_b, &col_b, (lo, hi)) {
            let cells: Vec<Vec<Decimal>> = cell
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    r.iter()
                        .enumerate()
                        .map(|(j, c)| (c.0 + Decimal::from(i64::from(up[i][j]))) * unit)
                        .collect()
                })
                .collect();
            let row_totals: Vec<Decimal> = cells.iter().map(|r| r.iter().sum()).collect();
            let column_totals: Vec<Decimal> =
                (0..nc).map(|j| cells.iter().map(|r| r[j]).sum()).collect();
            let total = row_totals.iter().sum();
            return Some(Shown {
                cells,
                row_totals,
                column_totals,
                total,
                note: None,
            });
        }
    }
    None
}

/// Chooses which cells round up: `up[i][j]` is 1 for cells rounded up. Returns `None` when the
/// bounds cannot all be met.
fn solve(
    cell: &[Vec<(Decimal, bool, Decimal)>],
    row_b: &[(i64, i64)],
    col_b: &[(i64, i64)],
    total_b: (i64, i64),
) -> Option<Vec<Vec<u8>>> {
    let (nr, nc) = (row_b.len(), col_b.len());
    // Nodes: s, rows, columns, t, and the super source/sink for lower bounds.
    let s = 0;
    let row = |i: usize| 1 + i;
    let col = |j: usize| 1 + nr + j;
    let t = 1 + nr + nc;
    let (ss, tt) = (t + 1, t + 2);
    let mut net = Network::new(t + 3);
    let mut excess = vec![0i64; t + 3];
    let mut bounded = |net: &mut Network, u: usize, v: usize, lo: i64, hi: i64| -> Option<usize> {
        if lo > hi {
            return None;
        }
        excess[v] += lo;
        excess[u] -= lo;
        Some(net.add(u, v, hi - lo))
    };
    for (i, &(lo, hi)) in row_b.iter().enumerate() {
        bounded(&mut net, s, row(i), lo, hi)?;
    }
    let mut cell_edges = vec![vec![None; nc]; nr];
    for (i, r) in cell.iter().enumerate() {
        // Larger remainders first, so the search rounds them up first.
        let mut order: Vec<usize> = (0..nc).filter(|&j| r[j].1).collect();
        order.sort_by(|&a, &b| r[b].2.cmp(&r[a].2));
        for j in order {
            cell_edges[i][j] = Some(net.add(row(i), col(j), 1));
        }
    }
    for (j, &(lo, hi)) in col_b.iter().enumerate() {
        bounded(&mut net, col(j), t, lo, hi)?;
    }
    bounded(&mut net, t, s, total_b.0, total_b.1)?;
    let mut required = 0;
    for (v, &e) in excess.iter().enumerate() {
        if e > 0 {
            net.add(ss, v, e);
            required += e;
        } else if e < 0 {
            net.add(v, tt, -e);
        }
    }
    if net.max_flow(ss, tt) != required {
        return None;
    }
    Some(
        cell_edges
            .iter()
            .map(|r| {
                r.iter()
                    .map(|e| e.map_or(0, |e| u8::from(net.flow(e) > 0)))
                    .collect()
            })
            .collect(),
    )
}

/// A small max-flow network (Dinic's algorithm).
struct Network {
    head: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
    initial: Vec<i64>,
}

impl Network {
    fn new(n: usize) -> Self {
        Self {
            head: vec![Vec::new(); n],
            to: Vec::new(),
            cap: Vec::new(),
            initial: Vec::new(),
        }
    }

    /// Adds an edge and its reverse; returns the edge's index.
    fn add(&mut self, u: usize, v: usize, cap: i64) -> usize {
        let e = self.to.len();
        self.head[u].push(e);
        self.to.push(v);
        self.cap.push(cap);
        self.initial.push(cap);
        self.head[v].push(e + 1);
        self.to.push(u);
        self.cap.push(0);
        self.initial.push(0);
        e
    }

    fn flow(&self, e: usize) -> i64 {
        self.initial[e] - self.cap[e]
    }

    fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let n = self.head.len();
        let mut total = 0;
        loop {
            let mut level = vec![-1i64; n];
            level[s] = 0;
            let mut queue = std::collections::VecDeque::from([s]);
            while let Some(u) = queue.pop_front() {
                for &e in &self.head[u] {
                    let v = self.to[e];
                    if self.cap[e] > 0 && level[v] < 0 {
                        level[v] = level[u] + 1;
                        queue.push_back(v);
                    }
                }
            }
            if level[t] < 0 {
                return total;
            }
            let mut next = vec![0usize; n];
            loop {
                let pushed = self.push(s, t, i64::MAX, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    /// One blocking-flow step, iterative to stay safe on deep networks.
    fn push(&mut self, s: usize, t: usize, limit: i64, level: &[i64], next: &mut [usize]) -> i64 {
        let mut path: Vec<usize> = Vec::new();
        let mut u = s;
        loop {
            if u == t {
                let f = path
                    .iter()
                    .map(|&e| self.cap[e])
                    .min()
                    .unwrap_or(limit)
                    .min(limit);
                for &e in &path {
                    self.cap[e] -= f;
                    self.cap[e ^ 1] += f;
                }
                return f;
            }
            let mut advanced = false;
            while next[u] < self.head[u].len() {
                let e = self.head[u][next[u]];
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == level[u] + 1 {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                next[u] += 1;
            }
            if !advanced {
                if u == s {
                    return 0;
                }
                // Not at the source, so a step was taken to get here.
                let Some(e) = path.pop() else { return 0 };
                u = self.to[e ^ 1];
                next[u] += 1;
            }
        }
    }
}

/// Formats a shown amount: divided for thousands or millions, with the digits the mode shows,
/// and `separator` between groups of three digits ("" for machine-readable output).
pub fn format_amount(
    value: Decimal,
    rounding: Rounding,
    minor_units: u32,
    separator: &str,
) -> String {
    let scaled = match rounding {
        Rounding::Thousands | Rounding::Millions => value / rounding.divisor(),
        Rounding::Exact | Rounding::Unit => value,
    };
    let shown = match rounding {
        Rounding::Exact => scaled.normalize(),
        Rounding::Unit => {
            let mut v =
                scaled.round_dp_with_strategy(minor_units, RoundingStrategy::MidpointAwayFromZero);
            v.rescale(minor_units);
            v
        }
        Rounding::Thousands | Rounding::Millions => scaled
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .normalize(),
    };
    grouped(shown, separator)
}

/// Appends the digits `int` with `separator` between groups of three, from the right.
fn push_grouped(out: &mut String, int: &str, separator: &str) {
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(ch);
    }
}

/// `value` written as `Decimal`'s `to_string` writes it (all its scale's decimals), with
/// `separator` between groups of three digits and no sign on zero: the same text as
/// `group_digits(&value.to_string(), separator)`, straight from the digits, without the
/// intermediate strings (an annex writes several hundred thousand amounts).
pub fn grouped(value: Decimal, separator: &str) -> String {
    let scale = value.scale() as usize;
    let digits = value.mantissa().unsigned_abs().to_string();
    // At least one digit before the point: 0.05 has the digits "5" and scale 2.
    let padded = if digits.len() <= scale {
        format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = padded.split_at(padded.len() - scale);
    let mut out = String::with_capacity(padded.len() + 2 + int.len() / 3 * separator.len());
    if value.mantissa() < 0 {
        out.push('-');
    }
    push_grouped(&mut out, int, separator);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Inserts `separator` between groups of three digits of the integer part.
pub fn group_digits(text: &str, separator: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3 * separator.len());
    out.push_str(
        if int.chars().all(|c| c == '0') && frac.is_none_or(|f| f.chars().all(|c| c == '0')) {
            ""
        } else {
            sign
        },
    );
    push_grouped(&mut out, int, separator);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}
