//! Sheets shaped like published plans: a French logframe with title rows, heading rows,
//! merged cells and several indicators per cell; a budget by axis and year with a Total
//! row; a Khmer logframe; a costing sheet with unit costs. Expected values are read off the
//! fixtures by hand, not produced by the importer.

use super::*;
use crate::sample::{new_plan, NewPlan};
use crate::watch::{Unwatched, Watch, REPORT_EVERY};
use std::cell::RefCell;

fn plan(currency: &str, start: Year, end: Year) -> Plan {
    let mut n = 0u128;
    let mut p = new_plan(
        &NewPlan {
            title: "Plan".into(),
            country: "ML".into(),
            start_year: start,
            end_year: end,
            currency: currency.into(),
            language: None,
            second_language: None,
        },
        &Timestamp::from_unix_millis(0),
        "t",
        || {
            n += 1;
            Id::from_u128(n)
        },
    );
    // A sheet that names its own axes starts from a plan without the standard pillars.
    p.pillars.clear();
    p
}

/// The sheet of `rows` (each cell's text) and `merged`.
fn sheet_of(rows: &[&[&str]], merged: Vec<Merged>) -> Sheet {
    Sheet {
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
        merged,
    }
}

/// Why `rows`, read with `map`, cannot be imported into `plan` at all.
fn import_error(plan: &Plan, rows: &[&[&str]], map: &[(&str, &str)]) -> SheetError {
    let map = (map.iter())
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect();
    import_sheet(
        plan,
        &sheet_of(rows, vec![]),
        &SheetOptions { map },
        &Timestamp::from_unix_millis(0),
        "t",
        Id::new_v4,
        &Unwatched,
    )
    .unwrap_err()
}

fn run(plan: &Plan, rows: &[&[&str]], merged: Vec<Merged>, map: &[(&str, &str)]) -> SheetImport {
    let mut n = 10_000u128;
    import_sheet(
        plan,
        &sheet_of(rows, merged),
        &SheetOptions {
            map: map
                .iter()
                .map(|(f, c)| (f.to_string(), c.to_string()))
                .collect(),
        },
        &Timestamp::from_unix_millis(0),
        "import",
        || {
            n += 1;
            Id::from_u128(n)
        },
        &Unwatched,
    )
    .expect("imported")
}

fn count(review: &SheetReview, kind: &str) -> (usize, usize) {
    review
        .counts
        .iter()
        .find(|c| c.kind == kind)
        .map_or((0, 0), |c| (c.created, c.matched))
}

/// The titles of the plan's activities, in plan order.
fn activity_titles(plan: &Plan) -> Vec<&str> {
    plan.activities
        .iter()
        .map(|a| a.title.text.as_str())
        .collect()
}

/// `run` with no mapping, for a sheet the import must take whole: no row refused.
fn accepted(plan: &Plan, rows: &[&[&str]], merged: Vec<Merged>) -> SheetImport {
    let out = run(plan, rows, merged, &[]);
    assert!(out.review.refused.is_empty(), "{:?}", out.review.refused);
    out
}

/// What each column of the review is read as.
fn column_fields(review: &SheetReview) -> Vec<Option<&str>> {
    review.columns.iter().map(|c| c.field.as_deref()).collect()
}

/// The plan's pillars as (code, title), in plan order.
fn pillar_codes(plan: &Plan) -> Vec<(&str, &str)> {
    (plan.pillars.iter())
        .map(|p| (p.code.as_str(), p.title.text.as_str()))
        .collect()
}

/// The plan's outcomes as (code, title), in plan order.
fn outcome_codes(plan: &Plan) -> Vec<(&str, &str)> {
    (plan.outcomes.iter())
        .map(|o| (o.code.as_str(), o.title.text.as_str()))
        .collect()
}

/// Each cost line's quantities by year, in plan order (a lump sum's are its amounts).
fn line_years(plan: &Plan) -> Vec<Vec<(Year, Decimal)>> {
    (plan.cost_lines.iter())
        .map(|l| l.quantities.iter().map(|(y, q)| (*y, *q)).collect())
        .collect()
}

/// The review's amounts as (year, amount).
fn year_amounts(review: &SheetReview) -> Vec<(Year, &str)> {
    review
        .amounts
        .iter()
        .map(|a| (a.year, a.amount.as_str()))
        .collect()
}

