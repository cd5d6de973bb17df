//! Property: any valid plan is read back from its file exactly as it was written.

use nap_core::sample::sample_plan;
use nap_core::{validate, LocalText};
use nap_store::{Access, PlanFile};
use proptest::prelude::*;
use rust_decimal::Decimal;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn file_round_trip_is_exact(
        titles in proptest::collection::vec(("[\u{1780}-\u{17DD} a-z'\"]{1,20}", proptest::option::of("[\u{0E01}-\u{0E3A}]{1,10}")), 5),
        quantities in proptest::collection::vec((0usize..103, 2026i32..=2030, 0i64..10_000_000_000_000, 0u32..=8), 0..12),
        inflate in proptest::collection::vec(any::<bool>(), 103),
    ) {
        let mut plan = sample_plan();
        for (pillar, (text, l2)) in plan.pillars.iter_mut().zip(titles) {
            pillar.title = LocalText {
                text,
                l2,
                l2_outdated: false,
            };
        }
        for (line, year, m, scale) in quantities {
            plan.cost_lines[line].quantities.insert(year, Decimal::new(m, scale));
        }
        for (line, flag) in plan.cost_lines.iter_mut().zip(inflate) {
            line.inflate = flag;
        }
        prop_assume!(validate(&plan).is_empty());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.nap");
        PlanFile::create(&path, &plan, false).unwrap();
        let back = PlanFile::open(&path, Access::ReadOnly).unwrap().load().unwrap();
        prop_assert_eq!(back, plan);
    }
}
