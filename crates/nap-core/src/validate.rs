//! Validation of a whole plan: every rule whose breach would make the plan inconsistent
//! (as opposed to incomplete, which the quality review reports).
//!
//! Invariant: a plan that passes [`validate`] has unique ids across all records, unique codes
//! per kind where codes are identifiers, no dangling references, every year inside the plan
//! period, known currencies, and no negative quantities or amounts.

use crate::currency::currency;
use crate::fasthash::{FastMap, FastSet};
use crate::model::*;
use crate::record::{Record, RecordKind};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// Which record a validation error is about, with a label a person recognises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: Id,
    /// Code and/or title, e.g. "1.2.1.3 Train police gender focal points".
    pub label: String,
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} \"{}\"",
            self.kind.name().replace('_', " "),
            crate::text::quoted(&self.label)
        )
    }
}

/// The largest amount, quantity or unit cost NAP Studio takes: 10^15 (a thousand trillion),
/// far above any line of a national budget, and far enough below the 28 digits an exact
/// decimal holds that costing (amount × quantity × inflation × rate) and every total stay
/// exact. Every entry path (typing, scripted edits, JSON and CSV imports, merges) is checked
/// against it by [`validate`].
pub const AMOUNT_LIMIT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// The largest exchange rate (units of base currency per unit): 10^9, above any real rate.
pub const RATE_LIMIT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// The smallest exchange rate: 10^-9.
pub const RATE_FLOOR: Decimal = Decimal::from_parts(1, 0, 0, false, 9);

/// A specific reason the plan is inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[ts(export)]
pub enum ValidationError {
    #[error("the plan period {start}–{end} is not valid: {reason}")]
    InvalidPeriod {
        start: Year,
        end: Year,
        reason: String,
    },
    #[error("`{}` is not a valid ISO 3166 two-letter country code", crate::text::quoted(.value))]
    InvalidCountry { value: String },
    #[error("{}`{}` is not a known ISO 4217 currency code ({field})", record_prefix(.record), crate::text::quoted(.currency))]
    UnknownCurrency {
        record: Option<RecordRef>,
        field: String,
        currency: String,
    },
    #[error("{record}: year {year} ({field}) is outside the plan period {start}–{end}")]
    YearOutsidePeriod {
        record: RecordRef,
        field: String,
        year: Year,
        start: Year,
        end: Year,
    },
    #[error("{record}: {field} refers to {target}, which is not {} of this plan", with_article(.expected))]
    UnknownReference {
        record: RecordRef,
        field: String,
        target: Id,
        expected: String,
    },
    #[error("two {kind_label} records have the code `{}`; codes must be unique", crate::text::quoted(.code))]
    DuplicateCode {
        kind: RecordKind,
        kind_label: String,
        code: String,
    },
    #[error("the id {id} is used by more than one record")]
    DuplicateId { id: Id },
    #[error("{record}: the quantity for {year} is negative ({})", crate::text::quoted(.value))]
    NegativeQuantity {
        record: RecordRef,
        year: Year,
        value: String,
    },
    #[error("{record}: {field} is negative ({})", crate::text::quoted(.value))]
    NegativeAmount {
        record: RecordRef,
        field: String,
        value: String,
    },
    #[error("{record}: {field} must be greater than zero (it is {})", crate::text::quoted(.value))]
    NotPositive {
        record: RecordRef,
        field: String,
        value: String,
    },
    #[error("{record}: {field} is required when the line does not use a catalogue item")]
    MissingCostField { record: RecordRef, field: String },
    #[error("{record}: {field} must not be empty")]
    BlankText { record: RecordRef, field: String },
    #[error("{record}: {field} has `{}`, {reason}", crate::text::quoted(.value))]
    OutOfRange {
        record: RecordRef,
        field: String,
        value: String,
        reason: String,
    },
    #[error("{field} is {}; {reason}", crate::text::quoted(.value))]
    InvalidSetting {
        field: String,
        value: String,
        reason: String,
    },
    #[error("{record}: {field} `{}` is not a number, as a {kind_label} indicator needs", crate::text::quoted(.value))]
    NonNumericIndicatorValue {
        record: RecordRef,
        field: String,
        value: String,
        kind_label: String,
    },
    #[error("{record}: the reporting line loops back to this body")]
    ReportingCycle { record: RecordRef },
}

impl ValidationError {
    /// The stable machine-readable name of the rule broken (e.g. "year_outside_period").
    pub fn rule(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("rule").and_then(|c| c.as_str()).map(str::to_string))
            .unwrap_or_default()
    }
}

/// A field's name in a message, written only when there is a message: "quantity for 2027"
/// would otherwise be formatted for every line and year of every validation (300,000 times
/// on the large plan, a third of its validation time).
trait FieldName {
    fn name(self) -> String;
}

impl FieldName for &str {
    fn name(self) -> String {
        self.to_string()
    }
}

impl<F: FnOnce() -> String> FieldName for F {
    fn name(self) -> String {
        self()
    }
}

