//! Lump sums: an amount per year known only as such ("Pillar 2: 40 million a year"), the
//! way most published NAP budgets are written, before anyone breaks it into unit costs.
//!
//! A lump sum is a cost line whose unit is [`LUMP_SUM_UNIT`] at a unit cost of 1 in the
//! line's currency, its yearly amounts as the quantities, and not inflated (the amount was
//! given as it is). Being a cost line, it counts in every roll-up, view, export and merge
//! with no rule of its own.
//!
//! Every cost line belongs to an activity, so that every amount has a lead agency and a
//! place in the results chain. A lump sum given for a pillar, outcome or output therefore
//! goes to a *budget holder* under it: one outcome, output and activity per parent, titled
//! so that they read as what they are and reused by every later lump sum for the same
//! parent. Breaking the budget down later means adding real activities and moving or
//! replacing the line.

use super::edit::new_cost_line;
use crate::model::{Activity, CostLine, Id, Outcome, Output, Plan, Year};
use crate::record::Record;
use crate::results::edit::{new_activity, new_outcome, new_output};
use crate::time::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The unit that marks a cost line as a lump sum.
pub const LUMP_SUM_UNIT: &str = "lump sum";

impl CostLine {
    /// Whether the line is a lump sum: an amount per year rather than unit cost × quantity.
    pub fn is_lump_sum(&self) -> bool {
        self.unit
            .as_deref()
            .is_some_and(|u| u.trim().eq_ignore_ascii_case(LUMP_SUM_UNIT))
    }
}

/// What a lump sum is given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "level", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum LumpSumTarget {
    Pillar(Id),
    Outcome(Id),
    Output(Id),
    Activity(Id),
}

/// Why a lump sum cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LumpSumError {
    #[error("there is no {0} with id {1} in the plan")]
    NoSuchRecord(&'static str, Id),
    #[error("{0} is outside the plan period")]
    YearOutsidePlan(Year),
    #[error("an amount cannot be negative ({0} in {1})")]
    Negative(Decimal, Year),
}

/// What a budget holder is held for: a pillar, an outcome or an output.
#[derive(Debug, Clone, Copy)]
enum Held {
    Pillar,
    Outcome,
    Output,
}

/// A holder's title from its level's name, the record's code and its quoted title.
type Sentence = fn(&str, &str, &str) -> String;

/// The title of the budget holder at every level under the record coded `code` and titled
/// `title`, in the plan's working language `language` where the product writes it (English
/// otherwise): it says what the record is for, and is how a later lump sum finds it again.
fn holder_title(language: &str, held: Held, code: &str, title: &str) -> String {
    let title = crate::text::quoted(title);
    let primary = language.split('-').next().unwrap_or_default();
    // The level's name (pillar, outcome, output) in each language, with the sentence around it.
    let (levels, sentence): ([&str; 3], Sentence) = match primary {
        "fr" => (["Axe", "Effet", "Produit"], |l, c, t| {
            format!("{l} {c} « {t} » : budget pas encore ventilé en activités")
        }),
        "km" => (
            ["សសរស្តម្ភ", "លទ្ធផល", "ទិន្នផល"],
            |l, c, t| format!("ថវិកានៃ{l} {c} «{t}» មិនទាន់បែងចែកជាសកម្មភាព"),
        ),
        "th" => (
            ["เสาหลัก", "ผลลัพธ์", "ผลผลิต"],
            |l, c, t| format!("งบประมาณของ{l} {c} “{t}” ที่ยังไม่ได้แยกเป็นกิจกรรม"),
        ),
        "vi" => (["Trụ cột", "Kết quả", "Đầu ra"], |l, c, t| {
            format!("{l} {c} “{t}”: ngân sách chưa phân bổ thành hoạt động")
        }),
        "id" => (["Pilar", "Hasil", "Keluaran"], |l, c, t| {
            format!("{l} {c} “{t}”: anggaran belum dirinci menjadi kegiatan")
        }),
        "lo" => (
            ["ເສົາຫຼັກ", "ຜົນລັບ", "ຜົນຜະລິດ"],
            |l, c, t| format!("ງົບປະມານຂອງ{l} {c} “{t}” ທີ່ຍັງບໍ່ໄດ້ແບ່ງເປັນກິດຈະກຳ"),
        ),
        "my" => (
            ["မဏ္ဍိုင်", "ရလဒ်", "ထွက်ရှိမှု"],
            |l, c, t| format!("{l} {c} “{t}” ၏ လုပ်ဆောင်ချက်များအဖြစ် မခွဲရသေးသော ဘတ်ဂျက်"),
        ),
        "tl" | "fil" => (["Haligi", "Kinalabasan", "Output"], |l, c, t| {
            format!("{l} {c} “{t}”: badyet na hindi pa nahahati sa mga gawain")
        }),
        _ => (["Pillar", "Outcome", "Output"], |l, c, t| {
            format!("{l} {c} “{t}”: budget not yet broken down into activities")
        }),
    };
    let level = match held {
        Held::Pillar => levels[0],
        Held::Outcome => levels[1],
        Held::Output => levels[2],
    };
    sentence(level, code, &title)
}

