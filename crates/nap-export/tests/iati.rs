//! The IATI export, validated against the official IATI 2.03 schema with xmllint (Debian
//! package libxml2-utils; scripts/test.sh installs it), and read back for its figures.

use nap_core::costing::compute;
use nap_core::sample::sample_plan;
use nap_core::{ProgressValue, RecordMeta, Timestamp};
use std::path::Path;
use std::process::Command;

fn schema() -> std::path::PathBuf {
    // The repository's own copy (so that a clean clone validates offline), or another named
    // by NAP_IATI_SCHEMA.
    std::env::var_os("NAP_IATI_SCHEMA").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../assets/standards/iati-2.03/iati-activities-schema.xsd")
        },
        Into::into,
    )
}

#[test]
fn the_sample_plan_is_a_valid_iati_2_03_activity_file_with_its_budgets_and_results() {
    let mut plan = sample_plan();
    // An actual value recorded for the first indicator with a target.
    let indicator = plan
        .indicators
        .iter()
        .find(|i| !i.targets.is_empty() && i.parent_id.is_some())
        .unwrap()
        .clone();
    let year = *indicator.targets.keys().next().unwrap();
    plan.progress.push(ProgressValue {
        record: RecordMeta::new(nap_core::Id::new_v4(), &Timestamp::from_unix_millis(0), "t"),
        indicator_id: indicator.record.id,
        year,
        period: year.to_string(),
        value: "17".into(),
        note: String::new(),
        date: None,
        source: String::new(),
        breakdown: vec![],
    });
    // A half-year value with its source and a breakdown by sex.
    plan.progress.push(ProgressValue {
        record: RecordMeta::new(nap_core::Id::new_v4(), &Timestamp::from_unix_millis(0), "t"),
        indicator_id: indicator.record.id,
        year,
        period: format!("{year}-H1"),
        value: "9".into(),
        note: "Mid-year count".into(),
        date: None,
        source: "Police HR register".into(),
        breakdown: vec![nap_core::BreakdownValue {
            dimension: nap_core::Disaggregation::Sex,
            group: "women".into(),
            value: "9".into(),
        }],
    });
    let xml = nap_export::iati(&plan, &Timestamp::from_unix_millis(1_780_000_000_000)).unwrap();

    let schema = schema();
    if !schema.exists() {
        panic!(
            "the IATI schema is not at {} (set NAP_IATI_SCHEMA)",
            schema.display()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.xml");
    std::fs::write(&file, &xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint is needed for this test (Debian package libxml2-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The plan's budget per year is the costing's total per year, to the cent.
    let costing = compute(&plan, None).unwrap();
    let first = costing.years[0];
    let total: rust_decimal::Decimal = (0..costing.units.len()).map(|u| costing.amount(u, 0)).sum();
    let expected = format!(
        "<value currency=\"KHR\" value-date=\"{first}-01-01\">{}</value>",
        total.round_dp(2).normalize()
    );
    assert!(xml.contains(&expected), "{expected}");
    assert_eq!(
        xml.matches("<iati-activity ").count(),
        1 + plan.pillars.len()
    );
    assert!(xml.contains("<actual value=\"17\"/>"));
    // The half year is its own period, with its comment and its breakdown.
    assert!(xml.contains(&format!("<period-end iso-date=\"{year}-06-30\"/>")));
    assert!(xml.contains("<narrative>Police HR register · Mid-year count</narrative>"));
    assert!(xml.contains("<dimension name=\"sex\" value=\"women\"/>"));
    let impact = plan
        .indicators
        .iter()
        .filter(|i| i.level == nap_core::IndicatorLevel::Impact)
        .count();
    assert_eq!(
        xml.matches("<result type=\"3\"").count(),
        usize::from(impact > 0)
    );
    assert!(xml.contains(&format!(
        "<narrative>{}</narrative>",
        indicator.statement.text.replace('\'', "&apos;")
    )));
}
