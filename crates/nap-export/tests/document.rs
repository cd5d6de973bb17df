//! The whole plan as one document: every chapter is there, the table of contents points at
//! the page each chapter starts on, and the Word document has Heading styles, the list of
//! chapters and real tables.

use nap_core::IsoDate;
use nap_export::{nap_document_docx, nap_document_pdf, DocumentOptions, Lang};
use std::io::Read;
use std::process::Command;

fn options(lang: Lang) -> DocumentOptions {
    DocumentOptions {
        lang,
        date: IsoDate::from_ymd(2026, 12, 6).unwrap(),
    }
}

/// The text of each page.
fn pages(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nap.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

#[test]
fn every_chapter_is_there_and_the_contents_point_at_its_page() {
    let plan = nap_core::sample::sample_plan();
    let pages = pages(&nap_document_pdf(&plan, &options(Lang::En)).unwrap());
    assert!(pages[0].contains(&plan.meta.title.text));
    let contents = &pages[1];
    assert!(contents.contains("Contents"));
    let chapters = [
        "1. Narrative local framework",
        "2. Results framework",
        "3. Monitoring and evaluation",
        "4. Resources plan",
        "5. Communication plan",
        "6. Roles of the agencies",
        "7. Coordination structure and terms of reference",
        "8. Consultations",
        "9. Costed budget annex",
    ];
    for chapter in chapters {
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(chapter))
            .unwrap_or_else(|| panic!("{chapter} is in the contents"));
        let page: usize = line
            .split_whitespace()
            .last()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("a page number in {line}"));
        assert!(
            pages[page - 1].contains(chapter),
            "{chapter} starts on page {page}"
        );
    }
    let all = pages.join("\n");
    // Content from each element of the plan.
    for expected in [
        plan.narrative[0].title.text.as_str(),
        plan.indicators[0].code.as_str(),
        plan.bodies[0].name.text.as_str(),
        plan.consultations[0].title.text.as_str(),
        plan.reporting_events[0].title.text.as_str(),
        "Terms of reference: SC",
        "Funding gap by pillar and year (KHR)",
    ] {
        assert!(all.contains(expected), "{expected}");
    }
}

#[test]
fn the_khmer_document_uses_the_plans_khmer_text_and_khmer_headings() {
    let plan = nap_core::sample::sample_plan();
    let all = pages(&nap_document_pdf(&plan, &options(Lang::Km)).unwrap()).join("\n");
    assert!(all.contains(plan.meta.title.l2.as_deref().unwrap()));
    assert!(all.contains("មាតិកា"));
    assert!(all.contains("ក្របខណ្ឌលទ្ធផល"));
}

