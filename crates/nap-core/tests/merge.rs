//! Three-way merge of plan copies: clean changes, conflicts, deletes, scope, and a property
//! test over random edits on both sides.

use nap_core::merge::{apply, three_way, Action, Decisions, Resolve};
use nap_core::sample::sample_plan;
use nap_core::{validate, Id, LocalText, Plan};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(v: i64) -> Decimal {
    Decimal::from(v)
}

#[test]
fn edits_to_different_activities_merge_cleanly_in_either_order() {
    let base = sample_plan();
    let mut a = base.clone();
    a.activities[0].title = LocalText::new("Edited by ministry A");
    a.cost_lines[0].quantities.insert(2026, d(91));
    let mut b = base.clone();
    b.activities[10].title = LocalText::new("Edited by ministry B");
    b.cost_lines[40].quantities.insert(2027, d(7));

    let r = three_way(&base, &a, &b, None);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let ab = apply(&a, &b, &r, &Decisions::all(None));
    let r2 = three_way(&base, &b, &a, None);
    let ba = apply(&b, &a, &r2, &Decisions::all(None));
    for merged in [&ab, &ba] {
        assert_eq!(merged.activities[0].title.text, "Edited by ministry A");
        assert_eq!(merged.activities[10].title.text, "Edited by ministry B");
        assert_eq!(merged.cost_lines[0].quantities[&2026], d(91));
        assert_eq!(merged.cost_lines[40].quantities[&2027], d(7));
        assert_eq!(validate(merged), vec![]);
    }
    // Same content whichever side merges (provenance aside).
    assert_eq!(strip(&ab), strip(&ba));
}

fn strip(p: &Plan) -> serde_json::Value {
    let mut v = serde_json::to_value(p).unwrap();
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("modified");
                m.remove("modified_by");
                m.values_mut().for_each(walk);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

#[test]
fn the_same_quantity_changed_on_both_sides_is_one_conflict() {
    let base = sample_plan();
    let mut ours = base.clone();
    ours.cost_lines[3].quantities.insert(2026, d(50));
    let mut theirs = base.clone();
    theirs.cost_lines[3].quantities.insert(2026, d(70));
    theirs.cost_lines[3].record.modified_by = "MOI planning".into();
    let r = three_way(&base, &ours, &theirs, None);
    assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
    let c = &r.conflicts[0];
    assert_eq!(
        (c.kind.as_str(), c.values.field.as_str()),
        ("cost_line", "quantities")
    );
    assert_eq!(c.their_author, "MOI planning");
    assert_eq!(
        apply(&ours, &theirs, &r, &Decisions::all(Some(Resolve::Ours))).cost_lines[3].quantities
            [&2026],
        d(50)
    );
    assert_eq!(
        apply(&ours, &theirs, &r, &Decisions::all(Some(Resolve::Theirs))).cost_lines[3].quantities
            [&2026],
        d(70)
    );
}

#[test]
fn edit_against_delete_is_a_conflict_and_clean_deletes_apply() {
    let base = sample_plan();
    let mut ours = base.clone();
    ours.cost_lines[5].note = "keep this".into();
    let mut theirs = base.clone();
    let deleted = theirs.cost_lines.remove(5).record.id;
    let clean = theirs.cost_lines.remove(10).record.id;
    let r = three_way(&base, &ours, &theirs, None);
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].id, deleted);
    assert!(r
        .changes
        .iter()
        .any(|c| c.id == clean && c.action == Action::Delete));
    let kept = apply(&ours, &theirs, &r, &Decisions::all(Some(Resolve::Ours)));
    assert!(kept.cost_lines.iter().any(|l| l.record.id == deleted));
    assert!(!kept.cost_lines.iter().any(|l| l.record.id == clean));
    let gone = apply(&ours, &theirs, &r, &Decisions::all(Some(Resolve::Theirs)));
    assert!(!gone.cost_lines.iter().any(|l| l.record.id == deleted));
}

