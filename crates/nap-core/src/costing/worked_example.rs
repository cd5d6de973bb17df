//! The worked example of `docs/costing.md`: its numbers are produced here by the engine and
//! the test fails when the page and the engine disagree. Regenerate the section with
//! `NAP_UPDATE_DOCS=1 cargo test -p nap-core worked_example`.
#![cfg(test)]

use super::rounding::format_amount;
use super::tests_support::{d, Tiny};
use super::views::Measure;
use super::*;
use crate::model::*;

const DOC: &str = include_str!("../../../../docs/costing.md");
const START: &str = "<!-- worked-example:start -->\n";
const END: &str = "<!-- worked-example:end -->";

fn example() -> Plan {
    let mut t = Tiny::new();
    t.plan.meta.end_year = 2028;
    t.plan.meta.inflation.insert(2027, d("0.04"));
    t.plan.meta.inflation.insert(2028, d("0.03"));
    t.plan.meta.contingency = d("0.05");
    t.rate("USD", None, "4100");
    t.rate("USD", Some(2027), "4150");
    let venue = t.line(0, "60000", "KHR", &[(2026, "100"), (2027, "120")]);
    t.plan.cost_lines[venue].item = "Workshop venue and catering (participant-day)".into();
    let consultant = t.line(0, "550", "USD", &[(2026, "10"), (2027, "5")]);
    t.plan.cost_lines[consultant].item =
        "International consultant (day), fixed-price contract".into();
    t.plan.cost_lines[consultant].inflate = false;
    let kits = t.line(
        1,
        "90000",
        "KHR",
        &[(2026, "200"), (2027, "200"), (2028, "200")],
    );
    t.plan.cost_lines[kits].item = "Dignity kits (kit)".into();
    t.plan.activities[0].title = "Leadership course for women officials".into();
    t.plan.activities[1].title = "Dignity kits for evacuation centres".into();
    t.plan.activities[1].contingency = Some(d("0.10"));
    let protection = t.plan.pillars[1].record.id;
    t.plan.pillars[1].title = "Protection".into();
    t.source(
        FundingStatus::Committed,
        &[(2026, "20000000"), (2027, "20000000"), (2028, "10000000")],
        None,
    );
    let partner = t.source(
        FundingStatus::Committed,
        &[(2026, "5000")],
        Some((EarmarkTarget::Pillar, protection)),
    );
    t.plan.funding_sources[partner].currency = "USD".into();
    t.source(FundingStatus::Pledged, &[(2027, "10000000")], None);
    for (i, name) in [
        "National budget (committed)",
        "Partner grant, earmarked to Protection (committed, USD)",
        "Second partner (pledged)",
    ]
    .iter()
    .enumerate()
    {
        t.plan.funding_sources[i].name = (*name).into();
    }
    assert_eq!(crate::validate::validate(&t.plan), vec![]);
    t.plan
}

fn money(v: rust_decimal::Decimal) -> String {
    format_amount(v, Rounding::Exact, 0, ",")
}

fn render() -> String {
    let plan = example();
    let c = compute(&plan, None).expect("the example costs");
    let mut out = String::new();
    out.push_str("Amounts per line (KHR; the exact values the engine computes):\n\n");
    out.push_str("| Line | 2026 | 2027 | 2028 | Total |\n|---|--:|--:|--:|--:|\n");
    for (u, unit) in c.units.iter().enumerate() {
        let name = match unit.kind {
            UnitKind::Line(l) => plan.cost_lines[l].item.text.clone(),
            UnitKind::Contingency(a) => {
                format!("Contingency of “{}”", plan.activities[a].title.text)
            }
        };
        let amounts = c.amounts(u);
        let total: rust_decimal::Decimal = amounts.iter().sum();
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {} |\n",
            money(amounts[0]),
            money(amounts[1]),
            money(amounts[2]),
            money(total)
        ));
    }
    let t = cross_table(
        &plan,
        &c,
        Dimension::Pillar,
        Some(Dimension::Year),
        Measure::Cost,
    );
    out.push_str("\nCost by pillar and year (KHR):\n\n| Pillar | 2026 | 2027 | 2028 | Total |\n|---|--:|--:|--:|--:|\n");
    for (i, r) in t.rows.iter().enumerate() {
        let cells: Vec<String> = t.cells[i].iter().map(|v| money(*v)).collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            r.label.text,
            cells.join(" | "),
            money(t.row_totals[i])
        ));
    }
    let cols: Vec<String> = t.column_totals.iter().map(|v| money(*v)).collect();
    out.push_str(&format!(
        "| **Total** | {} | **{}** |\n",
        cols.join(" | "),
        money(t.total)
    ));
    let s = c.summary(&plan);
    let gap = cross_table(
        &plan,
        &c,
        Dimension::Pillar,
        Some(Dimension::Year),
        Measure::Gap,
    );
    out.push_str("\nFunding gap (cost − committed funding allocated) by pillar and year (KHR):\n\n| Pillar | 2026 | 2027 | 2028 | Total |\n|---|--:|--:|--:|--:|\n");
    for (i, r) in gap.rows.iter().enumerate() {
        let cells: Vec<String> = gap.cells[i].iter().map(|v| money(*v)).collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            r.label.text,
            cells.join(" | "),
            money(gap.row_totals[i])
        ));
    }
    out.push_str(&format!(
        "\nHeadline: total cost **{}**, committed funding {} (of which {} its earmark leaves unused), pledged {}, gap **{}** ({} with pledges).\n",
        money(s.total_cost), money(s.committed), money(s.unallocated_committed), money(s.pledged), money(s.gap), money(s.gap_with_pledged)
    ));
    let shown = |r: Rounding, rec: bool| {
        let p = rounding::present(&t, r, 0, rec);
        let row: Vec<String> = p.cells[0]
            .iter()
            .map(|v| format_amount(*v, r, 0, ","))
            .collect();
        format!(
            "{} → total {}{}",
            row.join(", "),
            format_amount(p.row_totals[0], r, 0, ","),
            p.note.map(|n| format!(" — “{n}”")).unwrap_or_default()
        )
    };
    out.push_str(&format!(
        "\nShown in thousands of riels, the Participation row of the cost table reads, rounded independently: {}; reconciled: {}.\n",
        shown(Rounding::Thousands, false),
        shown(Rounding::Thousands, true)
    ));
    out
}

#[test]
fn the_worked_example_in_the_docs_matches_the_engine() {
    let generated = render();
    let start = DOC
        .find(START)
        .expect("docs/costing.md has the start marker")
        + START.len();
    let end = DOC.find(END).expect("docs/costing.md has the end marker");
    if std::env::var_os("NAP_UPDATE_DOCS").is_some() {
        let updated = format!("{}{generated}{}", &DOC[..start], &DOC[end..]);
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/costing.md"),
            updated,
        )
        .unwrap();
        return;
    }
    assert!(
        DOC[start..end] == generated,
        "docs/costing.md's worked example is stale; run NAP_UPDATE_DOCS=1 cargo test -p nap-core worked_example\n{generated}"
    );
}