#[test]
fn the_word_document_has_heading_styles_the_chapters_listed_and_tables() {
    let plan = nap_core::sample::sample_plan();
    let bytes = nap_document_docx(&plan, &options(Lang::En)).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert_eq!(xml.matches(r#"<w:pStyle w:val="Heading1" />"#).count(), 9);
    // Each chapter and section of the contents refers to its heading's bookmark.
    let entries = xml.matches(r#"<w:pStyle w:val="ToC"#).count();
    assert!(entries > 9, "{entries} contents entries");
    for n in 0..entries {
        assert!(xml.contains(&format!("PAGEREF _TocNap{n} ")), "entry {n}");
        assert!(
            xml.contains(&format!(r#"w:name="_TocNap{n}""#)),
            "bookmark {n}"
        );
    }
    // The contents list the chapters before the first chapter starts.
    let listed = xml.find("9. Costed budget annex").unwrap();
    let first_chapter = xml.find(r#"<w:pStyle w:val="Heading1" />"#).unwrap();
    assert!(
        listed < first_chapter,
        "the contents come before the chapters"
    );
    assert!(xml.matches("<w:tbl>").count() >= 10);
    assert!(xml.contains(&plan.consultations[0].title.text));
}

/// The Word edition as LibreOffice opens it (converted to PDF, headless): its contents list
/// every chapter, and each page number it computes is the page the chapter starts on.
#[test]
fn libreoffice_opens_the_word_document_and_its_contents_give_each_chapters_page() {
    let plan = nap_core::sample::sample_plan();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("nap.docx");
    std::fs::write(&docx, nap_document_docx(&plan, &options(Lang::En)).unwrap()).unwrap();
    // A profile of its own, so that parallel runs do not wait on each other's lock.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("lo").display()
    );
    let out = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("LibreOffice (soffice, from libreoffice-writer-nogui)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("nap.pdf")).expect("LibreOffice wrote the PDF");
    let pages = pages(&pdf);
    let mut checked = 0;
    for chapter in [
        "1. Narrative local framework",
        "2. Results framework",
        "3. Monitoring and evaluation",
        "4. Resources plan",
        "5. Communication plan",
        "6. Roles of the agencies",
        "8. Consultations",
    ] {
        // The contents take two pages; their lines run dots to the page number.
        let is_entry = |l: &str| l.trim_start().starts_with(chapter) && l.contains("....");
        let line = (pages.iter().flat_map(|p| p.lines()))
            .find(|l| is_entry(l))
            .unwrap_or_else(|| panic!("{chapter} is in the contents"));
        let listed: usize = line
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a page number after {chapter}: {line}"));
        let starts = (pages.iter().enumerate().skip(1))
            .find(|(_, p)| {
                p.lines()
                    .any(|l| l.trim_start().starts_with(chapter) && !is_entry(l))
            })
            .map(|(i, _)| i + 1)
            .unwrap_or_else(|| panic!("{chapter} is in the document"));
        assert_eq!(listed, starts, "{chapter}");
        checked += 1;
    }
    assert_eq!(checked, 7);
}

#[test]
fn terms_of_reference_cover_every_body_or_the_one_asked_for() {
    let plan = nap_core::sample::sample_plan();
    let all = pages(&nap_export::terms_of_reference_pdf(&plan, &options(Lang::En), None).unwrap())
        .join("\n");
    for b in &plan.bodies {
        let heading = format!("Terms of reference: {} {}", b.code, b.name.text);
        assert!(all.contains(&heading), "{heading}");
    }
    assert!(
        !all.contains("Costed budget annex"),
        "no annex in the terms of reference"
    );
    let one = &plan.bodies[2];
    let bytes = nap_export::terms_of_reference_docx(&plan, &options(Lang::En), Some(one.record.id))
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert_eq!(xml.matches("Terms of reference: ").count(), 1);
    // (Up to its first apostrophe, which the XML escapes.)
    assert!(xml.contains(one.mandate.text.split('\'').next().unwrap()));
}

#[test]
fn an_agencys_operational_plan_has_its_activities_indicators_budget_and_signatures() {
    let plan = nap_core::sample::sample_plan();
    let moi = plan.agencies.iter().find(|a| a.code == "MOI").unwrap();
    let text =
        pages(&nap_export::agency_plan_pdf(&plan, &options(Lang::En), moi.record.id).unwrap())
            .join("\n");
    assert!(text.contains("Operational plan: MOI Ministry of Interior"));
    for a in plan
        .activities
        .iter()
        .filter(|a| a.lead_agency_id == Some(moi.record.id))
    {
        assert!(text.contains(&a.code), "the activity {} it leads", a.code);
    }
    for i in plan
        .indicators
        .iter()
        .filter(|i| i.responsible_agency_id == Some(moi.record.id))
    {
        assert!(
            text.contains(&i.code),
            "the indicator {} it reports",
            i.code
        );
    }
    assert!(text.contains("Approved by the head of the agency"));

    // The workbook's budget: the total column is a live SUM, its stored result the exact
    // total of the agency's cost, computed here from the costing engine.
    let bytes = nap_export::agency_plan_xlsx(&plan, &options(Lang::En), moi.record.id).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let sheet = book
        .sheet_names()
        .into_iter()
        .find(|n| n.starts_with("Budget"))
        .unwrap();
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert!(formulas.rows().flatten().any(|f| f.starts_with("SUM(B")));
    let costing = nap_core::costing::compute(&plan, None).unwrap();
    let lead: rust_decimal::Decimal = costing
        .units
        .iter()
        .enumerate()
        // Contingency is its own row in every view by agency, as in the annex.
        .filter(|(_, u)| matches!(u.kind, nap_core::costing::UnitKind::Line(_)))
        .filter(|(_, u)| plan.activities[u.activity].lead_agency_id == Some(moi.record.id))
        .map(|(k, _)| costing.amounts(k).iter().sum::<rust_decimal::Decimal>())
        .sum();
    let values = book.worksheet_range(&sheet).unwrap();
    let total_cost = values.rows().nth(1).unwrap().last().unwrap().clone();
    let expected = lead.round_dp(0).to_string();
    assert_eq!(total_cost.to_string(), expected);
}

#[test]
fn a_french_plan_gets_french_headings_and_its_own_text() {
    let mut plan = nap_core::sample::sample_plan();
    plan.meta.working_language = "fr".into();
    plan.meta.second_language = None;
    plan.meta.title.text = "Plan d'action national Femmes, paix et sécurité".into();
    let all = pages(&nap_document_pdf(&plan, &options(Lang::Fr)).unwrap()).join("\n");
    for heading in [
        "Sommaire",
        "1. Cadre narratif national",
        "2. Cadre de résultats",
        "9. Annexe budgétaire chiffrée",
    ] {
        assert!(all.contains(heading), "{heading}");
    }
    assert!(all.contains("Plan d'action national Femmes, paix et sécurité"));
    // The costing's own rows (contingency, no lead agency) are named in French too, in the
    // resources chapter and in the annex's tables and chart legend.
    assert!(all.contains("Imprévus"), "contingency in French");
    assert!(!all.contains("Contingency"), "no English contingency row");
    // A plan whose second language is not Khmer never shows the Khmer half.
    assert!(!all.contains(plan.narrative[0].title.l2.as_deref().unwrap()));
}

#[test]
fn a_khmer_plan_with_english_as_second_language_reads_each_half_in_its_edition() {
    let mut plan = nap_core::sample::sample_plan();
    plan.meta.working_language = "km".into();
    plan.meta.second_language = Some("en".into());
    // The Khmer edition reads `text` (the working language), the English one `l2`.
    assert!(!Lang::Km.reads_l2(&plan));
    assert!(Lang::En.reads_l2(&plan));
    let sample = nap_core::sample::sample_plan();
    assert!(Lang::Km.reads_l2(&sample));
    assert!(!Lang::En.reads_l2(&sample));
}

/// A Thai plan (English alongside), started from the standard structure: its document is
/// in Thai — headings, standard pillar titles, the plan's own text — and no Thai word is
/// cut at a line end (the line breaker finds Thai word boundaries, which have no spaces).
#[test]
fn a_thai_plan_gets_a_thai_document_with_thai_words_kept_whole() {
    let spec = nap_core::sample::NewPlan {
        title: "แผนปฏิบัติการระดับชาติว่าด้วยสตรี สันติภาพ และความมั่นคง".into(),
        country: "TH".into(),
        start_year: 2027,
        end_year: 2031,
        currency: "THB".into(),
        language: Some("th".into()),
        second_language: Some("en".into()),
    };
    let mut n = 0u128;
    let mut plan = nap_core::sample::new_plan(
        &spec,
        &nap_core::Timestamp::from_unix_millis(0),
        "t",
        || {
            n += 1;
            nap_core::Id::from_u128(n)
        },
    );
    // A long Thai paragraph, so that lines must break inside it.
    let sentence =
        "การส่งเสริมบทบาทของสตรีในการป้องกันความขัดแย้งและการสร้างสันติภาพอย่างยั่งยืนในชุมชนชายแดนภาคใต้";
    plan.narrative[0].body.text = [sentence; 6].join("");
    let all = pages(&nap_document_pdf(&plan, &options(Lang::Th)).unwrap()).join("\n");
    for expected in [
        "สารบัญ",
        "กรอบผลลัพธ์",
        "การมีส่วนร่วม",
        "บริบทและการวิเคราะห์สถานการณ์",
        "แผนปฏิบัติการระดับชาติว่าด้วยสตรี",
    ] {
        assert!(all.contains(expected), "{expected}");
    }
    assert!(!all.contains("Contents") && !all.contains("Results framework"));
    // ยั่งยืน ("sustainable") is one word: never split between two lines.
    let lines: Vec<&str> = all.lines().map(str::trim).collect();
    for pair in lines.windows(2) {
        assert!(
            !(pair[0].ends_with("ยั่ง") && pair[1].starts_with("ยืน")),
            "a word cut at a line end: {pair:?}"
        );
    }
    assert!(
        lines.iter().filter(|l| l.contains("ยั่งยืน")).count() >= 3,
        "the paragraph is there and wraps"
    );
}

/// Vietnamese and Indonesian plans, from the standard structure with a lump sum: their
/// documents have their own headings and standard titles, and their amounts are grouped
/// with dots, as CLDR writes numbers in both languages.
#[test]
fn vietnamese_and_indonesian_plans_get_their_headings_titles_and_number_marks() {
    for (tag, lang, currency, headings) in [
        (
            "vi",
            Lang::Vi,
            "VND",
            ["Mục lục", "2. Khung kết quả", "Phòng ngừa"],
        ),
        (
            "id",
            Lang::Id,
            "IDR",
            ["Daftar isi", "2. Kerangka hasil", "Pencegahan"],
        ),
    ] {
        let plan = standard_plan_with_a_lump_sum(tag, currency);
        let all = pages(&nap_document_pdf(&plan, &options(lang)).unwrap()).join("\n");
        for heading in headings {
            assert!(all.contains(heading), "{tag}: {heading}");
        }
        assert!(all.contains("12.500.000"), "{tag}: dots between groups");
        assert!(!all.contains("12,500,000"), "{tag}: no English grouping");
    }
}

/// Lao, Burmese and Tagalog plans, from the standard structure: their documents have their
/// own headings and standard titles, a long Lao paragraph breaks between words (ICU4X's
/// dictionary segmenter), and amounts follow each language's marks.
#[test]
fn lao_burmese_and_tagalog_plans_get_their_headings_and_titles() {
    let lao_sentence = "ການສົ່ງເສີມບົດບາດຂອງແມ່ຍິງໃນການປ້ອງກັນຄວາມຂັດແຍ່ງ ແລະ ການສ້າງສັນຕິພາບແບບຍືນຍົງໃນຊຸມຊົນ";
    for (tag, lang, currency, headings, amount) in [
        (
            "lo",
            Lang::Lo,
            "LAK",
            ["ສາລະບານ", "2. ກອບຜົນໄດ້ຮັບ", "ການປ້ອງກັນ"],
            "12.500.000",
        ),
        (
            "my",
            Lang::My,
            "MMK",
            ["မာတိကာ", "ရလဒ်မူဘောင်", "ကာကွယ်တားဆီးရေး"],
            "12,500,000",
        ),
        (
            "fil",
            Lang::Tl,
            "PHP",
            ["Nilalaman", "2. Balangkas ng mga resulta", "Pag-iwas"],
            "12,500,000",
        ),
    ] {
        let mut plan = standard_plan_with_a_lump_sum(tag, currency);
        if lang == Lang::Lo {
            plan.narrative[0].body.text = [lao_sentence; 6].join(" ");
        }
        // The plan's language is the default: `fil` reads as Tagalog.
        assert_eq!(Lang::parse(tag), Some(lang));
        let all = pages(&nap_document_pdf(&plan, &options(lang)).unwrap()).join("\n");
        for heading in headings {
            assert!(all.contains(heading), "{tag}: {heading}");
        }
        assert!(all.contains(amount), "{tag}: {amount}");
        assert!(!all.contains("Contents") && !all.contains("Results framework"));
        if lang == Lang::Lo {
            // ຍືນຍົງ ("sustainable") is one word: never split between two lines.
            let lines: Vec<&str> = all.lines().map(str::trim).collect();
            for pair in lines.windows(2) {
                assert!(
                    !(pair[0].ends_with("ຍືນ") && pair[1].starts_with("ຍົງ")),
                    "a word cut at a line end: {pair:?}"
                );
            }
            assert!(lines.iter().filter(|l| l.contains("ຍືນຍົງ")).count() >= 3);
        }
    }
}

/// A new plan in the language `tag` with the standard structure and, under pillar 2, a lump
/// sum of 12,500,000 in 2027 (so that the documents have an amount to write).
fn standard_plan_with_a_lump_sum(tag: &str, currency: &str) -> nap_core::Plan {
    let spec = nap_core::sample::NewPlan {
        title: format!("NAP {tag}"),
        country: "VN".into(),
        start_year: 2027,
        end_year: 2029,
        currency: currency.into(),
        language: Some(tag.into()),
        second_language: None,
    };
    let now = nap_core::Timestamp::from_unix_millis(0);
    let mut plan = nap_core::sample::new_plan(&spec, &now, "t", nap_core::Id::new_v4);
    let pillar = plan.pillars[1].record.id;
    nap_core::costing::lump_sum::add_lump_sum(
        &mut plan,
        nap_core::costing::lump_sum::LumpSumTarget::Pillar(pillar),
        "Budget",
        &[(2027, rust_decimal::Decimal::from(12_500_000))],
        nap_core::Id::new_v4,
        &now,
        "t",
    )
    .unwrap();
    plan
}