#[test]
fn additions_are_added_and_merging_twice_changes_nothing() {
    let base = sample_plan();
    let ours = base.clone();
    let mut theirs = base.clone();
    let mut line = theirs.cost_lines[0].clone();
    line.record.id = Id::from_u128(77);
    theirs.cost_lines.push(line);
    let r = three_way(&base, &ours, &theirs, None);
    assert_eq!(r.changes.len(), 1);
    assert_eq!(r.changes[0].action, Action::Add);
    let merged = apply(&ours, &theirs, &r, &Decisions::all(None));
    assert_eq!(merged.cost_lines.len(), base.cost_lines.len() + 1);
    let again = three_way(&base, &merged, &theirs, None);
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(
        apply(&merged, &theirs, &again, &Decisions::all(None)),
        merged
    );
}

/// The id of the agency with `code`.
fn agency(plan: &Plan, code: &str) -> Id {
    plan.agencies
        .iter()
        .find(|a| a.code == code)
        .unwrap()
        .record
        .id
}

/// The index of the first activity `agency` leads (with `leads` false: does not lead).
fn activity_led(plan: &Plan, agency: Id, leads: bool) -> usize {
    plan.activities
        .iter()
        .position(|a| (a.lead_agency_id == Some(agency)) == leads)
        .unwrap()
}

/// A copy, with id `id`, of the first cost line of activity `activity` (an index).
fn copy_of_line_under(plan: &Plan, activity: usize, id: Id) -> nap_core::CostLine {
    let mut line = plan
        .cost_lines
        .iter()
        .find(|l| l.activity_id == plan.activities[activity].record.id)
        .unwrap()
        .clone();
    line.record.id = id;
    line
}

#[test]
fn a_scoped_copy_may_only_change_its_agency_s_part() {
    let base = sample_plan();
    let moi = agency(&base, "MOI");
    let mut theirs = base.clone();
    let own = activity_led(&base, moi, true);
    let other = activity_led(&base, moi, false);
    theirs.activities[own].title = LocalText::new("MOI's own activity, edited");
    theirs.activities[other].title = LocalText::new("Not MOI's activity");
    theirs.meta.title = LocalText::new("Renamed plan");
    let new_line = copy_of_line_under(&theirs, own, Id::from_u128(5));
    theirs.cost_lines.push(new_line);
    let r = three_way(&base, &base, &theirs, Some(moi));
    assert_eq!(r.changes.len(), 2, "{:?}", r.changes);
    assert_eq!(r.refused.len(), 2);
    let merged = apply(&base, &theirs, &r, &Decisions::all(None));
    assert_eq!(
        merged.activities[own].title.text,
        "MOI's own activity, edited"
    );
    assert_eq!(merged.activities[other].title, base.activities[other].title);
    assert_eq!(merged.meta.title, base.meta.title);
}

#[test]
fn a_reviewer_can_turn_down_a_change_and_choose_a_side_per_field() {
    let base = sample_plan();
    let mut ours = base.clone();
    ours.cost_lines[3].quantities.insert(2026, d(50));
    ours.cost_lines[3].note = "our note".into();
    let mut theirs = base.clone();
    theirs.cost_lines[3].quantities.insert(2026, d(70));
    theirs.cost_lines[3].note = "their note".into();
    theirs.activities[2].title = LocalText::new("Retitled by them");
    theirs.activities[4].title = LocalText::new("Also retitled by them");
    let r = three_way(&base, &ours, &theirs, None);
    assert_eq!(r.conflicts.len(), 2, "{:?}", r.conflicts);
    assert_eq!(r.changes.len(), 2, "{:?}", r.changes);

    let line = base.cost_lines[3].record.id;
    let mut decisions = Decisions::default();
    decisions
        .rejected
        .insert(("activity".into(), base.activities[4].record.id));
    decisions.chosen.insert(
        ("cost_line".into(), line, "quantities".into()),
        Resolve::Theirs,
    );
    let undecided = decisions.undecided(&r);
    assert_eq!(undecided.len(), 1);
    assert_eq!(undecided[0].values.field, "note");
    decisions
        .chosen
        .insert(("cost_line".into(), line, "note".into()), Resolve::Ours);
    assert!(decisions.undecided(&r).is_empty());

    let merged = apply(&ours, &theirs, &r, &decisions);
    assert_eq!(merged.cost_lines[3].quantities[&2026], d(70));
    assert_eq!(merged.cost_lines[3].note, "our note");
    assert_eq!(merged.activities[2].title.text, "Retitled by them");
    assert_eq!(merged.activities[4].title, base.activities[4].title);
    assert_eq!(validate(&merged), vec![]);
}