/// "an activity", "a pillar or an agency": the kind names of a message with their article.
fn with_article(kinds: &str) -> String {
    kinds
        .split(" or ")
        .map(|k| match k.chars().next() {
            Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {k}"),
            _ => format!("a {k}"),
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn record_prefix(record: &Option<RecordRef>) -> String {
    record
        .as_ref()
        .map(|r| format!("{r}: "))
        .unwrap_or_default()
}

fn label_of(code: &str, title: &str) -> String {
    match (code.is_empty(), title.is_empty()) {
        (true, _) => title.to_string(),
        (_, true) => code.to_string(),
        _ => format!("{code} {title}"),
    }
}

/// A short label for any record, for messages.
pub trait Labelled: Record {
    /// Code and/or title.
    fn label(&self) -> String;
    /// A [`RecordRef`] to this record.
    fn as_ref_(&self) -> RecordRef {
        RecordRef {
            kind: Self::KIND,
            id: self.meta().id,
            label: self.label(),
        }
    }
}

macro_rules! labelled {
    ($($ty:ty => |$r:ident| $e:expr;)*) => {$(
        impl Labelled for $ty { fn label(&self) -> String { let $r = self; $e } }
    )*};
}

labelled! {
    Agency => |r| label_of(&r.code, &r.name.text);
    NarrativeSection => |r| r.title.text.clone();
    Pillar => |r| label_of(&r.code, &r.title.text);
    Outcome => |r| label_of(&r.code, &r.title.text);
    Output => |r| label_of(&r.code, &r.title.text);
    Activity => |r| label_of(&r.code, &r.title.text);
    Indicator => |r| label_of(&r.code, &r.statement.text);
    ProgressValue => |r| r.period.clone();
    ActivityStatus => |r| r.period.clone();
    Expenditure => |r| format!("{} {} {}", r.year, r.amount, r.currency);
    CatalogueItem => |r| label_of(&r.code, &r.name.text);
    CostLine => |r| r.item.text.clone();
    ExchangeRate => |r| match r.year { Some(y) => format!("{} {y}", r.currency), None => r.currency.clone() };
    ClassificationName => |r| label_of(&r.code, r.name.text.trim());
    FundingSource => |r| label_of(&r.code, &r.name.text);
    CommunicationItem => |r| r.text.text.clone();
    CommunicationActivity => |r| r.title.text.clone();
    AgencyPlan => |r| r.focal_point.clone();
    SubActivity => |r| label_of(&r.code, &r.title.text);
    CoordinatingBody => |r| label_of(&r.code, &r.name.text);
    Consultation => |r| r.title.text.clone();
    ReportingEvent => |r| r.title.text.clone();
    NamedVersion => |r| r.name.clone();
}

/// Collects errors while walking the plan.
struct Checker<'p> {
    plan: &'p Plan,
    kinds: FastMap<Id, RecordKind>,
    errors: Vec<ValidationError>,
}

impl<'p> Checker<'p> {
    fn reference(&mut self, r: &RecordRef, field: &str, target: Id, expected: &[RecordKind]) {
        if !self
            .kinds
            .get(&target)
            .is_some_and(|k| expected.contains(k))
        {
            self.errors.push(ValidationError::UnknownReference {
                record: r.clone(),
                field: field.to_string(),
                target,
                expected: expected
                    .iter()
                    .map(|k| k.name().replace('_', " "))
                    .collect::<Vec<_>>()
                    .join(" or "),
            });
        }
    }

    fn opt_reference(&mut self, r: &RecordRef, field: &str, t: Option<Id>, e: &[RecordKind]) {
        if let Some(t) = t {
            self.reference(r, field, t, e);
        }
    }

    /// The checks of one cost line: its own fields and what it references.
    fn cost_line(&mut self, line: &CostLine) {
        use RecordKind as K;
        let r = line.as_ref_();
        self.reference(&r, "activity", line.activity_id, &[K::Activity]);
        self.opt_reference(
            &r,
            "catalogue item",
            line.catalogue_item_id,
            &[K::CatalogueItem],
        );
        self.opt_reference(
            &r,
            "funding source",
            line.funding_source_id,
            &[K::FundingSource],
        );
        if line.catalogue_item_id.is_none() {
            self.not_blank(&r, "item", &line.item.text);
            let missing = [
                ("unit", line.unit.is_none()),
                ("unit cost", line.unit_cost.is_none()),
                ("currency", line.currency.is_none()),
                ("economic code", line.economic_code.is_none()),
            ];
            for (field, is_missing) in missing {
                if is_missing {
                    self.errors.push(ValidationError::MissingCostField {
                        record: r.clone(),
                        field: field.into(),
                    });
                }
            }
        }
        if let Some(cur) = &line.currency {
            self.currency(Some(&r), "currency", cur);
        }
        if let Some(u) = line.unit_cost {
            self.non_negative(&r, "unit cost", u);
        }
        for (&year, &q) in &line.quantities {
            self.year(&r, "quantities", year);
            self.within_limit(&r, || format!("quantity for {year}"), q);
            if q.is_sign_negative() && !q.is_zero() {
                self.errors.push(ValidationError::NegativeQuantity {
                    record: r.clone(),
                    year,
                    value: q.to_string(),
                });
            }
        }
    }

    fn year(&mut self, r: &RecordRef, field: &str, year: Year) {
        let (start, end) = (self.plan.meta.start_year, self.plan.meta.end_year);
        if year < start || year > end {
            self.errors.push(ValidationError::YearOutsidePeriod {
                record: r.clone(),
                field: field.to_string(),
                year,
                start,
                end,
            });
        }
    }

    /// A reporting period that reads as one and falls in `year`.
    fn period(&mut self, r: &RecordRef, text: &str, year: Year) {
        match crate::progress::Period::parse(text) {
            Some(p) if p.year == year => {}
            Some(p) => self.errors.push(ValidationError::OutOfRange {
                record: r.clone(),
                field: "period".into(),
                value: text.to_string(),
                reason: format!("it falls in {}, not in the record's year {year}", p.year),
            }),
            None => self.errors.push(ValidationError::OutOfRange {
                record: r.clone(),
                field: "period".into(),
                value: text.to_string(),
                reason: "a period is a year, a half or a quarter: 2027, 2027-H1, 2027-Q3".into(),
            }),
        }
    }

    fn currency(&mut self, r: Option<&RecordRef>, field: &str, code: &str) {
        if currency(code).is_none() {
            self.errors.push(ValidationError::UnknownCurrency {
                record: r.cloned(),
                field: field.to_string(),
                currency: code.to_string(),
            });
        }
    }

    fn non_negative(&mut self, r: &RecordRef, field: impl FieldName, value: Decimal) {
        if value.is_sign_negative() && !value.is_zero() {
            self.errors.push(ValidationError::NegativeAmount {
                record: r.clone(),
                field: field.name(),
                value: value.to_string(),
            });
            return;
        }
        self.within_limit(r, field, value);
    }

    /// Refuses an amount above [`AMOUNT_LIMIT`].
    fn within_limit(&mut self, r: &RecordRef, field: impl FieldName, value: Decimal) {
        if value > AMOUNT_LIMIT {
            self.errors.push(ValidationError::OutOfRange {
                record: r.clone(),
                field: field.name(),
                value: value.to_string(),
                reason: "more than 1,000,000,000,000,000, the largest amount NAP Studio takes"
                    .into(),
            });
        }
    }

    fn not_blank(&mut self, r: &RecordRef, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.errors.push(ValidationError::BlankText {
                record: r.clone(),
                field: field.to_string(),
            });
        }
    }

    fn unique_codes<'r, T: Labelled, S: AsRef<str>>(
        &mut self,
        items: &'r [T],
        code: impl Fn(&'r T) -> S,
    ) {
        let mut seen = FastSet::default();
        for item in items {
            let code = code(item);
            let c = code.as_ref().trim();
            if !c.is_empty() && !seen.insert(c.to_lowercase()) {
                self.errors.push(ValidationError::DuplicateCode {
                    kind: T::KIND,
                    kind_label: T::KIND.name().replace('_', " "),
                    code: c.to_string(),
                });
            }
        }
    }
}

/// Calls `$m!` with the name of every list of records in a [`Plan`]: what the id checks
/// go through.
macro_rules! every_list {
    ($m:ident) => {
        $m!(
            agencies,
            narrative,
            pillars,
            outcomes,
            outputs,
            activities,
            indicators,
            progress,
            activity_statuses,
            catalogue,
            cost_lines,
            expenditures,
            exchange_rates,
            classification_names,
            funding_sources,
            communication,
            communication_activities,
            agency_plans,
            sub_activities,
            bodies,
            consultations,
            reporting_events,
            versions
        )
    };
}

/// What [`validate`] finds in `plan` after `record` replaced the record with its id, when
/// the plan was valid before: for a cost line (the edit the costing grid makes, on plans of
/// tens of thousands of lines) only the line is checked
/// ([`validate_replaced_cost_line`]); any other kind gets the whole validation.
pub fn validate_replaced<T: Record>(plan: &Plan, record: &T) -> Vec<ValidationError> {
    match (record as &dyn std::any::Any).downcast_ref::<CostLine>() {
        Some(line) => validate_replaced_cost_line(plan, line),
        None => validate(plan),
    }
}

/// What [`validate`] finds in `plan` after `line` replaced the cost line with its id, when
/// the plan was valid before the edit (every open plan is: it is validated when opened and
/// after every edit). A replaced line keeps its id and kind, and no other record's rules read
/// a cost line's fields, so only the line itself can have broken: its fields and what it
/// references. A new line (whose id must be unique across the plan) needs [`validate`].
pub fn validate_replaced_cost_line(plan: &Plan, line: &CostLine) -> Vec<ValidationError> {
    let mut c = Checker {
        plan,
        kinds: FastMap::default(),
        errors: Vec::new(),
    };
    let referenced = [line.catalogue_item_id, line.funding_source_id];
    for id in std::iter::once(line.activity_id).chain(referenced.into_iter().flatten()) {
        if let Some(kind) = crate::record::kind_of(plan, id) {
            c.kinds.insert(id, kind);
        }
    }
    c.cost_line(line);
    c.errors
}

/// Every inconsistency in `plan`, in a stable order; empty when the plan is valid.
pub fn validate(plan: &Plan) -> Vec<ValidationError> {
    use RecordKind as K;
    let mut c = Checker {
        plan,
        kinds: FastMap::default(),
        errors: Vec::new(),
    };
    let m = &plan.meta;
    if m.end_year < m.start_year {
        c.errors.push(ValidationError::InvalidPeriod {
            start: m.start_year,
            end: m.end_year,
            reason: "the last year is before the first".into(),
        });
    } else if m.end_year - m.start_year >= 30 {
        c.errors.push(ValidationError::InvalidPeriod {
            start: m.start_year,
            end: m.end_year,
            reason: "a plan may span at most 30 years".into(),
        });
    } else if !(1900..=2200).contains(&m.start_year) {
        c.errors.push(ValidationError::InvalidPeriod {
            start: m.start_year,
            end: m.end_year,
            reason: "the years must be between 1900 and 2200".into(),
        });
    }
    if m.country.len() != 2 || !m.country.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.errors.push(ValidationError::InvalidCountry {
            value: m.country.clone(),
        });
    }
    if crate::languages::language(&m.working_language).is_none() {
        c.errors.push(ValidationError::InvalidSetting {
            field: "working language".into(),
            value: m.working_language.clone(),
            reason: "it is not a language NAP Studio knows (a BCP 47 tag such as fr or km)".into(),
        });
    }
    if let Some(l2) = &m.second_language {
        if crate::languages::language(l2).is_none() {
            c.errors.push(ValidationError::InvalidSetting {
                field: "second language".into(),
                value: l2.clone(),
                reason: "it is not a language NAP Studio knows (a BCP 47 tag such as fr or km)"
                    .into(),
            });
        } else if l2.eq_ignore_ascii_case(&m.working_language) {
            c.errors.push(ValidationError::InvalidSetting {
                field: "second language".into(),
                value: l2.clone(),
                reason: "it is the working language".into(),
            });
        }
    }
    c.currency(None, "base currency", &m.base_currency);
    if let Some(p) = &m.presentation_currency {
        c.currency(None, "presentation currency", p);
    }
    if m.contingency.is_sign_negative() || m.contingency > Decimal::ONE {
        c.errors.push(ValidationError::InvalidSetting {
            field: "contingency".into(),
            value: m.contingency.to_string(),
            reason: "it must be a fraction between 0 and 1 (0.05 = 5 %)".into(),
        });
    }
    for (year, rate) in &m.inflation {
        if *rate <= -Decimal::ONE || *rate > Decimal::ONE {
            c.errors.push(ValidationError::InvalidSetting {
                field: format!("inflation for {year}"),
                value: rate.to_string(),
                reason: "it must be a fraction above -1 and at most 1 (0.03 = 3 %)".into(),
            });
        }
    }

    // Ids: unique across every kind, so that a bare id names exactly one record.
    let mut dup = Vec::new();
    fn index_ids<T: Record>(items: &[T], kinds: &mut FastMap<Id, RecordKind>, dup: &mut Vec<Id>) {
        for r in items {
            if kinds.insert(r.meta().id, T::KIND).is_some() {
                dup.push(r.meta().id);
            }
        }
    }
    macro_rules! index {
        ($($list:ident),*) => {$( index_ids(&plan.$list, &mut c.kinds, &mut dup); )*};
    }
    every_list!(index);
    c.errors.extend(
        dup.into_iter()
            .map(|id| ValidationError::DuplicateId { id }),
    );
    if let Some(lead) = m.lead_agency_id {
        if c.kinds.get(&lead) != Some(&K::Agency) {
            c.errors.push(ValidationError::InvalidSetting {
                field: "lead agency".into(),
                value: lead.to_string(),
                reason: "it is not an agency of this plan".into(),
            });
        }
    }

    c.unique_codes(&plan.agencies, |a| &a.code);
    c.unique_codes(&plan.pillars, |p| &p.code);
    c.unique_codes(&plan.outcomes, |o| &o.code);
    c.unique_codes(&plan.outputs, |o| &o.code);
    c.unique_codes(&plan.activities, |a| &a.code);
    c.unique_codes(&plan.indicators, |i| &i.code);
    c.unique_codes(&plan.catalogue, |i| &i.code);
    c.unique_codes(&plan.funding_sources, |s| &s.code);
    c.unique_codes(&plan.bodies, |b| &b.code);
    c.unique_codes(&plan.classification_names, |n| {
        format!("{} {}", n.scheme.name(), n.code.trim())
    });

    for a in &plan.agencies {
        let r = a.as_ref_();
        c.not_blank(&r, "code", &a.code);
        c.not_blank(&r, "name", &a.name.text);
    }
    for p in &plan.pillars {
        c.not_blank(&p.as_ref_(), "title", &p.title.text);
    }
    for o in &plan.outcomes {
        let r = o.as_ref_();
        c.not_blank(&r, "title", &o.title.text);
        c.reference(&r, "pillar", o.pillar_id, &[K::Pillar]);
        for &n in &o.rpa_outcomes {
            if !(1..=6).contains(&n) {
                c.errors.push(ValidationError::OutOfRange {
                    record: r.clone(),
                    field: "ASEAN RPA outcome".into(),
                    value: n.to_string(),
                    reason: "the ASEAN RPA WPS has strategic outcomes 1 to 6".into(),
                });
            }
        }
    }
    for o in &plan.outputs {
        let r = o.as_ref_();
        c.not_blank(&r, "title", &o.title.text);
        c.reference(&r, "outcome", o.outcome_id, &[K::Outcome]);
    }
    for a in &plan.activities {
        let r = a.as_ref_();
        c.not_blank(&r, "title", &a.title.text);
        c.reference(&r, "output", a.output_id, &[K::Output]);
        c.opt_reference(&r, "lead agency", a.lead_agency_id, &[K::Agency]);
        for &s in &a.supporting_agency_ids {
            c.reference(&r, "supporting agency", s, &[K::Agency]);
        }
        for &y in &a.years {
            c.year(&r, "implementation years", y);
        }
        if let Some(ct) = a.contingency {
            if ct.is_sign_negative() || ct > Decimal::ONE {
                c.errors.push(ValidationError::OutOfRange {
                    record: r.clone(),
                    field: "contingency".into(),
                    value: ct.to_string(),
                    reason: "it must be a fraction between 0 and 1 (0.05 = 5 %)".into(),
                });
            }
        }
    }
    for i in &plan.indicators {
        let r = i.as_ref_();
        c.not_blank(&r, "statement", &i.statement.text);
        match (i.level, i.parent_id) {
            (IndicatorLevel::Impact, Some(p)) => c.errors.push(ValidationError::OutOfRange {
                record: r.clone(),
                field: "parent".into(),
                value: p.to_string(),
                reason: "impact indicators measure the goal and have no parent".into(),
            }),
            (IndicatorLevel::Outcome, p) => {
                c.reference(&r, "parent", p.unwrap_or_default(), &[K::Outcome])
            }
            (IndicatorLevel::Output, p) => {
                c.reference(&r, "parent", p.unwrap_or_default(), &[K::Output])
            }
            (IndicatorLevel::Impact, None) => {}
        }
        c.opt_reference(
            &r,
            "responsible agency",
            i.responsible_agency_id,
            &[K::Agency],
        );
        for y in i.targets.keys() {
            c.year(&r, "targets", *y);
        }
        if let Some(y) = i.baseline_year {
            if y > m.end_year {
                c.year(&r, "baseline year", y);
            }
        }
        if matches!(i.kind, IndicatorType::Number | IndicatorType::Percentage) {
            let values = i
                .baseline_value
                .iter()
                .map(|v| ("baseline", v))
                .chain(i.targets.values().map(|v| ("target", v)));
            for (field, v) in values {
                if v.trim().parse::<Decimal>().is_err() {
                    c.errors.push(ValidationError::NonNumericIndicatorValue {
                        record: r.clone(),
                        field: field.into(),
                        value: v.clone(),
                        kind_label: format!("{:?}", i.kind).to_lowercase(),
                    });
                }
            }
        }
    }
    let indicators: FastMap<Id, &Indicator> =
        plan.indicators.iter().map(|i| (i.record.id, i)).collect();
    for p in &plan.progress {
        let r = p.as_ref_();
        c.reference(&r, "indicator", p.indicator_id, &[K::Indicator]);
        c.year(&r, "year", p.year);
        c.period(&r, &p.period, p.year);
        let Some(i) = indicators.get(&p.indicator_id) else {
            continue;
        };
        let numeric = matches!(i.kind, IndicatorType::Number | IndicatorType::Percentage);
        let values = std::iter::once(("value", &p.value))
            .chain(p.breakdown.iter().map(|b| ("breakdown", &b.value)));
        for (field, v) in values {
            if numeric && v.trim().parse::<Decimal>().is_err() {
                c.errors.push(ValidationError::NonNumericIndicatorValue {
                    record: r.clone(),
                    field: field.into(),
                    value: v.clone(),
                    kind_label: format!("{:?}", i.kind).to_lowercase(),
                });
            }
        }
        for b in &p.breakdown {
            if !i.disaggregation.contains(&b.dimension) {
                c.errors.push(ValidationError::OutOfRange {
                    record: r.clone(),
                    field: "breakdown".into(),
                    value: format!("{:?}", b.dimension).to_lowercase(),
                    reason: "the indicator is not broken down that way".into(),
                });
            }
            c.not_blank(&r, "breakdown group", &b.group);
        }
    }
    for s in &plan.activity_statuses {
        let r = s.as_ref_();
        c.reference(&r, "activity", s.activity_id, &[K::Activity]);
        c.year(&r, "year", s.year);
        c.period(&r, &s.period, s.year);
    }
    for e in &plan.reporting_events {
        let r = e.as_ref_();
        c.not_blank(&r, "title", &e.title.text);
        c.opt_reference(
            &r,
            "responsible agency",
            e.responsible_agency_id,
            &[K::Agency],
        );
    }
    for e in &plan.expenditures {
        let r = e.as_ref_();
        c.reference(&r, "activity", e.activity_id, &[K::Activity]);
        c.opt_reference(
            &r,
            "funding source",
            e.funding_source_id,
            &[K::FundingSource],
        );
        c.year(&r, "year", e.year);
        c.currency(Some(&r), "currency", &e.currency);
        c.non_negative(&r, "amount", e.amount);
    }
    for item in &plan.catalogue {
        let r = item.as_ref_();
        c.not_blank(&r, "name", &item.name.text);
        c.currency(Some(&r), "currency", &item.currency);
        c.non_negative(&r, "unit cost", item.unit_cost);
    }
    for line in &plan.cost_lines {
        c.cost_line(line);
    }
    for x in &plan.exchange_rates {
        let r = x.as_ref_();
        c.currency(Some(&r), "currency", &x.currency);
        if let Some(y) = x.year {
            c.year(&r, "year", y);
        }
        if x.rate <= Decimal::ZERO {
            c.errors.push(ValidationError::NotPositive {
                record: r.clone(),
                field: "rate".into(),
                value: x.rate.to_string(),
            });
        } else if x.rate < RATE_FLOOR || x.rate > RATE_LIMIT {
            c.errors.push(ValidationError::OutOfRange {
                record: r.clone(),
                field: "rate".into(),
                value: x.rate.to_string(),
                reason: "outside 0.000000001 to 1,000,000,000, the range of real exchange rates"
                    .into(),
            });
        }
    }
    for n in &plan.classification_names {
        let r = n.as_ref_();
        c.not_blank(&r, "code", &n.code);
        if n.record.id != ClassificationName::id_for(n.scheme, &n.code) {
            c.errors.push(ValidationError::InvalidSetting {
                field: format!("id of the name of {}", crate::text::quoted(n.code.trim())),
                value: n.record.id.to_string(),
                reason: "it must be the id derived from the scheme and the code, so that \
                         copies naming the same code merge"
                    .into(),
            });
        }
    }
    for s in &plan.funding_sources {
        let r = s.as_ref_();
        c.not_blank(&r, "name", &s.name.text);
        c.currency(Some(&r), "currency", &s.currency);
        c.opt_reference(&r, "agency", s.agency_id, &[K::Agency]);
        for (&y, &amount) in &s.amounts {
            c.year(&r, "amounts", y);
            c.non_negative(&r, || format!("amount for {y}"), amount);
        }
        for e in &s.earmarks {
            let kind = match e.target {
                EarmarkTarget::Activity => K::Activity,
                EarmarkTarget::Output => K::Output,
                EarmarkTarget::Outcome => K::Outcome,
                EarmarkTarget::Pillar => K::Pillar,
                EarmarkTarget::Agency => K::Agency,
            };
            c.reference(&r, "earmark", e.target_id, &[kind]);
        }
    }
    for ca in &plan.communication_activities {
        let r = ca.as_ref_();
        c.not_blank(&r, "title", &ca.title.text);
        c.opt_reference(
            &r,
            "responsible agency",
            ca.responsible_agency_id,
            &[K::Agency],
        );
        c.opt_reference(&r, "activity", ca.activity_id, &[K::Activity]);
        if let Some(y) = ca.year {
            c.year(&r, "year", y);
        }
    }
    for ap in &plan.agency_plans {
        let r = ap.as_ref_();
        c.reference(&r, "agency", ap.agency_id, &[K::Agency]);
    }
    let mut seen_plan_agencies = FastSet::default();
    for ap in &plan.agency_plans {
        if !seen_plan_agencies.insert(ap.agency_id) {
            c.errors.push(ValidationError::OutOfRange {
                record: ap.as_ref_(),
                field: "agency".into(),
                value: ap.agency_id.to_string(),
                reason: "the agency already has an operational plan".into(),
            });
        }
    }
    for s in &plan.sub_activities {
        let r = s.as_ref_();
        c.reference(&r, "agency plan", s.agency_plan_id, &[K::AgencyPlan]);
        c.reference(&r, "activity", s.activity_id, &[K::Activity]);
        c.year(&r, "year", s.year);
        for &q in &s.quarters {
            if !(1..=4).contains(&q) {
                c.errors.push(ValidationError::OutOfRange {
                    record: r.clone(),
                    field: "quarters".into(),
                    value: q.to_string(),
                    reason: "quarters are 1 to 4".into(),
                });
            }
        }
        if let Some(b) = s.budget {
            c.non_negative(&r, "budget", b);
        }
    }
    for b in &plan.bodies {
        let r = b.as_ref_();
        c.not_blank(&r, "name", &b.name.text);
        c.opt_reference(&r, "pillar", b.pillar_id, &[K::Pillar]);
        c.opt_reference(&r, "reports to", b.reports_to_id, &[K::Body]);
        for &a in b.chair_ids.iter().chain(&b.member_ids) {
            c.reference(&r, "chairs and members", a, &[K::Agency]);
        }
    }
    // Reporting lines form a forest: following reports_to from any body ends at a top body.
    let reports_to: FastMap<Id, Id> = plan
        .bodies
        .iter()
        .filter_map(|b| b.reports_to_id.map(|t| (b.record.id, t)))
        .collect();
    for b in &plan.bodies {
        let mut at = b.record.id;
        for _ in 0..=plan.bodies.len() {
            match reports_to.get(&at) {
                Some(&next) if next == b.record.id => {
                    c.errors.push(ValidationError::ReportingCycle {
                        record: b.as_ref_(),
                    });
                    break;
                }
                Some(&next) => at = next,
                None => break,
            }
        }
    }
    for con in &plan.consultations {
        c.not_blank(&con.as_ref_(), "title", &con.title.text);
    }
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    #[test]
    fn the_sample_plan_is_valid() {
        assert_eq!(validate(&sample_plan()), vec![]);
    }

    #[test]
    fn the_limits_are_the_numbers_they_say() {
        assert_eq!(AMOUNT_LIMIT, Decimal::from(10_i64.pow(15)));
        assert_eq!(RATE_LIMIT, Decimal::from(10_i64.pow(9)));
        assert_eq!(RATE_FLOOR, "0.000000001".parse::<Decimal>().unwrap());
    }

    /// Amounts near the largest decimal were accepted and then made every costing view and
    /// export fail or panic (an overflow in the funding allocation): refused at entry now.
    #[test]
    fn amounts_and_rates_beyond_the_limits_are_refused() {
        let base = sample_plan();
        let over = AMOUNT_LIMIT + Decimal::ONE;
        let out_of_range = |p: &Plan, field: &str| {
            validate(p).iter().any(|e| {
                matches!(e, ValidationError::OutOfRange { field: f, .. } if f.starts_with(field))
            })
        };
        let mut p = base.clone();
        p.funding_sources[0].amounts.insert(2026, Decimal::MAX);
        assert!(out_of_range(&p, "amount for 2026"));
        let mut p = base.clone();
        p.cost_lines[0].unit_cost = Some(over);
        assert!(out_of_range(&p, "unit cost"));
        let mut p = base.clone();
        p.cost_lines[0].quantities.insert(2027, over);
        assert!(out_of_range(&p, "quantity for 2027"));
        let mut p = base.clone();
        p.exchange_rates[0].rate = RATE_LIMIT + Decimal::ONE;
        assert!(out_of_range(&p, "rate"));
        let mut p = base.clone();
        p.exchange_rates[0].rate = Decimal::new(1, 10);
        assert!(out_of_range(&p, "rate"));
        let mut p = base.clone();
        p.cost_lines[0].unit_cost = Some(AMOUNT_LIMIT);
        assert!(validate(&p).is_empty(), "the limit itself is allowed");
    }

    #[test]
    fn each_rule_reports_its_own_error() {
        let base = sample_plan();

        let mut p = base.clone();
        p.cost_lines[0].quantities.insert(2031, Decimal::ONE);
        let errs = validate(&p);
        assert!(
            matches!(
                &errs[..],
                [ValidationError::YearOutsidePeriod {
                    year: 2031,
                    start: 2026,
                    end: 2030,
                    ..
                }]
            ),
            "{errs:?}"
        );

        let mut p = base.clone();
        p.cost_lines[0]
            .quantities
            .insert(2027, Decimal::NEGATIVE_ONE);
        assert!(matches!(
            &validate(&p)[..],
            [ValidationError::NegativeQuantity { year: 2027, .. }]
        ));

        let mut p = base.clone();
        p.activities[0].lead_agency_id = Some(Id::from_u128(42));
        let errs = validate(&p);
        assert!(
            matches!(&errs[..], [ValidationError::UnknownReference { field, .. }] if field == "lead agency"),
            "{errs:?}"
        );

        let mut p = base.clone();
        p.activities[1].code = p.activities[0].code.clone();
        assert!(matches!(
            &validate(&p)[..],
            [ValidationError::DuplicateCode {
                kind: RecordKind::Activity,
                ..
            }]
        ));

        let mut p = base.clone();
        p.catalogue[0].currency = "XYZ".into();
        assert!(matches!(
            &validate(&p)[..],
            [ValidationError::UnknownCurrency { currency, .. }] if currency == "XYZ"
        ));

        let mut p = base.clone();
        let dup = p.pillars[0].record.id;
        p.pillars[1].record.id = dup;
        assert!(validate(&p)
            .iter()
            .any(|e| matches!(e, ValidationError::DuplicateId { id } if *id == dup)));

        let mut p = base.clone();
        p.meta.end_year = 2020;
        assert!(matches!(
            validate(&p)[0],
            ValidationError::InvalidPeriod { .. }
        ));

        let mut p = base.clone();
        let free_line = p
            .cost_lines
            .iter_mut()
            .find(|l| l.catalogue_item_id.is_none())
            .expect("sample has free lines");
        free_line.unit_cost = None;
        assert!(matches!(
            &validate(&p)[..],
            [ValidationError::MissingCostField { field, .. }] if field == "unit cost"
        ));
    }

    #[test]
    fn reporting_cycles_are_found() {
        let mut p = sample_plan();
        let top = p
            .bodies
            .iter()
            .position(|b| b.reports_to_id.is_none())
            .unwrap();
        let child = p
            .bodies
            .iter()
            .find(|b| b.reports_to_id == Some(p.bodies[top].record.id))
            .unwrap()
            .record
            .id;
        p.bodies[top].reports_to_id = Some(child);
        let errs = validate(&p);
        assert!(errs
            .iter()
            .any(|e| matches!(e, ValidationError::ReportingCycle { .. })));
    }

    #[test]
    fn error_codes_are_stable_snake_case() {
        let e = ValidationError::DuplicateId { id: Id::nil() };
        assert_eq!(e.rule(), "duplicate_id");
        assert!(e.to_string().contains("more than one record"));
    }
}