/// The French logframe: two title rows, the header on row 3, "AXE" heading rows, the outcome
/// merged over the rows of its results, several indicators in one cell, actors listed.
fn french_logframe() -> Vec<&'static [&'static str]> {
    vec![
        &[
            "PLAN D'ACTION NATIONAL 1325 (2027-2031)",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &["Cadre logique", "", "", "", "", "", ""],
        &[
            "Objectif spécifique",
            "Résultat attendu",
            "Indicateurs",
            "Situation de référence",
            "Cible",
            "Acteurs",
            "Sources de vérification",
        ],
        &["AXE 1. PRÉVENTION", "", "", "", "", "", ""],
        &[
            "OS 1.1 : Renforcer la prévention des violences",
            "1.1.1 Les communautés sont sensibilisées",
            "- Nombre de séances tenues\n- Taux de femmes informées",
            "0\n12 %",
            "200\n60 %",
            "Ministère de la Promotion de la Femme; OSC, PTF",
            "Rapports\nEnquêtes",
        ],
        &[
            "",
            "1.1.2 Les leaders religieux s'engagent",
            "Nombre de leaders engagés",
            "15",
            "150",
            "MINGENRE",
            "Rapports",
        ],
        &["AXE 2. PROTECTION", "", "", "", "", "", ""],
        &[
            "OS 2.1 : Assurer la prise en charge des survivantes",
            "2.1.1 Des centres sont ouverts",
            "Existence d'un protocole national",
            "Non",
            "Oui",
            "Ministère de la Santé",
            "Arrêté",
        ],
    ]
}

#[test]
fn a_french_logframe_with_headings_merged_cells_and_lists_comes_in_whole() {
    let p = plan("XOF", 2027, 2031);
    let rows = french_logframe();
    // The outcome of row 5 is merged over rows 5 and 6 (0-based 4..=5).
    let merged = vec![
        Merged {
            first_row: 4,
            first_col: 0,
            last_row: 5,
            last_col: 0,
        },
        Merged {
            first_row: 3,
            first_col: 0,
            last_row: 3,
            last_col: 6,
        },
    ];
    let out = run(&p, &rows, merged, &[]);
    let r = &out.review;
    assert_eq!((r.header_row, r.header_last_row), (3, 3));
    assert!(r.refused.is_empty(), "{:?}", r.refused);
    let plan = &out.plan;
    let axes: Vec<(&str, &str)> = plan
        .pillars
        .iter()
        .map(|p| (p.code.as_str(), p.title.text.as_str()))
        .collect();
    assert_eq!(axes, vec![("1", "PRÉVENTION"), ("2", "PROTECTION")]);
    assert_eq!(plan.pillars[0].kind, PillarKind::Prevention);
    let outcomes: Vec<&str> = plan.outcomes.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(
        outcomes,
        vec!["1.1", "2.1"],
        "the merged outcome is one record"
    );
    assert_eq!(
        plan.outcomes[0].title.text,
        "Renforcer la prévention des violences"
    );
    let outputs: Vec<&str> = plan.outputs.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(outputs, vec!["1.1.1", "1.1.2", "2.1.1"]);
    assert_eq!(plan.outputs[1].outcome_id, plan.outcomes[0].record.id);
    // Two indicators from one cell, each with its own baseline, target and source.
    let first: Vec<&Indicator> = plan
        .indicators
        .iter()
        .filter(|i| i.parent_id == Some(plan.outputs[0].record.id))
        .collect();
    assert_eq!(first.len(), 2);
    assert_eq!(first[0].statement.text, "Nombre de séances tenues");
    assert_eq!(first[0].kind, IndicatorType::Number);
    assert_eq!(first[0].baseline_value.as_deref(), Some("0"));
    assert_eq!(first[0].targets.get(&2031).map(String::as_str), Some("200"));
    assert_eq!(first[1].kind, IndicatorType::Percentage);
    assert_eq!(first[1].targets.get(&2031).map(String::as_str), Some("60"));
    assert_eq!(first[1].means_of_verification.text, "Enquêtes");
    let protocol = plan
        .indicators
        .iter()
        .find(|i| i.statement.text.starts_with("Existence"))
        .unwrap();
    assert_eq!(protocol.kind, IndicatorType::Qualitative);
    assert_eq!(protocol.targets.get(&2031).map(String::as_str), Some("Oui"));
    assert_eq!(count(r, "indicator"), (4, 0));
    // Actors: the agencies are created with readable codes.
    let codes: Vec<&str> = plan.agencies.iter().map(|a| a.code.as_str()).collect();
    for code in ["MPF", "OSC", "PTF", "MINGENRE", "MS"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let mpf = plan
        .agencies
        .iter()
        .find(|a| a.code == "MPF")
        .unwrap()
        .record
        .id;
    assert_eq!(
        first[0].responsible_agency_id,
        Some(mpf),
        "the first actor reports"
    );
    assert!(r.placeholders.is_empty(), "{:?}", r.placeholders);
    assert_eq!(validate(plan), vec![]);
}

#[test]
fn importing_the_same_logframe_twice_matches_everything_and_creates_nothing() {
    let p = plan("XOF", 2027, 2031);
    let rows = french_logframe();
    let once = run(&p, &rows, vec![], &[]);
    let twice = run(&once.plan, &rows, vec![], &[]);
    assert_eq!(twice.plan.outcomes.len(), once.plan.outcomes.len());
    assert_eq!(twice.plan.indicators.len(), once.plan.indicators.len());
    assert_eq!(twice.plan.agencies.len(), once.plan.agencies.len());
    assert_eq!(count(&twice.review, "outcome"), (0, 2));
    assert!(twice.review.agencies_created.is_empty());
}

#[test]
fn a_budget_by_axis_and_year_gives_lump_sums_under_placeholders_and_checks_its_total() {
    let p = plan("XOF", 2027, 2029);
    let rows: Vec<&[&str]> = vec![
        &["Budget du PAN (en FCFA)", "", "", "", ""],
        &["Axe", "2027", "2028", "2029", "Total"],
        &[
            "Axe 1 : Prévention",
            "1 250 000 000",
            "1 300 000 000",
            "1 350 000 000",
            "3 900 000 000",
        ],
        &[
            "Axe 2 : Protection",
            "800 000 000,50",
            "",
            "900 000 000",
            "1 700 000 000,50",
        ],
        &[
            "TOTAL",
            "2 050 000 000,50",
            "1 300 000 000",
            "2 250 000 000",
            "5 600 000 000,50",
        ],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(out.plan.pillars.len(), 2);
    // One placeholder outcome, output and activity per axis.
    assert_eq!(r.placeholders.len(), 6, "{:?}", r.placeholders);
    let lines = &out.plan.cost_lines;
    assert_eq!(lines.len(), 2);
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(lines[0].quantities.get(&2028), Some(&d("1300000000")));
    assert_eq!(lines[1].quantities.get(&2027), Some(&d("800000000.50")));
    assert!(!lines[1].quantities.contains_key(&2028));
    assert_eq!(lines[0].unit.as_deref(), Some("lump sum"));
    assert_eq!(
        lines[0].currency.as_deref(),
        Some("XOF"),
        "FCFA is the plan's franc"
    );
    assert!(!lines[0].inflate);
    // The Total row agrees with what came in, year by year.
    assert_eq!(
        r.total_checks.len(),
        4,
        "three years and the Total column: {:?}",
        r.total_checks
    );
    assert!(
        r.notes.is_empty(),
        "every row's years add up to its Total: {:?}",
        r.notes
    );
    assert!(
        r.total_checks.iter().all(|c| c.difference == "0"),
        "{:?}",
        r.total_checks
    );
    let costing = crate::costing::compute(&out.plan, None).unwrap();
    assert_eq!(costing.total(), d("5600000000.50"));
    assert!(r
        .columns
        .iter()
        .any(|c| c.header == "Total" && c.field.is_none()));
}

#[test]
fn a_total_row_that_disagrees_is_reported_with_the_difference() {
    let p = plan("GEL", 2027, 2028);
    let rows: Vec<&[&str]> = vec![
        &["Pillar", "2027", "2028"],
        &["1. Participation", "10,000", "12,000"],
        &["2. Prevention", "5,000", "5,500"],
        &["Total", "15,000", "18,000"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    let check = out
        .review
        .total_checks
        .iter()
        .find(|c| c.year == Some(2028))
        .unwrap();
    assert_eq!(
        (
            check.sheet_total.as_str(),
            check.imported.as_str(),
            check.difference.as_str()
        ),
        ("18000", "17500", "500")
    );
}

#[test]
fn a_grand_total_under_sub_totals_is_checked_against_every_row_above_it() {
    let p = plan("XOF", 2027, 2028);
    // A French budget as ministries keep it: a sub-total per axis, then the grand total.
    let rows: Vec<&[&str]> = vec![
        &["Axe stratégique", "2027", "2028"],
        &["1. Participation", "1 000 000", "1 200 000"],
        &["Sous-total axe 1", "1 000 000", "1 200 000"],
        &["2. Prévention", "500 000", "550 000,50"],
        &["Sous-total axe 2", "500 000", "550 000,50"],
        &["Total général", "1 500 000", "1 750 000,50"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    let checks = &out.review.total_checks;
    // Two sub-totals and the grand total, each for both years; all agree.
    assert_eq!(checks.len(), 6, "{checks:?}");
    assert!(checks.iter().all(|c| c.difference == "0"), "{checks:?}");
    let grand: Vec<&str> = checks
        .iter()
        .filter(|c| c.row == 6)
        .map(|c| c.imported.as_str())
        .collect();
    assert_eq!(grand, ["1500000", "1750000.5"]);
}

#[test]
fn french_activity_headers_of_planned_work_are_read_as_activities() {
    for header in [
        "Activités prévues",
        "Actions prévues",
        "Tâches",
        "TÂCHES PRÉVUES",
    ] {
        assert_eq!(recognised(header), Some(Field::Activity), "{header}");
    }
}

#[test]
fn a_header_dated_or_priced_after_its_name_is_still_that_field() {
    for (header, field) in [
        ("Activités prévues pour 2027", Some(Field::Activity)),
        (
            "Activités prévues pour la période 2026-2030",
            Some(Field::Activity),
        ),
        ("Cible (2030)", Some(Field::Target)),
        ("Valeur de référence 2024", Some(Field::Baseline)),
        ("Indicateurs (2026–2030)", Some(Field::Indicator)),
        ("Unit cost (USD)", Some(Field::UnitCost)),
        ("Coût unitaire (XOF)", Some(Field::UnitCost)),
        ("Activity code", Some(Field::ActivityCode)),
        // A qualifier that changes what the column holds is not a date or a price.
        ("Activity code (ministry)", None),
        ("Activités de plaidoyer", None),
        ("Indicateur de performance", None),
        // Amounts, quantities and years are named alone: with a year they are that year's
        // amounts, and "Coût total" is a total, not a line's cost.
        ("Budget 2027", None),
        ("Coût 2027 (USD)", None),
        ("Coût total", None),
        ("Quantité 2027", None),
        // Two names for one column: the one recognised names it, unless both are fields.
        ("โครงการ/กิจกรรม", Some(Field::Activity)),
        ("Projets / Activités", Some(Field::Activity)),
        ("Responsable/Partenaires", None),
        // When the work is done, in the languages of the region.
        ("ໄລຍະເວລາ", Some(Field::Year)),
        ("အချိန်ကာလ", Some(Field::Year)),
        ("Takdang panahon", Some(Field::Year)),
        ("ဘတ်ဂျက် (ကျပ်)", Some(Field::Amount)),
        ("ງົບປະມານ (ກີບ)", Some(Field::Amount)),
    ] {
        assert_eq!(recognised(header), field, "{header}");
    }
}

#[test]
fn a_french_sheet_with_dated_headers_imports_activities_targets_and_amounts() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &[
            "Axe",
            "Activités prévues pour 2027",
            "Indicateur",
            "Cible (2030)",
            "Budget 2027",
        ],
        &[
            "AXE 1. PRÉVENTION",
            "Former les comités de paix",
            "Nombre de comités formés",
            "40",
            "12 500 000",
        ],
        &[
            "",
            "Sensibiliser les leaders communautaires",
            "Nombre de leaders sensibilisés",
            "300",
            "7 000 000",
        ],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            Some("pillar"),
            Some("activity"),
            Some("indicator"),
            Some("target"),
            Some("year:2027")
        ]
    );
    assert_eq!(
        activity_titles(&out.plan),
        [
            "Former les comités de paix",
            "Sensibiliser les leaders communautaires"
        ]
    );
    let targets: Vec<Option<&str>> = out
        .plan
        .indicators
        .iter()
        .map(|i| i.targets.values().next().map(String::as_str))
        .collect();
    assert_eq!(targets, [Some("40"), Some("300")]);
    assert_eq!(year_amounts(r), [(2027, "19500000")]);
}

#[test]
fn dashes_and_n_a_in_amounts_are_no_amount_and_keep_their_row() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &[
            "Axe",
            "Activité",
            "Indicateur",
            "Cible",
            "2026",
            "2027",
            "Coût unitaire",
            "Quantité",
        ],
        &[
            "AXE 1. PRÉVENTION",
            "Former les comités",
            "Nombre de comités",
            "-",
            "1 000 000",
            "-",
            "",
            "",
        ],
        &[
            "",
            "Sensibiliser les leaders",
            "Nombre de leaders",
            "300",
            "n/a",
            "2 500 000",
            "",
            "",
        ],
        &[
            "",
            "Cartographier les acteurs",
            "Carte publiée",
            "Néant",
            "—",
            "N/A",
            "-",
            "-",
        ],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(r.rows, 3, "every row comes in");
    assert_eq!(
        activity_titles(&out.plan),
        [
            "Former les comités",
            "Sensibiliser les leaders",
            "Cartographier les acteurs"
        ]
    );
    assert_eq!(year_amounts(r), [(2026, "1000000"), (2027, "2500000")]);
    assert_eq!(
        count(r, "cost_line"),
        (2, 0),
        "the third activity has no cost"
    );
    assert!(
        (r.notes.iter()).any(|n| n.code == "dashes"
            && n.values["n"] == "6"
            && n.message == "6 amount cells with a dash or “n/a” were read as no amount."),
        "{:?}",
        r.notes
    );
    // A target of "-" is no target: the indicator stays a number, not a text.
    let first = &out.plan.indicators[0];
    assert_eq!(first.kind, IndicatorType::Number);
    assert!(first.targets.is_empty(), "{:?}", first.targets);
}

#[test]
fn the_column_words_of_every_export_language_are_recognised_headers() {
    // The label catalogue the exports print from, in all its languages: a sheet made with
    // the same words (or an export edited and brought back) is read without a mapping.
    let catalogues = super::placeholder::CATALOGUES;
    let columns = [
        ("out.pillar", Field::Pillar),
        ("out.outcome", Field::Outcome),
        ("out.output", Field::Output),
        ("out.activity", Field::Activity),
        ("out.indicator", Field::Indicator),
        ("out.indicators", Field::Indicator),
        ("out.baseline", Field::Baseline),
        ("out.target", Field::Target),
        ("out.lead_agency", Field::LeadAgency),
        ("out.item", Field::Item),
        ("out.unit", Field::Unit),
        ("out.unit_cost", Field::UnitCost),
        ("out.currency", Field::Currency),
        ("out.note", Field::Note),
        ("out.funding_sources", Field::FundingSource),
    ];
    let mut missed = Vec::new();
    for (lang, json) in catalogues {
        let labels: HashMap<String, String> = serde_json::from_str(json).unwrap();
        for (key, field) in columns {
            let label = &labels[key];
            if recognised(label) != Some(field) {
                missed.push(format!("{lang} {key} {label:?}: {:?}", recognised(label)));
            }
        }
    }
    assert!(missed.is_empty(), "{missed:#?}");
    // Typed in composed or decomposed form, with or without accents, the same header.
    let decomposed: String = {
        use unicode_normalization::UnicodeNormalization;
        "Hoạt động".nfd().collect()
    };
    assert_ne!(decomposed, "Hoạt động", "decomposed differs from composed");
    for header in [
        "HOẠT ĐỘNG",
        "hoat dong",
        decomposed.as_str(),
        "Chỉ số",
        "Chi so",
    ] {
        assert!(recognised(header).is_some(), "{header}");
    }
    assert_eq!(recognised("Chi so"), Some(Field::Indicator));
    // The top level as plans name it beside "pillar": a Thai plan's strategies, a
    // francophone plan's strategic orientations.
    for header in [
        "ยุทธศาสตร์",
        "Orientation stratégique",
        "Axes",
        "Thematic area",
    ] {
        assert_eq!(recognised(header), Some(Field::Pillar), "{header}");
    }
}

#[test]
fn a_table_in_millions_is_read_in_millions_and_its_totals_still_agree() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["Tableau 2 : Budget du PAN (en millions de FCFA)"],
        &["Axe", "Activité", "2026", "2027", "Total"],
        &[
            "AXE 1. PRÉVENTION",
            "Former les comités",
            "12,5",
            "3",
            "15,5",
        ],
        &["", "Sensibiliser les leaders", "1,25", "-", "1,25"],
        &["Total", "", "13,75", "3", "16,75"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(year_amounts(r), [(2026, "13750000"), (2027, "3000000")]);
    assert!(!r.total_checks.is_empty());
    assert!(
        r.total_checks.iter().all(|c| c.difference == "0"),
        "{:?}",
        r.total_checks
    );
    let stated: Vec<(Option<&str>, Option<&str>)> = (r.columns.iter())
        .map(|c| (c.multiple.as_deref(), c.currency.as_deref()))
        .collect();
    let millions = (Some("1000000"), Some("XOF"));
    assert_eq!(
        stated,
        [(None, None), (None, None), millions, millions, millions]
    );
    let notes: Vec<String> = r.columns.iter().map(|c| c.described()).collect();
    assert_eq!(
        notes[2..],
        [
            "amounts of the year, in millions (× 1,000,000), in XOF",
            "amounts of the year, in millions (× 1,000,000), in XOF",
            "a total: checked, not imported, in millions (× 1,000,000), in XOF"
        ]
    );
    // An amount per year is a lump sum: unit cost one, the amount as its quantity.
    let first = &out.plan.cost_lines[0];
    assert_eq!(
        first.quantities.get(&2026),
        Some(&Decimal::from(12_500_000))
    );
    assert_eq!(first.quantities.get(&2027), Some(&Decimal::from(3_000_000)));
}

#[test]
fn titles_that_disagree_on_the_multiple_leave_the_amounts_in_units() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["Budget en millions de FCFA (Tableau 2 en milliers)"],
        &["Activité", "2027"],
        &["Former les comités", "12"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    assert_eq!(year_amounts(&out.review), [(2027, "12")]);
    let two_titles: Vec<&[&str]> = vec![
        &["Budget en millions de FCFA"],
        &["Annexe : montants en milliers"],
        &["Activité", "2027"],
        &["Former les comités", "12"],
    ];
    let out = run(&p, &two_titles, vec![], &[]);
    assert_eq!(year_amounts(&out.review), [(2027, "12")]);
    assert_eq!(out.review.columns[1].multiple, None);
}

#[test]
fn a_column_over_several_years_is_not_booked_to_its_first_year() {
    // "Coût 2026-2030" is the cost of the whole period: read as 2026's amounts it would
    // book five years in one, and count them twice beside the year columns.
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &[
            "Activité",
            "2026",
            "2027",
            "Coût 2026-2030",
            "Total 2026-2030",
        ],
        &["Former les comités", "100", "200", "300", "300"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(year_amounts(r), [(2026, "100"), (2027, "200")]);
    let period = &r.columns[3];
    assert_eq!(period.field, None);
    assert_eq!(
        period.note.message,
        "covers 2026–2030, several years: ignored (give each year its own column)"
    );
    assert_eq!(r.columns[4].note.message, "a total: checked, not imported");
    assert_eq!(
        r.columns.iter().map(|c| c.total).collect::<Vec<_>>(),
        [false, false, false, false, true]
    );
    assert!(
        r.total_checks.iter().all(|c| c.difference == "0"),
        "{:?}",
        r.total_checks
    );
}

/// Ministries whose fiscal year runs across two calendar years head its column "2026/27" or
/// "FY 2026/2027": one year's money, booked to the year it begins and said so; a biennium
/// ("2026-2027"), a year after the plan and a second column for a year are left out, each
/// with its reason.
#[test]
fn a_fiscal_year_across_two_calendar_years_is_booked_to_the_year_it_begins() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &[
            "Activité",
            "2026/27",
            "2027-28",
            "FY 2028/2029",
            "Coût 2026-2027",
            "2031/32",
            "2028",
            "FY2029",
        ],
        &[
            "Former les comités",
            "100",
            "200",
            "300",
            "999",
            "50",
            "7",
            "40",
        ],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        year_amounts(r),
        [(2026, "100"), (2027, "200"), (2028, "300"), (2029, "40")]
    );
    let said: Vec<(&str, &str)> = (r.columns.iter())
        .map(|c| (c.note.code.as_str(), c.note.message.as_str()))
        .collect();
    assert_eq!(
        said[1..],
        [
            (
                "column_fiscal_year",
                "amounts of the fiscal year 2026/27, booked to 2026, the year it begins"
            ),
            (
                "column_fiscal_year",
                "amounts of the fiscal year 2027/28, booked to 2027, the year it begins"
            ),
            (
                "column_fiscal_year",
                "amounts of the fiscal year 2028/2029, booked to 2028, the year it begins"
            ),
            (
                "column_several_years",
                "covers 2026–2027, several years: ignored (give each year its own column)"
            ),
            (
                "column_outside_period",
                "2031 is outside the plan period 2026–2030: ignored"
            ),
            // A second column for 2028 would have replaced the fiscal year's amounts.
            ("column_second_year", "a second column for 2028: ignored"),
            // Written without a space.
            ("column_year", "amounts of the year"),
        ]
    );
}

/// What the officer maps is read as they say, before any column is recognised as it: a
/// fiscal year booked to the year it ends (`year:2028`), an activity column with another
/// name; the column recognised as the same field or year is then the second one, left out.
/// A column the officer leaves out is left out.
#[test]
fn a_column_mapped_by_the_officer_wins_over_one_recognised_as_the_same() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["Activité", "2027/28", "2028", "Tâche détaillée"],
        &["Former", "100", "7", "Former les comités locaux"],
    ];
    let out = run(
        &p,
        &rows,
        vec![],
        &[("year:2028", "B"), ("activity", "Tâche détaillée")],
    );
    let r = &out.review;
    assert!(r.refused.is_empty(), "{:?}", r.refused);
    assert_eq!(
        column_fields(r),
        [None, Some("year:2028"), None, Some("activity")]
    );
    let said: Vec<&str> = r.columns.iter().map(|c| c.note.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "a second activity column: ignored",
            "mapped",
            "a second column for 2028: ignored",
            "mapped"
        ]
    );
    assert_eq!(year_amounts(r), [(2028, "100")]);
    assert_eq!(activity_titles(&out.plan), ["Former les comités locaux"]);

    // A column read as a year (or a field) can be left out; the column recognised as the
    // same year is then read.
    let out = run(
        &p,
        &rows,
        vec![],
        &[("ignore", "B"), ("ignore", "tâche détaillée")],
    );
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [Some("activity"), None, Some("year:2028"), None]
    );
    assert_eq!(r.columns[1].note.code, "column_left_out");
    assert_eq!(r.columns[3].note.message, "left out, as you chose");
    assert_eq!(year_amounts(r), [(2028, "7")]);
    assert_eq!(activity_titles(&out.plan), ["Former"]);
    let err = import_error(&p, &rows, &[("ignore", "Remarques")]);
    assert_eq!(
        err,
        SheetError::UnknownColumn {
            field: "ignore".into(),
            column: "remarques".into()
        }
    );

    // A year outside the plan is refused before anything is read.
    let err = import_error(&p, &rows, &[("year:2035", "B")]);
    assert_eq!(
        err.to_string(),
        "--map year:2035: a column can hold the amounts of a year of the plan period 2026–2030 only"
    );
}