#[test]
fn a_scoped_copy_may_grow_its_part_but_not_give_away_or_take_over_records() {
    let base = sample_plan();
    let (moi, other_agency) = (agency(&base, "MOI"), agency(&base, "MOJ"));
    let mut theirs = base.clone();
    let own = activity_led(&base, moi, true);
    let given_away = theirs
        .activities
        .iter()
        .rposition(|a| a.lead_agency_id == Some(moi))
        .unwrap();
    assert_ne!(own, given_away);
    let taken_over = activity_led(&base, other_agency, true);
    // A new activity MOI leads, with a cost line under it: both inside the part.
    let mut new_activity = theirs.activities[own].clone();
    new_activity.record.id = Id::from_u128(901);
    new_activity.code = format!("{}.9", new_activity.code);
    let mut new_line = copy_of_line_under(&theirs, own, Id::from_u128(902));
    new_line.activity_id = new_activity.record.id;
    theirs.activities.push(new_activity);
    theirs.cost_lines.push(new_line);
    theirs.activities[given_away].lead_agency_id = Some(other_agency);
    theirs.activities[taken_over].lead_agency_id = Some(moi);

    let r = three_way(&base, &base, &theirs, Some(moi));
    let added: Vec<Id> = r.changes.iter().map(|c| c.id).collect();
    assert!(added.contains(&Id::from_u128(901)), "{:?}", r.changes);
    assert!(added.contains(&Id::from_u128(902)), "{:?}", r.changes);
    let refused: Vec<Id> = r.refused.iter().map(|c| c.id).collect();
    assert!(refused.contains(&base.activities[given_away].record.id));
    assert!(refused.contains(&base.activities[taken_over].record.id));
    let merged = apply(&base, &theirs, &r, &Decisions::all(None));
    assert_eq!(merged.activities.len(), base.activities.len() + 1);
    assert_eq!(
        merged.activities[taken_over].lead_agency_id,
        Some(other_agency)
    );
    assert_eq!(validate(&merged), vec![]);
}

/// An edit: which line, which year, and the new quantity.
fn edits() -> impl Strategy<Value = Vec<(usize, i32, i64)>> {
    proptest::collection::vec((0usize..103, 2026i32..=2030, 0i64..500), 0..25)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// No non-conflicting edit is lost, and the conflicts are exactly the lines whose
    /// quantities were edited differently on both sides.
    #[test]
    fn random_edits_merge_without_loss(ours_edits in edits(), their_edits in edits()) {
        let base = sample_plan();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        for (l, y, q) in &ours_edits { ours.cost_lines[*l].quantities.insert(*y, d(*q)); }
        for (l, y, q) in &their_edits { theirs.cost_lines[*l].quantities.insert(*y, d(*q)); }
        let r = three_way(&base, &ours, &theirs, None);
        let expected_conflicts: std::collections::BTreeSet<usize> = (0..103)
            .filter(|&l| ours.cost_lines[l].quantities != base.cost_lines[l].quantities
                && theirs.cost_lines[l].quantities != base.cost_lines[l].quantities
                && ours.cost_lines[l].quantities != theirs.cost_lines[l].quantities)
            .collect();
        let got: std::collections::BTreeSet<usize> = r.conflicts.iter()
            .map(|c| base.cost_lines.iter().position(|l| l.record.id == c.id).unwrap())
            .collect();
        prop_assert_eq!(&got, &expected_conflicts);
        let merged = apply(&ours, &theirs, &r, &Decisions::all(None));
        for l in 0..103 {
            let (b, o, t, m) = (&base.cost_lines[l].quantities, &ours.cost_lines[l].quantities, &theirs.cost_lines[l].quantities, &merged.cost_lines[l].quantities);
            if expected_conflicts.contains(&l) {
                prop_assert_eq!(m, o, "a conflict keeps ours until resolved");
            } else if t != b {
                prop_assert_eq!(m, t, "their edit is kept");
            } else {
                prop_assert_eq!(m, o, "our edit is kept");
            }
        }
    }
}