/// Adds to `plan` a lump sum for `target` with `amounts` per year in the plan's base
/// currency, creating the budget holders it needs (see the module documentation), and
/// returns the new line's id. On an error `plan` is unchanged.
pub fn add_lump_sum(
    plan: &mut Plan,
    target: LumpSumTarget,
    item: &str,
    amounts: &[(Year, Decimal)],
    mut new_id: impl FnMut() -> Id,
    now: &Timestamp,
    author: &str,
) -> Result<Id, LumpSumError> {
    for (year, amount) in amounts {
        if !(plan.meta.start_year..=plan.meta.end_year).contains(year) {
            return Err(LumpSumError::YearOutsidePlan(*year));
        }
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(LumpSumError::Negative(*amount, *year));
        }
    }
    // The chain down to an activity, found or made on a copy so that an error half-way
    // leaves `plan` as it was.
    let mut next = plan.clone();
    let language = plan.meta.working_language.clone();
    let activity_id = match target {
        LumpSumTarget::Activity(id) => next
            .activities
            .iter()
            .any(|a| a.record.id == id)
            .then_some(id)
            .ok_or(LumpSumError::NoSuchRecord("activity", id))?,
        LumpSumTarget::Output(id) => {
            let output = (next.outputs.iter().find(|o| o.record.id == id))
                .ok_or(LumpSumError::NoSuchRecord("output", id))?;
            let title = holder_title(&language, Held::Output, &output.code, &output.title.text);
            activity_holder(&mut next, id, &title, &mut new_id, now, author)?
        }
        LumpSumTarget::Outcome(id) => {
            let outcome = (next.outcomes.iter().find(|o| o.record.id == id))
                .ok_or(LumpSumError::NoSuchRecord("outcome", id))?;
            let title = holder_title(&language, Held::Outcome, &outcome.code, &outcome.title.text);
            let output = output_holder(&mut next, id, &title, &mut new_id, now, author)?;
            activity_holder(&mut next, output, &title, &mut new_id, now, author)?
        }
        LumpSumTarget::Pillar(id) => {
            let pillar = (next.pillars.iter().find(|p| p.record.id == id))
                .ok_or(LumpSumError::NoSuchRecord("pillar", id))?;
            let title = holder_title(&language, Held::Pillar, &pillar.code, &pillar.title.text);
            let outcome = holder(
                &mut next,
                ("pillar", id),
                |o: &Outcome| (o.pillar_id, o.title.text.as_str()),
                &title,
                |p| new_outcome(p, id, &title, new_id(), now, author),
            )?;
            let output = output_holder(&mut next, outcome, &title, &mut new_id, now, author)?;
            activity_holder(&mut next, output, &title, &mut new_id, now, author)?
        }
    };
    let item = match item.trim() {
        "" => "Lump sum",
        item => item,
    };
    let mut line = new_cost_line(&next, activity_id, item, new_id(), now, author);
    line.unit = Some(LUMP_SUM_UNIT.to_string());
    line.unit_cost = Some(Decimal::ONE);
    line.inflate = false;
    line.quantities = amounts
        .iter()
        .filter(|(_, amount)| !amount.is_zero())
        .map(|(year, amount)| (*year, *amount))
        .collect();
    let id = line.record.id;
    next.cost_lines.push(line);
    *plan = next;
    Ok(id)
}

