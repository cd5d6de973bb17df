//! The plan as an IATI 2.03 activity file, for the donors' and partners' systems: the plan as
//! one activity and each pillar as a child activity, with budgets per year (costed in the
//! base currency, contingency included), the results framework (outcomes and outputs with
//! their indicators, baselines, yearly targets and the actual values recorded), dates,
//! country, DAC sectors and the gender equality policy marker.
//!
//! The order of elements is the schema's (`xsd:sequence`); the test validates the sample
//! plan's file against the official schema kept in `assets/standards/iati-2.03`.

use crate::ExportError;
use nap_core::costing::views::Measure;
use nap_core::costing::{compute, cross_table, Dimension, Member};
use nap_core::model::*;
use nap_core::progress::{Period, PeriodPart};
use nap_core::text::LocalText;
use nap_core::Timestamp;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// XML text with `&`, `<`, `>`, `"` and `'` escaped.
/// The last day of `month` (1–12) of `year`.
fn last_day(year: i32, month: u8) -> u32 {
    (28..=31)
        .rev()
        .find(|d| nap_core::IsoDate::from_ymd(year, u32::from(month), *d).is_some())
        .unwrap_or(28)
}

fn esc(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// `<narrative>` elements for a two-language text: the working language, then the second
/// language with its `xml:lang`.
fn narratives(out: &mut String, text: &LocalText, second: Option<&str>, indent: &str) {
    let _ = writeln!(
        out,
        "{indent}<narrative>{}</narrative>",
        esc(text.text.trim())
    );
    if let (Some(l2), Some(lang)) = (text.l2.as_deref(), second) {
        if !l2.trim().is_empty() {
            let _ = writeln!(
                out,
                "{indent}<narrative xml:lang=\"{}\">{}</narrative>",
                esc(lang),
                esc(l2.trim())
            );
        }
    }
}

fn amount(v: Decimal) -> String {
    v.round_dp(2).normalize().to_string()
}

/// What the plan's status is in IATI's ActivityStatus codelist: 1 pipeline/identification
/// before endorsement, 2 implementation after.
fn activity_status(status: PlanStatus) -> &'static str {
    match status {
        PlanStatus::Endorsed => "2",
        _ => "1",
    }
}

/// The identifier of the reporting organisation: `COUNTRY-GOV-AGENCY` for the plan's lead
/// agency (or the NAP secretariat when none is named).
fn org_ref(plan: &Plan) -> (String, String) {
    let lead = plan
        .meta
        .lead_agency_id
        .and_then(|id| plan.agencies.iter().find(|a| a.record.id == id));
    let code = lead.map_or("NAP".to_string(), |a| a.code.replace(' ', ""));
    let name = lead.map_or("NAP secretariat".to_string(), |a| a.name.text.clone());
    (format!("{}-GOV-{code}", plan.meta.country), name)
}