#[test]
fn values_read_as_a_person_reads_them() {
    use nap_core::merge::{describe, labels};
    use serde_json::json;
    let plan = sample_plan();
    let names = labels(&[&plan]);
    let activity = &plan.activities[0];
    assert_eq!(
        describe(Some(&json!(activity.record.id.to_string())), &names),
        format!("{} {}", activity.code, activity.title.text).trim()
    );
    assert_eq!(
        describe(Some(&json!({"2026": "12", "2027": "3.5"})), &names),
        "2026: 12; 2027: 3.5"
    );
    assert_eq!(
        describe(
            Some(&json!({"text": "Training", "l2": "វគ្គបណ្តុះបណ្តាល"})),
            &names
        ),
        "Training / វគ្គបណ្តុះបណ្តាល"
    );
    assert_eq!(
        describe(Some(&json!({"text": "Training", "l2": null})), &names),
        "Training"
    );
    assert_eq!(describe(Some(&json!(["a", "b"])), &names), "a, b");
    assert_eq!(describe(None, &names), "");
    assert_eq!(describe(Some(&json!(null)), &names), "");
}

/// Two ministries each give the same code its Khmer name: the names meet as one record,
/// because its id comes from the code, so a difference is one conflict, never two names.
#[test]
fn names_given_to_the_same_code_on_both_sides_meet_as_one_record() {
    use nap_core::edit::{set_classification_name, ClassificationNameField, NameChange, Tongue};
    use nap_core::model::ClassificationScheme;
    let base = sample_plan();
    let name = |plan: &Plan, code: &str, km: &str| {
        let now = base.meta.record.modified.clone();
        let khmer = ClassificationNameField::Name(Tongue::Second);
        match set_classification_name(
            plan,
            ClassificationScheme::Economic,
            code,
            khmer,
            km,
            &now,
            "t",
        ) {
            Ok(NameChange::Put(n)) => n,
            other => panic!("{other:?}"),
        }
    };
    let mut ours = base.clone();
    ours.classification_names
        .push(name(&base, "211", "ប្រាក់បៀវត្ស"));
    ours.classification_names.push(name(&base, "26", "ឧបត្ថម្ភធន"));
    let mut theirs = base.clone();
    theirs
        .classification_names
        .push(name(&base, "211", "ប្រាក់ខែ"));
    theirs
        .classification_names
        .push(name(&base, "27", "អត្ថប្រយោជន៍សង្គម"));

    let report = three_way(&base, &ours, &theirs, None);
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    assert_eq!(report.conflicts[0].kind, "classification_name");
    for side in [Resolve::Ours, Resolve::Theirs] {
        let merged = apply(&ours, &theirs, &report, &Decisions::all(Some(side)));
        assert_eq!(validate(&merged), vec![]);
        let km = |code: &str| {
            merged
                .classification_names
                .iter()
                .filter(|n| n.scheme == ClassificationScheme::Economic && n.code == code)
                .map(|n| n.name.l2.clone().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        let chosen = if side == Resolve::Ours {
            "ប្រាក់បៀវត្ស"
        } else {
            "ប្រាក់ខែ"
        };
        assert_eq!(km("211"), [chosen]);
        assert_eq!(km("26"), ["ឧបត្ថម្ភធន"]);
        assert_eq!(km("27"), ["អត្ថប្រយោជន៍សង្គម"]);
    }
}