#[cfg(test)]
mod replaced_line {
    use super::*;
    use crate::sample::sample_plan;
    use proptest::prelude::*;

    /// An id to point a reference at: another record's of any kind, or none of the plan's.
    fn some_id(plan: &Plan, pick: usize) -> Id {
        let ids: Vec<Id> = (plan.activities.iter().map(|r| r.record.id))
            .chain(plan.catalogue.iter().map(|r| r.record.id))
            .chain(plan.funding_sources.iter().map(|r| r.record.id))
            .chain(plan.agencies.iter().map(|r| r.record.id))
            .chain(plan.cost_lines.iter().take(3).map(|r| r.record.id))
            .collect();
        ids.get(pick % (ids.len() + 1))
            .copied()
            .unwrap_or(Id::from_u128(0xdead))
    }

    proptest! {
        /// Checking only the replaced line finds exactly what the whole validation finds,
        /// whatever the line was changed to.
        #[test]
        fn checking_the_replaced_line_finds_what_the_whole_validation_finds(
            index in 0usize..1000,
            activity in proptest::option::of(0usize..200),
            catalogue in proptest::option::of(proptest::option::of(0usize..200)),
            source in proptest::option::of(proptest::option::of(0usize..200)),
            item in proptest::option::of(prop_oneof![Just(""), Just("  "), Just("Trainers")]),
            blanks in proptest::collection::vec(any::<bool>(), 4),
            currency in proptest::option::of(prop_oneof![Just("KHR"), Just("USD"), Just("XXZ"), Just("")]),
            unit_cost in proptest::option::of(-1_000_000i64..1_000_000),
            quantities in proptest::collection::vec((2020i32..2040, -5i64..1_000_000_000_000_000), 0..4),
        ) {
            let mut plan = sample_plan();
            prop_assert!(validate(&plan).is_empty());
            let at = index % plan.cost_lines.len();
            let mut line = plan.cost_lines[at].clone();
            if let Some(pick) = activity {
                line.activity_id = some_id(&plan, pick);
            }
            if let Some(pick) = catalogue {
                line.catalogue_item_id = pick.map(|p| some_id(&plan, p));
            }
            if let Some(pick) = source {
                line.funding_source_id = pick.map(|p| some_id(&plan, p));
            }
            if let Some(text) = item {
                line.item.text = text.to_string();
            }
            if blanks[0] { line.unit = None; }
            if blanks[1] { line.economic_code = None; }
            if blanks[2] { line.unit_cost = None; }
            if blanks[3] { line.currency = None; }
            if let Some(code) = currency {
                line.currency = Some(code.to_string());
            }
            if let Some(cost) = unit_cost {
                line.unit_cost = Some(Decimal::new(cost, 2));
            }
            for (year, q) in quantities {
                line.quantities.insert(year, Decimal::new(q, 1));
            }
            plan.cost_lines[at] = line.clone();
            let mut whole: Vec<String> = validate(&plan).iter().map(|e| format!("{e:?}")).collect();
            let mut only: Vec<String> =
                validate_replaced(&plan, &line).iter().map(|e| format!("{e:?}")).collect();
            whole.sort();
            only.sort();
            prop_assert_eq!(whole, only);
        }
    }
}