/// The IATI activity file of `plan`, generated at `now`.
pub fn iati(plan: &Plan, now: &Timestamp) -> Result<String, ExportError> {
    let costing = compute(plan, None).map_err(|e| ExportError::Costing(e.to_string()))?;
    let m = &plan.meta;
    let second = m.second_language.as_deref();
    let (org, org_name) = org_ref(plan);
    let plan_id = format!("{org}-NAPWPS-{}-{}", m.start_year, m.end_year);
    let by_pillar = cross_table(
        plan,
        &costing,
        Dimension::Pillar,
        Some(Dimension::Year),
        Measure::Cost,
    );
    let stamp = now
        .as_str()
        .trim_end_matches('Z')
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string()
        + "Z";

    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        out,
        "<iati-activities version=\"2.03\" generated-datetime=\"{stamp}\">"
    );

    let header = |out: &mut String,
                  id: &str,
                  title: &LocalText,
                  description: &LocalText,
                  hierarchy: u8| {
        let _ = writeln!(
            out,
            "  <iati-activity last-updated-datetime=\"{stamp}\" xml:lang=\"{}\" default-currency=\"{}\" hierarchy=\"{hierarchy}\">",
            esc(&m.working_language),
            esc(&m.base_currency)
        );
        let _ = writeln!(out, "    <iati-identifier>{}</iati-identifier>", esc(id));
        let _ = writeln!(out, "    <reporting-org ref=\"{}\" type=\"10\">", esc(&org));
        let _ = writeln!(out, "      <narrative>{}</narrative>", esc(&org_name));
        let _ = writeln!(out, "    </reporting-org>");
        let _ = writeln!(out, "    <title>");
        narratives(out, title, second, "      ");
        let _ = writeln!(out, "    </title>");
        let _ = writeln!(out, "    <description type=\"1\">");
        let shown = if description.text.trim().is_empty() {
            title
        } else {
            description
        };
        narratives(out, shown, second, "      ");
        let _ = writeln!(out, "    </description>");
    };
    let common = |out: &mut String, lead_agencies: &[&Agency]| {
        let _ = writeln!(
            out,
            "    <participating-org ref=\"{}\" type=\"10\" role=\"2\">",
            esc(&org)
        );
        let _ = writeln!(out, "      <narrative>{}</narrative>", esc(&org_name));
        let _ = writeln!(out, "    </participating-org>");
        for a in lead_agencies {
            let _ = writeln!(out, "    <participating-org type=\"10\" role=\"4\">");
            let _ = writeln!(out, "      <narrative>{}</narrative>", esc(&a.name.text));
            let _ = writeln!(out, "    </participating-org>");
        }
        let _ = writeln!(
            out,
            "    <activity-status code=\"{}\"/>",
            activity_status(m.status)
        );
        let _ = writeln!(
            out,
            "    <activity-date type=\"1\" iso-date=\"{}-01-01\"/>",
            m.start_year
        );
        let _ = writeln!(
            out,
            "    <activity-date type=\"3\" iso-date=\"{}-12-31\"/>",
            m.end_year
        );
        let _ = writeln!(
            out,
            "    <recipient-country code=\"{}\" percentage=\"100\"/>",
            esc(&m.country)
        );
        // DAC sectors of a plan on women, peace and security (see the standards README).
        let _ = writeln!(
            out,
            "    <sector vocabulary=\"1\" code=\"15170\" percentage=\"50\"/>"
        );
        let _ = writeln!(
            out,
            "    <sector vocabulary=\"1\" code=\"15220\" percentage=\"50\"/>"
        );
        let _ = writeln!(
            out,
            "    <policy-marker vocabulary=\"1\" code=\"1\" significance=\"2\"/>"
        );
    };
    let budgets = |out: &mut String, per_year: &[(Year, Decimal)]| {
        for (year, value) in per_year {
            let _ = writeln!(out, "    <budget type=\"1\" status=\"1\">");
            let _ = writeln!(out, "      <period-start iso-date=\"{year}-01-01\"/>");
            let _ = writeln!(out, "      <period-end iso-date=\"{year}-12-31\"/>");
            let _ = writeln!(
                out,
                "      <value currency=\"{}\" value-date=\"{year}-01-01\">{}</value>",
                esc(&m.base_currency),
                amount(*value)
            );
            let _ = writeln!(out, "    </budget>");
        }
    };

    // The plan.
    header(&mut out, &plan_id, &m.title, &m.goal, 1);
    let plan_leads: Vec<&Agency> = Vec::new();
    common(&mut out, &plan_leads);
    let totals: Vec<(Year, Decimal)> = costing
        .years
        .iter()
        .copied()
        .zip(by_pillar.column_totals.iter().copied())
        .collect();
    budgets(&mut out, &totals);
    for p in &plan.pillars {
        let _ = writeln!(
            out,
            "    <related-activity ref=\"{}\" type=\"2\"/>",
            esc(&pillar_id(&plan_id, p))
        );
    }
    let goal = if m.goal.text.trim().is_empty() {
        &m.title
    } else {
        &m.goal
    };
    result(&mut out, plan, "3", None, goal, second);
    let _ = writeln!(out, "  </iati-activity>");

    // Each pillar, with its budget and its results.
    for p in &plan.pillars {
        let id = pillar_id(&plan_id, p);
        header(&mut out, &id, &p.title, &p.description, 2);
        let outcomes: Vec<&Outcome> = plan
            .outcomes
            .iter()
            .filter(|o| o.pillar_id == p.record.id)
            .collect();
        let mut leads: Vec<&Agency> = Vec::new();
        for o in &outcomes {
            for out_ in plan.outputs.iter().filter(|x| x.outcome_id == o.record.id) {
                for a in plan
                    .activities
                    .iter()
                    .filter(|a| a.output_id == out_.record.id)
                {
                    if let Some(agency) = a
                        .lead_agency_id
                        .and_then(|id| plan.agencies.iter().find(|g| g.record.id == id))
                    {
                        if !leads.iter().any(|l| l.record.id == agency.record.id) {
                            leads.push(agency);
                        }
                    }
                }
            }
        }
        common(&mut out, &leads);
        let row = by_pillar
            .rows
            .iter()
            .position(|r| r.member == Member::Record(p.record.id));
        let per_year: Vec<(Year, Decimal)> = match row {
            Some(i) => costing
                .years
                .iter()
                .copied()
                .zip(by_pillar.cells[i].iter().copied())
                .filter(|(_, v)| !v.is_zero())
                .collect(),
            None => Vec::new(),
        };
        budgets(&mut out, &per_year);
        let _ = writeln!(
            out,
            "    <related-activity ref=\"{}\" type=\"1\"/>",
            esc(&plan_id)
        );
        for o in &outcomes {
            result(&mut out, plan, "2", Some(o.record.id), &o.title, second);
            for output in plan.outputs.iter().filter(|x| x.outcome_id == o.record.id) {
                result(
                    &mut out,
                    plan,
                    "1",
                    Some(output.record.id),
                    &output.title,
                    second,
                );
            }
        }
        let _ = writeln!(out, "  </iati-activity>");
    }
    let _ = writeln!(out, "</iati-activities>");
    Ok(out)
}