#[test]
fn fiscal_years_are_told_from_ranges_of_years() {
    let cases: &[(&str, Option<(Year, &str)>)] = &[
        ("2026/27", Some((2026, "2026/27"))),
        ("Budget 2026 - 27 (millions)", Some((2026, "2026/27"))),
        ("FY2026/27", Some((2026, "2026/27"))),
        ("XFY2026/27", None),
        ("២០២៦/២៧", Some((2026, "2026/27"))),
        ("ปีงบประมาณ 2569/70", Some((2026, "2569/70"))),
        ("2099/00", Some((2099, "2099/00"))),
        ("2026/2027", Some((2026, "2026/2027"))),
        ("2026–27", Some((2026, "2026/27"))),
        ("2026-2027", None),
        ("2026/28", None),
        ("2026/2028", None),
        ("12026/27", None),
        ("2026/275", None),
        ("Coût 2026-2030", None),
    ];
    for (header, expected) in cases {
        let found = super::fiscal_year(header);
        assert_eq!(
            found.as_ref().map(|(y, w)| (*y, w.as_str())),
            *expected,
            "{header}"
        );
    }
}

#[test]
fn thai_years_of_the_buddhist_era_and_khmer_digits_are_read() {
    let p = plan("THB", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["กิจกรรม", "งบประมาณ พ.ศ. 2570", "2571", "ឆ្នាំ ២០២៩"],
        &["อบรมเครือข่ายสตรี", "1,000", "๒,๐๐๐", "៣ ០០០"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            Some("activity"),
            Some("year:2027"),
            Some("year:2028"),
            Some("year:2029")
        ]
    );
    assert_eq!(
        r.columns[1].note.message,
        "amounts of the year (2570 of the Buddhist Era)"
    );
    assert_eq!(r.columns[3].note.message, "amounts of the year");
    assert_eq!(
        year_amounts(r),
        [(2027, "1000"), (2028, "2000"), (2029, "3000")]
    );
}

#[test]
fn years_under_a_merged_budget_header_are_the_budget_columns() {
    let p = plan("XOF", 2026, 2030);
    // "Budget (en millions de FCFA)" is merged over C:E in the first header row; the years
    // stand under it.
    let rows: Vec<&[&str]> = vec![
        &[
            "Axe",
            "Activité",
            "Budget (en millions de FCFA)",
            "",
            "",
            "Responsable",
        ],
        &["", "", "2026", "2027", "2028", ""],
        &[
            "AXE 1. PRÉVENTION",
            "Former les comités",
            "12,5",
            "3",
            "",
            "MPF",
        ],
        &["", "Sensibiliser les leaders", "1,25", "2", "1", "MS"],
    ];
    let merged = vec![Merged {
        first_row: 0,
        first_col: 2,
        last_row: 0,
        last_col: 4,
    }];
    let out = accepted(&p, &rows, merged);
    let r = &out.review;
    assert_eq!(
        (r.header_row, r.header_last_row),
        (1, 2),
        "the years' row is the header's"
    );
    assert_eq!(r.rows, 2, "the years' row is not data");
    assert_eq!(
        column_fields(r),
        [
            Some("pillar"),
            Some("activity"),
            Some("year:2026"),
            Some("year:2027"),
            Some("year:2028"),
            Some("lead_agency")
        ]
    );
    assert_eq!(r.columns[3].header, "Budget (en millions de FCFA) › 2027");
    assert_eq!(r.columns[3].multiple.as_deref(), Some("1000000"));
    assert_eq!(
        year_amounts(r),
        [(2026, "13750000"), (2027, "5000000"), (2028, "1000000")]
    );

    // Where the years' row has the most recognised headers (the group row names only the
    // activity), the two rows are still read as one header.
    let rows: Vec<&[&str]> = vec![
        &["N°", "Activité", "Coût (millions FCFA)", "", "", ""],
        &["", "", "2026", "2027", "2028", "2029"],
        &["1", "Former les comités", "1", "2", "3", "4"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!((r.header_row, r.header_last_row), (1, 2));
    assert_eq!(column_fields(r)[1], Some("activity"));
    assert_eq!(
        year_amounts(r),
        [
            (2026, "1000000"),
            (2027, "2000000"),
            (2028, "3000000"),
            (2029, "4000000")
        ]
    );
}

#[test]
fn each_column_may_state_its_own_multiple() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &[
            "Activité",
            "Poste",
            "Coût unitaire (milliers de FCFA)",
            "Quantité",
            "Année",
            "Budget 2028 (USD '000)",
        ],
        &["Former les comités", "Salle", "150", "4", "2027", ""],
        &["Sensibiliser les leaders", "Radio", "", "", "", "2,5"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            Some("activity"),
            Some("item"),
            Some("unit_cost"),
            Some("quantity"),
            Some("year"),
            Some("year:2028")
        ]
    );
    let hall = &out.plan.cost_lines[0];
    assert_eq!(hall.unit_cost, Some(Decimal::from(150_000)));
    assert_eq!(hall.quantities.get(&2027), Some(&Decimal::from(4)));
    let radio = &out.plan.cost_lines[1];
    assert_eq!(radio.quantities.get(&2028), Some(&Decimal::from(2_500)));
    assert_eq!(
        radio.currency.as_deref(),
        Some("USD"),
        "the header states the currency"
    );
    assert_eq!(hall.currency.as_deref(), Some("XOF"), "FCFA in a XOF plan");
    // Without a multiple, the same sheet is read in units.
    let plain: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.split(" (").next().unwrap_or(c))
                .collect()
        })
        .collect();
    let plain: Vec<&[&str]> = plain.iter().map(Vec::as_slice).collect();
    let out = run(&p, &plain, vec![], &[]);
    assert_eq!(out.plan.cost_lines[0].unit_cost, Some(Decimal::from(150)));
}

#[test]
fn an_amount_column_named_with_its_currency_and_multiple_is_read() {
    assert_eq!(
        recognised("Montant (en milliers de FCFA)"),
        Some(Field::Amount)
    );
    assert_eq!(recognised("Amount (USD)"), Some(Field::Amount));
    assert_eq!(
        recognised("Budget 2027 (millions)"),
        None,
        "a year's amounts"
    );
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Année", "Montant (en milliers de FCFA)"],
        &["Former les comités", "2027", "1 250"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    assert!(out.review.refused.is_empty(), "{:?}", out.review.refused);
    assert_eq!(year_amounts(&out.review), [(2027, "1250000")]);
}

#[test]
fn a_khmer_logframe_is_recognised_by_its_khmer_headers() {
    let p = plan("KHR", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["សសរស្តម្ភ", "លទ្ធផល", "សកម្មភាព", "ស្ថាប័នទទួលខុសត្រូវ"],
        &[
            "១ ការចូលរួម",
            "ស្ត្រីចូលរួមក្នុងការសម្រេចចិត្ត",
            "បណ្តុះបណ្តាលភាពជាអ្នកដឹកនាំ",
            "ក្រសួងកិច្ចការនារី",
        ],
        &["", "", "វេទិកាយុវជន", ""],
    ];
    let out = run(&p, &rows, vec![], &[]);
    assert!(out.review.refused.is_empty(), "{:?}", out.review.refused);
    assert_eq!(out.plan.pillars.len(), 1);
    assert_eq!(out.plan.outcomes.len(), 1);
    assert_eq!(
        out.plan.activities.len(),
        2,
        "the blank pillar and outcome cells take the value above"
    );
    assert_eq!(
        out.plan.outputs.len(),
        1,
        "one placeholder output for the missing level"
    );
    assert_eq!(
        out.plan.activities[0].lead_agency_id,
        Some(out.plan.agencies[0].record.id)
    );
    assert_eq!(out.plan.agencies[0].name.text, "ក្រសួងកិច្ចការនារី");
}

#[test]
fn a_costing_sheet_with_unit_costs_merges_years_into_lines_and_refuses_bad_rows() {
    let p = plan("KHR", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &[
            "Pillar",
            "Outcome",
            "Output",
            "Activity",
            "Lead agency",
            "Item",
            "Unit",
            "Unit cost",
            "Currency",
            "Year",
            "Quantity",
            "Economic code",
        ],
        &[
            "Protection",
            "Justice",
            "Police trained",
            "Train police",
            "MOI",
            "Trainer",
            "day",
            "200",
            "USD",
            "2026",
            "10",
            "2211",
        ],
        &[
            "Protection",
            "Justice",
            "Police trained",
            "Train police",
            "MOI",
            "Trainer",
            "day",
            "200",
            "USD",
            "2027",
            "12",
            "2211",
        ],
        &[
            "Protection",
            "Justice",
            "Police trained",
            "Train police",
            "MOI",
            "Venue",
            "day",
            "1,500,000",
            "",
            "2027",
            "3",
            "",
        ],
        &[
            "Protection",
            "Justice",
            "Police trained",
            "Train police",
            "MOI",
            "Kits",
            "kit",
            "12 kits",
            "",
            "2027",
            "3",
            "",
        ],
        &[
            "Protection",
            "Justice",
            "Police trained",
            "Train police",
            "MOI",
            "Kits",
            "kit",
            "10",
            "",
            "2045",
            "3",
            "",
        ],
    ];
    let out = run(&p, &rows, vec![], &[]);
    let r = &out.review;
    assert_eq!(r.refused.len(), 2, "{:?}", r.refused);
    assert_eq!(r.refused[0].row, 5);
    assert!(r.refused[0].column.starts_with('H'), "{:?}", r.refused[0]);
    let reason = &r.refused[1].reason;
    assert_eq!(reason.code, "not_plan_year", "{reason:?}");
    assert_eq!(reason.values["value"], "2045");
    assert!(reason.message.contains("2045"), "{reason:?}");
    let lines = &out.plan.cost_lines;
    assert_eq!(lines.len(), 2, "the trainer's two years are one line");
    assert_eq!(lines[0].quantities.len(), 2);
    assert_eq!(lines[0].currency.as_deref(), Some("USD"));
    assert_eq!(
        lines[1].currency.as_deref(),
        Some("KHR"),
        "no currency: the plan's"
    );
    assert_eq!(
        lines[1].economic_code.as_deref(),
        Some(""),
        "no code stays unclassified"
    );
    assert!(lines[0].inflate);
    assert_eq!(out.plan.activities[0].years, vec![2026, 2027]);
}

#[test]
fn columns_are_mapped_by_letter_or_header_and_bad_maps_are_named() {
    let p = plan("KHR", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["Chantier", "Tâche", "Qui"],
        &["Prévention", "Former", "MOI"],
    ];
    let out = run(
        &p,
        &rows,
        vec![],
        &[
            ("pillar", "A"),
            ("activity", "tache"),
            ("lead_agency", "qui"),
        ],
    );
    assert_eq!(out.plan.activities.len(), 1);
    assert_eq!(out.plan.activities[0].title.text, "Former");
    let now = Timestamp::from_unix_millis(0);
    let err = import_error(&p, &rows, &[("activty", "B")]);
    assert!(matches!(err, SheetError::UnknownField(_)), "{err}");
    let err = import_error(&p, &rows, &[("activity", "Tâches prévues")]);
    assert!(matches!(err, SheetError::UnknownColumn { .. }), "{err}");
    let err = import_sheet(
        &p,
        &Sheet::default(),
        &SheetOptions::default(),
        &now,
        "t",
        Id::new_v4,
        &Unwatched,
    )
    .unwrap_err();
    assert_eq!(err, SheetError::Empty);
    let nothing = Sheet {
        rows: vec![
            vec!["Nom".into(), "Prénom".into()],
            vec!["A".into(), "B".into()],
        ],
        merged: vec![],
    };
    assert_eq!(
        import_sheet(
            &p,
            &nothing,
            &SheetOptions::default(),
            &now,
            "t",
            Id::new_v4,
            &Unwatched
        )
        .unwrap_err(),
        SheetError::NoHeader
    );
}

#[test]
fn column_letters_go_past_z() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_index("AB"), Some(27));
}