/// The budget-holder output titled `title` under outcome `outcome_id`.
fn output_holder(
    plan: &mut Plan,
    outcome_id: Id,
    title: &str,
    new_id: &mut impl FnMut() -> Id,
    now: &Timestamp,
    author: &str,
) -> Result<Id, LumpSumError> {
    holder(
        plan,
        ("outcome", outcome_id),
        |o: &Output| (o.outcome_id, o.title.text.as_str()),
        title,
        |p| new_output(p, outcome_id, title, new_id(), now, author),
    )
}

/// The budget-holder activity titled `title` under output `output_id` (with no lead
/// agency: the review asks for one, as for any activity).
fn activity_holder(
    plan: &mut Plan,
    output_id: Id,
    title: &str,
    new_id: &mut impl FnMut() -> Id,
    now: &Timestamp,
    author: &str,
) -> Result<Id, LumpSumError> {
    holder(
        plan,
        ("output", output_id),
        |a: &Activity| (a.output_id, a.title.text.as_str()),
        title,
        |p| new_activity(p, output_id, title, None, new_id(), now, author),
    )
}

/// The budget holder of kind `T` titled `title` under the record `parent` (its kind's name
/// and id), made with `make` when the plan has none yet. `placed` gives a record's parent and
/// title.
fn holder<T: Record>(
    plan: &mut Plan,
    parent: (&'static str, Id),
    placed: impl Fn(&T) -> (Id, &str),
    title: &str,
    make: impl FnOnce(&Plan) -> Option<T>,
) -> Result<Id, LumpSumError> {
    if let Some(r) = T::list(plan)
        .iter()
        .find(|r| placed(r) == (parent.1, title))
    {
        return Ok(r.meta().id);
    }
    let made = make(plan).ok_or(LumpSumError::NoSuchRecord(parent.0, parent.1))?;
    let id = made.meta().id;
    T::list_mut(plan).push(made);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::costing::views::Measure;
    use crate::costing::{compute, cross_table, Dimension, Member};
    use crate::sample::sample_plan;
    use crate::validate;

    fn now() -> Timestamp {
        Timestamp::from_unix_millis(1_800_000_000_000)
    }

    /// The cost of `pillar` in `year`, contingency aside (it is its own row by pillar).
    fn pillar_cost(plan: &Plan, pillar: Id, year: Year) -> Decimal {
        let costing = compute(plan, None).expect("costs");
        let t = cross_table(
            plan,
            &costing,
            Dimension::Pillar,
            Some(Dimension::Year),
            Measure::Cost,
        );
        let r = (t.rows.iter()).position(|m| m.member == Member::Record(pillar));
        let c = (t.columns.iter()).position(|m| m.member == Member::Year(year));
        match (r, c) {
            (Some(r), Some(c)) => t.cells[r][c],
            _ => Decimal::ZERO,
        }
    }

    #[test]
    fn a_pillar_lump_sum_gets_one_budget_holder_chain_reused_by_the_next() {
        let mut plan = sample_plan();
        plan.meta.contingency = Decimal::ZERO;
        for a in &mut plan.activities {
            a.contingency = None;
        }
        let pillar = plan.pillars[1].record.id;
        let y = plan.meta.start_year + 1;
        let before = pillar_cost(&plan, pillar, y);
        let counts = (
            plan.outcomes.len(),
            plan.outputs.len(),
            plan.activities.len(),
        );
        let amount = Decimal::new(4_000_000_050, 2);
        let id = add_lump_sum(
            &mut plan,
            LumpSumTarget::Pillar(pillar),
            "Prevention budget 2027",
            &[(y, amount)],
            Id::new_v4,
            &now(),
            "t",
        )
        .expect("added");
        assert_eq!(
            (
                plan.outcomes.len(),
                plan.outputs.len(),
                plan.activities.len()
            ),
            (counts.0 + 1, counts.1 + 1, counts.2 + 1)
        );
        let line = plan.cost_lines.iter().find(|l| l.record.id == id).unwrap();
        assert!(line.is_lump_sum() && !line.inflate);
        assert_eq!(pillar_cost(&plan, pillar, y), before + amount);
        let holder = plan
            .activities
            .iter()
            .find(|a| a.record.id == line.activity_id);
        assert!(holder.unwrap().title.text.starts_with("Pillar 2 “"));

        // A second lump sum for the same pillar goes to the same holder.
        add_lump_sum(
            &mut plan,
            LumpSumTarget::Pillar(pillar),
            "",
            &[(y, Decimal::ONE)],
            Id::new_v4,
            &now(),
            "t",
        )
        .expect("added");
        assert_eq!(plan.activities.len(), counts.2 + 1);
        assert_eq!(
            pillar_cost(&plan, pillar, y),
            before + amount + Decimal::ONE
        );
        assert_eq!(validate(&plan), vec![]);
    }

    #[test]
    fn a_budget_holder_is_titled_in_the_plan_working_language() {
        let cases = [
            (
                "fr-CI",
                "Axe 2 « Prévention » : budget pas encore ventilé en activités",
            ),
            ("lo", "ງົບປະມານຂອງເສົາຫຼັກ 2 “Prévention” ທີ່ຍັງບໍ່ໄດ້ແບ່ງເປັນກິດຈະກຳ"),
            (
                "fil",
                "Haligi 2 “Prévention”: badyet na hindi pa nahahati sa mga gawain",
            ),
            (
                "ka",
                "Pillar 2 “Prévention”: budget not yet broken down into activities",
            ),
        ];
        for (language, expected) in cases {
            assert_eq!(
                holder_title(language, Held::Pillar, "2", "Prévention"),
                expected
            );
        }
        assert!(holder_title("my", Held::Output, "2.1.1", "x").starts_with("ထွက်ရှိမှု 2.1.1"));
        assert!(holder_title("th", Held::Outcome, "2.1", "x").contains("ผลลัพธ์ 2.1"));
    }

    #[test]
    fn an_activity_or_output_lump_sum_goes_under_it_and_bad_input_changes_nothing() {
        let mut plan = sample_plan();
        let activity = plan.activities[0].record.id;
        let output = plan.outputs[0].record.id;
        let y = plan.meta.start_year;
        let outcomes = plan.outcomes.len();
        let id = add_lump_sum(
            &mut plan,
            LumpSumTarget::Activity(activity),
            "x",
            &[(y, Decimal::TEN)],
            Id::new_v4,
            &now(),
            "t",
        )
        .expect("added");
        assert_eq!(
            plan.cost_lines.last().map(|l| (l.record.id, l.activity_id)),
            Some((id, activity))
        );
        add_lump_sum(
            &mut plan,
            LumpSumTarget::Output(output),
            "x",
            &[(y, Decimal::TEN)],
            Id::new_v4,
            &now(),
            "t",
        )
        .expect("added");
        let holder = plan.cost_lines.last().map(|l| l.activity_id);
        let holder = plan
            .activities
            .iter()
            .find(|a| Some(a.record.id) == holder)
            .unwrap();
        assert_eq!(holder.output_id, output);
        assert_eq!(plan.outcomes.len(), outcomes);

        let before = plan.clone();
        let outside = plan.meta.end_year + 1;
        for (target, amounts, expected) in [
            (
                LumpSumTarget::Pillar(plan.pillars[0].record.id),
                vec![(outside, Decimal::ONE)],
                LumpSumError::YearOutsidePlan(outside),
            ),
            (
                LumpSumTarget::Pillar(plan.pillars[0].record.id),
                vec![(y, Decimal::NEGATIVE_ONE)],
                LumpSumError::Negative(Decimal::NEGATIVE_ONE, y),
            ),
            (
                LumpSumTarget::Outcome(activity),
                vec![(y, Decimal::ONE)],
                LumpSumError::NoSuchRecord("outcome", activity),
            ),
        ] {
            let err = add_lump_sum(&mut plan, target, "x", &amounts, Id::new_v4, &now(), "t");
            assert_eq!(err, Err(expected));
            assert_eq!(plan, before);
        }
    }
}