fn pillar_id(plan_id: &str, p: &Pillar) -> String {
    let code: String = p
        .code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!("{plan_id}-P{code}")
}

/// A `<result>` for the outcome or output `parent` (IATI result type 2 or 1), or for the
/// plan's goal (`None`, type 3, its impact indicators), with its indicators; nothing when it
/// has none (the schema wants at least one).
fn result(
    out: &mut String,
    plan: &Plan,
    kind: &str,
    parent: Option<Id>,
    title: &LocalText,
    second: Option<&str>,
) {
    let indicators: Vec<&Indicator> = plan
        .indicators
        .iter()
        .filter(|i| {
            i.parent_id == parent && (parent.is_some() || i.level == IndicatorLevel::Impact)
        })
        .collect();
    if indicators.is_empty() {
        return;
    }
    let _ = writeln!(out, "    <result type=\"{kind}\" aggregation-status=\"0\">");
    let _ = writeln!(out, "      <title>");
    narratives(out, title, second, "        ");
    let _ = writeln!(out, "      </title>");
    for i in indicators {
        let measure = match i.kind {
            IndicatorType::Number => "1",
            IndicatorType::Percentage => "2",
            IndicatorType::YesNo | IndicatorType::Scale | IndicatorType::Qualitative => "5",
        };
        let _ = writeln!(
            out,
            "      <indicator measure=\"{measure}\" ascending=\"1\">"
        );
        let _ = writeln!(out, "        <title>");
        narratives(out, &i.statement, second, "          ");
        let _ = writeln!(out, "        </title>");
        if let Some(b) = i.baseline_value.as_deref().filter(|b| !b.trim().is_empty()) {
            let year = i.baseline_year.unwrap_or(plan.meta.start_year - 1).max(1);
            let _ = writeln!(
                out,
                "        <baseline year=\"{year}\" value=\"{}\"/>",
                esc(b.trim())
            );
        }
        // A period per target year and per reporting period with a value (a half or a
        // quarter is its own period); targets belong to whole years only.
        let reported: Vec<(&ProgressValue, Period)> = plan
            .progress
            .iter()
            .filter(|p| p.indicator_id == i.record.id)
            .filter_map(|p| Some((p, Period::parse(&p.period)?)))
            .collect();
        let mut periods: Vec<Period> = i.targets.keys().map(|y| Period::year(*y)).collect();
        for (_, period) in &reported {
            if !periods.contains(period) {
                periods.push(*period);
            }
        }
        periods.sort();
        for period in periods {
            let (first, last) = period.months();
            let y = period.year;
            let _ = writeln!(out, "        <period>");
            let _ = writeln!(
                out,
                "          <period-start iso-date=\"{y}-{first:02}-01\"/>"
            );
            let _ = writeln!(
                out,
                "          <period-end iso-date=\"{y}-{last:02}-{:02}\"/>",
                last_day(y, last)
            );
            if period.part == PeriodPart::Year {
                if let Some(t) = i.targets.get(&y).filter(|t| !t.trim().is_empty()) {
                    let _ = writeln!(out, "          <target value=\"{}\"/>", esc(t.trim()));
                }
            }
            for (p, _) in reported.iter().filter(|(_, at)| *at == period) {
                let comment = [p.source.trim(), p.note.trim()]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                if comment.is_empty() {
                    let _ = writeln!(out, "          <actual value=\"{}\"/>", esc(p.value.trim()));
                } else {
                    let _ = writeln!(out, "          <actual value=\"{}\">", esc(p.value.trim()));
                    let _ = writeln!(out, "            <comment>");
                    let _ = writeln!(
                        out,
                        "              <narrative>{}</narrative>",
                        esc(&comment)
                    );
                    let _ = writeln!(out, "            </comment>");
                    let _ = writeln!(out, "          </actual>");
                }
                // Each part of a breakdown as an actual of its own, with its dimension.
                for b in &p.breakdown {
                    let name = format!("{:?}", b.dimension).to_lowercase();
                    let _ = writeln!(out, "          <actual value=\"{}\">", esc(b.value.trim()));
                    let _ = writeln!(
                        out,
                        "            <dimension name=\"{}\" value=\"{}\"/>",
                        esc(&name),
                        esc(b.group.trim())
                    );
                    let _ = writeln!(out, "          </actual>");
                }
            }
            let _ = writeln!(out, "        </period>");
        }
        let _ = writeln!(out, "      </indicator>");
    }
    let _ = writeln!(out, "    </result>");
}