/// The fixed costing CSV of `nap import csv` is a layout this importer reads: its
/// `activity_code` column matches the plan's activity of that code (or codes a new one),
/// and a row with an economic code that is not one, or a funding source the plan lacks, is
/// refused with its column rather than read as unclassified or unfunded.
#[test]
fn the_fixed_costing_csv_layout_is_read_with_its_activity_codes_and_checked_sources() {
    let p = crate::sample::sample_plan();
    let a = &p.activities[0];
    let output = p
        .outputs
        .iter()
        .find(|o| o.record.id == a.output_id)
        .unwrap();
    let outcome = p
        .outcomes
        .iter()
        .find(|o| o.record.id == output.outcome_id)
        .unwrap();
    let pillar = p
        .pillars
        .iter()
        .find(|x| x.record.id == outcome.pillar_id)
        .unwrap();
    let source = &p.funding_sources[0].code;
    let header: &[&str] = &[
        "pillar",
        "outcome",
        "output",
        "activity",
        "activity_code",
        "lead_agency",
        "item",
        "unit",
        "unit_cost",
        "currency",
        "year",
        "quantity",
        "economic_code",
        "funding_source",
    ];
    let row = |activity: &str, code: &str, econ: &str, src: &str| -> Vec<String> {
        [
            &pillar.title.text,
            &outcome.title.text,
            &output.title.text,
            activity,
            code,
            "MWA",
            "Printing",
            "copy",
            "2,500",
            "KHR",
            "2027",
            "400",
            econ,
            src,
        ]
        .iter()
        .map(|c| c.to_string())
        .collect()
    };
    let rows = [
        row("Title as the ministry wrote it", &a.code, "2211", source),
        row("Radio spots", "1.1.1.77", "", ""),
        row("Radio spots", "1.1.1.77", "abc", ""),
        row("Radio spots", "1.1.1.77", "2211", "NOPE"),
    ];
    let all: Vec<Vec<&str>> = std::iter::once(header.to_vec())
        .chain(rows.iter().map(|r| r.iter().map(String::as_str).collect()))
        .collect();
    let refs: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
    let out = run(&p, &refs, vec![], &[]);
    let r = &out.review;
    assert_eq!(r.refused.len(), 2, "{:?}", r.refused);
    assert!(r.refused[0].column.starts_with('M'), "{:?}", r.refused[0]);
    assert_eq!(r.refused[0].reason.code, "not_economic_code");
    assert_eq!(r.refused[0].reason.values["value"], "abc");
    assert!(r.refused[1].column.starts_with('N'), "{:?}", r.refused[1]);
    let reason = &r.refused[1].reason;
    assert_eq!(reason.code, "unknown_source", "{reason:?}");
    assert_eq!(reason.values["value"], "NOPE");
    assert!(
        reason.values["sources"].contains(source.as_str()),
        "{reason:?}"
    );
    assert!(reason.message.contains("NOPE") && reason.message.contains(source.as_str()));

    // The first row went to the plan's activity of that code, whatever its title says.
    let added: Vec<&CostLine> = out.plan.cost_lines[p.cost_lines.len()..].iter().collect();
    assert_eq!(added.len(), 2);
    assert_eq!(added[0].activity_id, a.record.id);
    assert_eq!(
        added[0].funding_source_id,
        Some(p.funding_sources[0].record.id)
    );
    let new = out
        .plan
        .activities
        .iter()
        .find(|x| x.record.id == added[1].activity_id)
        .unwrap();
    assert_eq!(
        (new.code.as_str(), new.title.text.as_str()),
        ("1.1.1.77", "Radio spots")
    );
    assert_eq!(
        added[1].economic_code.as_deref(),
        Some(""),
        "empty stays unclassified"
    );
    assert_eq!(count(r, "activity"), (1, 1));
}

