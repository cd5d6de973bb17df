//! Property: any valid plan survives JSON interchange exactly, byte for byte.

use nap_core::interchange::{from_json, to_json};
use nap_core::sample::sample_plan;
use nap_core::{validate, LocalText, Plan};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Text from several scripts, with the characters JSON must escape.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,'()-]{1,40}",
        "[\u{1780}-\u{17DD}\u{17E0}-\u{17E9} ]{1,30}",
        "[\u{0E01}-\u{0E3A}\u{0E40}-\u{0E4E}]{1,20}",
        Just("Quotes \" and \\ backslashes\nand new lines\t".to_string()),
        Just("Œuvre de paix — émancipation".to_string()),
    ]
}

fn local_text() -> impl Strategy<Value = LocalText> {
    (text(), proptest::option::of(text())).prop_map(|(text, l2)| LocalText {
        text,
        l2,
        l2_outdated: false,
    })
}

/// A non-negative decimal with up to 10 decimal places and up to 15 integer digits.
fn quantity() -> impl Strategy<Value = Decimal> {
    (0i64..1_000_000_000_000_000, 0u32..=10).prop_map(|(m, scale)| Decimal::new(m, scale))
}

fn mutated_plan() -> impl Strategy<Value = Plan> {
    (
        proptest::collection::vec(local_text(), 5),
        proptest::collection::vec((0usize..103, 2026i32..=2030, quantity()), 0..20),
        proptest::collection::vec((0usize..44, local_text()), 0..10),
        quantity(),
    )
        .prop_map(|(pillar_titles, quantities, activity_titles, unit_cost)| {
            let mut plan = sample_plan();
            for (pillar, title) in plan.pillars.iter_mut().zip(pillar_titles) {
                pillar.title = title;
            }
            for (line, year, q) in quantities {
                plan.cost_lines[line].quantities.insert(year, q);
            }
            for (activity, title) in activity_titles {
                plan.activities[activity].title = title;
            }
            plan.catalogue[0].unit_cost = unit_cost;
            plan
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn json_round_trip_is_exact(plan in mutated_plan()) {
        prop_assume!(validate(&plan).is_empty());
        let json = to_json(&plan);
        let back = from_json(&json).expect("a valid plan's JSON imports");
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(to_json(&back), json);
    }
}
