//! The annex PDF, checked by extracting its text with poppler's pdftotext (installed by the
//! test command) the way a reader copying from the PDF would get it.

use nap_core::costing::rounding::format_amount;
use nap_core::costing::views::Measure;
use nap_core::costing::{compute, cross_table, Dimension, Rounding};
use nap_core::sample::{generated_plan, new_plan, sample_plan, NewPlan, PlanSize};
use nap_core::{Id, IsoDate, Plan, Timestamp};
use nap_export::{annex, AnnexOptions, Lang};
use std::process::Command;

fn options(lang: Lang) -> AnnexOptions {
    AnnexOptions {
        lang,
        budget_year: None,
        currency: None,
        rounding: Rounding::Unit,
        reconcile: false,
        date: IsoDate::from_ymd(2026, 11, 22).unwrap(),
    }
}

/// What pdftotext makes of `pdf` with the options `args`.
fn pdftotext(pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is needed for these tests (Debian package poppler-utils; scripts/test.sh installs it)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Text of each page, via pdftotext.
fn pages(pdf: &[u8]) -> Vec<String> {
    pdftotext(pdf, &["-layout"])
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// The PDF's text in the order its pages draw it, every run of white space (line ends
/// included) made one space.
fn in_drawing_order(pdf: &[u8]) -> String {
    pdftotext(pdf, &["-raw"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each word of pages `first..=last` with its box (x0, y0, x1, y1, in points), page by page,
/// as pdftotext places them.
fn word_boxes(pdf: &[u8], first: usize, last: usize) -> Vec<Vec<(String, [f64; 4])>> {
    let html = pdftotext(
        pdf,
        &["-bbox", "-f", &first.to_string(), "-l", &last.to_string()],
    );
    let attribute = |tag: &str, name: &str| -> f64 {
        let from = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[from..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let (tag, rest) = word.split_once('>').unwrap();
                    let text = rest.split("</word>").next().unwrap().to_string();
                    let b = ["xMin", "yMin", "xMax", "yMax"].map(|n| attribute(tag, n));
                    (text, b)
                })
                .collect()
        })
        .collect()
}

fn money(v: rust_decimal::Decimal) -> String {
    format_amount(v, Rounding::Unit, 0, ",")
}

#[test]
fn the_sample_annex_has_the_totals_nap_costs_shows() {
    let plan = sample_plan();
    let pdf = annex(&plan, &options(Lang::En)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = pages(&pdf);
    let n = pages.len();
    assert!(n >= 10, "{n} pages");
    assert!(
        pages[n - 1].contains(&format!("Page {n} of {n}")),
        "last page footer"
    );
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains(&format!("Page {} of {n}", i + 1)),
            "page {} has its number",
            i + 1
        );
        assert!(p.contains("National Action Plan on Women, Peace and Security 2026–2030"));
        assert!(
            p.contains("Draft for consultation"),
            "version on every page"
        );
    }
    let all = pages.join("\n");
    let c = compute(&plan, None).unwrap();
    let by_pillar = cross_table(&plan, &c, Dimension::Pillar, None, Measure::Cost);
    assert!(
        all.contains(&money(by_pillar.total)),
        "grand total {}",
        money(by_pillar.total)
    );
    for (row, total) in by_pillar.rows.iter().zip(&by_pillar.row_totals) {
        let line = all
            .lines()
            .find(|l| l.contains(&row.label.text) && l.contains(&money(*total)));
        assert!(
            line.is_some(),
            "pillar {} total {}",
            row.label.text,
            money(*total)
        );
    }
    // The detailed table continues over pages, each starting with the header row.
    let continued: Vec<&String> = pages
        .iter()
        .filter(|p| {
            let first_row = p.lines().map(str::trim).find(|l| {
                l.starts_with("Item") || l.contains("Workshop") || l.starts_with("Subtotal")
            });
            first_row.is_some_and(|l| l.starts_with("Item")) && !p.contains("Detailed costing")
        })
        .collect();
    assert!(
        continued.len() >= 3,
        "continuation pages repeat the header row"
    );
    for p in continued {
        let header = p
            .lines()
            .find(|l| l.trim_start().starts_with("Item"))
            .unwrap();
        for col in ["Unit cost", "2026", "2030", "Total", "Source"] {
            assert!(header.contains(col), "{col} in {header}");
        }
    }
    for section in [
        "Cost by pillar and year",
        "Funding gap by pillar and year",
        "Medium-term expenditure framework",
        "Cost by lead agency and year",
        "Funding sources",
        "Cost by economic classification",
        "Assumptions",
        "Unit-cost catalogue",
        "Funding allocation rule",
        "Exchange rates",
    ] {
        assert!(all.contains(section), "{section}");
    }
}

#[test]
fn the_khmer_annex_has_the_khmer_titles_as_text() {
    let plan = sample_plan();
    let pages = pages(&annex(&plan, &options(Lang::Km)).unwrap());
    let all = pages.join("\n");
    for p in &plan.pillars {
        let km = p.title.l2.as_deref().unwrap();
        assert!(all.contains(km), "Khmer pillar title {km}");
    }
    for o in &plan.outcomes {
        assert!(
            all.contains(o.title.l2.as_deref().unwrap()),
            "Khmer outcome title"
        );
    }
    assert!(all.contains("ឧបសម្ព័ន្ធថវិកាដែលបានប៉ាន់ស្មាន"), "Khmer heading");
    assert!(
        all.contains("ផែនការសកម្មភាពជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ"),
        "Khmer plan title"
    );
    // Activities have no Khmer title in the sample: the working language is used instead.
    assert!(all.contains(&plan.activities[0].title.text));
    // The table by economic classification names 22 as the plan does in Khmer; the English
    // annex keeps the standard name.
    let goods = plan
        .classification_names
        .iter()
        .find(|n| n.code == "22")
        .and_then(|n| n.name.l2.clone())
        .expect("the sample names 22 in Khmer");
    assert!(all.contains(&format!("22 {goods}")), "{goods}");
    let english = self::pages(&annex(&plan, &options(Lang::En)).unwrap()).join("\n");
    assert!(english.contains("22 Use of goods and services"));
    assert!(!english.contains(&goods));
}

fn empty_plan(currency: &str) -> Plan {
    let mut n = 0u128;
    let spec = NewPlan {
        title: "Empty plan".into(),
        country: "VN".into(),
        start_year: 2026,
        end_year: 2030,
        currency: currency.into(),
        language: None,
        second_language: None,
    };
    new_plan(&spec, &Timestamp::from_unix_millis(0), "t", || {
        n += 1;
        Id::from_u128(n)
    })
}

#[test]
fn a_plan_without_cost_lines_gives_a_clear_annex() {
    let pages = pages(&annex(&empty_plan("KHR"), &options(Lang::En)).unwrap());
    let all = pages.join("\n");
    assert!(all.contains("This plan has no cost lines yet"));
    assert!(all.contains("Total cost"));
}

#[test]
fn a_twelve_digit_total_in_dong_fits_its_columns() {
    let mut plan = sample_plan();
    plan.meta.base_currency = "VND".into();
    for l in &mut plan.cost_lines {
        l.currency = Some("VND".into());
        l.unit_cost =
            Some(l.unit_cost.unwrap_or_default() + rust_decimal::Decimal::from(250_000_000));
    }
    for s in &mut plan.funding_sources {
        s.currency = "VND".into();
    }
    plan.exchange_rates.clear();
    let c = compute(&plan, None).unwrap();
    let total = c.total();
    assert!(
        total >= rust_decimal::Decimal::from(100_000_000_000_i64),
        "{total}"
    );
    let pdf = annex(&plan, &options(Lang::En)).unwrap();
    let text = pages(&pdf).join("\n");
    assert!(
        text.contains(&money(total)),
        "the 12-digit total {} is printed whole",
        money(total)
    );
    // Every word lies inside the page's margins.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-bbox", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let mut words = 0;
    for w in html.split("<word ").skip(1) {
        let attr = |name: &str| -> f32 {
            w.split(&format!("{name}=\""))
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        assert!(
            attr("xMin") >= 30.0 && attr("xMax") <= 841.89 - 30.0,
            "word outside the margins: {}",
            &w[..w.len().min(120)]
        );
        words += 1;
    }
    assert!(words > 1000);
}

#[test]
fn the_large_plan_annex_completes() {
    let plan = generated_plan(PlanSize::Large);
    let pdf = annex(&plan, &options(Lang::En)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(pages > 1000, "{pages} pages for 30,000 lines");
    let last = Command::new("pdftotext")
        .args([
            "-f",
            &pages.to_string(),
            "-l",
            &pages.to_string(),
            path.to_str().unwrap(),
            "-",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(last.stdout)
        .unwrap()
        .contains(&format!("Page {pages} of {pages}")));
}

#[test]
fn bad_options_are_refused() {
    let plan = sample_plan();
    let mut o = options(Lang::En);
    o.budget_year = Some(2040);
    assert!(annex(&plan, &o)
        .unwrap_err()
        .to_string()
        .contains("outside the plan period"));
    let mut o = options(Lang::En);
    o.currency = Some("EUR".into());
    assert!(annex(&plan, &o).unwrap_err().to_string().contains("EUR"));
}

/// An item of 40,000 characters without a space (pasted by mistake) neither stalls the
/// annex (cutting it measured every growing prefix) nor runs its row off the page: the row
/// stops at a page's height with an ellipsis, and the next line still follows it.
#[test]
fn a_huge_unbroken_item_is_cut_to_a_page_and_the_table_goes_on() {
    let mut plan = sample_plan();
    plan.cost_lines[0].item.text = format!("Venue{}", "x".repeat(40_000));
    let next_item = plan.cost_lines[1].item.text.clone();
    let pages = pages(&annex(&plan, &options(Lang::En)).unwrap());
    let with_item: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].contains("Venuexxxx"))
        .collect();
    assert_eq!(with_item.len(), 1, "the row is on one page");
    let page = &pages[with_item[0]];
    assert!(page.contains("x…"), "the cut is marked");
    let xs = page.matches('x').count();
    assert!(xs < 40_000, "the row was cut ({xs} x)");
    assert!(
        pages
            .iter()
            .skip(with_item[0])
            .any(|p| p.contains(&next_item)),
        "the next line follows"
    );
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page {}",
            i + 1
        );
    }
}

/// An endorsed plan was labelled "Working draft" and the Khmer annex showed the English
/// name of the last version (#17): the footer follows the plan's status, in the annex's
/// language, and keeps a version's own name only while the plan is at that version.
#[test]
fn the_footer_names_the_plans_status_in_the_annexs_language() {
    let mut plan = sample_plan();
    let footer = |plan: &Plan, lang: Lang| {
        let pages = pages(&annex(plan, &options(lang)).unwrap());
        pages.last().unwrap().clone()
    };
    let name = plan.versions.last().unwrap().name.clone();
    assert!(
        footer(&plan, Lang::En).contains(&name),
        "the version's own name while current"
    );
    assert!(footer(&plan, Lang::Km).contains("សេចក្តីព្រាងសម្រាប់ពិគ្រោះយោបល់"));
    plan.meta.status = nap_core::PlanStatus::Endorsed;
    let en = footer(&plan, Lang::En);
    assert!(
        en.contains("Endorsed") && !en.contains(&name) && !en.contains("draft"),
        "{en}"
    );
    assert!(footer(&plan, Lang::Km).contains("បានអនុម័ត"));
    plan.versions.clear();
    plan.meta.status = nap_core::PlanStatus::Draft;
    assert!(footer(&plan, Lang::En).contains("Working draft"));
}

/// A long pillar title wraps in the chart's legend and the next entry starts below it; its
/// last line used to print 5 points above the next entry, the two overlapping (#17).
#[test]
fn a_long_pillar_title_in_the_legend_does_not_run_into_the_next_entry() {
    let mut plan = sample_plan();
    plan.pillars[3].title.text =
        "Relief and recovery for women survivors of conflict, disasters and displacement in border provinces".into();
    let pdf = annex(&plan, &options(Lang::En)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, &pdf).unwrap();
    // Word boxes, one `<word xMin=".." yMin=".." xMax=".." yMax="..">text</word>` per word.
    let out = Command::new("pdftotext")
        .args(["-bbox", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    // The chart's page: the one whose legend ends "Funding gap (KHR, millions)".
    let html = html
        .split("<page ")
        .find(|p| p.contains(">millions)</word>"))
        .expect("the chart page");
    let top_of = |word: &str| -> f32 {
        let at = html.find(&format!(">{word}</word>")).expect(word);
        let start = html[..at].rfind("<word").unwrap();
        let attrs = &html[start..at];
        let y = attrs.split("yMin=\"").nth(1).unwrap();
        y[..y.find('"').unwrap()].parse().unwrap()
    };
    let gap = top_of("Coordination,") - top_of("provinces");
    assert!(
        gap >= 10.0,
        "the next entry starts {gap} pt below the title's last line"
    );
}

#[test]
fn a_plan_with_no_funding_recorded_says_so_instead_of_a_hundred_percent_gap() {
    let mut plan = sample_plan();
    plan.funding_sources.clear();
    for line in &mut plan.cost_lines {
        line.funding_source_id = None;
    }
    let text = pages(&annex(&plan, &options(Lang::En)).unwrap()).join("\n");
    assert!(text.contains("no funding recorded yet"));
    assert!(text.contains("No funding source has been recorded yet"));
    assert!(
        !text.contains("100.0 % of cost"),
        "no 100 % gap is announced"
    );
    // With funding recorded, the share is still given.
    let text = pages(&annex(&sample_plan(), &options(Lang::En)).unwrap()).join("\n");
    assert!(text.contains("% of cost"));
    assert!(!text.contains("no funding recorded yet"));
}

#[test]
fn cost_line_notes_and_lump_sums_are_marked_in_the_detail() {
    let mut plan = sample_plan();
    plan.cost_lines[0].note = "Quote from the venue, March 2026".into();
    let lump = &mut plan.cost_lines[1];
    lump.catalogue_item_id = None;
    lump.unit = Some("lump sum".into());
    lump.unit_cost = Some(rust_decimal::Decimal::ONE);
    lump.currency = Some(plan.meta.base_currency.clone());
    lump.economic_code = Some("22".into());
    lump.inflate = false;
    lump.quantities = [(2027, rust_decimal::Decimal::from(5_432_100))].into();
    let pdf = annex(&plan, &options(Lang::En)).unwrap();
    let text = pages(&pdf).join("\n");
    // A note may wrap in its column: read in the order the page draws it, lines joined.
    let drawn = in_drawing_order(&pdf);
    assert!(
        drawn.contains("Quote from the venue, March 2026"),
        "{drawn}"
    );
    assert!(text.contains("lump sum, as given in the plan"));
    // A line priced from the catalogue says which item.
    let priced = sample_plan()
        .cost_lines
        .iter()
        .find_map(|l| l.catalogue_item_id)
        .and_then(|id| plan.catalogue.iter().find(|c| c.record.id == id))
        .map(|c| c.code.clone())
        .expect("the sample prices lines from its catalogue");
    assert!(drawn.contains(&format!("unit cost from catalogue item {priced}")));
    // Its amount is shown as an amount, never as a quantity.
    assert!(text.contains("5,432,100"));
    assert!(!text.contains("× 5,432,100"));
}

/// The detail is laid out pillar by pillar on all cores: what comes out must read as one
/// table in the plan's order — every pillar once, each after the first at the top of a page
/// under the header row, its subtotal before the next pillar, and the plan's total last.
#[test]
fn the_detail_keeps_the_plans_order_with_each_pillar_from_the_top_of_a_page() {
    let plan = sample_plan();
    let pages = pages(&annex(&plan, &options(Lang::En)).unwrap());
    let detail_start = pages
        .iter()
        .position(|p| p.contains("Detailed costing by outcome, output and activity"))
        .expect("the detail chapter");
    let rows: Vec<(usize, &str)> = pages
        .iter()
        .enumerate()
        .skip(detail_start)
        .flat_map(|(i, p)| p.lines().map(move |l| (i, l.trim())))
        .collect();
    let mut previous_subtotal = None;
    for (k, pillar) in plan.pillars.iter().enumerate() {
        let band = format!("Pillar {} ", pillar.code);
        let at = rows
            .iter()
            .position(|(_, l)| l.starts_with(&band))
            .unwrap_or_else(|| panic!("pillar {} in the detail", pillar.code));
        let subtotal = rows
            .iter()
            .position(|(_, l)| l.starts_with(&format!("Subtotal Pillar {}", pillar.code)))
            .unwrap_or_else(|| panic!("subtotal of pillar {}", pillar.code));
        assert!(at < subtotal, "pillar {} before its subtotal", pillar.code);
        if let Some(before) = previous_subtotal {
            assert!(
                before < at,
                "pillar {} after the previous pillar",
                pillar.code
            );
        }
        previous_subtotal = Some(subtotal);
        if k > 0 {
            let page = rows[at].0;
            let first_rows: Vec<&str> = rows
                .iter()
                .filter(|(i, l)| *i == page && !l.is_empty())
                .map(|(_, l)| *l)
                .skip_while(|l| !l.starts_with("Item"))
                .take(2)
                .collect();
            assert!(
                first_rows.len() == 2 && first_rows[1].starts_with(&band),
                "pillar {} opens its page under the header: {first_rows:?}",
                pillar.code
            );
        }
    }
    let total = rows
        .iter()
        .position(|(_, l)| l.starts_with("Total cost"))
        .expect("the plan's total in the detail");
    assert!(previous_subtotal.is_some_and(|last| last < total));
}

/// A rate entered without saying where it comes from is cited by its year and date alone:
/// the French cover once printed "(toutes les années ; 2025-12-31 ; )".
#[test]
fn a_rate_without_a_source_is_cited_without_an_empty_one() {
    let mut plan = sample_plan();
    let rate = plan
        .exchange_rates
        .first_mut()
        .expect("the sample converts a currency");
    rate.source = "  ".into();
    let cited = format!(
        "({} ; {})",
        rate.year
            .map_or_else(|| "toutes les années".to_string(), |y| y.to_string()),
        rate.date.as_str()
    );
    let currency = rate.currency.clone();
    let all = pages(&annex(&plan, &options(Lang::Fr)).unwrap()).join("\n");
    let line = all
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("1 {currency} = ")))
        .unwrap_or_else(|| panic!("no rate line for {currency} in:\n{all}"));
    assert!(line.trim_end().ends_with(&cited), "{line}");
    assert!(!all.contains("; )"), "an empty source is cited somewhere");
}

/// No word is drawn over another. Each cost line's note (its catalogue item, a year's
/// quantity) was drawn under its cell's first line, so a wrapped item's second line ran
/// under it.
#[test]
fn no_word_of_the_detail_is_drawn_over_another() {
    let mut plan = sample_plan();
    for line in plan.cost_lines.iter_mut().take(12) {
        line.item = "Kampot district officers' per diem, travel and lodging for the \
                     consultation in Sihanoukville"
            .into();
        line.note = "Quote from the provincial department, March 2026".into();
    }
    let pdf = annex(&plan, &options(Lang::En)).unwrap();
    let pages = word_boxes(&pdf, 1, 1000);
    let mut wrapped = 0;
    for (p, words) in pages.iter().enumerate() {
        for (i, (a, ba)) in words.iter().enumerate() {
            for (b, bb) in &words[i + 1..] {
                let width = ba[2].min(bb[2]) - ba[0].max(bb[0]);
                let height = ba[3].min(bb[3]) - ba[1].max(bb[1]);
                // Boxes are the fonts' whole height, so lines set close touch a little; a
                // word drawn over another covers much of it.
                let smaller = (ba[3] - ba[1]).min(bb[3] - bb[1]);
                assert!(
                    width <= 0.5 || height <= 0.3 * smaller,
                    "page {}: {a:?} {ba:?} over {b:?} {bb:?}",
                    p + 1
                );
            }
        }
        // The check proves something only where the items did wrap.
        let top = |w: &str| words.iter().find(|(t, _)| t == w).map(|(_, b)| b[1]);
        if let (Some(first), Some(last)) = (top("Kampot"), top("Sihanoukville")) {
            wrapped += usize::from(last > first + 5.0);
        }
    }
    assert!(wrapped > 0, "the long items wrapped on a page");
}