/// A row that only names an axis, in a sheet with outcome and activity columns, starts the
/// axis and nothing below it: no placeholder outcome, output or activity for it.
#[test]
fn a_row_naming_only_a_pillar_creates_no_placeholders_under_it() {
    let p = plan("XOF", 2027, 2029);
    let rows: Vec<&[&str]> = vec![
        &["Axe", "Objectif spécifique", "Activité", "2027"],
        &["AXE 1. PRÉVENTION", "", "", ""],
        &["", "OS 1.1 : Sensibiliser", "Émissions radio", "750 000"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    assert!(
        out.review
            .placeholders
            .iter()
            .all(|h| !h.message.contains("PRÉVENTION")),
        "{:?}",
        out.review.placeholders
    );
    assert_eq!(out.plan.activities.len(), 1, "{:?}", out.plan.activities);
    assert_eq!(out.plan.activities[0].title.text, "Émissions radio");
}

/// Records every report; asks to stop at report number `stop_at` (counting from 1).
struct Recorder {
    reports: RefCell<Vec<(u64, u64)>>,
    stop_at: Option<usize>,
}

impl Watch for Recorder {
    fn step(&self, done: u64, total: u64) -> bool {
        let mut reports = self.reports.borrow_mut();
        reports.push((done, total));
        self.stop_at != Some(reports.len())
    }
}

#[test]
fn a_long_sheet_reports_its_rows_as_it_checks_them_and_stops_when_asked() {
    let p = plan("USD", 2026, 2028);
    let header = [
        "Activity",
        "Item",
        "Unit cost",
        "Currency",
        "Year",
        "Quantity",
    ];
    let rows: Vec<Vec<String>> = std::iter::once(header.map(String::from).to_vec())
        .chain((0..1000).map(|i| {
            vec![
                format!("Activity {}", i % 7),
                format!("Item {i}"),
                "10".into(),
                "USD".into(),
                "2027".into(),
                "3".into(),
            ]
        }))
        .collect();
    let sheet = Sheet {
        rows,
        merged: vec![],
    };
    let import = |watch: &dyn Watch| {
        import_sheet(
            &p,
            &sheet,
            &SheetOptions::default(),
            &Timestamp::from_unix_millis(0),
            "t",
            Id::new_v4,
            watch,
        )
    };

    let watched = Recorder {
        reports: RefCell::new(vec![]),
        stop_at: None,
    };
    let done = import(&watched).expect("imported");
    assert_eq!(done.review.rows, 1000);
    let reports = watched.reports.into_inner();
    // 1,001 rows (with the header): one report every REPORT_EVERY rows, rising, each out of
    // all the rows.
    assert_eq!(reports.len(), 1001 / REPORT_EVERY);
    assert!(reports.iter().all(|(_, total)| *total == 1001));
    assert!(reports.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(reports.iter().all(|(done, _)| *done > 0 && *done < 1001));

    let stopper = Recorder {
        reports: RefCell::new(vec![]),
        stop_at: Some(2),
    };
    assert_eq!(import(&stopper).unwrap_err(), SheetError::Stopped);
    assert_eq!(
        stopper.reports.into_inner().len(),
        2,
        "no row checked after the stop"
    );
}

/// A placeholder repeats its parent's title whole, however long a real outcome is; only a
/// title of a page is cut, after a word, without saying how long it was (it is a record's
/// title, not a message).
#[test]
fn a_placeholder_repeats_its_parents_title_whole() {
    let p = plan("XOF", 2027, 2029);
    let long = "Sensibiliser les communautés aux violences basées sur le genre et à leurs recours";
    let page = "Renforcer ".repeat(40);
    let (first, second) = (
        [long, "Émissions radio", "1 000"],
        [page.as_str(), "Ateliers", "2 000"],
    );
    let rows: Vec<&[&str]> = vec![
        &["Objectif spécifique", "Activité", "2027"],
        &first,
        &second,
    ];
    let out = accepted(&p, &rows, vec![]);
    let outputs: Vec<&str> = (out.plan.outputs.iter())
        .map(|o| o.title.text.as_str())
        .collect();
    assert_eq!(
        outputs[0],
        format!("{long} (output not given in the sheet)")
    );
    assert!(
        outputs[1].ends_with("Renforcer… (output not given in the sheet)"),
        "{}",
        outputs[1]
    );
    assert!(outputs[1].chars().count() < 240 && !outputs[1].contains("characters"));
}

/// Agencies named in Khmer or Thai (no capitals, no spaces between words) get numbered
/// codes rather than the first letters of "Ministry of…", and a name seen again is the same
/// agency.
#[test]
fn agencies_named_in_khmer_or_thai_get_numbered_codes() {
    let p = plan("KHR", 2027, 2029);
    let rows: Vec<&[&str]> = vec![
        &["Activity", "Lead agency", "2027"],
        &["Radio", "ក្រសួងកិច្ចការនារី", "1000"],
        &["Shelters", "กระทรวงการพัฒนาสังคม", "2000"],
        &["Training", "ក្រសួងកិច្ចការនារី", "3000"],
        &["Survey", "UNFPA កម្ពុជា", "4000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    assert_eq!(
        out.review.agencies_created,
        [
            "AG1 ក្រសួងកិច្ចការនារី",
            "AG2 กระทรวงการพัฒนาสังคม",
            "UNFPA UNFPA កម្ពុជា"
        ]
    );
    let codes: Vec<&str> = (out.plan.agencies.iter())
        .map(|a| a.code.as_str())
        .filter(|c| c.starts_with("AG") || *c == "UNFPA")
        .collect();
    assert!(codes.ends_with(&["AG1", "AG2", "UNFPA"]), "{codes:?}");
}

/// The records made for levels a budget by pillar does not give are titled in the plan's
/// working language: they are printed in its Khmer annex and documents.
#[test]
fn placeholders_are_titled_in_the_plans_language() {
    let mut p = plan("KHR", 2027, 2029);
    p.meta.working_language = "km".into();
    p.meta.second_language = Some("en".into());
    let rows: Vec<&[&str]> = vec![&["Pillar", "2027"], &["ការការពារ", "1 000 000"]];
    let out = accepted(&p, &rows, vec![]);
    let titled = |list: Vec<&str>| list.into_iter().map(str::to_string).collect::<Vec<_>>();
    let outcomes = titled(
        out.plan
            .outcomes
            .iter()
            .map(|o| o.title.text.as_str())
            .collect(),
    );
    let activities = titled(
        out.plan
            .activities
            .iter()
            .map(|a| a.title.text.as_str())
            .collect(),
    );
    assert!(
        outcomes.contains(&"ការការពារ (លទ្ធផល៖ មិនមានក្នុងតារាង)".to_string()),
        "{outcomes:?}"
    );
    assert!(
        activities.contains(&"ការការពារ (សកម្មភាព៖ មិនមានក្នុងតារាង)".to_string()),
        "{activities:?}"
    );
    assert!(
        (out.review.placeholders.iter()).all(|s| !s.message.contains("not given")),
        "{:?}",
        out.review.placeholders
    );
}

proptest::proptest! {
    /// Any header, however written (digits of several scripts, separators, letters glued to
    /// years), is read without a panic, and a fiscal year found is a year the header's
    /// own digits write.
    #[test]
    fn any_header_is_read_without_a_panic(
        header in "[0-9០-៩๐-๙ /\\-–—FYfyaé]{0,24}",
    ) {
        let p = plan("XOF", 2026, 2030);
        let _ = super::header_year(&header, &p);
        if let Some((year, written)) = super::fiscal_year(&header) {
            let first: String = written.chars().take(4).collect();
            proptest::prop_assert!(
                super::year_word(&first) == Some(year),
                "{header}: {year} from {written}"
            );
        }
    }
}

/// A budget that splits each year's cost between its funders, one group of year columns per
/// funder ("État" and "PTF" over 2026, 2027): each year's cost is the sum of its funders'
/// columns, each funder's share is costed on a line it funds (a source of the plan of that
/// name or acronym, or one made for it as expected funding with those shares as its
/// amounts), and the Total row (one total per column) is checked against the sum. Groups
/// that are not one funder's share (a gap, what is acquired, a total of the others) are not
/// added.
#[test]
fn a_year_split_between_funders_is_the_sum_of_their_columns() {
    let mut p = plan("XOF", 2026, 2030);
    // The plan already has the partners' source, coded with their acronym.
    let partners = Id::from_u128(900);
    p.funding_sources.push(FundingSource {
        record: RecordMeta::new(partners, &Timestamp::from_unix_millis(0), "t"),
        code: "PTF".into(),
        name: LocalText::new("Partenaires"),
        kind: SourceKind::DevelopmentPartner,
        agency_id: None,
        on_budget: false,
        status: FundingStatus::Pledged,
        currency: "XOF".into(),
        amounts: [(2026, Decimal::from(99))].into_iter().collect(),
        earmarks: vec![],
    });
    let rows: Vec<&[&str]> = vec![
        &["Budget (en millions de FCFA)", "", "", "", "", ""],
        &[
            "Activité",
            "État",
            "",
            "Partenaires techniques et financiers (PTF)",
            "",
            "Responsable",
        ],
        &["", "2026", "2027", "2026", "2027", ""],
        &["Former les comités", "10", "12", "5", "6", "MPF"],
        &["Sensibiliser les leaders", "4", "", "8", "8", "MS"],
        &["Total", "14", "12", "13", "14", ""],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            Some("activity"),
            Some("year:2026"),
            Some("year:2027"),
            Some("year:2026"),
            Some("year:2027"),
            Some("lead_agency")
        ]
    );
    assert_eq!(r.columns[1].note.code, "column_year_funder");
    assert_eq!(
        r.columns[3].note.message,
        "amounts of 2026 funded by Partenaires techniques et financiers (PTF) (the year's cost adds the columns of État)"
    );
    // 10 + 4 + 5 + 8 = 27 and 12 + 6 + 8 = 26 millions.
    assert_eq!(year_amounts(r), [(2026, "27000000"), (2027, "26000000")]);
    let checks: Vec<(Option<Year>, &str, &str)> = (r.total_checks.iter())
        .map(|c| (c.year, c.sheet_total.as_str(), c.difference.as_str()))
        .collect();
    assert_eq!(
        checks,
        [(Some(2026), "27000000", "0"), (Some(2027), "26000000", "0")]
    );
    // The State's source is made, expected, with its shares as amounts; the partners' is
    // the plan's own, found by the acronym, and left as it was.
    let state = (out.plan.funding_sources.iter())
        .find(|s| s.code == "ETAT")
        .expect("a source made for the State");
    assert_eq!(
        (
            state.name.text.as_str(),
            state.kind,
            state.status,
            state.on_budget
        ),
        (
            "État",
            SourceKind::NationalBudget,
            FundingStatus::Expected,
            true
        )
    );
    let millions = |n: i64| Decimal::from(n * 1_000_000);
    // 10 + 4 in 2026, 12 in 2027.
    let amounts: PerYear<Decimal> = [(2026, millions(14)), (2027, millions(12))].into();
    assert_eq!(state.amounts, amounts);
    assert_eq!(out.plan.funding_sources.len(), 2);
    assert_eq!(out.plan.funding_sources[0], p.funding_sources[0]);
    assert_eq!(count(r, "funding_source"), (1, 1));
    let notes: Vec<&str> = r.notes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(notes, ["funder_source_created", "funder_source_matched"]);
    // Each funder's share of an activity is a line it funds, the State's first.
    let activity = (out.plan.activities.iter())
        .find(|a| a.title.text == "Former les comités")
        .expect("the first activity");
    let lines: Vec<_> = (out.plan.cost_lines.iter())
        .filter(|l| l.activity_id == activity.record.id)
        .map(|l| {
            let q = |y| l.quantities.get(&y).copied();
            (l.funding_source_id, q(2026), q(2027))
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                Some(state.record.id),
                Some(millions(10)),
                Some(millions(12))
            ),
            (Some(partners), Some(millions(5)), Some(millions(6))),
        ]
    );
    assert!(crate::validate::validate(&out.plan).is_empty());

    // In English and in Khmer.
    // Codes that read: a one-word name is not cut at eight letters ("GOVERNME"), and a
    // name without Latin letters takes its kind's code; one of no known kind is numbered.
    for (state, partners, codes) in [
        ("Government", "Development partners", ["GOV", "DP"]),
        ("Gouvernement", "Bailleurs", ["GOV", "DP"]),
        ("ថវិកាជាតិ", "ដៃគូអភិវឌ្ឍន៍", ["GOV", "DP"]),
    ] {
        let header = ["Activity", state, partners];
        let rows: Vec<&[&str]> = vec![
            &header,
            &["", "2026", "2026"],
            &["Train committees", "3", "4"],
        ];
        let out = accepted(&p, &rows, vec![]);
        assert_eq!(
            year_amounts(&out.review),
            [(2026, "7")],
            "{state} / {partners}"
        );
        let made: Vec<(&str, SourceKind)> = (out.plan.funding_sources.iter().skip(1))
            .map(|s| (s.code.as_str(), s.kind))
            .collect();
        assert_eq!(
            made,
            [
                (codes[0], SourceKind::NationalBudget),
                (codes[1], SourceKind::DevelopmentPartner)
            ],
            "{state} / {partners}"
        );
    }

    // Groups that are not one funder's share: the second column of a year is left out, as
    // before (adding a gap, or a total of the others, would count the cost twice).
    for (first, second) in [
        ("Coût total", "Gap"),
        ("État", "Financement acquis"),
        ("Total (État + PTF)", "État"),
        ("État", "Total (État + PTF)"),
        ("Government", "Government"),
    ] {
        let header = ["Activity", first, second];
        let rows: Vec<&[&str]> = vec![
            &header,
            &["", "2026", "2026"],
            &["Train committees", "3", "4"],
        ];
        let out = accepted(&p, &rows, vec![]);
        let r = &out.review;
        assert_eq!(year_amounts(r), [(2026, "3")], "{first} / {second}");
        assert_eq!(
            r.columns[2].note.code, "column_second_year",
            "{first} / {second}"
        );
    }
}

/// A lump sum a row gives without naming an item is named in the plan's working language:
/// the name is the plan's text, printed in its annex.
#[test]
fn a_lump_sum_without_an_item_is_named_in_the_plans_working_language() {
    let rows: Vec<&[&str]> = vec![&["Activité", "2026"], &["Former les comités", "10"]];
    for (language, item) in [("fr", "Forfait"), ("en", "Lump sum"), ("th", "เหมาจ่าย")]
    {
        let mut p = plan("XOF", 2026, 2030);
        p.meta.working_language = language.into();
        let out = accepted(&p, &rows, vec![]);
        let names: Vec<&str> = (out.plan.cost_lines.iter())
            .map(|l| l.item.text.as_str())
            .collect();
        assert_eq!(names, [item], "{language}");
    }
}

/// A header over three rows: the cost's group ("Coût (en millions de FCFA)"), the funders it
/// is split between, each over its years, and the years. Read whether the row of fields or
/// the row of years (here the one with more recognised headers) is found first.
#[test]
fn a_header_of_three_rows_splits_the_years_between_funders_under_the_costs_group() {
    let p = plan("XOF", 2026, 2030);
    let two_years: Vec<&[&str]> = vec![
        &[
            "Activité",
            "Coût total (en millions de FCFA)",
            "",
            "",
            "",
            "Responsable",
        ],
        &["", "État", "", "PTF", "", ""],
        &["", "2026", "2027", "2026", "2027", ""],
        &["Former les comités", "10", "12", "5", "6", "MPF"],
        &["Total", "10", "12", "5", "6", ""],
    ];
    let four_years: Vec<&[&str]> = vec![
        &[
            "Activité",
            "Coût total (en millions de FCFA)",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &["", "État", "", "", "", "PTF", "", "", ""],
        &[
            "", "2026", "2027", "2028", "2029", "2026", "2027", "2028", "2029",
        ],
        &["Former les comités", "10", "12", "", "", "5", "6", "", ""],
        &["Total", "10", "12", "", "", "5", "6", "", ""],
    ];
    for rows in [two_years, four_years] {
        let out = accepted(&p, &rows, vec![]);
        let r = &out.review;
        assert_eq!((r.header_row, r.header_last_row), (1, 3), "{rows:?}");
        assert_eq!(r.rows, 1);
        assert_eq!(
            r.columns[1].header,
            "Coût total (en millions de FCFA) › État › 2026"
        );
        assert_eq!(r.columns[1].multiple.as_deref(), Some("1000000"));
        // "Coût total" above them does not stop the funders' columns from being added.
        assert_eq!(year_amounts(r), [(2026, "15000000"), (2027, "18000000")]);
        assert!(r.total_checks.iter().all(|c| c.difference == "0"));
        let codes: Vec<&str> = (out.plan.funding_sources.iter())
            .map(|s| s.code.as_str())
            .collect();
        assert_eq!(codes, ["ETAT", "PTF"]);
        assert_eq!(out.plan.cost_lines.len(), 2, "a line per funder");
    }

    // A row under the fields that is not over years only (a first data row) is data.
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Responsable", "2026"],
        &["Former les comités", "MPF", ""],
        &["", "", "2027"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    assert_eq!(out.review.header_last_row, 1);
}

/// The fields' cells of a header over two or three rows are often merged down to its last
/// row ("Activité" over rows 1–3): read as the field, not as a year or a funder.
#[test]
fn fields_merged_down_the_rows_of_the_header_are_still_the_fields() {
    let p = plan("XOF", 2026, 2030);
    let down = |rows: usize, col: usize| Merged {
        first_row: 0,
        first_col: col,
        last_row: rows - 1,
        last_col: col,
    };
    let two: Vec<&[&str]> = vec![
        &[
            "Activité",
            "Budget (en millions de FCFA)",
            "",
            "Responsable",
        ],
        &["", "2026", "2027", ""],
        &["Former les comités", "1", "2", "MPF"],
    ];
    let out = accepted(&p, &two, vec![down(2, 0), down(2, 3)]);
    let r = &out.review;
    assert_eq!((r.header_row, r.header_last_row), (1, 2));
    assert_eq!(
        column_fields(r),
        [
            Some("activity"),
            Some("year:2026"),
            Some("year:2027"),
            Some("lead_agency")
        ]
    );
    assert_eq!(r.columns[0].header, "Activité");
    assert_eq!(year_amounts(r), [(2026, "1000000"), (2027, "2000000")]);

    let three: Vec<&[&str]> = vec![
        &[
            "Activité",
            "Coût (en millions de FCFA)",
            "",
            "",
            "",
            "Responsable",
        ],
        &["", "État", "", "PTF", "", ""],
        &["", "2026", "2027", "2026", "2027", ""],
        &["Former les comités", "10", "12", "5", "6", "MPF"],
    ];
    let out = accepted(&p, &three, vec![down(3, 0), down(3, 5)]);
    let r = &out.review;
    assert_eq!((r.header_row, r.header_last_row), (1, 3));
    assert_eq!(column_fields(r)[5], Some("lead_agency"));
    assert_eq!(year_amounts(r), [(2026, "15000000"), (2027, "18000000")]);
}

/// Beside the funders' columns, a group of what no funder covers yet ("Gap", "Besoin de
/// financement") is the rest of the year's cost: added, on a line funded by no source. Without
/// a funder beside it, or after a total, it is a second column of the year, left out.
#[test]
fn a_funders_share_in_another_currency_is_counted_at_the_plans_rate() {
    let mut p = plan("XOF", 2026, 2030);
    // 655.957 francs to the euro in 2026 only: 2027's shares in euros cannot be counted.
    p.exchange_rates.push(ExchangeRate {
        record: RecordMeta::new(Id::from_u128(901), &Timestamp::from_unix_millis(0), "t"),
        currency: "EUR".into(),
        year: Some(2026),
        rate: "655.957".parse().unwrap(),
        date: crate::time::IsoDate::from_ymd(2025, 12, 31).unwrap(),
        source: String::new(),
    });
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Devise", "État", "", "PTF", ""],
        &["", "", "2026", "2027", "2026", "2027"],
        &[
            "Former les comités",
            "XOF",
            "1000000",
            "2000000",
            "500000",
            "600000",
        ],
        &[
            "Sensibiliser les leaders",
            "EUR",
            "1000.50",
            "300",
            "",
            "200",
        ],
    ];
    let out = accepted(&p, &rows, vec![]);
    let source = |code: &str| {
        (out.plan.funding_sources.iter())
            .find(|s| s.code == code)
            .unwrap_or_else(|| panic!("a source made for {code}"))
    };
    let (state, partners) = (source("ETAT"), source("PTF"));
    assert_eq!(
        (state.currency.as_str(), partners.currency.as_str()),
        ("XOF", "XOF")
    );
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    // 1,000.50 € × 655.957 = 656,284.9785 francs, 656,285 in whole francs (XOF has no
    // minor unit); 2027's 300 € are left out.
    let amounts: PerYear<Decimal> = [(2026, d("1656285")), (2027, d("2000000"))].into();
    assert_eq!(state.amounts, amounts);
    let amounts: PerYear<Decimal> = [(2026, d("500000")), (2027, d("600000"))].into();
    assert_eq!(partners.amounts, amounts);
    let without_rate: Vec<_> = (out.review.notes.iter())
        .filter(|n| n.code == "funder_share_without_rate")
        .map(|n| (n.values["code"].as_str(), n.values["years"].as_str()))
        .collect();
    assert_eq!(without_rate, [("ETAT", "2027"), ("PTF", "2027")]);
    // In the order the sources were made, whatever their ids (the app's are random).
    let mut n = u128::MAX;
    let descending = import_sheet(
        &p,
        &sheet_of(&rows, vec![]),
        &SheetOptions::default(),
        &Timestamp::from_unix_millis(0),
        "import",
        || {
            n -= 1;
            Id::from_u128(n)
        },
        &Unwatched,
    )
    .expect("imported");
    let codes: Vec<_> = (descending.review.notes.iter())
        .filter(|n| n.code == "funder_share_without_rate")
        .map(|n| n.values["code"].as_str())
        .collect();
    assert_eq!(codes, ["ETAT", "PTF"]);
    let note = (out.review.notes.iter())
        .find(|n| n.code == "funder_share_without_rate")
        .unwrap();
    assert!(
        note.message.contains("EUR") && note.message.contains("XOF"),
        "{}",
        note.message
    );
    // The euro lines are the sheet's amounts, in euros, funded by the sources made.
    let euro_lines: Vec<_> = (out.plan.cost_lines.iter())
        .filter(|l| l.currency.as_deref() == Some("EUR"))
        .map(|l| (l.funding_source_id, l.quantities.clone()))
        .collect();
    assert_eq!(
        euro_lines,
        [
            (
                Some(state.record.id),
                [(2026, d("1000.50")), (2027, d("300"))].into()
            ),
            (Some(partners.record.id), [(2027, d("200"))].into()),
        ]
    );
    // A sheet whose first row is in euros still makes the sources in francs, the plan's
    // currency, with the francs as written and the euros converted.
    let euros_first: Vec<&[&str]> = vec![rows[0], rows[1], rows[3], rows[2]];
    let reordered = accepted(&p, &euros_first, vec![]);
    let state = (reordered.plan.funding_sources.iter())
        .find(|s| s.code == "ETAT")
        .expect("a source made for the State");
    assert_eq!(state.currency, "XOF");
    let amounts: PerYear<Decimal> = [(2026, d("1656285")), (2027, d("2000000"))].into();
    assert_eq!(state.amounts, amounts);
}

#[test]
fn a_gap_beside_the_funders_columns_is_the_rest_of_the_years_cost() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["Activité", "État", "PTF", "Gap de financement"],
        &["", "2026", "2026", "2026"],
        &["Former les comités", "10", "5", "7"],
        &["Total", "10", "5", "7"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(year_amounts(r), [(2026, "22")]);
    assert_eq!(r.total_checks[0].difference, "0");
    assert_eq!(r.columns[3].note.code, "column_year_unfunded");
    assert_eq!(
        r.columns[3].note.message,
        "amounts of 2026 no funder covers yet (Gap de financement): added to the columns of État, PTF, on no funding source"
    );
    let codes: Vec<&str> = (out.plan.funding_sources.iter())
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(codes, ["ETAT", "PTF"], "no source for the gap");
    let mut lines: Vec<(Option<&str>, String)> = (out.plan.cost_lines.iter())
        .map(|l| {
            let source = (out.plan.funding_sources.iter())
                .find(|s| Some(s.record.id) == l.funding_source_id)
                .map(|s| s.code.as_str());
            (source, l.quantities[&2026].to_string())
        })
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            (None, "7".to_string()),
            (Some("ETAT"), "10".to_string()),
            (Some("PTF"), "5".to_string())
        ]
    );

    for (first, second) in [("Gap", "Besoin de financement"), ("Coût", "Gap")] {
        let header = ["Activity", first, second];
        let rows: Vec<&[&str]> = vec![&header, &["", "2026", "2026"], &["Train", "3", "4"]];
        let out = accepted(&p, &rows, vec![]);
        assert_eq!(
            year_amounts(&out.review),
            [(2026, "3")],
            "{first} / {second}"
        );
        assert!(out.plan.funding_sources.is_empty());
    }
}

/// A logframe whose header has two levels ("Indicateurs" over its statement and target) and
/// whose other fields are merged down both rows: the fields are read from the lower row.
#[test]
fn a_two_level_header_of_fields_merged_down_is_read_whole() {
    let p = plan("XOF", 2026, 2030);
    let rows: Vec<&[&str]> = vec![
        &["Résultat", "Indicateurs", "", "Responsable"],
        &["", "Indicateur", "Cible", ""],
        &[
            "Les femmes participent",
            "Part des femmes élues",
            "30",
            "MPF",
        ],
    ];
    let down = |col: usize| Merged {
        first_row: 0,
        first_col: col,
        last_row: 1,
        last_col: col,
    };
    let out = accepted(&p, &rows, vec![down(0), down(3)]);
    let r = &out.review;
    assert_eq!(r.rows, 1, "{:?}", r.columns);
    assert_eq!(
        column_fields(r),
        [
            Some("output"),
            Some("indicator"),
            Some("target"),
            Some("lead_agency")
        ]
    );
}

/// A costing sheet whose only hierarchy column is the activity, the axis, specific objective
/// and result above it given by heading rows that say which they are.
#[test]
fn heading_rows_that_name_their_level_give_that_level() {
    let p = plan("XOF", 2027, 2028);
    let rows: Vec<&[&str]> = vec![
        &["Budget du PAN 1325", "", ""],
        &["Activités", "2027", "2028"],
        &["AXE 1. PRÉVENTION", "", ""],
        &["Objectif spécifique 1.1 : Renforcer la prévention", "", ""],
        &[
            "Résultat 1.1.1 : Les communautés sont sensibilisées",
            "",
            "",
        ],
        &["Émissions radio", "1 000 000", "1 200 000"],
        &["Caravanes", "500 000", ""],
        &["Résultat 1.1.2 : Les leaders s'engagent", "", ""],
        &["Ateliers des leaders", "", "800 000"],
        &["AXE 2. PROTECTION", "", ""],
        &["Résultat 2.1.1 : Des centres sont ouverts", "", ""],
        &["Équipement des centres", "2 000 000", ""],
    ];
    let out = accepted(&p, &rows, vec![]);
    let plan = &out.plan;
    assert_eq!(
        pillar_codes(plan),
        vec![("1", "PRÉVENTION"), ("2", "PROTECTION")]
    );
    let outcome = &plan.outcomes[0];
    assert_eq!(
        (outcome.code.as_str(), outcome.title.text.as_str()),
        ("1.1", "Renforcer la prévention")
    );
    assert_eq!(outcome.pillar_id, plan.pillars[0].record.id);
    let outputs: Vec<(&str, &str)> = (plan.outputs.iter())
        .map(|o| (o.code.as_str(), o.title.text.as_str()))
        .collect();
    assert_eq!(
        outputs,
        vec![
            ("1.1.1", "Les communautés sont sensibilisées"),
            ("1.1.2", "Les leaders s'engagent"),
            ("2.1.1", "Des centres sont ouverts"),
        ]
    );
    assert!(
        plan.outputs[..2]
            .iter()
            .all(|o| o.outcome_id == outcome.record.id),
        "both results of axis 1 are under its specific objective"
    );
    // Axis 2 names no specific objective: one placeholder outcome under it, and nothing
    // else is a placeholder.
    assert_eq!(plan.outcomes.len(), 2);
    assert_eq!(plan.outcomes[1].pillar_id, plan.pillars[1].record.id);
    assert_eq!(plan.outputs[2].outcome_id, plan.outcomes[1].record.id);
    assert_eq!(
        out.review.placeholders.len(),
        1,
        "{:?}",
        out.review.placeholders
    );
    let under = |title: &str| {
        let a = plan
            .activities
            .iter()
            .find(|a| a.title.text == title)
            .unwrap();
        let o = plan
            .outputs
            .iter()
            .find(|o| o.record.id == a.output_id)
            .unwrap();
        o.code.as_str()
    };
    assert_eq!(under("Émissions radio"), "1.1.1");
    assert_eq!(under("Caravanes"), "1.1.1");
    assert_eq!(under("Ateliers des leaders"), "1.1.2");
    assert_eq!(under("Équipement des centres"), "2.1.1");
    assert_eq!(validate(plan), vec![]);
}

/// A heading that names no level is the level above the highest column; one naming a higher
/// level gives that level, and the unworded headings under it stay in it.
#[test]
fn a_heading_without_a_level_word_is_the_level_above_the_highest_column() {
    let p = plan("XOF", 2027, 2027);
    let rows: Vec<&[&str]> = vec![
        &["Résultat attendu", "Activité", "2027"],
        &["Axe 1 - Participation", "", ""],
        &["Renforcer le leadership des femmes", "", ""],
        &["1.1.1 Les femmes sont formées", "Formations", "300 000"],
        &["Protéger les défenseures", "", ""],
        &["1.1.2 Les élues sont appuyées", "Mentorat", "100 000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let plan = &out.plan;
    assert_eq!(plan.pillars.len(), 1);
    assert_eq!(plan.pillars[0].title.text, "Participation");
    // The unworded headings are outcomes of the named axis.
    let outcomes: Vec<&str> = (plan.outcomes.iter())
        .map(|o| o.title.text.as_str())
        .collect();
    assert_eq!(
        outcomes,
        vec![
            "Renforcer le leadership des femmes",
            "Protéger les défenseures"
        ]
    );
    assert!(plan
        .outcomes
        .iter()
        .all(|o| o.pillar_id == plan.pillars[0].record.id));
}

/// Khmer and Thai plans number their headings in their own digits, after an ordinal word.
#[test]
fn khmer_and_thai_headings_name_their_level_and_number_in_their_own_digits() {
    let (khr, thb) = (plan("KHR", 2027, 2027), plan("THB", 2027, 2027));
    let rows: Vec<&[&str]> = vec![
        &["សកម្មភាព", "២០២៧"],
        &["សសរស្តម្ភទី ១៖ ការការពារ", ""],
        &["លទ្ធផលទី ១.១ ស្ត្រីមានសុវត្ថិភាព", ""],
        &["វគ្គបណ្តុះបណ្តាល", "៤០០ ០០០"],
    ];
    let out = accepted(&khr, &rows, vec![]);
    let plan = &out.plan;
    assert_eq!(pillar_codes(plan)[0], ("1", "ការការពារ"));
    assert_eq!(outcome_codes(plan)[0], ("1.1", "ស្ត្រីមានសុវត្ថិភាព"));
    assert_eq!(plan.outcomes.len(), 1);

    let rows: Vec<&[&str]> = vec![
        &["กิจกรรม", "2570"],
        &["ยุทธศาสตร์ที่ 2 การคุ้มครอง", ""],
        &["ผลลัพธ์ที่ ๒.๑ ผู้รอดชีวิตได้รับการดูแล", ""],
        &["จัดตั้งศูนย์พึ่งได้", "150000"],
    ];
    let out = accepted(&thb, &rows, vec![]);
    let plan = &out.plan;
    assert_eq!(pillar_codes(plan)[0], ("2", "การคุ้มครอง"));
    assert_eq!(outcome_codes(plan)[0], ("2.1", "ผู้รอดชีวิตได้รับการดูแล"));
}

/// The plan `p` with the euro's rate for `year` (1 EUR = 655.957 XOF).
fn with_euro_rate(mut p: Plan, year: Year) -> Plan {
    p.exchange_rates.push(ExchangeRate {
        record: RecordMeta::new(Id::from_u128(902), &Timestamp::from_unix_millis(0), "t"),
        currency: "EUR".into(),
        year: Some(year),
        rate: "655.957".parse().unwrap(),
        date: crate::time::IsoDate::from_ymd(2025, 12, 31).unwrap(),
        source: String::new(),
    });
    p
}

/// A Total row under rows in francs and in euros adds them up in francs at the plan's rate,
/// as the costing does; a Total that added euros to francs as they are is off by the
/// difference; a sheet all in euros totals euros.
#[test]
fn a_total_over_several_currencies_is_checked_in_the_plans_at_its_rate() {
    let p = with_euro_rate(plan("XOF", 2026, 2027), 2026);
    // 1 000 EUR is 655 957 XOF: the rows add up to 1 655 957 in 2026.
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Devise", "2026"],
        &["Formations", "FCFA", "1 000 000"],
        &["Expertise", "EUR", "1 000"],
        &["Sous-total", "", "1 655 957"],
        &["Total", "", "1 001 000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let checks: Vec<(usize, &str, &str, &str, &[String])> = (out.review.total_checks.iter())
        .map(|c| {
            (
                c.row,
                c.imported.as_str(),
                c.difference.as_str(),
                c.currency.as_str(),
                c.converted.as_slice(),
            )
        })
        .collect();
    let eur = ["EUR".to_string()];
    assert_eq!(
        checks,
        vec![
            (4, "1655957", "0", "XOF", &eur[..]),
            (5, "1655957", "-654957", "XOF", &eur[..]),
        ]
    );
    let costing = crate::costing::compute(&out.plan, None).unwrap();
    assert_eq!(costing.total(), "1655957".parse::<Decimal>().unwrap());

    // A sub-total whose rows are in euros in one year and francs in another totals francs
    // in both: its 2026 is the euros converted.
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Devise", "2026", "2027"],
        &["Expertise", "EUR", "1 000", ""],
        &["Formations", "FCFA", "", "2 000 000"],
        &["Sous-total", "", "655 957", "2 000 000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let checks: Vec<(Option<Year>, &str, &str)> = (out.review.total_checks.iter())
        .map(|c| (c.year, c.difference.as_str(), c.currency.as_str()))
        .collect();
    assert_eq!(
        checks,
        vec![(Some(2026), "0", "XOF"), (Some(2027), "0", "XOF")]
    );

    // All in euros: the total is the euros'.
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Devise", "2026"],
        &["Expertise", "EUR", "1 000"],
        &["Voyages", "EUR", "250,50"],
        &["Total", "", "1 250,50"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let c = &out.review.total_checks[0];
    assert_eq!(
        (
            c.imported.as_str(),
            c.difference.as_str(),
            c.currency.as_str()
        ),
        ("1250.5", "0", "EUR")
    );
    assert!(c.converted.is_empty());
}

/// Without the rate of a year, a Total over several currencies is not checked, and the
/// review says which rate is missing rather than comparing amounts that cannot be added.
#[test]
fn a_total_over_currencies_without_a_rate_is_said_not_checked() {
    let p = with_euro_rate(plan("XOF", 2026, 2027), 2026);
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Devise", "2026", "2027"],
        &["Formations", "FCFA", "1 000 000", "1 000 000"],
        &["Expertise", "EUR", "1 000", "2 000"],
        &["Total", "", "1 655 957", "3 000"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    let r = &out.review;
    let checked: Vec<Option<Year>> = r.total_checks.iter().map(|c| c.year).collect();
    assert_eq!(checked, vec![Some(2026)], "{:?}", r.total_checks);
    assert_eq!(r.total_checks[0].difference, "0");
    let said: Vec<&Said> = (r.notes.iter())
        .filter(|n| n.code == "total_without_rate")
        .collect();
    assert_eq!(said.len(), 1, "{:?}", r.notes);
    assert_eq!(said[0].values["row"], "4");
    assert_eq!(said[0].values["currency"], "EUR");
    assert_eq!(said[0].values["base"], "XOF");
    assert_eq!(said[0].values["years"], "2027");
    assert!(!said[0].message.contains('{'), "{}", said[0].message);
}

/// A sheet with a year column and one amount column: its Total row adds up every year.
#[test]
fn a_total_under_an_amount_column_with_a_year_column_adds_up_every_year() {
    let p = plan("GEL", 2026, 2027);
    let rows: Vec<&[&str]> = vec![
        &["Activity", "Year", "Amount"],
        &["Training of police", "2026", "12,000"],
        &["Training of police", "2027", "8,500"],
        &["Shelter running costs", "2027", "30,000"],
        &["Total", "", "50,500"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let checks: Vec<(Option<Year>, &str, &str)> = (out.review.total_checks.iter())
        .map(|c| (c.year, c.imported.as_str(), c.difference.as_str()))
        .collect();
    assert_eq!(checks, vec![(None, "50500", "0")]);
}

/// Total rows as Thai and Khmer budgets write them, and a French budget with a "TOTAL AXE"
/// row per axis before its grand total: each is checked against the rows it adds up, and
/// none is imported as an activity.
#[test]
fn totals_per_section_and_grand_totals_are_told_apart_in_every_language() {
    let p = plan("THB", 2027, 2028);
    let rows: Vec<&[&str]> = vec![
        &["กิจกรรม", "2570", "2571"],
        &["ยุทธศาสตร์ที่ 1 การป้องกัน", "", ""],
        &["อบรมเจ้าหน้าที่ตำรวจ", "1,200,000", "1,200,000"],
        &["รวมพลังสตรีในชุมชน", "300,000", ""],
        &["รวม", "1,500,000", "1,200,000"],
        &["ยุทธศาสตร์ที่ 2 การคุ้มครอง", "", ""],
        &["จัดตั้งศูนย์พึ่งได้", "2,500,000", "3,000,000"],
        &["รวมย่อย", "2,500,000", "3,000,000"],
        &["รวมทั้งสิ้น", "4,000,000", "4,200,000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    assert_eq!(
        activity_titles(&out.plan),
        ["อบรมเจ้าหน้าที่ตำรวจ", "รวมพลังสตรีในชุมชน", "จัดตั้งศูนย์พึ่งได้"],
        "an activity whose name begins with รวม is an activity"
    );
    let checks: Vec<(usize, &str, &str)> = (out.review.total_checks.iter())
        .map(|c| (c.row, c.imported.as_str(), c.difference.as_str()))
        .collect();
    assert_eq!(
        checks,
        vec![
            (5, "1500000", "0"),
            (5, "1200000", "0"),
            (8, "2500000", "0"),
            (8, "3000000", "0"),
            (9, "4000000", "0"),
            (9, "4200000", "0"),
        ]
    );

    let p = plan("KHR", 2027, 2027);
    let rows: Vec<&[&str]> = vec![
        &["សកម្មភាព", "២០២៧"],
        &["វគ្គបណ្តុះបណ្តាល", "៤០០ ០០០"],
        &["សរុបរង", "៤០០ ០០០"],
        &["វេទិកាយុវជន", "១០០ ០០០"],
        &["សរុបរង", "១០០ ០០០"],
        &["សរុបរួម", "៥០០ ០០០"],
    ];
    let out = accepted(&p, &rows, vec![]);
    assert_eq!(out.plan.activities.len(), 2);
    let imported: Vec<&str> = (out.review.total_checks.iter())
        .map(|c| c.imported.as_str())
        .collect();
    assert_eq!(imported, ["400000", "100000", "500000"]);

    // Vietnamese: "Tổng cộng" is the grand total, "Tổng" alone a total, and an activity
    // that opens with "Tổng kết" (a review) is an activity.
    let p = plan("VND", 2027, 2027);
    let rows: Vec<&[&str]> = vec![
        &["Hoạt động", "2027"],
        &["Tổng kết 5 năm thực hiện Kế hoạch", "50.000.000"],
        &["Tổng", "50.000.000"],
        &["Tập huấn cán bộ", "20.000.000"],
        &["Tổng cộng", "70.000.000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    assert_eq!(
        activity_titles(&out.plan),
        ["Tổng kết 5 năm thực hiện Kế hoạch", "Tập huấn cán bộ"]
    );
    let imported: Vec<&str> = (out.review.total_checks.iter())
        .map(|c| c.imported.as_str())
        .collect();
    assert_eq!(imported, ["50000000", "70000000"]);

    // "TOTAL AXE 1" is the axis's total, and a plain "TOTAL" after the axes the sheet's;
    // one that agrees with neither is reported against its own axis.
    let p = plan("XOF", 2027, 2027);
    let rows: Vec<&[&str]> = vec![
        &["Axe", "Activité", "2027"],
        &["1. Prévention", "Émissions radio", "1 000"],
        &["TOTAL AXE 1", "", "1 000"],
        &["2. Protection", "Centres", "2 000"],
        &["", "Formations", "500"],
        &["TOTAL AXE 2", "", "2 400"],
        &["TOTAL", "", "3 500"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let checks: Vec<(usize, &str, &str)> = (out.review.total_checks.iter())
        .map(|c| (c.row, c.imported.as_str(), c.difference.as_str()))
        .collect();
    assert_eq!(
        checks,
        vec![(3, "1000", "0"), (6, "2500", "-100"), (7, "3500", "0")]
    );
}

/// The matrix francophone plans are written in: axes, objectives and actions with a
/// "Coût total (FCFA)" and a "Période" column. The cost of a row over several years is
/// spread evenly over them (the francs' rounding on the last year), a row of one year is
/// that year's, "Continu" is every year of the plan, and the review says which rows were
/// spread.
#[test]
fn a_matrix_with_a_total_cost_and_a_period_spreads_each_cost_over_its_years() {
    let p = plan("XOF", 2026, 2028);
    let rows: Vec<&[&str]> = vec![
        &[
            "Axes stratégiques",
            "Objectifs spécifiques",
            "Actions",
            "Responsables",
            "Coût total (FCFA)",
            "Période",
        ],
        &[
            "Axe 1 : Prévention",
            "OS 1.1 : Réduire les VBG",
            "Organiser des campagnes",
            "MFFE",
            "25 000 000",
            "2026-2028",
        ],
        &["", "", "Former les leaders", "MFFE", "12 500 000", "2026"],
        &[
            "Axe 2 : Participation",
            "OS 2.1 : Accroître la représentation",
            "Plaidoyer auprès des partis",
            "MFFE",
            "8 000 001",
            "2027 – 2028",
        ],
        &["", "", "Suivi du plan", "MFFE", "900 000", "Continu"],
        &["TOTAL", "", "", "", "46 400 001", ""],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            Some("pillar"),
            Some("outcome"),
            Some("activity"),
            Some("lead_agency"),
            Some("amount"),
            Some("year")
        ]
    );
    assert_eq!(r.columns[4].note.code, "column_total_amount");
    let plan = &out.plan;
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let years_of = |title: &str| -> Vec<(Year, Decimal)> {
        let a = plan
            .activities
            .iter()
            .find(|a| a.title.text == title)
            .unwrap();
        let line = (plan.cost_lines.iter())
            .find(|l| l.activity_id == a.record.id)
            .unwrap();
        (line.quantities.iter())
            .map(|(y, q)| (*y, q.saturating_mul(line.unit_cost.unwrap_or(Decimal::ONE))))
            .collect()
    };
    assert_eq!(
        years_of("Organiser des campagnes"),
        [
            (2026, d("8333333")),
            (2027, d("8333333")),
            (2028, d("8333334"))
        ]
    );
    assert_eq!(years_of("Former les leaders"), [(2026, d("12500000"))]);
    // The split is the import's, and the line says so with the sheet's figure.
    let notes: Vec<&str> = (plan.cost_lines.iter()).map(|l| l.note.as_str()).collect();
    assert_eq!(
        notes,
        [
            "“25 000 000” in the sheet for 2026–2028, spread evenly",
            "",
            "“8 000 001” in the sheet for 2027–2028, spread evenly",
            "“900 000” in the sheet for 2026–2028, spread evenly",
        ]
    );
    assert_eq!(
        years_of("Plaidoyer auprès des partis"),
        [(2027, d("4000000")), (2028, d("4000001"))]
    );
    assert_eq!(
        years_of("Suivi du plan"),
        [
            (2026, d("300000")),
            (2027, d("300000")),
            (2028, d("300000"))
        ]
    );
    let spread = r.notes.iter().find(|n| n.code == "amounts_spread").unwrap();
    assert_eq!(spread.values["rows"], "2, 4–5");
    assert_eq!(r.total_checks.len(), 1);
    assert_eq!(r.total_checks[0].difference, "0");
    let costing = crate::costing::compute(plan, None).unwrap();
    assert_eq!(costing.total(), d("46400001"));
}

/// A period outside the plan, a period on a unit-cost row, and a period cell that names no
/// year are refused with the row and column; "Coût total" beside year columns is a total
/// to check, not a second amount.
#[test]
fn periods_that_cannot_be_costed_are_refused_and_a_total_cost_beside_years_is_checked() {
    let p = plan("XOF", 2026, 2028);
    let rows: Vec<&[&str]> = vec![
        &["Actions", "Coût total", "Période"],
        &["Campagnes", "1 000", "2025-2027"],
        &["Formations", "1 000", "dès que possible"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    let refused: Vec<(usize, &str)> = (out.review.refused.iter())
        .map(|f| (f.row, f.reason.code.as_str()))
        .collect();
    assert_eq!(refused, [(2, "not_plan_year"), (3, "not_plan_year")]);
    let rows: Vec<&[&str]> = vec![
        &["Actions", "Coût total", "Période"],
        &["Campagnes", "1 000", "2026-2027"],
    ];
    let one = accepted(&p, &rows, vec![]);
    let said = (one.review.notes.iter())
        .find(|n| n.code == "amounts_spread_one")
        .unwrap();
    assert_eq!(
        said.message.split(':').next(),
        Some("The amount of row 2 is for several years (its period)")
    );
    // In a table in thousands, the line's note gives the sheet's figure and its multiple.
    let rows: Vec<&[&str]> = vec![
        &["Actions", "Coût total (en milliers de FCFA)", "Période"],
        &["Campagnes", "1 000", "2026-2027"],
    ];
    let thousands = accepted(&p, &rows, vec![]);
    assert_eq!(
        thousands.plan.cost_lines[0].note,
        "“1 000 × 1000” in the sheet for 2026–2027, spread evenly"
    );
    assert_eq!(
        line_years(&thousands.plan),
        [vec![
            (2026, "500000".parse().unwrap()),
            (2027, "500000".parse().unwrap())
        ]]
    );

    let rows: Vec<&[&str]> = vec![
        &["Activité", "Coût unitaire", "Quantité", "Période"],
        &["Ateliers", "500 000", "4", "2026-2027"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    let f = &out.review.refused[0];
    assert_eq!((f.row, f.reason.code.as_str()), (2, "unit_cost_over_years"));
    assert!(
        f.reason.message.contains("“2026-2027”"),
        "{}",
        f.reason.message
    );

    let rows: Vec<&[&str]> = vec![
        &["Activité", "2026", "2027", "Coût total"],
        &["Ateliers", "1 000", "2 000", "3 500"],
    ];
    let out = accepted(&p, &rows, vec![]);
    assert_eq!(
        column_fields(&out.review),
        [Some("activity"), Some("year:2026"), Some("year:2027"), None]
    );
    assert!(out.review.columns[3].total);
    assert_eq!(out.plan.cost_lines.len(), 1);
    let differs = (out.review.notes.iter())
        .find(|n| n.code == "total_differs")
        .unwrap();
    assert_eq!(differs.values["total"], "3,500");
}

#[test]
fn a_period_cell_gives_its_years_and_an_amount_is_cut_evenly_over_them() {
    let p = plan("USD", 2026, 2030);
    let years = |cell: &str| row_years(cell, &p);
    assert_eq!(years("2027"), Ok(vec![2027]));
    assert_eq!(years("FY 2026/27"), Ok(vec![2026]), "a fiscal year");
    assert_eq!(years("T2 2028"), Ok(vec![2028]));
    assert_eq!(years("2026 à 2028"), Ok(vec![2026, 2027, 2028]));
    assert_eq!(years("2026–2027"), Ok(vec![2026, 2027]));
    assert_eq!(
        years("2570-2572"),
        Ok(vec![2027, 2028, 2029]),
        "Buddhist Era"
    );
    assert_eq!(years("២០២៦-២០២៧"), Ok(vec![2026, 2027]), "Khmer digits");
    assert_eq!(years("2026, 2028 et 2030"), Ok(vec![2026, 2028, 2030]));
    assert_eq!(years("En continu"), Ok((2026..=2030).collect()));
    assert_eq!(years("ทุกปี"), Ok((2026..=2030).collect()));
    assert_eq!(years("2024-2027"), Err(vec![2024, 2025]));
    assert_eq!(years("à définir"), Err(vec![]));

    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(
        spread_evenly(d("1000"), &[2026, 2027, 2028], "USD"),
        [
            (2026, d("333.33")),
            (2027, d("333.33")),
            (2028, d("333.34"))
        ]
    );
    assert_eq!(
        spread_evenly(d("1000"), &[2026, 2027, 2028], "KHR"),
        [(2026, d("333")), (2027, d("333")), (2028, d("334"))]
    );
    assert_eq!(spread_evenly(d("7.5"), &[2027], "USD"), [(2027, d("7.5"))]);
    assert_eq!(ranges([2, 3, 4, 7, 9, 10]), "2–4, 7, 9–10");
}

/// A costing sheet's "Coût total" column beside unit cost and quantity is each line's total:
/// checked against unit cost × quantity, not imported again.
#[test]
fn a_line_total_beside_unit_cost_and_quantity_is_checked_not_added() {
    let p = plan("XOF", 2026, 2027);
    let rows: Vec<&[&str]> = vec![
        &[
            "Activité",
            "Désignation",
            "Coût unitaire",
            "Quantité",
            "Année",
            "Coût total",
        ],
        &[
            "Ateliers",
            "Location de salle",
            "150 000",
            "4",
            "2026",
            "600 000",
        ],
        &["Ateliers", "Pauses-café", "2 500", "120", "2026", "320 000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let costing = crate::costing::compute(&out.plan, None).unwrap();
    assert_eq!(costing.total(), "900000".parse::<Decimal>().unwrap());
    let notes: Vec<(&str, &str, &str)> = (out.review.notes.iter())
        .map(|n| {
            (
                n.code.as_str(),
                n.values["row"].as_str(),
                n.values["sum"].as_str(),
            )
        })
        .collect();
    assert_eq!(notes, [("line_total_differs", "3", "300,000")]);
}

/// A chronogramme: the years of the plan marked "X" beside each action's cost. The cost is
/// spent in the years marked, spread evenly over them; a cost beside one mark is that
/// year's; the Total row is checked against the costs.
#[test]
fn a_schedule_of_marked_years_gives_the_years_a_cost_is_spent_in() {
    let p = plan("XOF", 2026, 2028);
    let rows: Vec<&[&str]> = vec![
        &[
            "Actions",
            "Responsable",
            "Coût total (FCFA)",
            "2026",
            "2027",
            "2028",
        ],
        &["Campagnes", "MFFE", "9 000 000", "X", "X", "x"],
        &["Former les leaders", "MFFE", "4 000 000", "✓", "", ""],
        &["Équiper les centres", "MS", "6 000 001", "", "X", "X"],
        &["TOTAL", "", "19 000 001", "", "", ""],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            Some("activity"),
            Some("lead_agency"),
            Some("amount"),
            Some("year:2026"),
            Some("year:2027"),
            Some("year:2028")
        ]
    );
    let notes: Vec<&str> = r.columns.iter().map(|c| c.note.code.as_str()).collect();
    assert_eq!(notes[3..], ["column_schedule"; 3]);
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let years = line_years(&out.plan);
    assert_eq!(
        years,
        [
            vec![
                (2026, d("3000000")),
                (2027, d("3000000")),
                (2028, d("3000000"))
            ],
            vec![(2026, d("4000000"))],
            vec![(2027, d("3000000")), (2028, d("3000001"))],
        ]
    );
    assert_eq!(r.total_checks.len(), 1, "{:?}", r.total_checks);
    assert_eq!(r.total_checks[0].difference, "0");
    let spread = r.notes.iter().find(|n| n.code == "amounts_spread").unwrap();
    assert_eq!(spread.values["rows"], "2, 4");

    // A unit cost beside several marks is refused: its quantity could be each year's.
    let rows: Vec<&[&str]> = vec![
        &["Activité", "Coût unitaire", "Quantité", "2026", "2027"],
        &["Ateliers", "500 000", "4", "X", "X"],
    ];
    let out = run(&p, &rows, vec![], &[]);
    let f = &out.review.refused[0];
    assert_eq!(
        (f.row, f.column.as_str(), f.reason.code.as_str()),
        (2, "D (2026)", "unit_cost_over_years")
    );
    assert!(
        f.reason.message.contains("“2026, 2027”"),
        "{}",
        f.reason.message
    );
}

/// A chronogramme by quarter: the years over their quarters ("T1" … "T4") in a header of two
/// rows. A cost is spread over the quarters marked, so two quarters of 2026 and one of 2027
/// put two thirds in 2026; quarters of amounts add up to their year.
#[test]
fn quarters_under_their_years_are_read_as_parts_of_the_year() {
    let p = plan("XOF", 2026, 2027);
    let rows: Vec<&[&str]> = vec![
        &[
            "Actions",
            "Coût (FCFA)",
            "2026",
            "",
            "",
            "",
            "2027",
            "",
            "",
            "",
        ],
        &["", "", "T1", "T2", "T3", "T4", "T1", "T2", "T3", "T4"],
        &["Campagnes", "9 000 000", "X", "", "X", "", "X", "", "", ""],
        &["Formations", "4 000 000", "", "X", "X", "", "", "", "", ""],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!((r.header_row, r.header_last_row), (1, 2));
    assert_eq!(r.columns[2].header, "2026 T1");
    assert_eq!(r.columns[9].field.as_deref(), Some("year:2027"));
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let years = line_years(&out.plan);
    assert_eq!(
        years,
        [
            vec![(2026, d("6000000")), (2027, d("3000000"))],
            vec![(2026, d("4000000"))],
        ]
    );

    // Amounts by quarter: each year's quarters add up.
    let rows: Vec<&[&str]> = vec![
        &["Activité", "2026", "", "2027", ""],
        &["", "S1", "S2", "S1", "S2"],
        &["Ateliers", "100", "250", "", "75"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let line = &out.plan.cost_lines[0];
    assert_eq!(
        line.quantities
            .iter()
            .map(|(y, q)| (*y, *q))
            .collect::<Vec<_>>(),
        [(2026, d("350")), (2027, d("75"))]
    );
    let notes: Vec<&str> = (out.review.columns.iter())
        .map(|c| c.note.code.as_str())
        .collect();
    assert_eq!(notes[1..], ["column_year_part"; 4]);

    // A header row that stops at its last year (as a workbook stores it, without the empty
    // cells after it) still covers that year's quarters.
    let rows: Vec<&[&str]> = vec![
        &["Actions", "Coût", "2026", "", "2027"],
        &["", "", "S1", "S2", "S1", "S2"],
        &["Centres", "600", "", "", "", "X"],
    ];
    let short = accepted(&p, &rows, vec![]);
    assert_eq!(line_years(&short.plan), [vec![(2027, d("600"))]]);

    for part in [
        "T1",
        "q4",
        "S2",
        "Trim. 3",
        "1er trimestre",
        "Semestre 2",
        "Janv.",
        "March",
    ] {
        assert!(is_year_part(part), "{part}");
    }
    for not in ["T5", "S3", "Total", "2026", "Trimestre", "Marseille"] {
        assert!(!is_year_part(not), "{not}");
    }
}

/// The Philippine plan's layout: "Action Points" under "Pillar" heading rows, lead and
/// support agencies, a "Timeframe" and a budget in pesos.
#[test]
fn a_philippine_action_plan_with_action_points_and_support_agencies_comes_in() {
    let p = plan("PHP", 2026, 2028);
    let rows: Vec<&[&str]> = vec![
        &[
            "Philippine National Action Plan on Women, Peace and Security",
            "",
            "",
            "",
            "",
            "",
        ],
        &[
            "Action Points",
            "Indicators",
            "Lead Agency",
            "Support Agencies",
            "Timeframe",
            "Budget (PhP)",
        ],
        &[
            "Pillar 1: Empowerment and Participation",
            "",
            "",
            "",
            "",
            "",
        ],
        &[
            "1.1 Train women mediators",
            "Number of women mediators trained",
            "OPAPRU",
            "PCW, DILG",
            "2026-2027",
            "2,400,000.00",
        ],
        &["Pillar 2: Protection and Prevention", "", "", "", "", ""],
        &[
            "2.1 Establish VAW desks",
            "Number of VAW desks",
            "DILG",
            "PNP",
            "2026",
            "3,000,000.00",
        ],
        &["Total", "", "", "", "", "5,400,000.00"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            Some("activity"),
            Some("indicator"),
            Some("lead_agency"),
            Some("agencies"),
            Some("year"),
            Some("amount")
        ]
    );
    let plan = &out.plan;
    assert_eq!(
        pillar_codes(plan),
        [
            ("1", "Empowerment and Participation"),
            ("2", "Protection and Prevention")
        ]
    );
    let mediators = &plan.activities[0];
    assert_eq!(mediators.title.text, "Train women mediators");
    let code = |id: Option<Id>| {
        let a = plan
            .agencies
            .iter()
            .find(|a| Some(a.record.id) == id)
            .unwrap();
        a.code.as_str()
    };
    assert_eq!(code(mediators.lead_agency_id), "OPAPRU");
    let support: Vec<&str> = (mediators.supporting_agency_ids.iter())
        .map(|id| code(Some(*id)))
        .collect();
    assert_eq!(support, ["PCW", "DILG"]);
    assert_eq!(r.total_checks[0].difference, "0");
    assert_eq!(
        line_years(plan)[0],
        [
            (2026, "1200000".parse().unwrap()),
            (2027, "1200000".parse().unwrap())
        ]
    );
}

/// The Indonesian action plan's layout: a "No" column numbering both the pillars' heading
/// rows (Roman) and the rows, a budget in rupiah ("Anggaran (Rp)"), related agencies, and a
/// "JUMLAH" total. "PENCEGAHAN" is the standard pillar by its Indonesian title, and
/// "PENANGANAN", numbered as it is, a pillar too.
#[test]
fn an_indonesian_plan_numbered_in_a_column_of_its_own_comes_in() {
    let p = plan("IDR", 2026, 2028);
    let rows: Vec<&[&str]> = vec![
        &[
            "No",
            "Kegiatan",
            "Indikator",
            "Penanggung Jawab",
            "Instansi Terkait",
            "Waktu Pelaksanaan",
            "Anggaran (Rp)",
        ],
        &["I", "PENCEGAHAN", "", "", "", "", ""],
        &[
            "1",
            "Pelatihan mediator perempuan",
            "Jumlah mediator terlatih",
            "KemenPPPA",
            "Kemendagri, Polri",
            "2026-2027",
            "1.500.000.000",
        ],
        &["II.", "PENANGANAN", "", "", "", "", ""],
        &[
            "2",
            "Layanan rumah aman",
            "Jumlah rumah aman",
            "Kemensos",
            "KemenPPPA",
            "2026",
            "2.000.000.000",
        ],
        // An activity with nothing but its number and title yet: numbered as the rows are,
        // it is an activity, not a heading.
        &["3", "Layanan konseling", "", "", "", "", ""],
        &["", "JUMLAH", "", "", "", "", "3.500.000.000"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let r = &out.review;
    assert_eq!(
        column_fields(r),
        [
            None,
            Some("activity"),
            Some("indicator"),
            Some("lead_agency"),
            Some("agencies"),
            Some("year"),
            Some("amount")
        ]
    );
    assert_eq!(r.columns[6].currency.as_deref(), Some("IDR"));
    let plan = &out.plan;
    let pillars: Vec<(&str, &str, PillarKind)> = (plan.pillars.iter())
        .map(|p| (p.code.as_str(), p.title.text.as_str(), p.kind))
        .collect();
    assert_eq!(
        pillars,
        [
            ("1", "PENCEGAHAN", PillarKind::Prevention),
            ("2", "PENANGANAN", PillarKind::Other)
        ]
    );
    assert_eq!(
        activity_titles(plan),
        [
            "Pelatihan mediator perempuan",
            "Layanan rumah aman",
            "Layanan konseling"
        ]
    );
    assert_eq!(plan.activities[0].supporting_agency_ids.len(), 2);
    assert_eq!(r.total_checks[0].difference, "0");

    for (cell, code) in [
        ("3", "3"),
        ("2.1", "2.1"),
        ("IV", "4"),
        ("b)", "B"),
        ("៣", "3"),
    ] {
        assert_eq!(cells::numbering_code(cell).as_deref(), Some(code), "{cell}");
    }
    for cell in ["Total", "12a", "", "AB"] {
        assert_eq!(cells::numbering_code(cell), None, "{cell}");
    }
    use cells::NumberingStyle::*;
    for (cell, style) in [
        ("II.", Roman),
        ("2.1", Arabic(2)),
        ("3", Arabic(1)),
        ("B)", Letter),
    ] {
        assert_eq!(cells::numbering_style(cell), Some(style), "{cell}");
    }
    assert_eq!(cells::numbering_style("Axe"), None);
}

/// The Vietnamese plan's layout: "STT" numbering the pillars (Roman) and the tasks, amounts
/// in millions of đồng grouped by points ("1.200" is 1,200 million), "Hằng năm" (every
/// year) and a "Tổng cộng" grand total.
#[test]
fn a_vietnamese_plan_in_millions_grouped_by_points_comes_in() {
    let p = plan("VND", 2026, 2028);
    let rows: Vec<&[&str]> = vec![
        &[
            "STT",
            "Nhiệm vụ, hoạt động",
            "Cơ quan chủ trì",
            "Thời gian thực hiện",
            "Kinh phí (triệu đồng)",
        ],
        &["I", "Phòng ngừa", "", "", ""],
        &[
            "1",
            "Tập huấn cán bộ",
            "Bộ Quốc phòng",
            "2026-2028",
            "1.200",
        ],
        &["2", "Truyền thông", "Hội LHPN Việt Nam", "Hằng năm", "450"],
        &["II", "Bảo vệ", "", "", ""],
        &["3", "Hỗ trợ nạn nhân", "Bộ LĐTBXH", "2027", "800"],
        &["", "Tổng cộng", "", "", "2.450"],
    ];
    let out = accepted(&p, &rows, vec![]);
    let plan = &out.plan;
    let kinds: Vec<PillarKind> = plan.pillars.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PillarKind::Prevention, PillarKind::Protection]);
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(
        line_years(plan),
        [
            vec![
                (2026, d("400000000")),
                (2027, d("400000000")),
                (2028, d("400000000"))
            ],
            vec![
                (2026, d("150000000")),
                (2027, d("150000000")),
                (2028, d("150000000"))
            ],
            vec![(2027, d("800000000"))],
        ]
    );
    let total = &out.review.total_checks[0];
    assert_eq!(
        (total.sheet_total.as_str(), total.difference.as_str()),
        ("2450000000", "0")
    );
}

/// The words compared with folded cells are written folded, as they are not folded again
/// for every row.
#[test]
fn total_words_are_written_folded() {
    for (_, words) in TOTAL_ROW_WORDS {
        for w in *words {
            assert_eq!(fold(w), *w);
        }
    }
    for w in TOTAL_ALONE.iter().chain(EVERY_YEAR_WORDS) {
        assert_eq!(fold(w), *w);
    }
}

/// "PM" (pour mémoire) and "TBD" where an amount or a unit cost would go: the cost is not
/// known yet. The row's activity comes in without a cost line, nothing is refused, and the
/// review names the rows to cost later.
#[test]
fn amounts_still_to_be_determined_come_in_as_no_amount_and_are_named() {
    let p = plan("XOF", 2026, 2027);
    let rows: Vec<&[&str]> = vec![
        &["Actions", "Coût total (FCFA)", "Période"],
        &["Campagnes", "1 000 000", "2026"],
        &["Études", "PM", "2026-2027"],
        &["Centres", "2 000 000", "2027"],
        &["Plaidoyer", "p.m.", "2027"],
        &["Suivi", "À déterminer", "Continu"],
    ];
    let out = accepted(&p, &rows, vec![]);
    assert_eq!(
        activity_titles(&out.plan),
        ["Campagnes", "Études", "Centres", "Plaidoyer", "Suivi"]
    );
    assert_eq!(out.plan.cost_lines.len(), 2);
    let said = (out.review.notes.iter())
        .find(|n| n.code == "to_be_determined")
        .unwrap();
    assert_eq!(said.values["rows"], "3, 5–6");

    let rows: Vec<&[&str]> = vec![
        &["Activity", "Item", "Unit cost", "Quantity", "Year"],
        &["Training", "Venue", "TBD", "4", "2026"],
    ];
    let out = accepted(&p, &rows, vec![]);
    assert!(out.plan.cost_lines.is_empty());
    let said = (out.review.notes.iter())
        .find(|n| n.code == "to_be_determined_one")
        .unwrap();
    assert_eq!(said.values["row"], "2");
}
